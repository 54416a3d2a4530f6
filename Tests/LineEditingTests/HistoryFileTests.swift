import Foundation
import Testing

@testable import LineEditing

/// A fresh empty folder per test, removed afterwards.
private func withTemporaryFolder(_ body: (String) throws -> Void) throws {
  let folder = NSTemporaryDirectory() + "/lineediting-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try body(folder)
}

private func permissions(_ path: String) throws -> Int {
  let attributes = try FileManager.default.attributesOfItem(atPath: path)
  return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

private func text(_ path: String) throws -> String {
  try String(contentsOfFile: path, encoding: .utf8)
}

@Suite("HistoryFile")
struct HistoryFileTests {
  @Test("a missing file loads as empty, without warnings")
  func missingFile() throws {
    try withTemporaryFolder { folder in
      let loaded = HistoryFile(path: folder + "/h").load()
      #expect(loaded.entries == [])
      #expect(loaded.status == .missing)
      #expect(loaded.warnings == [])
    }
  }

  @Test("saved files have mode 0600, even replacing a world-readable file")
  func modeIs0600() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/h"
      try "\(HistoryFile.header)\nold\n".write(toFile: path, atomically: false, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
      try HistoryFile(path: path).append("1 + 2")
      #expect(try permissions(path) == 0o600)
      #expect(HistoryFile(path: path).load().entries == ["old", "1 + 2"])
      // No temporary file is left behind.
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["h"])
    }
  }

  @Test("the file is bounded to the newest `limit` entries")
  func bounded() throws {
    try withTemporaryFolder { folder in
      let file = HistoryFile(path: folder + "/h", limit: 5)
      for index in 1...8 { try file.append("statement \(index)") }
      #expect(file.load().entries == (4...8).map { "statement \($0)" })
      // A file written with a larger bound is trimmed on load too.
      #expect(HistoryFile(path: folder + "/h", limit: 2).load().entries == ["statement 7", "statement 8"])
    }
  }

  @Test("the default bound is 1000 entries")
  func defaultBound() throws {
    try withTemporaryFolder { folder in
      let file = HistoryFile(path: folder + "/h")
      try file.write((1...1005).map { "s\($0)" })
      let entries = file.load().entries
      #expect(entries.count == 1000)
      #expect(entries.first == "s6")
      #expect(entries.last == "s1005")
    }
  }

  @Test("consecutive duplicates are stored once; empty statements are not stored")
  func duplicates() throws {
    try withTemporaryFolder { folder in
      let file = HistoryFile(path: folder + "/h")
      try file.append("a")
      try file.append("a")
      try file.append("")
      try file.append("b")
      try file.append("a")
      #expect(file.load().entries == ["a", "b", "a"])
    }
  }

  @Test("Chinese, multi-line, tab, backslash and space entries round-trip")
  func roundTrip() throws {
    try withTemporaryFolder { folder in
      let entries = [
        "x{region=\"湘潭市\"} / 地区生产总值",
        "gap(\n  actual,\n  target\n)",
        "a\tb  c",
        "back\\slash \\012 literal",
        "emoji 👍🏽 and é (e + combining) e\u{301}",
      ]
      let file = HistoryFile(path: folder + "/h")
      for entry in entries { try file.append(entry) }
      #expect(file.load().entries == entries)
      let raw = try text(folder + "/h")
      // libedit's format: header, one line per entry, Chinese as raw UTF-8, newline as \012.
      #expect(raw.hasPrefix("_HiStOrY_V2_\n"))
      #expect(raw.contains("湘潭市"))
      #expect(raw.contains("gap(\\012\\040\\040actual,"))
      #expect(raw.split(separator: "\n").count == entries.count + 1)
    }
  }

  @Test("entries written by libedit under the C locale (\\M- escapes) decode to UTF-8")
  func decodesCLocaleEscapes() {
    // 湘 is E6 B9 98; vis(3) writes it as \M-f\M-9\M^X when LC_CTYPE is "C" (0x98 is meta
    // plus control-X, spelled \M^X; \M-c is meta plus a printable c).
    #expect(HistoryFile.decode(Array("\\M-f\\M-9\\M^X\\040x".utf8)) == "湘 x")
    #expect(HistoryFile.decode(Array("\\^A\\^?".utf8)) == "\u{1}\u{7F}")
    #expect(HistoryFile.decode(Array("a\\sb\\tc\\nd".utf8)) == "a b\tc\nd")
    #expect(HistoryFile.decode(Array("bad\\q".utf8)) == nil)
    #expect(HistoryFile.decode(Array("trailing\\".utf8)) == nil)
    #expect(HistoryFile.decode(Array("nul\\000".utf8)) == nil)
    #expect(HistoryFile.decode([0x61, 0xFF, 0x62]) == nil)
  }

  @Test("a GNU readline history file is ignored with a warning, then moved to .bak on save")
  func foreignFileMovedAside() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/h"
      let original = "select 1;\nls -l\n"
      try original.write(toFile: path, atomically: false, encoding: .utf8)
      let file = HistoryFile(path: path)
      let loaded = file.load()
      #expect(loaded.entries == [])
      guard case .foreign = loaded.status else {
        Issue.record("expected .foreign, got \(loaded.status)")
        return
      }
      #expect(loaded.warnings.count == 1)
      #expect(loaded.warnings.first?.contains("ignored history file") == true)

      let warnings = try file.append("1 + 1")
      #expect(warnings.count == 1)
      #expect(try text(path + ".bak") == original)
      #expect(file.load() == HistoryFile.Contents(entries: ["1 + 1"], status: .history, warnings: []))

      // A second foreign file does not overwrite the first backup.
      try original.write(toFile: path, atomically: false, encoding: .utf8)
      try file.append("2")
      #expect(try text(path + ".bak.1") == original)
    }
  }

  @Test("binary junk is ignored with a warning and never crashes")
  func binaryJunk() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/h"
      var junk: [UInt8] = [0, 0xFF, 0xFE, 0x0A, 0x5C]
      for index in 0..<2000 { junk.append(UInt8(truncatingIfNeeded: index &* 131 &+ 7)) }
      try Data(junk).write(to: URL(fileURLWithPath: path))
      let loaded = HistoryFile(path: path).load()
      #expect(loaded.entries == [])
      #expect(loaded.status == .foreign("it contains binary data"))
      #expect(!loaded.warnings.isEmpty)
    }
  }

  @Test("unreadable lines after a valid header are skipped with a warning")
  func corruptLines() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/h"
      var bytes = Array("_HiStOrY_V2_\ngood\\040one\nbad\\q\n".utf8)
      bytes += [0xC3, 0x28, 0x0A]  // invalid UTF-8
      bytes += Array("湘潭\n".utf8)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let loaded = HistoryFile(path: path).load()
      #expect(loaded.entries == ["good one", "湘潭"])
      #expect(loaded.status == .history)
      #expect(loaded.warnings == ["ignored 2 unreadable lines in history file \(path)"])
    }
  }

  @Test("a path that cannot be read is reported, and saving to it fails without crashing")
  func unreadablePath() throws {
    try withTemporaryFolder { folder in
      let path = folder + "/dir"
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
      let file = HistoryFile(path: path)
      #expect(file.load().status == .unreadable("it is a directory"))
      #expect(throws: HistoryFile.SaveError.self) { try file.append("x") }
      #expect(throws: HistoryFile.SaveError.self) {
        try HistoryFile(path: folder + "/missing-folder/h").append("x")
      }
    }
  }

  @Test("saving through a symbolic link replaces the target, not the link")
  func symbolicLink() throws {
    try withTemporaryFolder { folder in
      let target = folder + "/real"
      let link = folder + "/link"
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
      try HistoryFile(path: link).append("via link")
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
      #expect(HistoryFile(path: target).load().entries == ["via link"])
    }
  }

  @Test("encode escapes exactly what vis(3) with VIS_WHITE escapes")
  func encoding() {
    #expect(HistoryFile.encode("a b\tc\nd\\e") == "a\\040b\\011c\\012d\\\\e")
    #expect(HistoryFile.encode("湘潭市") == "湘潭市")
    #expect(HistoryFile.encode("\u{1B}[0m") == "\\033[0m")
  }
}
