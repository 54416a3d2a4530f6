import Diagnostics
import LineEditing
import QueryLanguage

/// The read → run → print loops: interactive (libedit), piped standard
/// input, and the banner.
///
/// ```swift
/// let repl = REPL(session: session)
/// let status = repl.runInteractive(historyPath: "~/.indsh_history")
/// ```
public struct REPL {
  public let session: Session

  public init(session: Session) { self.session = session }

  public static let prompt = "indsh> "
  public static let continuationPrompt = "  ...> "

  /// Whether `text` is a whole statement: dot-commands are one line;
  /// statements wait for brackets, braces and quotes to close.
  public static func isComplete(_ text: String) -> Bool {
    let trimmed = text.trimmingWhitespace()
    if trimmed.isEmpty || trimmed.hasPrefix(".") || trimmed.hasPrefix("#") { return true }
    return Parser.isComplete(text)
  }

  /// An interactive session on a terminal. Returns the exit status (0).
  public func runInteractive(historyPath: String?, banner: String) -> Int32 {
    session.isInteractive = true
    let completer = ShellCompleter(session: session)
    guard let editor = LineEditor(programName: "indsh", historyPath: historyPath, completer: completer) else {
      // No terminal after all: fall back to plain reading.
      return runPiped(bail: false)
    }
    for warning in editor.warnings { session.console.err("warning: \(warning)\n") }
    session.console.out(banner + "\n")
    Interrupt.install()
    session.interpreter.isCancelled = { Interrupt.isPending }
    while true {
      let read = editor.readStatement(
        prompt: REPL.prompt, continuationPrompt: REPL.continuationPrompt, isComplete: REPL.isComplete)
      switch read {
      case .endOfFile:
        session.console.out("\n")
        return 0
      case .interrupted:
        continue
      case .line(let statement):
        if statement.trimmingWhitespace().isEmpty { continue }
        editor.addHistory(statement)
        Interrupt.clear()
        let outcome = session.execute(statement, name: "<statement>")
        Interrupt.clear()
        if outcome == .quit { return 0 }
      }
    }
  }

  /// Statements from standard input (not a terminal): no prompt, no line
  /// editor; an error is reported and the next statement runs, unless
  /// `bail`. Returns 1 if any statement failed.
  public func runPiped(bail: Bool) -> Int32 {
    let reader = PlainLineReader()
    var failed = false
    var line = 1
    while true {
      let read = reader.readStatement(prompt: "", continuationPrompt: "", isComplete: REPL.isComplete)
      guard case .line(let statement) = read else { break }
      let lines = statement.split(separator: "\n", omittingEmptySubsequences: false).count
      defer { line += lines }
      switch session.execute(statement, name: "<stdin>", line: line) {
      case .succeeded: continue
      case .failed:
        failed = true
        if bail { return 1 }
      case .quit:
        return failed ? 1 : 0
      }
    }
    return failed ? 1 : 0
  }
}
