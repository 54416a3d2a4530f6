import Foundation
import Testing

/// The benchmark tasks of docs/PERFORMANCE.md (T1–T5) at 100k rows, run by
/// the real binary, checked against DuckDB's results.
///
/// The panel is made by `python3 Scripts/bench generate` (standard library
/// only, byte-identical everywhere); the expected checksums were computed
/// from DuckDB's output by `Scripts/bench fixture` and are stored in
/// Fixtures/bench-100k-checksums.json. The checksum rules are those of
/// Scripts/bench.d/checksums.py: per output file the row count and, per
/// column, either true/false counts, a count with the sum and absolute sum
/// of the numbers (within 1e-6 relative), or a count, byte length and the
/// sum of CRC-32s of the cells (exact). A fast but wrong path (a yoy off by
/// a row, a gap with the wrong sign, a dropped quote) changes them.
@Suite struct BenchmarkChecksumTests {
  struct Fixture: Decodable {
    struct Generator: Decodable {
      var rows: String
      var version: Int
      var bytes: Int
      var crc32: UInt32
    }
    struct Task: Decodable {
      var task: String
      var statements: [String]
      var outputs: [Output]
    }
    struct Output: Decodable {
      var file: String
      var rows: Int
      var columns: [Column]
    }
    struct Column: Decodable, Equatable {
      var name: String
      var kind: String
      var count: Int?
      var sum: Double?
      var abs: Double?
      var trues: Int?
      var falses: Int?
      var bytes: Int?
      var crc: String?
    }
    var generator: Generator
    var engine: String
    var tasks: [Task]
  }

  static let fixtureURL = IndshBinary.root.appendingPathComponent(
    "Tests/EndToEndTests/Fixtures/bench-100k-checksums.json")

  static func loadFixture() throws -> Fixture {
    try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: fixtureURL))
  }

  /// The generated 100k panel, made once per test process and shared by the tests.
  static let panel: Result<URL, PanelError> = makePanel()

  struct PanelError: Error, CustomStringConvertible {
    var description: String
  }

  /// Generates the panel into the temporary folder under a name that
  /// carries the fixture's size and CRC, reusing a file made by an earlier
  /// run when it is intact (the generator writes a temporary file and
  /// renames it, so a file under that name is complete).
  static func makePanel() -> Result<URL, PanelError> {
    do {
      let fixture = try loadFixture()
      let g = fixture.generator
      let file = FileManager.default.temporaryDirectory.appendingPathComponent(
        "indsh-bench-\(g.rows)-v\(g.version)-\(g.crc32).csv")
      if let data = try? Data(contentsOf: file), data.count == g.bytes, crc32(of: data) == g.crc32 {
        return .success(file)
      }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [
        "python3", IndshBinary.root.appendingPathComponent("Scripts/bench").path, "generate", "--rows", g.rows,
        "--out", file.path,
      ]
      let errors = Pipe()
      process.standardOutput = FileHandle.nullDevice
      process.standardError = errors
      try process.run()
      let message = errors.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        return .failure(
          PanelError(description: "Scripts/bench generate failed: \(String(decoding: message, as: UTF8.self))"))
      }
      let data = try Data(contentsOf: file)
      let crc = crc32(of: data)
      guard data.count == g.bytes, crc == g.crc32 else {
        return .failure(
          PanelError(
            description:
              "the generated panel (\(data.count) bytes, crc32 \(crc)) is not the one the fixture was made from (\(g.bytes) bytes, crc32 \(g.crc32)): the generator changed; bump its VERSION and run Scripts/bench fixture"
          ))
      }
      return .success(file)
    } catch {
      return .failure(PanelError(description: "cannot make the benchmark panel: \(error)"))
    }
  }

  static func crc32(of data: Data) -> UInt32 {
    data.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer($0)) }
  }

  static let taskNames = ["T1", "T2", "T3", "T4", "T5"]

  @Test(arguments: taskNames)
  func indshMatchesDuckDB(task name: String) throws {
    let fixture = try Self.loadFixture()
    let task = try #require(fixture.tasks.first { $0.task == name }, "no task \(name) in the fixture")
    let panel = try Self.panel.get()
    let dir = try IndshBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var arguments = ["--no-default-data", "--data", panel.path]
    for statement in task.statements { arguments += ["-c", statement] }
    let r = try IndshBinary.run(arguments, in: dir, timeout: 60)
    try #require(r.status == 0, "indsh \(name) failed (status \(r.status)): \(r.stderr)")
    for expected in task.outputs {
      let data = try Data(contentsOf: dir.appendingPathComponent(expected.file))
      let actual = try BenchChecksum.file(data)
      let differences = BenchChecksum.compare(expected: expected, actual: actual)
      #expect(differences.isEmpty, "\(name) \(expected.file) differs from DuckDB: \(differences.joined(separator: "; "))")
    }
  }

  /// The checksums see a wrong yoy: one changed value changes the sum.
  @Test func checksumsCatchAWrongValue() throws {
    let good = "region,period,yoy,met\nA,2020,10.5,true\nB,2021,-3,false\nC,2022,,\n"
    let bad = "region,period,yoy,met\nA,2020,10.5,true\nB,2021,-3.0001,false\nC,2022,,\n"
    let a = try BenchChecksum.file(Data(good.utf8))
    let b = try BenchChecksum.file(Data(bad.utf8))
    let expected = Fixture.Output(file: "x.csv", rows: a.rows, columns: a.columns)
    #expect(BenchChecksum.compare(expected: expected, actual: a).isEmpty)
    #expect(
      BenchChecksum.compare(expected: expected, actual: b) == [
        "column yoy: sum 7.5 vs 7.4999", "column yoy: abs sum 13.5 vs 13.5001",
      ])
    #expect(a.columns.map(\.kind) == ["text", "number", "number", "bool"])
  }

  /// Quoted fields, doubled quotes and CRLF are read as RFC 4180 says.
  @Test func checksumReaderFollowsRFC4180() throws {
    let a = try BenchChecksum.file(Data("q,n\r\n\"a,\"\"b\"\"\",1\r\nc,2\r\n".utf8))
    #expect(a.rows == 2)
    let q = try #require(a.columns.first)
    #expect(q.kind == "text" && q.count == 2 && q.bytes == 6)
    let crc = UInt64(CRC32.checksum(Array("a,\"b\"".utf8))) + UInt64(CRC32.checksum(Array("c".utf8)))
    #expect(q.crc == String(crc))
  }
}

