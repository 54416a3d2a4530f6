import Diagnostics
import IndicatorStore

/// The shell's catalogue views of a store, as `ResultTable`s:
/// `.series [PATTERN]`, `.indicators`, `.regions` and `.describe`.
///
/// ```swift
/// let table = try Catalog.series(in: store, matching: "湘潭")
/// let described = Catalog.describe(store, series: store.series { $0.indicator == "地区生产总值" })
/// ```
public enum Catalog {
  /// One row per series: region, indicator, measure, scenario, unit, count,
  /// first, last (periods). `pattern` keeps the series where some label
  /// contains it as a substring or matches it as a regular expression; an
  /// invalid regular expression is used as a plain substring.
  public static func series(in store: IndicatorStore, matching pattern: String? = nil) -> ResultTable {
    let regex: Regex<AnyRegexOutput>? = pattern.flatMap { try? Regex($0) }
    let chosen = (0..<store.seriesCount).filter { s in
      guard let pattern, !pattern.isEmpty else { return true }
      let labels = store.labels(ofSeries: s)
      let texts = [labels.region, labels.indicator, labels.measure.rawValue, labels.scenario.rawValue, labels.unit]
      return texts.contains { text in
        text.contains(pattern) || (regex.map { (try? $0.firstMatch(in: text)) != nil } ?? false)
      }
    }
    var table = labelColumns(store, chosen)
    table.append(.number("count", chosen.map { Double(store.rows(ofSeries: $0).count) }, role: .other))
    table.append(.text("first", chosen.map { s in store.rows(ofSeries: s).first.map { store.period(ofRow: $0).description } }))
    table.append(.text("last", chosen.map { s in store.rows(ofSeries: s).last.map { store.period(ofRow: $0).description } }))
    return table
  }

  /// One row per indicator with data: its aliases (comma separated), series
  /// and observation counts.
  public static func indicators(in store: IndicatorStore, aliases: AliasTable = AliasTable()) -> ResultTable {
    var seriesCount: [String: Int] = [:]
    var rowCount: [String: Int] = [:]
    for s in 0..<store.seriesCount {
      let name = store.labels(ofSeries: s).indicator
      seriesCount[name, default: 0] += 1
      rowCount[name, default: 0] += store.rows(ofSeries: s).count
    }
    let names = store.indicatorNames
    return ResultTable(columns: [
      .text("indicator", names),
      .text("aliases", names.map { aliases.aliases(of: $0).joined(separator: ", ") }),
      .number("series", names.map { Double(seriesCount[$0] ?? 0) }, role: .other),
      .number("observations", names.map { Double(rowCount[$0] ?? 0) }, role: .other),
    ])
  }

  /// As `indicators(in:aliases:)` with aliases as alias → canonical name.
  public static func indicators(in store: IndicatorStore, aliases: [String: String]) -> ResultTable {
    indicators(in: store, aliases: AliasTable(aliases))
  }

  /// One row per region: series and observation counts, first and last period.
  public static func regions(in store: IndicatorStore) -> ResultTable {
    var seriesCount: [String: Int] = [:]
    var rowCount: [String: Int] = [:]
    var first: [String: Period] = [:]
    var last: [String: Period] = [:]
    for s in 0..<store.seriesCount {
      let name = store.labels(ofSeries: s).region
      let rows = store.rows(ofSeries: s)
      seriesCount[name, default: 0] += 1
      rowCount[name, default: 0] += rows.count
      for row in rows {
        let p = store.period(ofRow: row)
        if first[name].map({ p < $0 }) ?? true { first[name] = p }
        if last[name].map({ $0 < p }) ?? true { last[name] = p }
      }
    }
    let names = store.regionNames
    return ResultTable(columns: [
      .text("region", names),
      .number("series", names.map { Double(seriesCount[$0] ?? 0) }, role: .other),
      .number("observations", names.map { Double(rowCount[$0] ?? 0) }, role: .other),
      .text("first", names.map { first[$0]?.description }),
      .text("last", names.map { last[$0]?.description }),
    ])
  }

