import Diagnostics
import IndicatorStore
import Interchange
import LineEditing
import QueryLanguage

#if canImport(Glibc)
  import Glibc
#endif

/// One shell session: the loaded data, the interpreter and its bindings,
/// the settings and the last result. Text goes in through `execute`, is
/// parsed, evaluated against the store, and rendered to the console.
///
/// ```swift
/// let session = Session(console: .standard)
/// try session.load(paths: ["Datasets"])
/// session.execute("gap(gdp{region=\"湘潭市\"})[2020]")
/// ```
public final class Session {
  public private(set) var store = IndicatorStore()
  public private(set) var aliases: [String: String] = [:]
  public let interpreter: Interpreter
  public var settings = Settings() {
    didSet { syncInterpreterSettings() }
  }
  public internal(set) var lastResult: ResultTable?
  public let console: Console
  /// Where the default data came from (shown in the banner and `.help`).
  public var dataDescription = "no data loaded"
  /// Nested `.run` files, innermost last, to refuse recursion and name the chain.
  var runStack: [String] = []
  /// Whether the session talks to a person at a prompt (errors then show
  /// the statement with a caret; scripts show `file:line:col`).
  public var isInteractive = false

  public init(console: Console) {
    self.console = console
    self.interpreter = Interpreter(store: IndicatorStore(), aliases: [:])
    syncInterpreterSettings()
  }

  func syncInterpreterSettings() {
    var evaluation = EvaluationSettings()
    evaluation.tolerance = settings.tolerance
    evaluation.showProvenance = settings.provenance
    interpreter.settings = evaluation
  }

  // MARK: - Data

  /// What a successful load added.
  public struct LoadSummary: Sendable {
    public var rowsLoaded: Int
    public var notes: [Diagnostic]
  }

  /// Loads CSV files or folders (every `*.csv`), all or nothing; an
  /// `aliases.csv` in a folder is read as the alias table. Loading a data
  /// file again replaces its rows.
  @discardableResult
  public func load(paths: [String]) throws(DiagnosticList) -> LoadSummary {
    var dataPaths: [String] = []
    var aliasPaths: [String] = []
    for path in paths {
      if FileSystem.isDirectory(path) {
        // Every *.csv of the folder is data, except the alias table.
        for name in FileSystem.listDirectory(path) where name.hasSuffix(".csv") {
          let file = FileSystem.join(path, name)
          if name == "aliases.csv" { aliasPaths.append(file) } else { dataPaths.append(file) }
        }
      } else if FileSystem.baseName(path) == "aliases.csv" {
        aliasPaths.append(path)
      } else {
        dataPaths.append(path)
      }
    }
    var newAliases = aliases
    for path in aliasPaths {
      let table = try AliasTable.load(path: path)
      newAliases.merge(table.aliases) { _, new in new }
    }
    let progress = LoadProgressLine(console: console, enabled: console.isTerminal && isatty(2) == 1)
    defer { progress.finish() }
    let result = try DatasetLoader.loading(paths: dataPaths, into: store, progress: progress.enabled ? progress.update : nil)
    store = result.store
    aliases = newAliases
    interpreter.store = store
    interpreter.aliases = aliases
    return LoadSummary(rowsLoaded: result.rowsLoaded, notes: result.notes)
  }

  // MARK: - Running input

  public enum Outcome: Equatable, Sendable {
    case succeeded, failed, quit
  }

  /// Runs one statement or dot-command. Errors are reported to the console;
  /// the outcome says whether it failed.
  ///
  /// - Parameters:
  ///   - text: the statement (possibly several lines) or a dot-command line.
  ///   - name: the source name for diagnostics (`<stdin>`, a script path).
  ///   - line: the 1-based line where `text` starts in that source.
  @discardableResult
  public func execute(_ text: String, name: String = "<statement>", line: Int = 1) -> Outcome {
    let trimmed = text.trimmingWhitespace()
    if trimmed.isEmpty || trimmed.hasPrefix("#") { return .succeeded }
    let started = Clock.now()
    defer {
      if settings.timer && !trimmed.hasPrefix(".timer") {
        console.err(String(format: "Run Time: %.3f s\n", Clock.now() - started))
      }
    }
    if trimmed.hasPrefix(".") {
      return runDotCommand(trimmed, name: name, line: line)
    }
    // At the prompt, the words people type to leave or for help in other
    // shells (psql, IPython) do what they expect, unless bound with let.
    if isInteractive, !interpreter.bindingNames.contains(trimmed) {
      if trimmed == "exit" || trimmed == "quit" { return .quit }
      if trimmed == "help" { return runDotCommand(".help", name: name, line: line) }
    }
    let source = SourceText(name: name, text: text, firstLine: line)
    do {
      let statement = try Parser.parse(source)
      // plot(EXPR) and spark(EXPR) draw instead of printing a table.
      if let chart = try chartOutput(for: statement, source: source) {
        console.out(ensureNewline(chart))
        return .succeeded
      }
      guard let table = try interpreter.run(statement, source: source) else { return .succeeded }
      lastResult = table
      show(table)
      return .succeeded
    } catch {
      if let diagnostic = error as? Diagnostic {
        report(Self.withShellHint(diagnostic, statement: trimmed))
      } else {
        report(error)
      }
      return .failed
    }
  }

  /// An error with a hint for what someone used to another shell typed:
  /// a word of theirs (exit, clear) or an SQL comment (-- …).
  static func withShellHint(_ error: Diagnostic, statement: String) -> Diagnostic {
    var hinted = error
    switch statement {
    case "exit", "quit", "help": hinted.help = "shell commands start with a dot: .\(statement) (Ctrl-D also leaves)"
    case "clear", "cls": hinted.help = "Ctrl-L clears the screen"
    default:
      if statement.hasPrefix("--") { hinted.help = "comments start with # (-- is two minus signs)" }
    }
    return hinted
  }

  /// Renders a result in the current mode.
  func show(_ table: ResultTable) {
    console.out(render(table))
  }

  func render(_ table: ResultTable) -> String {
    switch settings.mode {
    case .table:
      var renderer = TableRenderer()
      renderer.maxRows = console.isTerminal && settings.maxRows > 0 ? settings.maxRows : nil
      renderer.terminalWidth = console.isTerminal ? Terminal.columns(1) : nil
      renderer.showProvenance = settings.provenance
      return ensureNewline(renderer.render(table))
    case .csv:
      return CSVWriter.csvText(table)
    case .markdown:
      return ensureNewline(MarkdownRenderer().render(table))
    case .json:
      return ensureNewline(JSONRenderer().render(table))
    }
  }

  func ensureNewline(_ s: String) -> String { s.hasSuffix("\n") || s.isEmpty ? s : s + "\n" }

  /// Prints a diagnostic: with the statement and a caret, or as
  /// `file:line:col: error: message` for data files.
  public func report(_ diagnostic: Diagnostic) {
    let renderer = DiagnosticRenderer(useColor: console.useColor)
    console.err(ensureNewline(renderer.render(diagnostic)))
  }

  public func report(_ list: DiagnosticList) {
    for d in list.diagnostics { report(d) }
  }

  func report(message: String, help: String? = nil) {
    report(Diagnostic(message: message, help: help))
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}

/// Wall-clock seconds for `.timer`.
enum Clock {
  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
