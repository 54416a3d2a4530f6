import Diagnostics
import IndicatorStore

/// Turns a `Diagnostic` into the text a user reads.
///
/// A diagnostic with a source and a range (a statement, a script line) is
/// shown rustc-style, with the line and carets under the range; carets are
/// placed by display width, so an error after Chinese text still points at
/// the right character:
///
///     error: unknown function 'yoyy'
///      --> <statement>:1:1
///       |
///     1 | yoyy(gdp)
///       | ^^^^ did you mean 'yoy'?
///
/// A diagnostic located in a file (CSV data) is one line, plus its help:
///
///     Datasets/x.csv:12:5: error: bad number 'abc'
///       help: numbers use '.' for decimals
///
/// ```swift
/// let renderer = DiagnosticRenderer(useColor: false)
/// print(renderer.render(diagnostic))
/// ```
///
/// Colour (ANSI: red `error`, yellow `warning`, cyan `note`, bold message)
/// only when `useColor`; the caller decides it from the terminal and
/// `NO_COLOR`. The result has no trailing newline.
public struct DiagnosticRenderer: Sendable {
  public var useColor: Bool

  public init(useColor: Bool = false) {
    self.useColor = useColor
  }

  /// Tabs in a shown source line become this many spaces, in the line and
  /// in the caret offset alike, so carets stay aligned whatever the
  /// terminal's tab stops.
  static let tabWidth = 4

  public func render(_ d: Diagnostic) -> String {
    let message = Self.cleanMessage(d.message)
    let help = d.help.map(Self.cleanMessage)
    let severity = paint(d.severity.rawValue, severityColor(d.severity)) + paint(": " + message, "1")

    if let source = d.source, let range = d.range, d.fileLocation == nil {
      return snippet(severity: severity, source: source, range: range, help: help, severityKind: d.severity)
    }
    var lines: [String] = []
    if let location = d.location {
      lines.append("\(location): " + severity)
    } else {
      lines.append(severity)
    }
    if let help { lines.append("  " + paint("help", "1") + ": " + help) }
    return lines.joined(separator: "\n")
  }

  /// Several diagnostics, one after another.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined(separator: "\n")
  }

  private func snippet(
    severity: String, source: SourceText, range: SourceRange, help: String?, severityKind: Diagnostic.Severity
  ) -> String {
    let utf8 = Array(source.text.utf8)
    // Offsets from a buggy caller must not crash or split a character.
    var lower = max(0, min(range.lowerBound, utf8.count))
    while lower > 0 && lower < utf8.count && utf8[lower] & 0xC0 == 0x80 { lower -= 1 }
    var upper = max(lower, min(range.upperBound, utf8.count))
    while upper < utf8.count && utf8[upper] & 0xC0 == 0x80 { upper += 1 }

    var lineStart = lower
    while lineStart > 0 && utf8[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
    var lineEnd = lower
    while lineEnd < utf8.count && utf8[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
    // A range running past the line end is underlined to the end of the line.
    let caretEnd = min(upper, lineEnd)

    let lineText = Self.showable(String(decoding: utf8[lineStart..<lineEnd], as: UTF8.self))
    let before = Self.showable(String(decoding: utf8[lineStart..<lower], as: UTF8.self))
    let covered = Self.showable(String(decoding: utf8[lower..<caretEnd], as: UTF8.self))
    let location = source.location(ofUTF8Offset: lower)

    let number = String(location.line)
    let gutter = String(repeating: " ", count: number.count)
    let bar = paint("|", "1;34")
    let carets = String(repeating: "^", count: max(1, DisplayWidth.of(covered)))
    let indent = String(repeating: " ", count: DisplayWidth.of(before))

    var lines: [String] = []
    lines.append(severity)
    lines.append(gutter + paint("-->", "1;34") + " \(source.name):\(location.line):\(location.column)")
    lines.append(gutter + " " + bar)
    lines.append(paint(number, "1;34") + " " + bar + " " + lineText)
    var helpLines = help.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? []
    let caretLine = gutter + " " + bar + " " + indent + paint(carets, severityColor(severityKind))
    if helpLines.isEmpty {
      lines.append(caretLine)
    } else {
      lines.append(caretLine + " " + helpLines.removeFirst())
      // Further help lines start under the first one.
      let helpIndent = String(repeating: " ", count: DisplayWidth.of(before) + carets.count + 1)
      for extra in helpLines { lines.append(gutter + " " + bar + " " + helpIndent + extra) }
    }
    return lines.joined(separator: "\n")
  }

  private func severityColor(_ severity: Diagnostic.Severity) -> String {
    switch severity {
    case .error: return "1;31"
    case .warning: return "1;33"
    case .note: return "1;36"
    }
  }

  /// `text` in the ANSI style `code`, or plain without colour.
  private func paint(_ text: String, _ code: String) -> String {
    useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// A source line as shown: tabs expanded to spaces, other control
  /// characters (a stray CR, ESC) as one space each, so what is printed and
  /// what the caret offset is measured on are the same text.
  static func showable(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in s.unicodeScalars {
      if scalar == "\t" {
        out.append(contentsOf: String(repeating: " ", count: tabWidth).unicodeScalars)
      } else if scalar.properties.generalCategory == .control {
        out.append(" ")
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// Message text with control characters other than line breaks replaced,
  /// so a name typed with an ESC in it cannot send escapes to the terminal.
  static func cleanMessage(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in s.unicodeScalars {
      if scalar != "\n" && scalar.properties.generalCategory == .control {
        out.append("\u{FFFD}")
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }
}
