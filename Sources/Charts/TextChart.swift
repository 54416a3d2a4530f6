import IndicatorStore

/// Terminal charts of a result table: a braille line chart per series over
/// its periods, or horizontal bars when each series has one period.
///
/// Everything except the braille lines is ASCII: axes `|`, `+`, `-`; point
/// markers `o + x # @ % & $` (one per series, so a legend reads without
/// colour); `*` an estimate (预计); `T` a target (targets of a series are
/// also joined by a dashed line); bars `#` (actual) and `=` (estimate).
/// Block elements (▁…█) are avoided on purpose: they are East Asian
/// *Ambiguous* and a CJK terminal may draw them two columns wide.
///
/// ```swift
/// let text = try TextChart.render(table, style: ChartStyle(useColor: false, width: 80))
/// print(text)
/// ```
public enum TextChart {
  /// At most this many lines in one chart (one marker per series).
  public static let maxSeries = 8
  /// At most this many bars.
  public static let maxBars = 30
  /// Point markers, one per series.
  public static let markers: [Character] = ["o", "+", "x", "#", "@", "%", "&", "$"]
  public static let estimateMarker: Character = "*"
  public static let targetMarker: Character = "T"

  /// The chart for `table` (no trailing newline).
  public static func render(_ table: ResultTable, style: ChartStyle) throws(ChartError) -> String {
    let data = try ChartData(table)
    return try render(data, style: style)
  }

  public static func render(_ data: ChartData, style: ChartStyle) throws(ChartError) -> String {
    if data.isBarChart {
      guard data.series.count <= maxBars else { throw tooMany(maxBars) }
      return bars(data, style: style)
    }
    guard data.series.count <= maxSeries else { throw tooMany(maxSeries) }
    return lines(data, style: style)
  }

  static func tooMany(_ n: Int) -> ChartError {
    ChartError(
      "plot shows at most \(n) series; narrow the selector, e.g. {region=\"湘潭市\"}",
      help: "spark(EXPR) shows one line per series for any number of series")
  }

  // MARK: - Lines

  static func lines(_ data: ChartData, style: ChartStyle) -> String {
    let width = max(40, style.width)
    let scale = Scale(values: data.allValues, tickCount: max(2, min(6, style.height / 2)))
    let ticks = scale.ticks.map { (value: $0, text: scale.label($0)) }
    let labelWidth = ticks.map { DisplayWidth.of($0.text) }.max() ?? 1
    // Room for the x labels: the last one is centred on the last point, so
    // keep half its width free on the right.
    let lastLabelHalf = (data.periods.last.map(DisplayWidth.of) ?? 0) / 2
    let plotColumns = max(10, width - labelWidth - 2 - lastLabelHalf)
    let rows = max(4, style.height)
    var canvas = BrailleCanvas(columns: plotColumns, rows: rows)

    // x in dots of category i: one cell of margin at either end.
    let n = data.periods.count
    func xDot(_ category: Int) -> Int {
      if n == 1 { return canvas.dotWidth / 2 }
      let usable = Double(canvas.dotWidth - 1 - 4)
      return 2 + Int((Double(category) * usable / Double(n - 1)).rounded())
    }
    func yDot(_ value: Double) -> Int {
      Int(((1 - scale.fraction(value)) * Double(canvas.dotHeight - 1)).rounded())
    }

    for (index, series) in data.series.enumerated() {
      for (a, b) in zip(series.targets, series.targets.dropFirst()) {
        canvas.line(from: (xDot(a.category), yDot(a.value)), to: (xDot(b.category), yDot(b.value)), color: index, dashed: true)
      }
      for (a, b) in zip(series.points, series.points.dropFirst()) {
        canvas.line(from: (xDot(a.category), yDot(a.value)), to: (xDot(b.category), yDot(b.value)), color: index)
      }
    }
    // Markers after all lines so no line hides a point; outcomes over targets.
    for (index, series) in data.series.enumerated() {
      for t in series.targets {
        canvas.place(targetMarker, column: xDot(t.category) / 2, row: yDot(t.value) / 4, color: index)
      }
    }
    for (index, series) in data.series.enumerated() {
      for p in series.points {
        let mark = p.isEstimate ? estimateMarker : markers[index % markers.count]
        canvas.place(mark, column: xDot(p.category) / 2, row: yDot(p.value) / 4, color: index)
      }
    }

    var out: [String] = []
    if !data.title.isEmpty { out.append(DisplayWidth.truncate(data.title, toWidth: width)) }
    out.append(DisplayWidth.pad("", toWidth: labelWidth) + " " + (data.unit.map { "(\($0))" } ?? ""))
    // Tick labels on the rows their values fall in.
    var rowLabels = [String?](repeating: nil, count: rows)
    for tick in ticks {
      let row = yDot(tick.value) / 4
      if row >= 0, row < rows, rowLabels[row] == nil { rowLabels[row] = tick.text }
    }
    for (row, text) in canvas.lines(useColor: style.useColor).enumerated() {
      let label = DisplayWidth.pad(rowLabels[row] ?? "", toWidth: labelWidth, alignRight: true)
      out.append(label + " " + (rowLabels[row] == nil ? "|" : "+") + text)
    }
    // x axis with a tick under every category, then the period labels.
    var axis = Array(repeating: Character("-"), count: plotColumns)
    for category in 0..<n { axis[min(plotColumns - 1, xDot(category) / 2)] = "+" }
    out.append(String(repeating: " ", count: labelWidth + 1) + "+" + String(axis))
    out.append(periodLabels(data.periods, at: (0..<n).map { labelWidth + 2 + xDot($0) / 2 }, width: width))
    out += legend(data, style: style, width: width)
    return out.map { trimTrailing($0) }.joined(separator: "\n")
  }