/// zlib's CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320).
enum CRC32 {
  static let table: [UInt32] = (0..<256).map { i -> UInt32 in
    var c = UInt32(i)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
  }

  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    table.withUnsafeBufferPointer { t in
      var c: UInt32 = 0xFFFF_FFFF
      for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
      return c ^ 0xFFFF_FFFF
    }
  }
}

/// The checksum rules of Scripts/bench.d/checksums.py, in Swift.
enum BenchChecksum {
  typealias Column = BenchmarkChecksumTests.Fixture.Column

  struct FileSums {
    var rows: Int
    var columns: [Column]
  }

  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  /// Parses RFC 4180 CSV (header first) into columns of cells.
  static func records(_ data: Data) throws -> [[[UInt8]]] {
    let bytes = [UInt8](data)
    var records: [[[UInt8]]] = []
    var record: [[UInt8]] = []
    var field: [UInt8] = []
    var i = 0
    let n = bytes.count
    var quoted = false
    var atFieldStart = true
    while i < n {
      let b = bytes[i]
      if quoted {
        if b == UInt8(ascii: "\"") {
          if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") {
            field.append(b)
            i += 2
            continue
          }
          quoted = false
        } else {
          field.append(b)
        }
        i += 1
        continue
      }
      switch b {
      case UInt8(ascii: "\"") where atFieldStart:
        quoted = true
        atFieldStart = false
      case UInt8(ascii: ","):
        record.append(field)
        field = []
        atFieldStart = true
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        if b == UInt8(ascii: "\r") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
        record.append(field)
        field = []
        atFieldStart = true
        if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
        record = []
      default:
        field.append(b)
        atFieldStart = false
      }
      i += 1
    }
    if quoted { throw Malformed(description: "unterminated quoted field") }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }

  static func file(_ data: Data) throws -> FileSums {
    let all = try records(data)
    guard let header = all.first else { throw Malformed(description: "empty file") }
    var cells = [[[UInt8]]](repeating: [], count: header.count)
    for (index, record) in all.dropFirst().enumerated() {
      guard record.count == header.count else {
        throw Malformed(description: "row \(index + 2) has \(record.count) fields, the header \(header.count)")
      }
      for c in 0..<record.count { cells[c].append(record[c]) }
    }
    let columns = zip(header, cells).map { summary(name: String(decoding: $0.0, as: UTF8.self), cells: $0.1) }
    return FileSums(rows: all.count - 1, columns: columns)
  }

  /// `[+-]?(digits(.digits?)?|.digits)([eE][+-]?digits)?`
  static func isNumber(_ s: [UInt8]) -> Bool {
    var i = 0
    func digits() -> Int {
      let start = i
      while i < s.count && s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9") { i += 1 }
      return i - start
    }
    if i < s.count && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i += 1 }
    let whole = digits()
    var fraction = 0
    if i < s.count && s[i] == UInt8(ascii: ".") {
      i += 1
      fraction = digits()
    }
    guard whole > 0 || fraction > 0 else { return false }
    if i < s.count && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
      i += 1
      if i < s.count && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == s.count
  }

  static func summary(name: String, cells: [[UInt8]]) -> Column {
    let nonEmpty = cells.filter { !$0.isEmpty }
    var column = Column(name: name, kind: "empty")
    if nonEmpty.isEmpty { return column }
    let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)
    if nonEmpty.allSatisfy({ $0 == trueBytes || $0 == falseBytes }) {
      column.kind = "bool"
      column.trues = nonEmpty.filter { $0 == trueBytes }.count
      column.falses = nonEmpty.count - column.trues!
      return column
    }
    if nonEmpty.allSatisfy(isNumber) {
      var sum = NeumaierSum(), absolute = NeumaierSum()
      for cell in nonEmpty {
        let v = Double(String(decoding: cell, as: UTF8.self)) ?? .nan
        sum.add(v)
        absolute.add(Swift.abs(v))
      }
      column.kind = "number"
      column.count = nonEmpty.count
      column.sum = sum.value
      column.abs = absolute.value
      return column
    }
    var crc: UInt64 = 0
    var bytes = 0
    for cell in nonEmpty {
      crc &+= UInt64(cell.withUnsafeBytes { CRC32.checksum($0) })
      bytes += cell.count
    }
    column.kind = "text"
    column.count = nonEmpty.count
    column.bytes = bytes
    column.crc = String(crc)
    return column
  }

  struct NeumaierSum {
    var sum = 0.0
    var compensation = 0.0
    mutating func add(_ x: Double) {
      let t = sum + x
      if Swift.abs(sum) >= Swift.abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
      sum = t
    }
    var value: Double { sum + compensation }
  }

  static func close(_ a: Double, _ b: Double) -> Bool { Swift.abs(a - b) <= 1e-6 * max(Swift.abs(a), Swift.abs(b)) }

  /// Differences between the expected (DuckDB's) and actual checksums.
  static func compare(expected: BenchmarkChecksumTests.Fixture.Output, actual: FileSums) -> [String] {
    var out: [String] = []
    if expected.rows != actual.rows { out.append("rows: \(expected.rows) vs \(actual.rows)") }
    let names = Set(expected.columns.map(\.name))
    for e in expected.columns where !actual.columns.contains(where: { $0.name == e.name }) {
      out.append("column \(e.name) missing")
    }
    for a in actual.columns where !names.contains(a.name) { out.append("extra column \(a.name)") }
    for e in expected.columns {
      guard let a = actual.columns.first(where: { $0.name == e.name }) else { continue }
      if e.kind != a.kind {
        out.append("column \(e.name): kind \(e.kind) vs \(a.kind)")
        continue
      }
      func exact<T: Equatable>(_ key: String, _ x: T?, _ y: T?) {
        if let x, x != y { out.append("column \(e.name): \(key) \(x) vs \(y.map { "\($0)" } ?? "none")") }
      }
      exact("count", e.count, a.count)
      exact("trues", e.trues, a.trues)
      exact("falses", e.falses, a.falses)
      exact("bytes", e.bytes, a.bytes)
      exact("crc", e.crc, a.crc)
      if e.kind == "number", let es = e.sum, let asum = a.sum, let ea = e.abs, let aa = a.abs {
        if !close(es, asum) && Swift.abs(es - asum) > 1e-9 * max(ea, aa) {
          out.append("column \(e.name): sum \(es) vs \(asum)")
        }
        if !close(ea, aa) { out.append("column \(e.name): abs sum \(ea) vs \(aa)") }
      }
    }
    return out
  }
}