  /// One row per given series: its labels, observation count, count of
  /// missing values, every period (in order), and the report files quoted.
  public static func describe(_ store: IndicatorStore, series: [Int]) -> ResultTable {
    let chosen = series.filter { $0 >= 0 && $0 < store.seriesCount }
    var table = labelColumns(store, chosen)
    table.append(.number("count", chosen.map { Double(store.rows(ofSeries: $0).count) }, role: .other))
    table.append(
      .number(
        "missing", chosen.map { s in Double(store.rows(ofSeries: s).filter { !store.isValid(row: $0) }.count) },
        role: .other))
    table.append(
      .text(
        "periods",
        chosen.map { s in
          var seen: [String] = []
          for row in store.rows(ofSeries: s) {
            let p = store.period(ofRow: row).description
            if seen.last != p { seen.append(p) }  // a range target's two rows share a period
          }
          return seen.joined(separator: ", ")
        }))
    table.append(
      .text(
        "sources",
        chosen.map { s in
          var seen: [String] = []
          for row in store.rows(ofSeries: s) {
            let source = store.source(ofRow: row)
            if !source.isEmpty && !seen.contains(source) { seen.append(source) }
          }
          return seen.joined(separator: ", ")
        }, role: .provenance))
    return table
  }

  /// `.describe SELECTOR` over an evaluated result: one row per distinct
  /// combination of the label columns it has (region, indicator, measure,
  /// scenario, unit), with the observation count, missing values (of the
  /// `value` column), the periods in order of appearance, and the sources
  /// when the table has a `source` column.
  public static func describe(_ table: ResultTable) -> ResultTable {
    let labelNames = SeriesLabels.labelNames.filter { table.column(named: $0) != nil }
    let labelColumns = labelNames.compactMap { table.column(named: $0) }
    let value = table.column(named: "value") ?? table.columns.first { $0.role == .value }
    let period = table.column(named: "period")
    let source = table.column(named: "source")
    var keys: [[String]] = []
    var groupOf: [[String]: Int] = [:]
    var counts: [Int] = [], missing: [Int] = [], periods: [[String]] = [], sources: [[String]] = []
    for row in 0..<table.rowCount {
      let key = labelColumns.map { $0.exactText(at: row) }
      let g: Int
      if let existing = groupOf[key] {
        g = existing
      } else {
        g = keys.count
        groupOf[key] = g
        keys.append(key)
        counts.append(0)
        missing.append(0)
        periods.append([])
        sources.append([])
      }
      counts[g] += 1
      if let value, value.isNumeric, value.number(at: row) == nil { missing[g] += 1 }
      if let p = period?.exactText(at: row), !p.isEmpty, periods[g].last != p { periods[g].append(p) }
      if let s = source?.exactText(at: row), !s.isEmpty, !sources[g].contains(s) { sources[g].append(s) }
    }
    var out = ResultTable()
    for (i, name) in labelNames.enumerated() { out.append(.text(name, keys.map { $0[i] })) }
    out.append(.number("count", counts.map(Double.init), role: .other))
    out.append(.number("missing", missing.map(Double.init), role: .other))
    if period != nil { out.append(.text("periods", periods.map { $0.joined(separator: ", ") })) }
    if source != nil { out.append(.text("sources", sources.map { $0.joined(separator: ", ") }, role: .provenance)) }
    return out
  }

  static func labelColumns(_ store: IndicatorStore, _ series: [Int]) -> ResultTable {
    let labels = series.map { store.labels(ofSeries: $0) }
    return ResultTable(columns: [
      .text("region", labels.map(\.region)), .text("indicator", labels.map(\.indicator)),
      .text("measure", labels.map(\.measure.rawValue)), .text("scenario", labels.map(\.scenario.rawValue)),
      .text("unit", labels.map(\.unit)),
    ])
  }
}
