import Diagnostics

/// One dot-command: the single table that drives dispatch, `.help` and tab
/// completion (as DuckDB's and sqlite3's shells do).
///
/// ```swift
/// DotCommand.named("mode")?.usage   // ".mode table|csv|markdown|json"
/// ```
public struct DotCommand: Sendable {
  public let name: String
  public let arguments: String
  public let summary: String
  public let details: String
  /// What the argument completes to (for tab completion).
  public let argumentKind: ArgumentKind

  public enum ArgumentKind: Sendable { case none, path, topic, mode, onOff, setting, expression, pattern }

  public var usage: String { arguments.isEmpty ? "." + name : ".\(name) \(arguments)" }

  /// sqlite3's and DuckDB's commands whose work an indsh command does (.read FILE
  /// runs a script there, .run here), for the hint after an unknown command.
  static let otherShells: [String: String] = [
    "read": "run", "source": "run", "import": "load", "open": "load", "tables": "series", "schema": "describe",
    "output": "export", "once": "export", "headers": "mode",
  ]

  public static let all: [DotCommand] = [
    DotCommand(
      name: "help", arguments: "[TOPIC]", summary: "list commands and functions, or explain one",
      details: "TOPIC is a command (.help export), a function (.help gap) or 'language'.", argumentKind: .topic),
    DotCommand(
      name: "load", arguments: "PATH", summary: "load a CSV data file, every *.csv in a folder, or a .indb snapshot",
      details: "Loading is all or nothing: a file with any error loads nothing. Loading the same file again replaces its rows.",
      argumentKind: .path),
    DotCommand(
      name: "save", arguments: "FILE.indb", summary: "write every loaded observation as a snapshot that opens fast",
      details: "A binary file with a versioned, checksummed header: '--data FILE.indb' or '.load FILE.indb' reopens it without parsing CSV. Written to a temporary file and renamed.",
      argumentKind: .path),
    DotCommand(
      name: "run", arguments: "PATH", summary: "run a saved script (.ind); stops at its first error",
      details: "Statements and dot-commands, one per line; '#' starts a comment.", argumentKind: .path),
    DotCommand(
      name: "export", arguments: "PATH [EXPR]", summary: "write the last result, or EXPR's, as CSV (an SVG chart for FILE.svg)",
      details: "RFC 4180 UTF-8 CSV with a header: exactly the result's columns, full precision, never truncated. Written to a temporary file and renamed, so a failed export leaves an existing file untouched. '.set bom on' adds a byte-order mark for spreadsheet programs. A PATH ending in .svg writes the chart of the result instead (.export chart.svg plot(x) works too).",
      argumentKind: .path),
    DotCommand(
      name: "series", arguments: "[PATTERN]", summary: "list series: labels, count, first and last period",
      details: "PATTERN keeps series whose labels contain it.", argumentKind: .pattern),
    DotCommand(
      name: "indicators", arguments: "", summary: "list indicators with their aliases",
      details: "", argumentKind: .none),
    DotCommand(name: "regions", arguments: "", summary: "list regions", details: "", argumentKind: .none),
    DotCommand(
      name: "describe", arguments: "SELECTOR", summary: "periods, scenarios, units, sources and missing values of a selection",
      details: "Example: .describe gdp{region=\"湘潭市\"}", argumentKind: .expression),
    DotCommand(
      name: "extract", arguments: "FILE.txt [--region R] [--year Y] [--load]",
      summary: "propose observations from a report's text, for review, export or loading",
      details: "Shows the proposed rows with their exact quotes; uncertain rows say why in the note column. --load loads them (all or nothing); .export writes them.",
      argumentKind: .path),
    DotCommand(
      name: "mode", arguments: "table|csv|markdown|json", summary: "choose the output format",
      details: "table truncates long results on a terminal; csv, markdown and json never do.", argumentKind: .mode),
    DotCommand(
      name: "timer", arguments: "on|off", summary: "print the wall time of each statement", details: "",
      argumentKind: .onOff),
    DotCommand(
      name: "set", arguments: "[NAME VALUE]", summary: "change a setting, or list them all",
      details: Settings.all.map { "  \($0.name) \($0.values)  \($0.summary)" }.joined(separator: "\n"),
      argumentKind: .setting),
    DotCommand(name: "quit", arguments: "", summary: "leave the shell (also .exit, Ctrl-D)", details: "", argumentKind: .none),
    DotCommand(name: "exit", arguments: "", summary: "leave the shell", details: "", argumentKind: .none),
  ]

  public static func named(_ name: String) -> DotCommand? { all.first { $0.name == name } }
}

/// A dot-command line split into its name and the raw text after it.
struct DotCommandLine {
  var name: String
  /// Everything after the name, trimmed: commands that take an expression
  /// parse this themselves.
  var rest: String
  /// UTF-8 offset of `rest` in the line (for error carets).
  var restOffset: Int

  init(_ line: String) {
    let body = line.dropFirst()  // the '.'
    let nameEnd = body.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? body.endIndex
    name = String(body[..<nameEnd])
    let afterName = body[nameEnd...]
    let restStart = afterName.firstIndex(where: { $0 != " " && $0 != "\t" }) ?? afterName.endIndex
    rest = String(afterName[restStart...]).trimmingWhitespace()
    restOffset = line.utf8.distance(from: line.utf8.startIndex, to: restStart.samePosition(in: line.utf8) ?? line.utf8.endIndex)
  }

  /// The first whitespace-separated word of `rest` (quotes allowed) and what follows.
  func splitFirstArgument() -> (String, String)? {
    let text = rest
    guard !text.isEmpty else { return nil }
    if let quote = text.first, quote == "\"" || quote == "'" {
      let afterQuote = text.dropFirst()
      guard let close = afterQuote.firstIndex(of: quote) else { return (String(afterQuote), "") }
      return (String(afterQuote[..<close]), String(afterQuote[afterQuote.index(after: close)...]).trimmingWhitespace())
    }
    let end = text.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? text.endIndex
    return (String(text[..<end]), String(text[end...]).trimmingWhitespace())
  }
}
