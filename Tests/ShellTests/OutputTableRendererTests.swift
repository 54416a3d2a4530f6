import IndicatorStore
import Testing

@testable import Shell

@Suite("TableRenderer")
struct OutputTableRendererTests {
  /// Every line of the bordered part (from the first rule to the last) has
  /// the same display width.
  func tableLines(_ text: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let first = lines.firstIndex(where: { $0.hasPrefix("+") }),
      let last = lines.lastIndex(where: { $0.hasPrefix("+") })
    else { return [] }
    return Array(lines[first...last])
  }

  func gdpTable() -> ResultTable {
    var t = ResultTable()
    t.append(.text("region", ["湘潭市", "韶山市", "Xiangtan HTZ"]))
    t.append(.number("value", [2548.1, 99.0825688, 7.8]))
    t.append(.text("unit", ["亿元", "亿元", "亿元"]))
    return t
  }

  @Test func goldenChineseTable() {
    let expected = """
      +--------------+--------------+
      | region       | value (亿元) |
      +--------------+--------------+
      | 湘潭市       |       2548.1 |
      | 韶山市       |        99.08 |
      | Xiangtan HTZ |          7.8 |
      +--------------+--------------+
      """
    #expect(TableRenderer().render(gdpTable()) == expected)
  }

  @Test func everyLineHasTheSameDisplayWidth() {
    var t = ResultTable()
    t.append(.text("地区", ["湘潭市", "韶山", "湘乡市经济开发区", "Yuetang 岳塘区", "ｘｙ％"]))
    t.append(.text("bound", [">=", "<=", "~", "=", ">ref"]))
    t.append(.number("目标", [7.5, 8, nil, 100.25, -3]))
    t.append(.flag("met", [true, false, nil, true, false]))
    let lines = tableLines(TableRenderer().render(t))
    #expect(lines.count == 9)
    let widths = Set(lines.map(DisplayWidth.of))
    #expect(widths.count == 1, "widths: \(lines.map(DisplayWidth.of))")
  }

  @Test func numbersRightTextLeftFlagsYesNo() {
    var t = ResultTable()
    t.append(.text("region", ["湘潭市", "韶山"]))
    t.append(.number("gap", [0.2, -12.75], role: .value))
    t.append(.flag("met", [true, nil]))
    let text = TableRenderer().render(t)
    #expect(text.contains("| 湘潭市 |    0.2 | yes |"))
    #expect(text.contains("| 韶山   | -12.75 |     |"))
  }

  @Test func boundsPrintAsIs() {
    var t = ResultTable()
    t.append(.text("bound", [">=", "<=", "~", "=", ">ref", "=ref"]))
    t.append(.number("target", [7, 3, 5, 1, nil, nil]))
    let text = TableRenderer().render(t)
    for bound in [">= ", "<= ", "~ ", "= ", ">ref", "=ref"] { #expect(text.contains("| \(bound)")) }
  }

  @Test func sharedUnitFoldsIntoValueHeaders() {
    var t = ResultTable()
    t.append(.text("region", ["湘潭市", "韶山市"]))
    t.append(.number("gap", [0.2, -0.5], role: .value))
    t.append(.number("count", [3, 4], role: .other))
    t.append(.text("unit", ["pp", "pp"]))
    let text = TableRenderer().render(t)
    #expect(text.contains("gap (pp)"))
    #expect(!text.contains("count (pp)"))
    #expect(!text.contains("unit"))
  }

  @Test func mixedUnitsStayAColumn() {
    var t = ResultTable()
    t.append(.number("value", [2548.1, 7.8], role: .value))
    t.append(.text("unit", ["亿元", "%"]))
    let text = TableRenderer().render(t)
    #expect(text.contains("|  value | unit |"))
    #expect(!text.contains("value ("))
  }

  @Test func columnUnitInHeader() {
    var t = ResultTable()
    t.append(.text("region", ["湘潭市", "韶山市"]))
    t.append(.number("attain", [101.2, 99], role: .other, unit: "%"))
    #expect(TableRenderer().render(t).contains("attain (%)"))
  }

  func provenanceTable() -> ResultTable {
    var t = ResultTable()
    t.append(.text("region", ["湘潭市"]))
    t.append(.number("value", [7.8]))
    t.append(.text("source", ["湘潭市政府工作报告2024"], role: .provenance))
    t.append(.text("quote", ["地区生产总值增长7.8%"], role: .provenance))
    return t
  }

  @Test func provenanceHiddenByDefault() {
    let text = TableRenderer().render(provenanceTable())
    #expect(!text.contains("政府工作报告"))
    #expect(!text.contains("| quote"))
    #expect(text.hasSuffix("\nsource, quote hidden (.set provenance on)"))
  }

  @Test func provenanceShownWhenAsked() {
    let text = TableRenderer(showProvenance: true).render(provenanceTable())
    #expect(text.contains("湘潭市政府工作报告2024"))
    #expect(text.contains("地区生产总值增长7.8%"))
    #expect(!text.contains("hidden"))
  }

  @Test func estimatesMarked() {
    var t = ResultTable()
    t.append(.text("region", ["湘潭市", "韶山市"]))
    t.append(.text("outcome", ["actual", "estimate"]))
    t.append(.number("value", [7.8, 99.0825688]))
    t.append(.number("count", [3, 4], role: .other))
    let expected = """
      +--------+----------+--------+-------+
      | region | outcome  |  value | count |
      +--------+----------+--------+-------+
      | 湘潭市 | actual   |   7.8  |     3 |
      | 韶山市 | estimate | 99.08* |     4 |
      +--------+----------+--------+-------+
      * estimate (预计)
      """
    #expect(TableRenderer().render(t) == expected)
  }

  @Test func noEstimateNoMarker() {
    var t = ResultTable()
    t.append(.text("scenario", ["plan", "actual"]))
    t.append(.number("value", [7.8, 8]))
    let text = TableRenderer().render(t)
    #expect(!text.contains("*"))
    #expect(!text.contains("预计"))
  }

  func longTable(_ n: Int) -> ResultTable {
    var t = ResultTable()
    t.append(.text("region", (0..<n).map { "区\($0)" }))
    t.append(.number("value", (0..<n).map { Double($0) }))
    return t
  }

  @Test func longResultTruncatedWithCount() {
    let text = TableRenderer(maxRows: 5).render(longTable(10))
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("| 区") }
    #expect(rows.count == 4)
    #expect(text.hasSuffix("\n… 6 more rows (of 10) — see all with .mode csv or .export FILE"))
    #expect(!text.contains("区4 "))
  }

