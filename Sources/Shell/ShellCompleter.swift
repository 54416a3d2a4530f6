import IndicatorStore
import LineEditing
import QueryLanguage

/// Tab completion by context: dot-commands, their arguments (files, topics,
/// modes, settings), functions, indicators and aliases, bindings, label
/// names inside `{…}` and label values after `label="`.
///
/// ```swift
/// let completer = ShellCompleter(session: session)
/// completer.completions(line: ".mo", cursor: 3)   // (start: 0, [".mode"])
/// ```
public final class ShellCompleter: CompletionProvider {
  unowned let session: Session

  public init(session: Session) { self.session = session }

  static let keywords = ["let", "where", "by", "on", "ignoring", "and", "or", "not"]

  public func completions(line: String, cursor: Int) -> (start: Int, candidates: [String]) {
    let chars = Array(line)
    let cursor = max(0, min(cursor, chars.count))
    let before = chars[0..<cursor]

    // Dot-command name.
    if before.first == "." && !before.contains(" ") {
      let typed = String(before.dropFirst())
      let names = DotCommand.all.map(\.name).filter { $0.hasPrefix(typed) }.map { "." + $0 }
      return (0, names)
    }
    // Dot-command argument.
    if before.first == ".", let space = before.firstIndex(of: " ") {
      let name = String(before[1..<space])
      guard let command = DotCommand.named(name) else { return (cursor, []) }
      let argStart = before[space...].firstIndex(where: { $0 != " " }) ?? cursor
      let typed = String(before[argStart..<cursor])
      // Only the first argument is a path/topic; after it, an expression.
      if typed.contains(" ") && command.argumentKind == .path {
        let exprStart = (before.lastIndex(of: " ") ?? cursor - 1) + 1
        return expressionCompletions(chars: chars, cursor: cursor, wordStartHint: exprStart)
      }
      switch command.argumentKind {
      case .path: return (argStart, pathCandidates(typed))
      case .topic:
        let topics = DotCommand.all.map(\.name) + Builtins.all.map(\.name)
        return (argStart, topics.filter { $0.hasPrefix(typed) })
      case .mode: return (argStart, OutputMode.allCases.map(\.rawValue).filter { $0.hasPrefix(typed) })
      case .onOff: return (argStart, ["on", "off"].filter { $0.hasPrefix(typed) })
      case .setting: return (argStart, Settings.all.map(\.name).filter { $0.hasPrefix(typed) })
      case .expression: return expressionCompletions(chars: chars, cursor: cursor, wordStartHint: nil)
      case .pattern, .none: return (cursor, [])
      }
    }
    return expressionCompletions(chars: chars, cursor: cursor, wordStartHint: nil)
  }

  private func isWordCharacter(_ c: Character) -> Bool {
    c == "_" || c.isLetter || c.isNumber
  }

  private func expressionCompletions(chars: [Character], cursor: Int, wordStartHint: Int?) -> (start: Int, candidates: [String]) {
    let before = chars[0..<cursor]
    // Inside a quoted label value: label="湘
    if let context = labelValueContext(Array(before)) {
      let values = labelValues(for: context.label)
      return (context.valueStart, values.filter { $0.hasPrefix(context.typed) }.map { $0 + "\"" })
    }
    var start = cursor
    while start > 0 && isWordCharacter(chars[start - 1]) { start -= 1 }
    if let hint = wordStartHint { start = max(start, hint) }
    let typed = String(chars[start..<cursor])
    // Inside braces at a label-name position.
    if isInsideBraces(Array(before)) {
      return (start, SeriesLabels.labelNames.filter { $0.hasPrefix(typed) }.map { $0 + "=" })
    }
    guard !typed.isEmpty else { return (cursor, []) }
    var candidates = Set<String>()
    for f in Builtins.all where f.name.hasPrefix(typed) { candidates.insert(f.name + "(") }
    for name in session.store.indicatorNames where name.hasPrefix(typed) { candidates.insert(name) }
    for alias in session.aliases.keys where alias.hasPrefix(typed) { candidates.insert(alias) }
    for binding in session.interpreter.bindingNames where binding.hasPrefix(typed) { candidates.insert(binding) }
    for keyword in ShellCompleter.keywords where keyword.hasPrefix(typed) { candidates.insert(keyword) }
    return (start, candidates.sorted())
  }

  /// `{… label="typed` → the label, where the value starts, what is typed.
  private func labelValueContext(_ before: [Character]) -> (label: String, valueStart: Int, typed: String)? {
    guard isInsideBraces(before) else { return nil }
    // Count quotes since the last '{' to see whether a string is open.
    guard let brace = before.lastIndex(of: "{") else { return nil }
    let inside = before[(brace + 1)...]
    let quotes = inside.filter { $0 == "\"" }.count
    guard quotes % 2 == 1, let quote = inside.lastIndex(of: "\"") else { return nil }
    var i = quote - 1
    while i > brace && (before[i] == "=" || before[i] == "~" || before[i] == "!" || before[i] == " ") { i -= 1 }
    let labelEnd = i + 1
    while i > brace && isWordCharacter(before[i]) { i -= 1 }
    let label = String(before[(i + 1)..<labelEnd])
    return (label, quote + 1, String(before[(quote + 1)...]))
  }

  private func isInsideBraces(_ before: [Character]) -> Bool {
    var depth = 0
    var inString = false
    for c in before {
      if c == "\"" { inString.toggle(); continue }
      if inString { continue }
      if c == "{" { depth += 1 } else if c == "}" { depth = max(0, depth - 1) }
    }
    return depth > 0
  }

  private func labelValues(for label: String) -> [String] {
    switch label {
    case "region": return session.store.regionNames
    case "indicator": return session.store.indicatorNames
    case "measure": return Measure.allCases.map(\.rawValue)
    case "scenario": return Scenario.allCases.map(\.rawValue)
    case "unit":
      var units = Set<String>()
      for s in 0..<session.store.seriesCount { units.insert(session.store.unit(ofSeries: s)) }
      return units.sorted()
    default: return []
    }
  }

  private func pathCandidates(_ typed: String) -> [String] {
    let directory: String
    let prefix: String
    if let slash = typed.lastIndex(of: "/") {
      directory = slash == typed.startIndex ? "/" : String(typed[..<slash])
      prefix = String(typed[typed.index(after: slash)...])
    } else {
      directory = "."
      prefix = typed
    }
    let lead = typed.lastIndex(of: "/").map { String(typed[...$0]) } ?? ""
    return FileSystem.listDirectory(directory)
      .filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }
      .map { name in
        let full = lead + name
        return FileSystem.isDirectory(FileSystem.join(directory, name)) ? full + "/" : full
      }
  }
}
