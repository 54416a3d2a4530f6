import Foundation
import IndicatorStore
import Interchange
import Testing

@testable import Shell

@Suite("Output formats")
struct OutputFormatTests {
  func table() -> ResultTable {
    var t = ResultTable()
    t.append(.text("region", ["湘潭市", "a|b"]))
    t.append(.number("value", [99.0825688, nil]))
    t.append(.flag("met", [true, nil]))
    t.append(.text("quote", ["他说：\"增长7.8%\"\n第二行", "tab\there\u{01}"], role: .provenance))
    t.notes = ["1 note"]
    return t
  }

  @Test func modes() {
    #expect(OutputMode.allCases.map(\.rawValue) == ["table", "csv", "markdown", "json"])
    #expect(OutputMode(rawValue: "markdown") == .markdown)
    #expect(OutputMode(rawValue: "html") == nil)
  }

  @Test func markdownEscapesAndKeepsExactValues() {
    let expected = """
      | region | value | met | quote |
      | --- | ---: | --- | --- |
      | 湘潭市 | 99.0825688 | true | 他说："增长7.8%"<br>第二行 |
      | a\\|b |  |  | tab here  |

      1 note
      """
    #expect(MarkdownRenderer().render(table()) == expected)
  }

  @Test func markdownEscapesBackslashBeforePipe() {
    var t = ResultTable()
    t.append(.text("path", ["C:\\", "x\r\ny"]))
    #expect(MarkdownRenderer().render(t) == "| path |\n| --- |\n| C:\\\\ |\n| x<br>y |")
  }

  @Test func jsonGolden() {
    let expected = """
      [
        {"region": "湘潭市", "value": 99.0825688, "met": true, "quote": "他说：\\"增长7.8%\\"\\n第二行"},
        {"region": "a|b", "value": null, "met": null, "quote": "tab\\there\\u0001"}
      ]
      """
    #expect(JSONRenderer().render(table()) == expected)
  }

  @Test func jsonIsValidAndRoundTrips() throws {
    var t = table()
    t.append(.number("tiny", [1e-9, .nan]))
    t.append(.text("region", ["dup", "\u{7F}\u{1F}\u{2028}\\"]))
    let text = JSONRenderer().render(t)
    let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
    let rows = try #require(parsed)
    #expect(rows.count == 2)
    #expect(rows[0]["value"] as? Double == 99.0825688)
    #expect(rows[0]["tiny"] as? Double == 1e-9)
    #expect(rows[1]["tiny"] is NSNull)
    #expect(rows[0]["met"] as? Bool == true)
    #expect(rows[1]["value"] is NSNull)
    #expect(rows[0]["quote"] as? String == "他说：\"增长7.8%\"\n第二行")
    #expect(rows[1]["region_2"] as? String == "\u{7F}\u{1F}\u{2028}\\")
  }

  @Test func jsonEmpty() {
    #expect(JSONRenderer().render(ResultTable()) == "[]")
  }

  /// `--format csv` / `.mode csv` print `CSVWriter.csvText` (module
  /// Interchange): exact values, quoting, provenance included.
  @Test func csvOutputIsExactAndQuoted() {
    let text = CSVWriter.csvText(table())
    #expect(text.hasPrefix("region,value,met,quote"))
    #expect(text.contains("湘潭市,99.0825688,true,\"他说：\"\"增长7.8%\"\"\n第二行\""))
    #expect(text.contains("a|b,,,tab\there\u{01}"))
  }

  /// Machine formats never truncate: every row, hidden columns included.
  @Test func formatsNeverTruncate() {
    var t = ResultTable()
    t.append(.text("region", (0..<500).map { "区\($0)" }))
    t.append(.text("quote", (0..<500).map { _ in String(repeating: "长", count: 300) }, role: .provenance))
    let csv = CSVWriter.csvText(t)
    #expect(csv.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).count == 501)
    #expect(MarkdownRenderer().render(t).split(separator: "\n").count == 502)
    #expect(JSONRenderer().render(t).split(separator: "\n").count == 502)
    for text in [csv, MarkdownRenderer().render(t), JSONRenderer().render(t)] {
      #expect(!text.contains("…"))
      #expect(text.contains("区499"))
    }
  }
}
