import Diagnostics
import IndicatorStore
import Testing

@testable import Shell

@Suite("DiagnosticRenderer")
struct OutputDiagnosticRendererTests {
  /// A diagnostic pointing at `needle` (its first occurrence) in `text`.
  func diagnostic(_ text: String, at needle: String, help: String? = nil, name: String = "<statement>")
    -> Diagnostic
  {
    let start = text.range(of: needle).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
    return .error(
      "unknown function '\(needle)'", at: SourceRange(start, start + needle.utf8.count),
      in: SourceText(name: name, text: text), help: help)
  }

  @Test func rustcStyle() {
    let d = diagnostic("yoyy(gdp)", at: "yoyy", help: "did you mean 'yoy'?")
    let expected = """
      error: unknown function 'yoyy'
       --> <statement>:1:1
        |
      1 | yoyy(gdp)
        | ^^^^ did you mean 'yoy'?
      """
    #expect(DiagnosticRenderer(useColor: false).render(d) == expected)
  }

  @Test func caretAfterChineseIsAlignedByDisplayWidth() {
    let d = diagnostic("湘潭市.gdp + yoyy(gdp)", at: "yoyy", help: "did you mean 'yoy'?")
    let expected = """
      error: unknown function 'yoyy'
       --> <statement>:1:11
        |
      1 | 湘潭市.gdp + yoyy(gdp)
        |              ^^^^ did you mean 'yoy'?
      """
    let text = DiagnosticRenderer().render(d)
    #expect(text == expected)
    // The caret sits under the 'y' on screen: same display column.
    let lines = text.split(separator: "\n").map(String.init)
    let source = lines[3]
    let carets = lines[4]
    let caretColumn = DisplayWidth.of(String(carets.prefix { $0 != "^" }))
    let yColumn = DisplayWidth.of(String(source[..<(source.range(of: "yoyy")?.lowerBound ?? source.endIndex)]))
    #expect(caretColumn == yColumn)
  }

  @Test func caretsSpanTheDisplayWidthOfChineseRanges() {
    let d = diagnostic("gdp{region=\"湘潭\"}", at: "湘潭")
    let lines = DiagnosticRenderer().render(d).split(separator: "\n").map(String.init)
    #expect(lines.last == "  |             ^^^^")
  }

  @Test func emptyRangeGetsOneCaret() {
    let source = SourceText(name: "<statement>", text: "yoy(gdp")
    let d = Diagnostic.error("missing ')'", at: SourceRange(7, 7), in: source, help: "close the call")
    #expect(DiagnosticRenderer().render(d).hasSuffix("\n1 | yoy(gdp\n  |        ^ close the call"))
  }

  @Test func scriptLineNumbersWidenTheGutter() {
    let source = SourceText(name: "report.ind", text: "x = 1\n  yoyy(gdp)", firstLine: 11)
    let d = Diagnostic.error("unknown function 'yoyy'", at: SourceRange(8, 12), in: source)
    let expected = """
      error: unknown function 'yoyy'
        --> report.ind:12:3
         |
      12 |   yoyy(gdp)
         |   ^^^^
      """
    #expect(DiagnosticRenderer().render(d) == expected)
  }

  @Test func tabsKeepCaretsAligned() {
    let d = diagnostic("\tyoyy(gdp)", at: "yoyy")
    let lines = DiagnosticRenderer().render(d).split(separator: "\n").map(String.init)
    #expect(lines[3] == "1 |     yoyy(gdp)")
    #expect(lines[4] == "  |     ^^^^")
  }

  @Test func rangeRunningPastTheLineIsCutAtTheLineEnd() {
    let source = SourceText(name: "<statement>", text: "ab\ncd")
    let d = Diagnostic.error("bad", at: SourceRange(1, 5), in: source)
    #expect(DiagnosticRenderer().render(d).hasSuffix("1 | ab\n  |  ^"))
  }

  @Test func outOfRangeOffsetsDoNotCrash() {
    let source = SourceText(name: "<statement>", text: "湘潭")
    for range in [SourceRange(1, 2), SourceRange(100, 200), SourceRange(-5, 1)] {
      let text = DiagnosticRenderer().render(.error("bad", at: range, in: source))
      #expect(text.contains("| 湘潭"))
    }
  }

  @Test func fileLocatedDiagnostic() {
    let d = Diagnostic.error(
      "'abc' is not a number", file: "Datasets/x.csv", line: 12, column: 5, help: "write the value as 7.8")
    #expect(
      DiagnosticRenderer().render(d)
        == "Datasets/x.csv:12:5: error: 'abc' is not a number\n  help: write the value as 7.8")
  }

  @Test func severityWords() {
    var d = Diagnostic(severity: .warning, message: "history file ignored", help: "it is not a libedit history")
    #expect(DiagnosticRenderer().render(d) == "warning: history file ignored\n  help: it is not a libedit history")
    d.severity = .note
    d.help = nil
    d.fileLocation = FileLocation(file: "a.csv", line: 1, column: 2)
    #expect(DiagnosticRenderer().render(d) == "a.csv:1:2: note: history file ignored")
  }

  @Test func colorOnlyWhenAsked() {
    let d = diagnostic("yoyy(gdp)", at: "yoyy", help: "did you mean 'yoy'?")
    #expect(!DiagnosticRenderer(useColor: false).render(d).contains("\u{1B}"))
    let colored = DiagnosticRenderer(useColor: true).render(d)
    #expect(colored.hasPrefix("\u{1B}[1;31merror\u{1B}[0m"))
    #expect(colored.contains("\u{1B}[1m: unknown function 'yoyy'\u{1B}[0m"))
  }

  @Test func escapesInMessagesAreNeutralised() {
    let d = Diagnostic.error("unknown name 'a\u{1B}[2Jb'")
    #expect(!DiagnosticRenderer().render(d).contains("\u{1B}"))
  }
}
