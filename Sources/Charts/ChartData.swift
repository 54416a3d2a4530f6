import IndicatorStore

/// How a chart is drawn: the shell decides, the chart functions only obey
/// (they never look at the terminal themselves, so tests are reproducible).
///
/// ```swift
/// let style = ChartStyle(useColor: false, width: 80, height: 12)
/// let text = try TextChart.render(table, style: style)
/// ```
public struct ChartStyle: Sendable, Equatable {
  /// Whether to emit ANSI colour escapes (only on a colour terminal with NO_COLOR unset).
  public var useColor: Bool
  /// Total width in terminal columns the chart may use.
  public var width: Int
  /// Rows of the plotting area of a line chart (axes, labels and legend come on top).
  public var height: Int

  public init(useColor: Bool = false, width: Int = 80, height: Int = 12) {
    self.useColor = useColor
    self.width = width
    self.height = height
  }
}

/// Why a result cannot be charted; the shell turns it into a diagnostic at the call.
///
/// ```swift
/// do { _ = try ChartData(table) } catch { print(error.message, error.help ?? "") }
/// ```
public struct ChartError: Error, Sendable, Equatable {
  public var message: String
  public var help: String?

  public init(_ message: String, help: String? = nil) {
    self.message = message
    self.help = help
  }
}

/// One point of a series: a period (an x category) and a figure.
public struct ChartPoint: Sendable, Equatable {
  /// Index into `ChartData.periods`.
  public var category: Int
  public var value: Double
  /// An estimate (预计) rather than a reported actual.
  public var isEstimate: Bool
}

/// One line (or one bar): outcomes, and the targets set for the same labels.
public struct ChartSeries: Sendable, Equatable {
  /// The legend name: the labels that differ between the series.
  public var name: String
  /// Outcomes (actual or estimate), sorted by period.
  public var points: [ChartPoint]
  /// Targets, sorted by period; drawn as markers and a dashed line.
  public var targets: [ChartPoint]
}

/// A result table reduced to what a chart draws: series over shared,
/// chronologically ordered period categories, in one unit.
///
/// Series are the rows grouped by their descriptive labels (region,
/// indicator, measure, unit …) but *not* by scenario or outcome: actual,
/// estimate and target rows of the same indicator belong to one series, so
/// the target is drawn next to the outcome it is compared with. Tables from
/// gap/attain carry outcome and target on one row (`value` and `target`
/// columns, `outcome` = actual/estimate) and come out the same way.
///
/// ```swift
/// let data = try ChartData(table)
/// data.periods          // ["2021", "2022", "2023"]
/// data.series[0].name   // "湘潭市"
/// data.isBarChart       // false: several periods per series
/// ```
public struct ChartData: Sendable, Equatable {
  public var title: String
  /// Period labels of the x categories, oldest first.
  public var periods: [String]
  public var series: [ChartSeries]
  /// The unit of every figure, nil when the table has none.
  public var unit: String?
  /// The name of the plotted column (`value`, `yoy`, …).
  public var valueName: String

  /// Label columns that never tell series apart: they vary within one
  /// series (period, scenario, outcome) or qualify single figures.
  static let nonSeriesLabels: Set<String> = [
    "period", "scenario", "outcome", "bound", "ref", "base", "gap_unit", "unit_high", "spark",
  ]

  /// Bars when every series has figures for at most one period: a
  /// comparison across regions or indicators, not a development over time.
  public var isBarChart: Bool {
    series.allSatisfy { s in Set((s.points + s.targets).map(\.category)).count <= 1 }
  }

  public var hasTargets: Bool { series.contains { !$0.targets.isEmpty } }
  public var hasEstimates: Bool { series.contains { $0.points.contains(where: \.isEstimate) } }

  /// Every figure drawn (outcomes and targets).
  public var allValues: [Double] { series.flatMap { $0.points.map(\.value) + $0.targets.map(\.value) } }

  public init(title: String, periods: [String], series: [ChartSeries], unit: String?, valueName: String) {
    self.title = title
    self.periods = periods
    self.series = series
    self.unit = unit
    self.valueName = valueName
  }