  /// Period labels centred under their ticks; labels that would touch the
  /// previous one are left out (the tick still marks the period).
  static func periodLabels(_ labels: [String], at columns: [Int], width: Int) -> String {
    var line = ""
    var used = 0
    for (label, column) in zip(labels, columns) {
      let w = DisplayWidth.of(label)
      let start = min(max(column - w / 2, used == 0 ? 0 : used + 1), max(0, width - w))
      guard start >= (used == 0 ? 0 : used + 1), start + w <= width else { continue }
      line += String(repeating: " ", count: start - used) + label
      used = start + w
    }
    return line
  }

  /// Series entries in aligned columns (by display width, so Chinese names
  /// line up), then a key of the special marks that occur.
  static func legend(_ data: ChartData, style: ChartStyle, width: Int) -> [String] {
    var out: [String] = []
    if data.series.count > 1 || data.hasTargets || data.hasEstimates {
      let names = data.series.map { DisplayWidth.truncate($0.name, toWidth: max(8, width / 2 - 4)) }
      let entryWidth = (names.map(DisplayWidth.of).max() ?? 0) + 2 + 3
      let perLine = max(1, (width - 2) / entryWidth)
      var line = " "
      for (index, name) in names.enumerated() {
        let marker = String(markers[index % markers.count])
        let entry = DisplayWidth.pad(name, toWidth: entryWidth - 2)
        line += " " + (style.useColor ? ANSI.colored(marker, series: index) : marker) + " " + entry
        if (index + 1) % perLine == 0 || index == names.count - 1 {
          out.append(line)
          line = " "
        }
      }
    }
    var key: [String] = []
    if data.hasEstimates { key.append("\(estimateMarker) estimate (预计)") }
    if data.hasTargets { key.append("\(targetMarker) target (dashed: targets over time)") }
    out += keyLines(key, width: width)
    return out
  }

  /// The key on one line when it fits, else one entry per line.
  static func keyLines(_ key: [String], width: Int) -> [String] {
    guard !key.isEmpty else { return [] }
    let joined = "  " + key.joined(separator: "   ")
    return DisplayWidth.of(joined) <= width ? [joined] : key.map { "  " + $0 }
  }

  static func trimTrailing(_ s: String) -> String {
    var s = s
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }

  // MARK: - Bars

  static func bars(_ data: ChartData, style: ChartStyle) -> String {
    let width = max(40, style.width)
    // One row per series; its single period goes into the header when all
    // agree, else next to the name.
    let periodsUsed = Set(data.series.flatMap { ($0.points + $0.targets).map(\.category) })
    let sharedPeriod = periodsUsed.count == 1 ? data.periods[periodsUsed.first ?? 0] : nil
    struct Bar {
      var name: String
      var outcome: ChartPoint?
      var target: ChartPoint?
    }
    let rows = data.series.map { s -> Bar in
      let category = (s.points.first ?? s.targets.first)?.category ?? 0
      let name = sharedPeriod == nil && !data.periods.isEmpty ? "\(s.name) \(data.periods[category])" : s.name
      return Bar(name: name, outcome: s.points.first, target: s.targets.first)
    }
    let valueTexts = rows.map { bar -> String in
      var text = bar.outcome.map { ChartNumber.format($0.value) + ($0.isEstimate ? "*" : "") } ?? "-"
      if let t = bar.target { text += " (target \(ChartNumber.format(t.value)))" }
      return text
    }
    let valueWidth = valueTexts.map(DisplayWidth.of).max() ?? 1
    let nameWidth = min(rows.map { DisplayWidth.of($0.name) }.max() ?? 1, max(8, width / 3))
    let barWidth = max(10, width - nameWidth - 3 - valueWidth)
    // Bars span the data exactly (not the nice ticks), so the longest fills the width.
    let low = min(0, data.allValues.min() ?? 0)
    let high = max(0, data.allValues.max() ?? 0)
    let span = high - low == 0 ? 1 : high - low
    func column(_ v: Double) -> Int { Int(((v - low) / span * Double(barWidth)).rounded()) }
    let zero = column(0)

    var out: [String] = []
    var header = data.title
    let qualifiers = [sharedPeriod, data.unit].compactMap { $0 }
    if !qualifiers.isEmpty { header += (header.isEmpty ? "" : " ") + "(" + qualifiers.joined(separator: ", ") + ")" }
    if !header.isEmpty { out.append(DisplayWidth.truncate(header, toWidth: width)) }
    for (index, bar) in rows.enumerated() {
      var cells = [String](repeating: " ", count: barWidth)
      if let o = bar.outcome {
        let end = column(o.value)
        let range = o.value >= 0 ? zero..<max(zero, end) : min(zero, end)..<zero
        let mark = o.isEstimate ? "=" : "#"
        for i in range where i < barWidth { cells[i] = style.useColor ? ANSI.colored(mark, series: 0) : mark }
      }
      if let t = bar.target {
        let i = min(barWidth - 1, max(0, column(t.value) - (t.value > 0 ? 1 : 0)))
        cells[i] = style.useColor ? ANSI.colored("T", code: ANSI.targetCode) : "T"
      }
      cells.insert("|", at: min(zero, barWidth))
      let name = DisplayWidth.pad(DisplayWidth.truncate(bar.name, toWidth: nameWidth), toWidth: nameWidth)
      out.append(trimTrailing(name + " " + cells.joined() + " " + valueTexts[index]))
    }
    var key: [String] = []
    if data.hasEstimates { key.append("# actual  = estimate (预计)") }
    if data.hasTargets { key.append("T target") }
    out += keyLines(key, width: width)
    return out.joined(separator: "\n")
  }
}
