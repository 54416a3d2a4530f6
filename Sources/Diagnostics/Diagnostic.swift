/// An error (or warning) a user caused, with the place it points at.
///
/// Diagnostics are data; the shell turns them into text (see
/// `Shell/DiagnosticRenderer`). Every error a user can cause becomes one of
/// these, never a crash.
///
/// ```swift
/// throw Diagnostic.error("unknown function 'yoyy'",
///                        at: SourceRange(0, 4), in: source,
///                        help: "did you mean 'yoy'?")
/// ```
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error, warning, note
  }

  public var severity: Severity
  public var message: String
  /// The text the error points into; nil for errors with no location
  /// (a file that cannot be opened, say).
  public var source: SourceText?
  /// The primary range, UTF-8 offsets into `source.text`.
  public var range: SourceRange?
  /// A line of advice shown under the caret: "did you mean 'yoy'?".
  public var help: String?
  /// When the location is a line/column in a file rather than a range in
  /// held text (data files are not kept in memory whole).
  public var fileLocation: FileLocation?

  public init(
    severity: Severity = .error, message: String, source: SourceText? = nil,
    range: SourceRange? = nil, help: String? = nil, fileLocation: FileLocation? = nil
  ) {
    self.severity = severity
    self.message = message
    self.source = source
    self.range = range
    self.help = help
    self.fileLocation = fileLocation
  }

  public static func error(
    _ message: String, at range: SourceRange? = nil, in source: SourceText? = nil,
    help: String? = nil
  ) -> Diagnostic {
    Diagnostic(message: message, source: source, range: range, help: help)
  }

  /// An error at `file:line:column` (data files, scripts).
  public static func error(
    _ message: String, file: String, line: Int, column: Int, help: String? = nil
  ) -> Diagnostic {
    Diagnostic(
      message: message, help: help,
      fileLocation: FileLocation(file: file, line: line, column: column))
  }

  /// `file:line:column` of the error, when it has one.
  public var location: FileLocation? {
    if let fileLocation { return fileLocation }
    guard let source, let range else { return nil }
    let loc = source.location(ofUTF8Offset: range.lowerBound)
    return FileLocation(file: source.name, line: loc.line, column: loc.column)
  }

  /// One line: `file:line:col: error: message` (plus help), the form used in
  /// scripts, logs and tests.
  public var description: String {
    var text = ""
    if let location { text += "\(location): " }
    text += "\(severity.rawValue): \(message)"
    if let help { text += " (\(help))" }
    return text
  }

  /// The same diagnostic with its location replaced by `range` in `source`,
  /// unless it already has one (errors pick up a location on the way out).
  public func located(at range: SourceRange, in source: SourceText) -> Diagnostic {
    if self.range != nil || fileLocation != nil { return self }
    var copy = self
    copy.range = range
    copy.source = source
    return copy
  }
}

/// A place in a named file: `Datasets/a.csv:12:5`.
public struct FileLocation: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
  public var description: String { "\(file):\(line):\(column)" }
}

/// Several diagnostics at once (a data file with many bad rows reports the
/// first few, not just one).
public struct DiagnosticList: Error, Sendable {
  public var diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