  /// Reads a result table. Throws when nothing numeric is in it or its
  /// figures are in different units (one axis cannot show both).
  public init(_ table: ResultTable) throws(ChartError) {
    let numeric = table.columns.filter(\.isNumeric)
    // The figure: `value` when present (gap/attain tables plot outcome vs
    // target, not the derived column), else the function's column.
    guard
      let valueColumn = numeric.first(where: { $0.name == "value" })
        ?? numeric.first(where: { $0.role == .value && $0.name != "target" })
        ?? numeric.first(where: { $0.role == .value || $0.role == .other })
    else {
      throw ChartError(
        "nothing numeric to plot", help: "plot a selection or a function of one, e.g. plot(gdp{region=\"湘潭市\"})")
    }
    let targetColumn = valueColumn.name == "value" ? numeric.first { $0.name == "target" } : nil
    let periodColumn = table.column(named: "period")
    let scenarioColumn = table.column(named: "scenario")
    let outcomeColumn = table.column(named: "outcome")
    let unitColumn = table.column(named: "unit")
    let keyColumns = table.columns.filter { column in
      column.role == .label && !column.isNumeric && !Self.nonSeriesLabels.contains(column.name)
        && { if case .text = column.cells { return true } else { return false } }()
    }

    // Categories: distinct periods, chronological (unparsable text last, in order seen).
    var periodTexts: [String] = []
    var seenPeriods: Set<String> = []
    for row in 0..<table.rowCount {
      let p = periodColumn?.text(at: row) ?? ""
      if seenPeriods.insert(p).inserted { periodTexts.append(p) }
    }
    let sorted = periodTexts.enumerated().sorted { a, b in
      switch (try? Period.parse(a.element), try? Period.parse(b.element)) {
      case let (pa?, pb?): return pa == pb ? a.offset < b.offset : pa < pb
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a.offset < b.offset
      }
    }.map(\.element)
    let categoryIndex = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element, $0.offset) })

    // Group rows into series by their key labels, in order of appearance.
    struct Building {
      var key: [String]
      var points: [Int: ChartPoint] = [:]
      var targets: [Int: ChartPoint] = [:]
    }
    var building: [Building] = []
    var indexOfKey: [[String]: Int] = [:]
    var units: [String] = []
    for row in 0..<table.rowCount {
      let key = keyColumns.map { $0.text(at: row) ?? "" }
      let category = categoryIndex[periodColumn?.text(at: row) ?? ""] ?? 0
      let scenario = scenarioColumn?.text(at: row)
      let outcome = outcomeColumn?.text(at: row)
      let value = valueColumn.number(at: row)
      let target = targetColumn?.number(at: row)
      guard value != nil || target != nil else { continue }
      let index: Int
      if let known = indexOfKey[key] {
        index = known
      } else {
        index = building.count
        indexOfKey[key] = index
        building.append(Building(key: key))
      }
      if let unit = valueColumn.unit ?? unitColumn?.text(at: row), !units.contains(unit) { units.append(unit) }
      if let value {
        if scenario == "target" {
          building[index].targets[category] = ChartPoint(category: category, value: value, isEstimate: false)
        } else {
          let isEstimate = scenario == "estimate" || outcome == "estimate"
          // An actual beats an estimate for the same period (the report's final word).
          if let existing = building[index].points[category], !existing.isEstimate, isEstimate { continue }
          building[index].points[category] = ChartPoint(category: category, value: value, isEstimate: isEstimate)
        }
      }
      if let target {
        building[index].targets[category] = ChartPoint(category: category, value: target, isEstimate: false)
      }
    }
    guard !building.isEmpty else {
      throw ChartError(
        "nothing numeric to plot: the result has no figures",
        help: "check the selector with .series, e.g. .series 湘潭市")
    }
    guard units.count <= 1 else {
      throw ChartError(
        "plot needs one unit; this result mixes \(units.joined(separator: ", "))",
        help: "narrow the selector to one measure, e.g. {measure=\"growth\"}")
    }

    // Legend names: the labels that differ between series; the rest make the title.
    let differing = keyColumns.indices.filter { c in Set(building.map { $0.key[c] }).count > 1 }
    let common = keyColumns.indices.filter { !differing.contains($0) && keyColumns[$0].name != "unit" }
    let commonText = common.compactMap { c in building[0].key[c].isEmpty ? nil : building[0].key[c] }
    let series = building.map { b in
      let name = differing.map { b.key[$0] }.filter { !$0.isEmpty }.joined(separator: " ")
      return ChartSeries(
        name: name.isEmpty ? (commonText.joined(separator: " ").isEmpty ? valueColumn.name : commonText.joined(separator: " ")) : name,
        points: b.points.values.sorted { $0.category < $1.category },
        targets: b.targets.values.sorted { $0.category < $1.category })
    }
    // Drop categories no series has a figure for (rows without numbers).
    let used = Set(series.flatMap { $0.points.map(\.category) + $0.targets.map(\.category) }).sorted()
    let remap = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($0.element, $0.offset) })
    func remapped(_ p: ChartPoint) -> ChartPoint {
      ChartPoint(category: remap[p.category] ?? 0, value: p.value, isEstimate: p.isEstimate)
    }
    self.series = series.map {
      ChartSeries(name: $0.name, points: $0.points.map(remapped), targets: $0.targets.map(remapped))
    }
    self.periods = used.map { sorted[$0] }
    self.unit = units.first
    self.valueName = valueColumn.name
    var title = table.title ?? commonText.joined(separator: ", ")
    if valueColumn.name != "value" { title = title.isEmpty ? valueColumn.name : "\(valueColumn.name): \(title)" }
    self.title = title
  }
}
