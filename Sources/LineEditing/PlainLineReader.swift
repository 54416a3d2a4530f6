#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads statements from a non-terminal input (a pipe, a file, or bytes in memory): no prompt, no
/// editing, no history. Used whenever stdin is not a terminal, and by tests.
///
/// Handles LF and CRLF line ends, a last line without a newline, a UTF-8 byte-order mark at the
/// start, and invalid UTF-8 (replaced by U+FFFD, never a crash). Never returns `.interrupted`.
///
/// ```swift
/// let reader = PlainLineReader()                      // stdin
/// while case .line(let statement) = reader.readStatement(prompt: "", continuationPrompt: "",
///                                                       isComplete: { !$0.hasSuffix("\\") }) {
///   run(statement)
/// }
/// ```
public final class PlainLineReader: LineReader {
  private let fileDescriptor: Int32?
  private var buffer: [UInt8]
  private var position = 0
  private var reachedEnd: Bool
  private var atStart = true
  private var pending = StatementAccumulator()

  /// Reads from a file descriptor (stdin by default). The descriptor is not closed.
  public init(fileDescriptor: Int32 = 0) {
    self.fileDescriptor = fileDescriptor
    self.buffer = []
    self.reachedEnd = false
  }

  /// Reads from an open `FileHandle` (it is not closed by the reader).
  public convenience init(fileHandle: FileHandle) {
    self.init(fileDescriptor: fileHandle.fileDescriptor)
  }

  /// Reads from bytes in memory, e.g. a script already loaded, or test input.
  public init(bytes: [UInt8]) {
    self.fileDescriptor = nil
    self.buffer = bytes
    self.reachedEnd = true
  }

  /// Reads from text in memory.
  public convenience init(text: String) {
    self.init(bytes: Array(text.utf8))
  }

  public func readStatement(prompt: String, continuationPrompt: String, isComplete: (String) -> Bool) -> LineRead {
    while let line = nextLine() {
      if pending.add(line, isComplete: isComplete) {
        defer { pending.reset() }
        return .line(pending.text)
      }
    }
    // End of input. An unfinished statement is still handed over so the shell can report it
    // (an unclosed bracket in a piped script must be an error, not silently dropped).
    if pending.isEmpty { return .endOfFile }
    defer { pending.reset() }
    return .line(pending.text)
  }

  /// Piped input has no history.
  public func addHistory(_ statement: String) {}

  /// The next physical line without its terminator, or nil at end of input.
  private func nextLine() -> String? {
    while true {
      if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
        let line = buffer[position...newline]
        position = newline + 1
        return decode(line)
      }
      if reachedEnd {
        guard position < buffer.count else { return nil }
        let line = buffer[position...]
        position = buffer.count
        return decode(line)
      }
      fill()
    }
  }

  private func decode(_ raw: ArraySlice<UInt8>) -> String {
    var bytes = strippingLineTerminator(raw)
    if atStart {
      atStart = false
      // A UTF-8 BOM (Windows editors) would otherwise become part of the first token.
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the next chunk from the descriptor, or marks the end (read errors count as the end:
  /// there is nothing better a line reader can do, and it must not crash).
  private func fill() {
    guard let fd = fileDescriptor else {
      reachedEnd = true
      return
    }
    if position > 0 {
      // Drop consumed bytes so a long script does not keep its whole text twice.
      buffer.removeFirst(position)
      position = 0
    }
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = SystemCall.readBytes(fd, into: &chunk)
      if count > 0 {
        buffer.append(contentsOf: chunk[0..<count])
        return
      }
      // EINTR: Ctrl-C with our SA_RESTART-less handler installed; it is not an end of input.
      if count < 0 && errno == EINTR { continue }
      reachedEnd = true
      return
    }
  }
}
