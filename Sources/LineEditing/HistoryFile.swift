#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The persistent history file: libedit's format, written safely. Used by `LineEditor`, and
/// testable without a terminal.
///
/// Format: the line `_HiStOrY_V2_`, then one entry per line, `vis(3)`-encoded the way libedit's
/// `H_SAVE` does under a UTF-8 locale (space `\040`, TAB `\011`, newline `\012`, backslash `\\`,
/// other control characters in octal, everything else raw UTF-8). So a multi-line statement is
/// one line in the file, and the file stays readable by libedit itself.
///
/// Rules:
/// - at most `limit` entries (the newest are kept); consecutive duplicates are dropped;
/// - every save writes a temporary file in the same folder with mode 0600, syncs it, and renames
///   it over the old file, so the file is never half-written and a killed shell loses nothing;
/// - a foreign or corrupt file (no `_HiStOrY_V2_` header: GNU readline's format, binary junk) is
///   ignored on load with a warning, and on the first save moved aside to `<path>.bak` (or
///   `.bak.1`, … if that exists) before ours is written, so nothing of the user's is destroyed.
///
/// ```swift
/// let file = HistoryFile(path: "/home/me/.indsh_history")
/// let loaded = file.load()                    // entries oldest first, plus warnings
/// loaded.warnings.forEach { print("warning: \($0)") }
/// let moreWarnings = try file.append("x{region=\"湘潭市\"}")
/// ```
public struct HistoryFile: Sendable {
  /// First line of every libedit history file.
  public static let header = "_HiStOrY_V2_"
  /// The default bound on the number of entries.
  public static let defaultLimit = 1000
  /// Files larger than this are not read (no history file of 1000 entries gets near it).
  static let maximumFileSize = 32 * 1024 * 1024

  /// Where the history lives, as given (symbolic links are followed when writing).
  public let path: String
  /// Maximum number of entries kept; at least 1.
  public let limit: Int

  public init(path: String, limit: Int = HistoryFile.defaultLimit) {
    self.path = path
    self.limit = max(1, limit)
  }

  /// What `load()` found.
  public enum Status: Equatable, Sendable {
    /// No file yet.
    case missing
    /// A libedit history file (possibly with some unreadable lines skipped).
    case history
    /// Not a history file of ours; the reason is for the warning.
    case foreign(String)
    /// The file exists but cannot be read; it is never overwritten.
    case unreadable(String)
  }

  /// The result of `load()`.
  public struct Contents: Equatable, Sendable {
    /// Entries, oldest first, at most `limit`.
    public var entries: [String]
    public var status: Status
    /// Human-readable warnings for the user (empty when all is well).
    public var warnings: [String]
  }

  /// An I/O failure while saving.
  public struct SaveError: Error, Equatable, CustomStringConvertible {
    public var description: String
  }

  // MARK: Loading

  /// Reads the file. Never throws and never crashes: problems become `status` and `warnings`.
  public func load() -> Contents {
    let fileManager = FileManager.default
    guard fileManager.fileExists(atPath: path) else {
      return Contents(entries: [], status: .missing, warnings: [])
    }
    let attributes = (try? fileManager.attributesOfItem(atPath: path)) ?? [:]
    if attributes[.type] as? FileAttributeType == .typeDirectory {
      return unreadable("it is a directory")
    }
    if let size = attributes[.size] as? NSNumber, size.intValue > Self.maximumFileSize {
      return foreign("it is larger than \(Self.maximumFileSize / (1024 * 1024)) MiB")
    }
    guard let data = fileManager.contents(atPath: path) else {
      return unreadable(fileManager.isReadableFile(atPath: path) ? "read failed" : "permission denied")
    }
    return parse(Array(data))
  }

