import Diagnostics
import Foundation
import IndicatorStore
@testable import Interchange
import Testing

@Suite struct RoundTripTests {
  @Test func loadExportLoadExportIsByteIdentical() throws {
    let source = fixture("roundtrip.csv")
    let raw = try FileIO.readAll(source)
    // The fixture really has what it claims.
    #expect(raw.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(String(decoding: raw, as: UTF8.self).contains("\r\n"))
    let first = try load([source]).store
    let kinds = Set(first.periods.map(\.kind))
    #expect(kinds == Set(Period.Kind.allCases))
    #expect(first.bounds.contains(.aboveReference))

    let folder = temporaryFolder()
    let out1 = folder + "/out1.csv", out2 = folder + "/out2.csv"
    try CSVWriter.write(ObservationTable.table(first), to: out1, bom: false)
    let second = try load([out1]).store
    try CSVWriter.write(ObservationTable.table(second), to: out2, bom: false)
    let bytes1 = try FileIO.readAll(out1), bytes2 = try FileIO.readAll(out2)
    #expect(bytes1 == bytes2)
    #expect(bytes1.count > 0)

    // Same observations, value for value and quote for quote.
    #expect(second.rowCount == first.rowCount)
    for row in 0..<first.rowCount {
      #expect(first.provenance(ofRow: row).quote == second.provenance(ofRow: row).quote)
      #expect(first.value(ofRow: row) == second.value(ofRow: row))
      #expect(first.period(ofRow: row) == second.period(ofRow: row))
      #expect(first.bound(ofRow: row) == second.bound(ofRow: row))
      #expect(first.reference(ofRow: row) == second.reference(ofRow: row))
    }
    let text = String(decoding: bytes1, as: UTF8.self)
    #expect(text.hasPrefix(DatasetLoader.allColumns.joined(separator: ",") + "\n"))
    #expect(text.contains("\"他说\"\"增长7.8%左右\"\"\""))
    #expect(text.contains("\"第一行\r\n第二行\""))
    #expect(text.contains("0.30000000000000004"))
    #expect(text.contains(",>ref,a.txt,收入增速高于经济增速,地区生产总值\n"))
  }

  @Test func bomOptionWritesABOMThatLoadsBack() throws {
    let store = try load([fixture("base.csv")]).store
    let folder = temporaryFolder()
    let path = folder + "/bom.csv"
    try CSVWriter.write(ObservationTable.table(store), to: path, bom: true)
    let bytes = try FileIO.readAll(path)
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(Array(bytes.dropFirst(3)) == exported(store))
    #expect(exported(try load([path]).store) == exported(store))
  }

  @Test func writerQuotesOnlyWhenNeeded() {
    let table = ResultTable(columns: [
      .text("a", ["plain", "with,comma", "with\"quote", "line\nbreak", "cr\rx", nil]),
      .number("n", [1.5, nil, 0.1 + 0.2, 1e21, -0.000001, 100]),
      .flag("f", [true, false, nil, true, false, nil]),
    ])
    let text = CSVWriter.csvText(table)
    #expect(
      text == """
        a,n,f
        plain,1.5,true
        "with,comma",,false
        "with""quote",0.30000000000000004,
        "line
        break",1e+21,true
        "cr\rx",-0.000001,false
        ,100,

        """)
  }
}

@Suite struct AtomicExportTests {
  static let table = ResultTable(columns: [.text("a", ["new"])])

  @Test func unwritablePathIsAClearErrorAndLeavesNothing() throws {
    let folder = temporaryFolder()
    let path = folder + "/missing-folder/out.csv"
    #expect(throws: Diagnostic.self) { try CSVWriter.write(Self.table, to: path, bom: false) }
    do {
      try CSVWriter.write(Self.table, to: path, bom: false)
    } catch {
      #expect(error.message.contains("cannot write '\(path)'"))
      #expect(error.message.contains("No such file or directory"))
    }
    #expect(files(in: folder).isEmpty)
    // A folder as the target.
    #expect(throws: Diagnostic.self) { try CSVWriter.write(Self.table, to: folder, bom: false) }
  }

  @Test func readOnlyFolderLeavesOldFile() throws {
    guard getuid() != 0 else { return }  // root writes anywhere
    let folder = temporaryFolder()
    let path = folder + "/out.csv"
    try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
    chmod(folder, 0o555)
    defer { chmod(folder, 0o755) }
    #expect(throws: Diagnostic.self) { try CSVWriter.write(Self.table, to: path, bom: false) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    #expect(files(in: folder) == ["out.csv"])
  }

  @Test func failedWriteLeavesOldFileAndNoTempFile() throws {
    let folder = temporaryFolder()
    let path = folder + "/out.csv"
    try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
    #expect(throws: Diagnostic.self) {
      try CSVWriter.write(Self.table, to: path, bom: false, simulatingFailure: true)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    #expect(files(in: folder) == ["out.csv"])
    // And a real write replaces it, leaving no temp file either.
    try CSVWriter.write(Self.table, to: path, bom: false)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\nnew\n")
    #expect(files(in: folder) == ["out.csv"])
  }

  /// A device is written in place: renaming over /dev/null would replace it with a plain file.
  @Test func writingToADeviceLeavesTheDevice() throws {
    try CSVWriter.write(Self.table, to: "/dev/null", bom: false)
    var info = stat()
    #expect(stat("/dev/null", &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFCHR)
  }

  /// Through a symbolic link the target is replaced and the link stays a link.
  @Test func writingThroughALinkReplacesItsTarget() throws {
    let folder = temporaryFolder()
    try "old\n".write(toFile: folder + "/real.csv", atomically: false, encoding: .utf8)
    #expect(symlink(folder + "/real.csv", folder + "/link.csv") == 0)
    try CSVWriter.write(Self.table, to: folder + "/link.csv", bom: false)
    var info = stat()
    #expect(lstat(folder + "/link.csv", &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFLNK)
    #expect(try String(contentsOfFile: folder + "/real.csv", encoding: .utf8) == "a\nnew\n")
    #expect(files(in: folder) == ["link.csv", "real.csv"])
  }
}
