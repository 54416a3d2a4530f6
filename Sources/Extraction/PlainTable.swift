/// A plain-text table of indicators in a report, one indicator per line with
/// its numbers in columns separated by runs of spaces or by ｜:
///
/// ```
/// 指标名称                单位      1—9月      同比增长（%）
/// 地区生产总值            亿元      216.48     5.8
///   其中：出口            亿元      14.32      19.6
/// 序号｜指标名称｜单位｜2020年｜2025年规划目标｜2025年实际｜评估结论
/// ```
///
/// The header says what each column is (a period's level, a growth, a
/// target); each line gives one row per number, quoting the whole line.
struct PlainTable {
  struct Column {
    /// "growth" or "ratio" when the header says; nil: by the unit and the name.
    var measure: String?
    /// The period the header names (1—9月, 5月, 2025年); nil: the table's period.
    var period: String?
    var scenario: String
  }

  /// What each cell is: nil for the name, the unit and text columns.
  var columns: [Column?]
  var nameColumn: Int
  var unitColumn: Int?
  /// Cells are split at ｜ (else at runs of spaces).
  var bars: Bool
  /// The period of a column that names none (from the caption or the report).
  var period: String
  var year: Int

  /// Cells of a line: split at ｜ or |, or else at runs of two or more spaces,
  /// tabs or ideographic spaces.
  static func cells(_ line: [Character], bars: Bool) -> [String] {
    if bars {
      return line.split(separator: "｜", omittingEmptySubsequences: false).flatMap {
        $0.split(separator: "|", omittingEmptySubsequences: false)
      }.map { String(Text.trim(Array($0))) }
    }
    var out: [String] = []
    var cell: [Character] = []
    var blanks = 0
    for c in line {
      if c == " " || c == "\t" || c == "\u{3000}" {
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

  static func hasBars(_ line: [Character]) -> Bool { line.contains("｜") || line.contains("|") }

  /// The table a header line opens (指标名称  单位  1—9月  同比增长（%）), nil when the
  /// line is no such header.
  static func header(_ line: [Character], year: Int, period: String) -> PlainTable? {
    let bars = hasBars(line)
    let cells = cells(line, bars: bars)
    guard cells.count >= 3,
      let nameColumn = cells.firstIndex(where: { $0.hasPrefix("指标") || $0 == "项目" || $0 == "名称" }), nameColumn <= 1
    else { return nil }
    var columns: [Column?] = []
    var unitColumn: Int?
    for (i, label) in cells.enumerated() {
      guard i > nameColumn else {
        columns.append(nil)
        continue
      }
      if label.contains("单位") {
        unitColumn = i
        columns.append(nil)
      } else {
        columns.append(column(labelled: label, year: year))
      }
    }
    guard columns.contains(where: { $0 != nil }) else { return nil }
    return PlainTable(
      columns: columns, nameColumn: nameColumn, unitColumn: unitColumn, bars: bars, period: period, year: year)
  }

  /// What a column's label says its numbers are; nil for a text column (指标属性, 评估结论).
  static func column(labelled label: String, year: Int) -> Column? {
    let scenario = ["目标", "规划", "计划"].contains(where: { label.contains($0) }) ? "target"
      : label.contains("预计") ? "estimate" : "actual"
    // A target without a year (全年目标) is the year's.
    let labelYear = Text.years(in: Array(label)).first ?? (scenario == "target" ? year : nil)
    if ["进度", "完成率", "完成%", "完成（%）"].contains(where: { label.contains($0) }) {
      return Column(measure: "completion", period: labelYear.map(String.init), scenario: "actual")
    }
    if ["增长", "增速", "增幅", "±", "同比"].contains(where: { label.contains($0) }) {
      return Column(measure: "growth", period: labelYear.map(String.init), scenario: scenario)
    }
    if label.contains("比重") || label.contains("占比") {
      return Column(measure: "ratio", period: labelYear.map(String.init), scenario: scenario)
    }
    // 2025年, 2025年规划目标, 2025年实际: that year's figure.
    if let y = labelYear { return Column(measure: nil, period: String(y), scenario: scenario) }
    if let named = periodNamed(by: label, year: year) { return Column(measure: nil, period: named, scenario: scenario) }
    if ["绝对", "数值", "总量", "累计", "完成", "本月", "目标", "实际"].contains(where: { label.contains($0) }) {
      return Column(measure: nil, period: nil, scenario: scenario)
    }
    return nil
  }

  /// The period a column label or a name's bracket names: 1—9月, 前三季度, 上半年, 5月, 9月末.
  static func periodNamed(by label: String, year: Int) -> String? {
    let bare = String(label.filter { !"（）()%％".contains($0) })
    if let p = SentenceAnalyzer.namedPeriod(bare, year: year) { return p }
    var c = Array(bare)
    if c.last == "末" || c.last == "底" { c.removeLast() }
    if c.last == "份" { c.removeLast() }
    guard c.last == "月", c.count >= 2, let m = Int(String(c.dropLast())), (1...12).contains(m) else { return nil }
    return "\(year)-\(SentenceAnalyzer.two(m))"
  }

  /// Whether a line only rules the table (-----, ─────, ＝＝＝).
  static func isRule(_ line: [Character]) -> Bool {
    !line.isEmpty && line.allSatisfy { "-—–─━=＝_ ".contains($0) }
  }

  /// A cell's number with its bound word and bracket: 3.5以内 → (3.5, <=),
  /// 不低于58.6 → (58.6, >=), 6.4（年均） → average, 15.6（预计） → estimate.
  static func number(in cell: String) -> (value: String, bound: String, average: Bool, estimate: Bool)? {
    var s = cell
    var average = false, estimate = false
    if let open = s.firstIndex(where: { $0 == "（" || $0 == "(" }) {
      let note = s[open...]
      average = note.contains("年均")
      estimate = note.contains("预计")
      s = String(s[..<open])
    }
    var bound = ""
    for (word, b) in [("不低于", ">="), ("不少于", ">="), ("以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "~"), ("约", "~")] {
      if s.hasPrefix(word) { s.removeFirst(word.count); bound = b }
      if s.hasSuffix(word) { s.removeLast(word.count); bound = b }
    }
    guard Double(s) != nil else { return nil }
    return (s, bound, average, estimate)
  }

  /// The rows of a table line; nil when the line is not one of the table's
  /// (the table has ended).
  func rows(_ line: [Character], region: String, lexicon: Lexicon) -> [ProposedRow]? {
    if Self.isRule(Text.trim(line)) { return [] }
    let cells = Self.cells(line, bars: bars)
    guard cells.count == columns.count, cells.indices.contains(where: { columns[$0] != nil && Self.number(in: cells[$0]) != nil })
    else { return nil }
    var name = cells[nameColumn]
    for prefix in ["其中：", "其中:", "其中"] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
    // A bracket after the name dates its numbers (（1—8月）, （9月末）) or sums them over
    // the years (（五年累计）).
    var own: String?
    var averaged = false
    if let open = name.firstIndex(where: { $0 == "（" || $0 == "(" }) {
      let note = String(name[open...])
      averaged = note.contains("年均")
      own = Self.periodNamed(by: note, year: year)
      if note.contains("累计"), let n = SentenceAnalyzer.spanCounts.first(where: { $0.1.contains { note.contains($0) } })?.0 {
        own = "\(year - n + 1)..\(year)"
      }
      name = String(name[..<open])
    }
    let unit = unitColumn.map { cells[$0] } ?? ""
    let rate = ["率", "比重", "比例", "占比", "覆盖", "强度"].contains(where: { name.contains($0) })
    let falling = ["降低", "下降"].contains(where: { name.contains($0) })
    var bareName = name
    for suffix in ["增长", "增速", "降低", "下降"] where bareName.hasSuffix(suffix) && bareName.count > suffix.count + 1 {
      bareName.removeLast(suffix.count)
    }
    let indicator = lexicon.lastMatch(in: Array(bareName))?.canonical ?? bareName
    let quote = String(Text.trim(line))
    var out: [ProposedRow] = []
    for (i, column) in columns.enumerated() {
      guard let column, let figure = Self.number(in: cells[i]) else { continue }
      var measure = column.measure ?? (unit == "%" || unit == "％" ? (rate ? "ratio" : "growth") : "level")
      var period = own ?? column.period ?? self.period
      if (figure.average || averaged) && measure == "growth" {
        measure = "avg_growth"
        if let y = Int(period.prefix(4)), !period.contains("..") { period = "\(y - 4)..\(y)" }
      }
      var value = figure.value
      if falling && measure != "level" && measure != "ratio" && !value.hasPrefix("-") && value != "0" { value = "-" + value }
      let scenario = figure.estimate ? "estimate" : column.scenario
      out.append(
        ProposedRow(
          region: region, indicator: indicator, measure: measure, scenario: scenario, period: period,
          value: value, unit: measure == "level" ? unit : "%",
          bound: scenario == "target" ? (figure.bound.isEmpty ? "=" : figure.bound) : "", quote: quote))
    }
    return out
  }
}
