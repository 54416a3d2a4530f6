/// The outcome of one `LineReader.readStatement` call.
///
/// ```swift
/// switch reader.readStatement(prompt: "indsh> ", continuationPrompt: "   ...> ", isComplete: parser.isComplete) {
/// case .line(let statement): run(statement); reader.addHistory(statement)
/// case .interrupted: continue          // Ctrl-C: the line was cleared, "^C" already printed
/// case .endOfFile: exit(0)             // Ctrl-D on an empty line, or input closed
/// }
/// ```
public enum LineRead: Equatable, Sendable {
  /// A whole statement, its lines joined with "\n", without the final newline.
  /// At end of input an unfinished statement is still returned here, so the caller can report it.
  case line(String)
  /// Ctrl-C while typing: the statement so far was discarded (never returned by `PlainLineReader`).
  case interrupted
  /// Ctrl-D on an empty line, or no more input.
  case endOfFile
}

/// Where the shell gets its statements from: `LineEditor` on a terminal, `PlainLineReader` otherwise.
///
/// ```swift
/// let reader: any LineReader = LineEditor(programName: "indsh", historyPath: path, completer: c)
///   ?? PlainLineReader()
/// ```
public protocol LineReader: AnyObject {
  /// Reads one complete statement. `isComplete` decides whether the text so far is a whole
  /// statement (brackets/quotes closed); while it returns false, keep reading lines with
  /// `continuationPrompt`, joining them with "\n". Returns the whole statement.
  func readStatement(prompt: String, continuationPrompt: String, isComplete: (String) -> Bool) -> LineRead
  /// Records a statement in history (ONE entry even for multi-line statements) and persists it.
  func addHistory(_ statement: String)
}

/// Supplies tab-completion candidates to `LineEditor`.
///
/// ```swift
/// final class Commands: CompletionProvider {
///   func completions(line: String, cursor: Int) -> (start: Int, candidates: [String]) {
///     let start = line.prefix(cursor).lastIndex(of: " ").map { line.distance(from: line.startIndex, to: $0) + 1 } ?? 0
///     let word = String(line.dropFirst(start).prefix(cursor - start))
///     return (start, [".help", ".mode", ".quit"].filter { $0.hasPrefix(word) })
///   }
/// }
/// ```
///
/// Candidates are inserted verbatim (no space or quote is added), so include any closing
/// character you want in the candidate itself. A candidate need not start with the typed word
/// (an alias or pinyin match): the typed word is then replaced.
public protocol CompletionProvider: AnyObject {
  /// `line` is the current line of the buffer (earlier lines of a multi-line statement are not
  /// included), `cursor` a Character offset into it. Returns the Character offset where the word
  /// being completed starts and the candidates (full words).
  func completions(line: String, cursor: Int) -> (start: Int, candidates: [String])
}

/// Joins physical lines into statements; shared by both readers so they agree exactly.
struct StatementAccumulator {
  private(set) var lines: [String] = []

  var isEmpty: Bool { lines.isEmpty }
  var text: String { lines.joined(separator: "\n") }

  /// Adds one line (without its line terminator) and reports whether the statement is complete.
  mutating func add(_ line: String, isComplete: (String) -> Bool) -> Bool {
    lines.append(line)
    return isComplete(text)
  }

  mutating func reset() { lines.removeAll() }
}

/// Removes one trailing "\n" or "\r\n" (and a lone trailing "\r", as a CRLF file read in pieces
/// would leave it). Byte-level, so a CR LF pair is never mistaken for a single Character.
func strippingLineTerminator(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
  var end = bytes.endIndex
  if end > bytes.startIndex, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
  if end > bytes.startIndex, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
  return bytes[bytes.startIndex..<end]
}
