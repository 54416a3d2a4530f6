import Foundation
import Testing

@testable import LineEditing

/// Statements are complete when their parentheses balance (a stand-in for the real parser).
private func balanced(_ text: String) -> Bool {
  text.reduce(0) { $0 + ($1 == "(" ? 1 : $1 == ")" ? -1 : 0) } <= 0
}

private func readAll(_ reader: some LineReader) -> [LineRead] {
  var results: [LineRead] = []
  while true {
    let result = reader.readStatement(prompt: "> ", continuationPrompt: ". ", isComplete: balanced)
    results.append(result)
    if result == .endOfFile || results.count > 100 { return results }
  }
}

@Suite("PlainLineReader")
struct PlainLineReaderTests {
  @Test("LF and CRLF line ends are both stripped")
  func lineEnds() {
    let reader = PlainLineReader(text: "a\r\nb\nc\r\n")
    #expect(readAll(reader) == [.line("a"), .line("b"), .line("c"), .endOfFile])
  }

  @Test("a last line without a newline is still read")
  func lastLineWithoutNewline() {
    #expect(readAll(PlainLineReader(text: "1 + 2\n湘潭市")) == [.line("1 + 2"), .line("湘潭市"), .endOfFile])
    #expect(readAll(PlainLineReader(text: "only\r")) == [.line("only"), .endOfFile])
  }

  @Test("empty input is the end at once; blank lines are returned as empty statements")
  func emptyInput() {
    #expect(readAll(PlainLineReader(text: "")) == [.endOfFile])
    #expect(readAll(PlainLineReader(text: "\n\n")) == [.line(""), .line(""), .endOfFile])
  }

  @Test("lines are joined with \\n while isComplete says the statement is open")
  func multiLine() {
    let reader = PlainLineReader(text: "f(1,\r\n  2)\nnext\n")
    #expect(readAll(reader) == [.line("f(1,\n  2)"), .line("next"), .endOfFile])
  }

  @Test("an unfinished statement at the end is returned, so the shell can report it")
  func unfinishedAtEnd() {
    #expect(readAll(PlainLineReader(text: "ok\nf(1,\n2")) == [.line("ok"), .line("f(1,\n2"), .endOfFile])
  }

  @Test("a UTF-8 byte-order mark is dropped; invalid UTF-8 becomes U+FFFD")
  func bomAndInvalidBytes() {
    let reader = PlainLineReader(bytes: [0xEF, 0xBB, 0xBF] + Array("x\n".utf8) + [0x61, 0xFF, 0x0A])
    #expect(readAll(reader) == [.line("x"), .line("a\u{FFFD}"), .endOfFile])
  }

  @Test("reads from a file descriptor (a pipe), including a chunk boundary inside a line")
  func fromPipe() throws {
    let pipe = Pipe()
    let long = String(repeating: "湘", count: 40_000)  // 120 kB: spans several 64 kB reads
    let writer = pipe.fileHandleForWriting
    let payload = Data("first\r\n\(long)\nf(\n)".utf8)
    // More than a pipe buffer holds: write from another thread while this one reads.
    let thread = Thread {
      writer.write(payload)
      try? writer.close()
    }
    thread.start()
    let reader = PlainLineReader(fileHandle: pipe.fileHandleForReading)
    #expect(readAll(reader) == [.line("first"), .line(long), .line("f(\n)"), .endOfFile])
  }

  @Test("addHistory does nothing and never fails")
  func noHistory() {
    let reader = PlainLineReader(text: "")
    reader.addHistory("x")
    #expect(readAll(reader) == [.endOfFile])
  }
}
