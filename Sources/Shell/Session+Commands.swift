import Charts
import Diagnostics
import IndicatorStore
import Interchange
import QueryLanguage

extension Session {
  func runDotCommand(_ line: String, name: String, line lineNumber: Int) -> Outcome {
    let command = DotCommandLine(line)
    let source = SourceText(name: name, text: line, firstLine: lineNumber)
    func fail(_ message: String, help: String? = nil, atArgument: Bool = false) -> Outcome {
      let range = atArgument
        ? SourceRange(command.restOffset, line.utf8.count)
        : SourceRange(0, 1 + command.name.utf8.count)
      report(Diagnostic.error(message, at: range, in: source, help: help))
      return .failed
    }
    guard let spec = DotCommand.named(command.name) else {
      let names = DotCommand.all.map(\.name)
      let prefixed = names.filter { $0.hasPrefix(command.name) && !command.name.isEmpty }
      if prefixed.count == 1, let only = prefixed.first, let unique = DotCommand.named(only) {
        // An unambiguous prefix runs the command (as in DuckDB: .mo csv).
        let expanded = "." + unique.name + (command.rest.isEmpty ? "" : " " + command.rest)
        return runDotCommand(expanded, name: name, line: lineNumber)
      }
      // Another shell's command (sqlite3's .read, .import, .tables) names its indsh one first.
      let suggestion = DotCommand.otherShells[command.name].map { "indsh's is .\($0)" }
        ?? Suggestions.didYouMean(Suggestions.closest(to: command.name, among: names).map { "." + $0 })
      return fail("unknown command '.\(command.name)'", help: suggestion ?? "type .help for the list of commands")
    }
    switch spec.name {
    case "quit", "exit":
      return .quit

    case "help":
      console.out(helpText(topic: command.rest.isEmpty ? nil : command.rest))
      return .succeeded

    case "mode":
      guard !command.rest.isEmpty else {
        console.out("mode: \(settings.mode.rawValue)\n")
        return .succeeded
      }
      guard let mode = OutputMode(rawValue: command.rest) else {
        let names = OutputMode.allCases.map(\.rawValue)
        return fail(
          "unknown mode '\(command.rest)'",
          help: Suggestions.didYouMean(Suggestions.closest(to: command.rest, among: names))
            ?? "modes: " + names.joined(separator: ", "), atArgument: true)
      }
      settings.mode = mode
      return .succeeded

    case "timer":
      do throws(Settings.SettingError) {
        try settings.set("timer", command.rest)
      } catch {
        return fail(error.message, help: ".timer on|off", atArgument: true)
      }
      return .succeeded

    case "set":
      guard let (setting, value) = command.splitFirstArgument() else {
        var text = ""
        for (key, value) in settings.listing { text += "\(key) = \(value)\n" }
        console.out(text)
        return .succeeded
      }
      guard !value.isEmpty else {
        if let current = settings.listing.first(where: { $0.0 == setting }) {
          console.out("\(current.0) = \(current.1)\n")
          return .succeeded
        }
        return fail("unknown setting '\(setting)'", help: "settings: " + Settings.all.map(\.name).joined(separator: ", "), atArgument: true)
      }
      do throws(Settings.SettingError) {
        try settings.set(setting, value)
      } catch {
        return fail(error.message, help: error.help, atArgument: true)
      }
      return .succeeded

    case "load":
      guard !command.rest.isEmpty else { return fail("missing PATH", help: spec.usage) }
      let path = command.splitFirstArgument()?.0 ?? command.rest
      guard FileSystem.exists(path) else {
        return fail("no such file or folder: \(path)", atArgument: true)
      }
      return loadReporting(path, shownAs: path)

    case "save":
      guard !command.rest.isEmpty else { return fail("missing FILE.indb", help: spec.usage) }
      let path = command.splitFirstArgument()?.0 ?? command.rest
      guard StoreSnapshot.isSnapshot(path) else {
        return fail(
          "a snapshot file name ends in .indb: '\(path)'", help: "e.g. .save panel.indb; .export writes CSV",
          atArgument: true)
      }
      do throws(Diagnostic) {
        try FileIO.saveSnapshot(store, to: path)
      } catch {
        report(error)
        return .failed
      }
      if isInteractive { console.err("saved \(store.rowCount) observations (\(store.seriesCount) series) to \(path)\n") }
      return .succeeded

    case "run":
      guard !command.rest.isEmpty else { return fail("missing PATH", help: spec.usage) }
      let path = command.splitFirstArgument()?.0 ?? command.rest
      return runScript(path: path) ? .succeeded : .failed

    case "export":
      return exportCommand(command, source: source, usage: spec.usage)

    case "series":
      show(Catalog.series(in: store, matching: command.rest.isEmpty ? nil : command.rest))
      return .succeeded

    case "indicators":
      show(Catalog.indicators(in: store, aliases: aliases))
      return .succeeded

    case "regions":
      show(Catalog.regions(in: store))
      return .succeeded

    case "describe":
      guard !command.rest.isEmpty else { return fail("missing SELECTOR", help: spec.usage) }
      let exprSource = SourceText(name: name, text: command.rest, firstLine: lineNumber)
      do {
        let statement = try Parser.parse(exprSource)
        guard let table = try interpreter.run(statement, source: exprSource) else { return .succeeded }
        show(Catalog.describe(table))
        return .succeeded
      } catch {
        report(error)
        return .failed
      }

    case "extract":
      return extractCommand(command, source: source, usage: spec.usage)

    default:
      return fail("command '.\(spec.name)' is not available yet")
    }
  }

