import IndicatorStore

/// Sparklines: one line of eight bar heights per series.
///
/// The characters ▁▂▃▄▅▆▇█ are East Asian *Ambiguous*: a terminal set to
/// "ambiguous = wide" draws them two columns wide, which widens the spark
/// column there. This is accepted for sparklines (nothing else has eight
/// heights in one cell, and the column is the last text before numbers);
/// the table still lines up on ordinary terminals, where they are narrow.
///
/// ```swift
/// Sparkline.line([1, 2, nil, 8])   // "▁▂ █"
/// Sparkline.line([5, 5, 5])        // "▄▄▄"
/// let table = try Sparkline.table(from: result)   // spark, first/last value and period per series
/// ```
public enum Sparkline {
  public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// Scaled from the line's own minimum (▁) to its maximum (█); a missing
  /// value is a space; a constant line sits in the middle (▄).
  public static func line(_ values: [Double?]) -> String {
    let present = values.compactMap { $0 }
    guard let low = present.min(), let high = present.max() else {
      return String(repeating: " ", count: values.count)
    }
    return String(
      values.map { value -> Character in
        guard let value else { return " " }
        if high == low { return levels[3] }
        let index = Int(((value - low) / (high - low) * Double(levels.count - 1)).rounded())
        return levels[min(levels.count - 1, max(0, index))]
      })
  }

  /// One row per series: its labels, the sparkline over all periods of the
  /// result (so the sparks of different series line up in time), and the
  /// first and last outcome with their periods. Targets are left out.
  public static func table(from result: ResultTable) throws(ChartError) -> ResultTable {
    let data = try ChartData(result)
    var names: [String] = []
    var sparks: [String] = []
    var firstPeriods: [String?] = []
    var firsts: [Double?] = []
    var lastPeriods: [String?] = []
    var lasts: [Double?] = []
    for series in data.series {
      var values = [Double?](repeating: nil, count: data.periods.count)
      for p in series.points { values[p.category] = p.value }
      names.append(series.name)
      sparks.append(line(values))
      firstPeriods.append(series.points.first.map { data.periods[$0.category] })
      firsts.append(series.points.first?.value)
      lastPeriods.append(series.points.last.map { data.periods[$0.category] })
      lasts.append(series.points.last?.value)
    }
    var table = ResultTable()
    table.title = data.title.isEmpty ? nil : data.title
    table.append(.text("series", names))
    table.append(.text("spark", sparks))
    table.append(.text("first_period", firstPeriods))
    table.append(.number("first", firsts, role: .value, unit: data.unit))
    table.append(.text("last_period", lastPeriods))
    table.append(.number("last", lasts, role: .value, unit: data.unit))
    if let first = data.periods.first, let last = data.periods.last {
      table.notes.append("sparks span \(first) to \(last) (\(data.periods.count) periods); a gap is a period without a figure")
    }
    let estimates = data.series.filter { $0.points.contains(where: \.isEstimate) }.count
    if estimates > 0 { table.notes.append("\(estimates) series include estimates (预计)") }
    return table
  }
}