  /// Interprets file bytes (the part of `load()` that does not touch the disk).
  func parse(_ bytes: [UInt8]) -> Contents {
    if bytes.isEmpty {
      return Contents(entries: [], status: .history, warnings: [])
    }
    var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    guard let first = lines.first, first.elementsEqual(Self.header.utf8) else {
      let looksBinary = bytes.contains(0) || String(validating: bytes, as: UTF8.self) == nil
      return foreign(
        looksBinary
          ? "it contains binary data"
          : "it has no \(Self.header) header (another program's history, e.g. GNU readline?)")
    }
    lines.removeFirst()
    var entries: [String] = []
    var skipped = 0
    for line in lines where !line.isEmpty {
      guard let entry = Self.decode(line) else {
        skipped += 1
        continue
      }
      if !entry.isEmpty, entries.last != entry { entries.append(entry) }
    }
    var warnings: [String] = []
    if skipped > 0 {
      warnings.append("ignored \(skipped) unreadable line\(skipped == 1 ? "" : "s") in history file \(path)")
    }
    return Contents(entries: Array(entries.suffix(limit)), status: .history, warnings: warnings)
  }

  private func foreign(_ reason: String) -> Contents {
    Contents(
      entries: [], status: .foreign(reason),
      warnings: [
        "ignored history file \(path): \(reason); it will be moved to \(path).bak when history is next saved"
      ])
  }

  private func unreadable(_ reason: String) -> Contents {
    Contents(
      entries: [], status: .unreadable(reason),
      warnings: ["cannot read history file \(path) (\(reason)); history will not be saved"])
  }

  // MARK: Saving

  /// Adds one statement to the file: re-reads it (so several shells interleave their entries
  /// instead of overwriting each other's), drops the entry if it repeats the last one, trims to
  /// `limit`, and writes atomically. Returns warnings (e.g. a foreign file moved aside).
  @discardableResult
  public func append(_ entry: String) throws(SaveError) -> [String] {
    let current = load()
    var warnings: [String] = []
    var entries: [String]
    switch current.status {
    case .missing, .history:
      entries = current.entries
    case .foreign:
      let backup = try moveAside()
      warnings.append("moved the unrecognised history file \(path) to \(backup)")
      entries = []
    case .unreadable(let reason):
      throw SaveError(description: "cannot save history to \(path): cannot read it (\(reason)), so it is left alone")
    }
    if !entry.isEmpty, entries.last != entry { entries.append(entry) }
    try write(entries)
    return warnings
  }

  /// Replaces the file's contents with `entries` (the newest `limit` of them): temp file, mode
  /// 0600, fsync, rename.
  public func write(_ entries: [String]) throws(SaveError) {
    let target = resolvedPath()
    let folder = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(getpid()).tmp"
    var text = Self.header + "\n"
    for entry in entries.suffix(limit) {
      text += Self.encode(entry) + "\n"
    }
    let descriptor = SystemCall.createPrivateFile(temporary)
    guard descriptor >= 0 else {
      throw SaveError(description: "cannot save history to \(target): \(systemErrorMessage(errno))")
    }
    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    do {
      try handle.write(contentsOf: Data(text.utf8))
      try handle.synchronize()
      try handle.close()
    } catch {
      _ = try? handle.close()
      SystemCall.remove(temporary)
      throw SaveError(description: "cannot save history to \(target): \(error.localizedDescription)")
    }
    guard SystemCall.renameFile(temporary, to: target) else {
      let reason = systemErrorMessage(errno)
      SystemCall.remove(temporary)
      throw SaveError(description: "cannot save history to \(target): \(reason)")
    }
  }

  /// Renames a foreign file to the first free `<path>.bak`, `<path>.bak.1`, … and returns it.
  private func moveAside() throws(SaveError) -> String {
    let target = resolvedPath()
    for attempt in 0..<100 {
      let candidate = attempt == 0 ? "\(target).bak" : "\(target).bak.\(attempt)"
      if FileManager.default.fileExists(atPath: candidate) { continue }
      guard SystemCall.renameFile(target, to: candidate) else {
        throw SaveError(
          description: "cannot move the unrecognised history file \(target) aside: \(systemErrorMessage(errno))")
      }
      return candidate
    }
    throw SaveError(description: "cannot move the unrecognised history file \(target) aside: too many backups")
  }