  private func exportCommand(_ command: DotCommandLine, source: SourceText, usage: String) -> Outcome {
    guard let (path, expression) = command.splitFirstArgument() else {
      report(Diagnostic.error("missing PATH", at: SourceRange(0, source.text.utf8.count), in: source, help: usage))
      return .failed
    }
    var table: ResultTable
    if expression.isEmpty {
      guard let last = lastResult else {
        report(Diagnostic.error("no result to export yet", at: SourceRange(0, source.text.utf8.count), in: source, help: "run a statement first, or give one: .export out.csv gap(gdp)"))
        return .failed
      }
      table = last
    } else {
      // Locate the expression within the line so carets point at it.
      let offset = source.text.utf8.count - expression.utf8.count
      let padded = String(repeating: " ", count: max(0, offset)) + expression
      let exprSource = SourceText(name: source.name, text: padded, firstLine: source.firstLine)
      do {
        var statement = try Parser.parse(exprSource)
        // `.export chart.svg plot(x)` means the chart of x; `spark(x)` exports the sparkline table.
        var chartFunction: String?
        if case .expression(.call(let call)) = statement, call.name == "plot" || call.name == "spark",
          call.arguments.count == 1, call.grouping == nil
        {
          statement = .expression(call.arguments[0])
          chartFunction = call.name
        }
        guard let result = try interpreter.run(statement, source: exprSource) else {
          report(Diagnostic.error("a 'let' has no result to export", at: SourceRange(offset, padded.utf8.count), in: exprSource))
          return .failed
        }
        table = result
        if chartFunction == "spark" && !path.lowercased().hasSuffix(".svg") {
          do throws(ChartError) { table = try Sparkline.table(from: result) } catch {
            throw Diagnostic.error(error.message, at: SourceRange(offset, padded.utf8.count), in: exprSource, help: error.help)
          }
        }
      } catch {
        report(error)
        return .failed
      }
    }
    if path.lowercased().hasSuffix(".svg") {
      return exportChart(table, to: path, source: source)
    }
    do throws(Diagnostic) {
      try CSVWriter.write(table, to: path, bom: settings.bom)
    } catch {
      report(error)
      return .failed
    }
    if isInteractive { console.err("wrote \(table.rowCount) rows to \(path)\n") }
    return .succeeded
  }

  /// Loads `path` (all or nothing) and says what happened on stderr, naming it `name`.
  func loadReporting(_ path: String, shownAs name: String) -> Outcome {
    do throws(DiagnosticList) {
      let before = store.rowCount
      let summary = try load(paths: [path])
      // A file loaded twice would print a note per row: the first few say what happened.
      let shown = 5
      for note in summary.notes.prefix(shown) { report(note) }
      if summary.notes.count > shown {
        console.err("note: \(summary.notes.count - shown) more notes like these\n")
      }
      console.err("loaded \(summary.rowsLoaded) rows from \(name) (\(store.seriesCount) series, \(store.rowCount) observations; was \(before))\n")
      return .succeeded
    } catch {
      report(error)
      console.err("nothing loaded from \(name)\n")
      return .failed
    }
  }

