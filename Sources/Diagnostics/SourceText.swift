/// A named piece of text that diagnostics point into: a statement typed at
/// the prompt, a line of a script, or a data file.
///
/// Offsets are UTF-8 byte offsets into `text`; line and column are computed
/// only when a diagnostic is rendered.
///
/// ```swift
/// let source = SourceText(name: "report.ind", text: "gdp\nyoy(")
/// source.location(ofUTF8Offset: 8)   // line 2, column 5
/// ```
public struct SourceText: Sendable, Hashable {
  /// Where the text came from: `"<stdin>"`, `"<statement>"`, `"scripts/gap.ind"`.
  public var name: String
  public var text: String
  /// The 1-based line of `text` within the named file (scripts hand one
  /// statement at a time to the parser, but errors must name the file line).
  public var firstLine: Int

  public init(name: String, text: String, firstLine: Int = 1) {
    self.name = name
    self.text = text
    self.firstLine = firstLine
  }

  /// The 1-based line and column (in characters) of a UTF-8 offset.
  public func location(ofUTF8Offset offset: Int) -> SourceLocation {
    let utf8 = Array(text.utf8)
    let clamped = max(0, min(offset, utf8.count))
    var line = firstLine
    var lineStart = 0
    for i in 0..<clamped where utf8[i] == UInt8(ascii: "\n") {
      line += 1
      lineStart = i + 1
    }
    let prefix = String(decoding: utf8[lineStart..<clamped], as: UTF8.self)
    return SourceLocation(line: line, column: prefix.count + 1)
  }

  /// The full text of the line containing `offset`, without its line break.
  public func lineText(containingUTF8Offset offset: Int) -> String {
    let utf8 = Array(text.utf8)
    let clamped = max(0, min(offset, utf8.count))
    var start = clamped
    while start > 0 && utf8[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    var end = clamped
    while end < utf8.count && utf8[end] != UInt8(ascii: "\n") { end += 1 }
    var line = String(decoding: utf8[start..<end], as: UTF8.self)
    if line.hasSuffix("\r") { line.removeLast() }
    return line
  }
}

/// A 1-based line and column; the column counts characters, not bytes.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
  public var description: String { "\(line):\(column)" }
}

/// A half-open range of UTF-8 offsets into a `SourceText`.
public struct SourceRange: Sendable, Hashable {
  public var lowerBound: Int
  public var upperBound: Int
  public init(_ lowerBound: Int, _ upperBound: Int) {
    self.lowerBound = lowerBound
    self.upperBound = max(lowerBound, upperBound)
  }
  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(min(lowerBound, other.lowerBound), max(upperBound, other.upperBound))
  }
}