  /// Follows symbolic links (even one whose target does not exist yet) so that renaming replaces
  /// the file a link points to, not the link (dotfile managers link ~/.indsh_history).
  private func resolvedPath() -> String {
    var current = path
    for _ in 0..<32 {  // a bound, so a link cycle cannot loop forever
      guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
        return current
      }
      current =
        destination.hasPrefix("/")
        ? destination
        : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
    }
    return current
  }

  // MARK: vis(3) encoding, as libedit's H_SAVE (strvis with VIS_WHITE) writes it

  /// Encodes one entry as a single line.
  public static func encode(_ entry: String) -> String {
    var out = ""
    for scalar in entry.unicodeScalars {
      switch scalar.value {
      case 0x5C:  // backslash
        out += "\\\\"
      case 0x00...0x20, 0x7F, 0x80...0x9F:
        // Space, control characters (TAB, newline, …), DEL, C1 controls: octal per UTF-8 byte,
        // which strunvis decodes back to the same bytes.
        for byte in String(scalar).utf8 {
          out += "\\" + octal(byte)
        }
      default:
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func octal(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 8)
    return String(repeating: "0", count: 3 - digits.count) + digits
  }

  /// Decodes one line (strunvis): `\\`, octal `\ooo`, `\^X`, `\M-X`, `\M^X` and the C escapes.
  /// Returns nil for a malformed escape, a NUL byte, or bytes that are not UTF-8. Raw bytes are
  /// kept, so a file written under the C locale (Chinese as `\M-f\M-9…`) decodes correctly too.
  public static func decode<Bytes: Collection<UInt8>>(_ line: Bytes) -> String? {
    var output: [UInt8] = []
    output.reserveCapacity(line.count)
    var index = line.startIndex
    func next() -> UInt8? {
      guard index < line.endIndex else { return nil }
      defer { index = line.index(after: index) }
      return line[index]
    }
    func isOctal(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") }
    func control(_ byte: UInt8) -> UInt8 { byte == UInt8(ascii: "?") ? 0x7F : byte & 0x1F }

    while let byte = next() {
      guard byte == UInt8(ascii: "\\") else {
        output.append(byte)
        continue
      }
      guard let escape = next() else { return nil }
      switch escape {
      case UInt8(ascii: "\\"): output.append(escape)
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = Int(escape - UInt8(ascii: "0"))
        for _ in 0..<2 {
          guard index < line.endIndex, isOctal(line[index]) else { break }
          value = value * 8 + Int(line[index] - UInt8(ascii: "0"))
          index = line.index(after: index)
        }
        guard value <= 0xFF else { return nil }
        output.append(UInt8(value))
      case UInt8(ascii: "^"):
        guard let c = next() else { return nil }
        output.append(control(c))
      case UInt8(ascii: "M"):
        guard let kind = next(), let c = next() else { return nil }
        switch kind {
        case UInt8(ascii: "-"): output.append(c | 0x80)
        case UInt8(ascii: "^"): output.append(control(c) | 0x80)
        default: return nil
        }
      case UInt8(ascii: "n"): output.append(0x0A)
      case UInt8(ascii: "r"): output.append(0x0D)
      case UInt8(ascii: "t"): output.append(0x09)
      case UInt8(ascii: "b"): output.append(0x08)
      case UInt8(ascii: "a"): output.append(0x07)
      case UInt8(ascii: "v"): output.append(0x0B)
      case UInt8(ascii: "f"): output.append(0x0C)
      case UInt8(ascii: "s"): output.append(0x20)
      case UInt8(ascii: "E"): output.append(0x1B)
      case UInt8(ascii: "$"), UInt8(ascii: "\n"): break  // "hidden" markers: no character
      default: return nil
      }
    }
    if output.contains(0) { return nil }
    return String(validating: output, as: UTF8.self)
  }
}