  /// Reports any thrown error: diagnostics as such, anything else as text.
  func report(_ error: any Error) {
    if let d = error as? Diagnostic {
      report(d)
    } else if let list = error as? DiagnosticList {
      report(list)
    } else {
      report(message: "\(error)")
    }
  }

  // MARK: - Scripts

  /// Runs a script file statement by statement; stops at the first error.
  /// Returns whether every statement succeeded.
  @discardableResult
  public func runScript(path: String) -> Bool {
    guard runStack.count < 16 else {
      report(message: "scripts nested too deeply (\(runStack.joined(separator: " → ")) → \(path))")
      return false
    }
    guard !runStack.contains(path) else {
      report(message: "script \(path) runs itself (\(runStack.joined(separator: " → ")) → \(path))")
      return false
    }
    let text: String
    switch FileSystem.readText(path) {
    case .success(let t): text = t
    case .failure(let e):
      report(message: "cannot read \(e.path): \(e.reason)")
      return false
    }
    runStack.append(path)
    defer { runStack.removeLast() }
    return runText(text, name: path) != .failed
  }

  /// Runs the statements and dot-commands of `text` (one or more lines, as
  /// in a script) until the first error or `.quit`; `name` labels errors.
  public func runText(_ text: String, name: String) -> Outcome {
    for unit in StatementSplitter.split(text) {
      switch execute(unit.text, name: name, line: unit.line) {
      case .succeeded: continue
      case .failed: return .failed
      case .quit: return .quit
      }
    }
    return .succeeded
  }

  // MARK: - Help

  func helpText(topic: String?) -> String {
    guard let topic else {
      var text = "Commands:\n"
      let width = DotCommand.all.map { $0.usage.count }.max() ?? 0
      for c in DotCommand.all {
        text += "  " + c.usage.padding(to: width) + "  " + c.summary + "\n"
      }
      text += "\nFunctions:\n"
      let fwidth = Builtins.all.map { $0.signature.count }.max() ?? 0
      for f in Builtins.all {
        text += "  " + f.signature.padding(to: fwidth) + "  " + f.summary + "\n"
      }
      text += """

        Statements: a selector (gdp{region="湘潭市"}), a function call (gap(gdp)[2020]),
        arithmetic (1 + 2), 'let NAME = EXPR', '… where gap < 0'. '#' starts a comment.
        .help NAME explains a command or function. Data: \(dataDescription).

        """
      return text
    }
    let name = topic.hasPrefix(".") ? String(topic.dropFirst()) : topic
    if let c = DotCommand.named(name) {
      return "\(c.usage)\n  \(c.summary)\n" + (c.details.isEmpty ? "" : "\n\(c.details)\n")
    }
    if let f = Builtins.doc(named: name) {
      var text = "\(f.signature)\n  \(f.summary)\n\n  example: \(f.example)\n"
      if !f.details.isEmpty { text += "\n\(f.details)\n" }
      return text
    }
    let candidates = DotCommand.all.map(\.name) + Builtins.all.map(\.name)
    let hint = Suggestions.didYouMean(Suggestions.closest(to: name, among: candidates)) ?? "type .help for the list"
    return "no help for '\(topic)': \(hint)\n"
  }
}

extension String {
  /// Pads with spaces to `width` display columns.
  func padding(to width: Int) -> String {
    let w = DisplayWidth.of(self)
    return w >= width ? self : self + String(repeating: " ", count: width - w)
  }
}

/// Splits script text into statements: one per line, except that a line
/// with an open bracket, brace or quote continues on the next.
public enum StatementSplitter {
  public struct Unit: Sendable, Equatable {
    public var text: String
    /// 1-based line where the statement starts.
    public var line: Int
  }

  public static func split(_ text: String) -> [Unit] {
    var units: [Unit] = []
    var pending: [Substring] = []
    var pendingLine = 1
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = rawLine
      if line.hasSuffix("\r") { line = line.dropLast() }
      if pending.isEmpty {
        pendingLine = lineNumber
        let trimmed = String(line).trimmingWhitespace()
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        if trimmed.hasPrefix(".") {
          units.append(Unit(text: String(line), line: lineNumber))
          continue
        }
      }
      pending.append(line)
      let joined = pending.joined(separator: "\n")
      if Parser.isComplete(joined) {
        units.append(Unit(text: joined, line: pendingLine))
        pending = []
      }
    }
    if !pending.isEmpty { units.append(Unit(text: pending.joined(separator: "\n"), line: pendingLine)) }
    return units
  }
}