  @Test func shortResultNotTruncated() {
    let text = TableRenderer(maxRows: 10).render(longTable(10))
    #expect(text.split(separator: "\n").filter { $0.hasPrefix("| 区") }.count == 10)
    #expect(!text.contains("more row"))
    #expect(TableRenderer(maxRows: 2).render(longTable(3)).contains("… 2 more rows (of 3)"))
    #expect(TableRenderer(maxRows: 0).render(longTable(3)).contains("… 2 more rows (of 3)"))
  }

  @Test func notesUnderTheTable() {
    var t = longTable(2)
    t.notes = ["3 series had no target for the period"]
    #expect(TableRenderer().render(t).hasSuffix("+\n3 series had no target for the period"))
  }

  @Test func scalarPrintsJustTheNumber() {
    #expect(TableRenderer().render(.scalar(3)) == "3")
    #expect(TableRenderer().render(.scalar(99.0825688)) == "99.08")
    #expect(TableRenderer().render(.scalar(nil)) == "(missing)")
  }

  @Test func emptyTable() {
    var t = ResultTable()
    t.append(.text("region", []))
    t.notes = ["no series matched gdp{region=\"长沙\"}"]
    #expect(TableRenderer().render(t) == "(no rows)\nno series matched gdp{region=\"长沙\"}")
    #expect(TableRenderer().render(ResultTable()) == "(no rows)")
  }

  @Test(arguments: [
    (7.8, "7.8"), (103.72, "103.72"), (99.0825688, "99.08"), (12.34565, "12.35"),
    (0.123456, "0.12"), (0.0123456, "0.0123"), (0.000012345678, "0.0000123"),
    (1e-9, "0.000000001"), (1e22, "10000000000000000000000"), (-3.14159, "-3.14"),
    (1.999999, "2"), (9.999999, "10"), (0.125, "0.125"), (2.00005, "2"), (100, "100"),
    (1234567.891234, "1234567.89"), (0, "0"), (-0.0, "0"), (2.5e-5, "0.000025"),
    (Double.infinity, "inf"), (-Double.infinity, "-inf"),
  ])
  func numberFormatting(value: Double, expected: String) {
    #expect(NumberText.display(value) == expected)
  }

  @Test func narrowTerminalCutsTextNotNumbers() {
    var t = ResultTable()
    t.append(.text("region", ["湘潭市经济技术开发区", "韶山"]))
    t.append(.number("value", [123456789.25, 7.8]))
    t.append(.text("quote", ["全市地区生产总值增长7.8%，好于年初预期目标0.3个百分点", "x"], role: .provenance))
    let text = TableRenderer(terminalWidth: 50, showProvenance: true).render(t)
    let lines = tableLines(text)
    #expect(!lines.isEmpty)
    for line in lines { #expect(DisplayWidth.of(line) <= 50, "\(line)") }
    #expect(text.contains("123456789.25"))
    #expect(text.contains("…"))
    // The quote is cut first, so the region keeps more of its name.
    #expect(text.contains("湘潭市经济"))
    #expect(Set(lines.map(DisplayWidth.of)).count == 1)
  }

  @Test func wideTerminalCutsNothing() {
    var t = ResultTable()
    t.append(.text("region", ["湘潭市经济技术开发区"]))
    t.append(.number("value", [1]))
    #expect(!TableRenderer(terminalWidth: 200).render(t).contains("…"))
  }

  @Test func controlCharactersCannotBreakTheLayout() {
    var t = ResultTable()
    t.append(.text("quote", ["第一行\n第二行", "a\u{1B}[2Jb"]))
    t.append(.number("value", [1, 2]))
    let text = TableRenderer().render(t)
    #expect(!text.contains("\u{1B}"))
    let lines = tableLines(text)
    #expect(lines.count == 6)
    #expect(Set(lines.map(DisplayWidth.of)).count == 1)
  }
}
