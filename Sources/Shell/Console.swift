#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the shell writes: results to standard output, diagnostics and
/// notes to standard error. Tests swap in a `Console` that collects text.
///
/// ```swift
/// let console = Console.standard
/// console.out("3\n")
/// console.err("error: …\n")
/// ```
public final class Console: @unchecked Sendable {
  private let writeOut: (String) -> Void
  private let writeErr: (String) -> Void
  /// Whether standard output is a terminal (tables are truncated and may be coloured there).
  public let isTerminal: Bool
  /// Whether standard error is a colour terminal and NO_COLOR is unset.
  public let useColor: Bool

  public init(
    isTerminal: Bool, useColor: Bool, out: @escaping (String) -> Void, err: @escaping (String) -> Void
  ) {
    self.isTerminal = isTerminal
    self.useColor = useColor
    self.writeOut = out
    self.writeErr = err
  }

  public func out(_ text: String) { writeOut(text) }
  public func err(_ text: String) { writeErr(text) }

  /// The process's standard output and error.
  public static var standard: Console {
    let stdoutIsTTY = isatty(1) == 1
    let stderrIsTTY = isatty(2) == 1
    let noColor = getenv("NO_COLOR").map { String(cString: $0).isEmpty == false } ?? false
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    return Console(
      isTerminal: stdoutIsTTY, useColor: stderrIsTTY && !noColor && term != "dumb",
      out: { text in Console.writeAll(fd: 1, text) },
      err: { text in Console.writeAll(fd: 2, text) })
  }

  /// A console that collects everything written (for tests).
  public static func collecting(isTerminal: Bool = false) -> (Console, () -> (out: String, err: String)) {
    final class Box: @unchecked Sendable { var out = ""; var err = "" }
    let box = Box()
    let console = Console(
      isTerminal: isTerminal, useColor: false, out: { box.out += $0 }, err: { box.err += $0 })
    return (console, { (box.out, box.err) })
  }

  private static func writeAll(fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return -1 }
        return Glibc.write(fd, base + offset, buffer.count - offset)
      }
      if n <= 0 {
        if n < 0 && errno == EINTR { continue }
        return
      }
      offset += n
    }
  }
}
