import Diagnostics
import Foundation
import IndicatorStore
import Testing

@testable import Interchange

/// `.save` and reopening a snapshot through files: streamed column by column
/// both ways, the same bytes as `StoreSnapshot.encode`, all or nothing.
@Suite struct SnapshotFileTests {
  /// Quotes of several megabytes, so that the writer's buffer fills and
  /// flushes many times and the reader reads a column in pieces.
  static func largeStore() throws -> IndicatorStore {
    var b = StoreBuilder()
    for i in 0..<60_000 {
      b.append(
        region: "区县\(i % 300)", indicator: "指标\(i % 7)", measure: i % 3 == 0 ? .growth : .level,
        scenario: i % 5 == 0 ? .target : .actual, period: .year(1990 + i / 2100), value: i % 41 == 0 ? nil : Double(i) / 8,
        unit: i % 3 == 0 ? "%" : "亿元", bound: i % 5 == 0 ? .atLeast : .none, source: "s\(i % 3).txt",
        quote: String(repeating: "增长，“\(i)”", count: 1 + i % 9), reference: nil, dataFile: "d.csv", line: i + 2)
    }
    return try b.build().store
  }

  @Test func savedFileIsTheEncodedBytesAndReopensToTheSameStore() throws {
    let store = try Self.largeStore()
    let path = temporaryFolder() + "/big.indb"
    try FileIO.saveSnapshot(store, to: path)
    let written = try FileIO.readAll(path)
    #expect(written.count > 2 << 20)
    #expect(written == StoreSnapshot.encode(store))
    let back = try FileIO.openSnapshot(path)
    #expect(exported(back) == exported(store))
  }

  /// Version 2 is read in place from the mapped file; version 1 is still
  /// read, into arrays, to the same store.
  @Test func bothVersionsOpenFromAFile() throws {
    let store = try Self.largeStore()
    let folder = temporaryFolder()
    let current = folder + "/v2.indb", old = folder + "/v1.indb"
    try FileIO.saveSnapshot(store, to: current)
    try FileIO.writeAtomically(StoreSnapshot.encode(store, version: 1), to: old)
    let mapped = try FileIO.openSnapshot(current), copied = try FileIO.openSnapshot(old)
    #expect(mapped.values.isMapped && mapped.periods.isMapped)
    #expect(!copied.values.isMapped)
    #expect(exported(mapped) == exported(store))
    #expect(exported(copied) == exported(store))
  }

  @Test func aSaveThatCannotBeWrittenIsAnErrorAndLeavesNothing() throws {
    let folder = temporaryFolder()
    #expect(throws: Diagnostic.self) { try FileIO.saveSnapshot(IndicatorStore(), to: folder + "/missing/x.indb") }
    #expect(files(in: folder).isEmpty)
  }
}
