/// A plain-text table of indicators at the end of a release, one indicator per
/// line with its numbers in columns separated by runs of spaces:
///
/// ```
/// 指标名称                单位      1—9月      同比增长（%）
/// 地区生产总值            亿元      216.48     5.8
///   其中：出口            亿元      14.32      19.6
/// ```
///
/// The header says what each column is (a level for a period, a growth, a
/// share); each line gives one row per number, quoting the whole line.
struct PlainTable {
  struct Column {
    var measure: String
    /// The period the header names (1—9月, 本月); nil: the table's period.
    var period: String?
  }

  /// The columns after the name, by cell index (nil for the unit column).
  var columns: [Column?]
  var unitColumn: Int?
  /// The period of a level column that names none (from the caption or the report).
  var period: String
  var year: Int

  /// Cells of a line split at runs of two or more spaces, tabs or ideographic spaces.
  static func cells(_ line: [Character]) -> [String] {
    var out: [String] = []
    var cell: [Character] = []
    var blanks = 0
    for c in line {
      let blank = c == " " || c == "\t" || c == "\u{3000}"
      if blank {
        blanks += c == " " ? 1 : 2
        continue
      }
      if blanks >= 2 && !cell.isEmpty {
        out.append(String(cell))
        cell = []
      } else if blanks == 1 && !cell.isEmpty {
        cell.append(" ")
      }
      blanks = 0
      cell.append(c)
    }
    if !cell.isEmpty { out.append(String(cell)) }
    return out
  }

  /// The table a header line opens (指标名称  单位  1—9月  同比增长（%）), nil when the
  /// line is no such header.
  static func header(_ line: [Character], year: Int, period: String) -> PlainTable? {
    let cells = cells(line)
    guard cells.count >= 3, cells[0].hasPrefix("指标") || cells[0] == "项目" else { return nil }
    var columns: [Column?] = [nil]
    var unitColumn: Int?
    for (i, label) in cells.enumerated().dropFirst() {
      if label.contains("单位") {
        unitColumn = i
        columns.append(nil)
      } else if ["增长", "增速", "增幅", "±", "同比"].contains(where: { label.contains($0) }) {
        columns.append(Column(measure: "growth", period: nil))
      } else if label.contains("比重") || label.contains("占") {
        columns.append(Column(measure: "ratio", period: nil))
      } else if let named = periodNamed(by: label, year: year) {
        columns.append(Column(measure: "level", period: named))
      } else if ["绝对", "数值", "总量", "累计", "完成"].contains(where: { label.contains($0) }) {
        columns.append(Column(measure: "level", period: nil))
      } else {
        return nil
      }
    }
    guard columns.contains(where: { $0 != nil }) else { return nil }
    return PlainTable(columns: columns, unitColumn: unitColumn, period: period, year: year)
  }

  /// The period a column label or a name's bracket names: 1—9月, 前三季度, 上半年, 5月, 本月, 9月末.
  static func periodNamed(by label: String, year: Int) -> String? {
    let bare = String(label.filter { !"（）()%％".contains($0) })
    if let p = SentenceAnalyzer.namedPeriod(bare, year: year) { return p }
    var c = Array(bare)
    if c.last == "末" || c.last == "底" { c.removeLast() }
    if c.last == "份" { c.removeLast() }
    guard c.last == "月", c.count >= 2, let m = Int(String(c.dropLast())), (1...12).contains(m) else { return nil }
    return "\(year)-\(SentenceAnalyzer.two(m))"
  }

  /// The rows of a table line; nil when the line is not one of the table's
  /// (the table has ended).
  func rows(_ line: [Character], region: String, lexicon: Lexicon) -> [ProposedRow]? {
    let cells = Self.cells(line)
    guard cells.count == columns.count, cells.count >= 2,
      cells.dropFirst().contains(where: { Double($0) != nil })
    else { return nil }
    var name = cells[0]
    for prefix in ["其中：", "其中:", "其中"] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
    // A bracket after the name dates its numbers (规模以上服务业营业收入（1—8月）, 存款余额（9月末）).
    var own: String?
    if let open = name.firstIndex(where: { $0 == "（" || $0 == "(" }) {
      own = Self.periodNamed(by: String(name[open...]), year: year)
      name = String(name[..<open])
    }
    let indicator = lexicon.lastMatch(in: Array(name))?.canonical ?? name
    let unit = unitColumn.map { cells[$0] } ?? ""
    var out: [ProposedRow] = []
    var levelPeriod = own ?? period
    for (i, column) in columns.enumerated() {
      guard let column, Double(cells[i]) != nil else { continue }
      var measure = column.measure
      var period = own ?? column.period ?? levelPeriod
      if measure == "level" {
        levelPeriod = period
        if unit == "%" { measure = "ratio" }
      } else {
        period = own ?? levelPeriod
      }
      out.append(
        ProposedRow(
          region: region, indicator: indicator, measure: measure, scenario: "actual", period: period,
          value: cells[i], unit: measure == "level" ? unit : "%", bound: "",
          quote: String(Text.trim(line))))
    }
    return out
  }
}
