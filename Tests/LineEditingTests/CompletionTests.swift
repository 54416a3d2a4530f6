import Testing

@testable import LineEditing

@Suite("Completion planning and listing")
struct CompletionTests {
  @Test("one candidate replaces the typed word (the caller inserts only the missing part)")
  func unique() {
    #expect(
      CompletionStep.plan(line: ".he", cursor: 3, start: 0, candidates: [".help"])
        == .replace(typed: ".he", replacement: ".help"))
  }

  @Test("an alias or pinyin candidate replaces what was typed")
  func alias() {
    #expect(
      CompletionStep.plan(line: "a + xt", cursor: 6, start: 4, candidates: ["湘潭市"])
        == .replace(typed: "xt", replacement: "湘潭市"))
  }

  @Test("several candidates: the longest common prefix is inserted when it adds something")
  func commonPrefix() {
    #expect(
      CompletionStep.plan(line: "x{region=\"湘", cursor: 11, start: 10, candidates: ["湘潭市", "湘潭县"])
        == .replace(typed: "湘", replacement: "湘潭"))
  }

  @Test("several candidates with nothing more in common are listed")
  func list() {
    #expect(
      CompletionStep.plan(line: "湘", cursor: 1, start: 0, candidates: ["湘潭市", "湘乡市", "湘潭市"])
        == .list(["湘潭市", "湘乡市"]))
    // A common prefix shorter than the typed word never deletes the user's text.
    #expect(CompletionStep.plan(line: "ab", cursor: 2, start: 0, candidates: ["abc", "a-b"]) == .list(["abc", "a-b"]))
  }

  @Test("no candidate beeps; a complete word does nothing")
  func beepAndNothing() {
    #expect(CompletionStep.plan(line: "zz", cursor: 2, start: 0, candidates: []) == .beep)
    #expect(CompletionStep.plan(line: ".quit", cursor: 5, start: 0, candidates: [".quit"]) == .nothing)
  }

  @Test("the cursor, not the end of the line, bounds the typed word; offsets are clamped")
  func cursorInTheMiddle() {
    #expect(
      CompletionStep.plan(line: "reg + 1", cursor: 3, start: 0, candidates: ["region"])
        == .replace(typed: "reg", replacement: "region"))
    #expect(
      CompletionStep.plan(line: "ab", cursor: 99, start: -3, candidates: ["abc"])
        == .replace(typed: "ab", replacement: "abc"))
  }

  @Test("candidates are laid out in columns by display width")
  func layout() {
    let width: (String) -> Int = { $0.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) } }
    let text = CompletionList.format(["湘潭市", "湘乡市", "ab", "c"], columns: 20, width: width)
    // cell = 6 + 2 = 8 columns; (20 + 2) / 8 = 2 per row; column-major, 2 rows.
    #expect(text == "湘潭市  ab\n湘乡市  c\n")
    #expect(CompletionList.format(["a", "b"], columns: 1, width: width) == "a\nb\n")
    let many = (0..<305).map { "w\($0)" }
    #expect(CompletionList.format(many, columns: 80, width: width).hasSuffix("… 5 more\n"))
  }
}
