import Diagnostics
import Testing

@testable import IndicatorStore

/// Version 2 snapshots, read in place: the same store as the one saved, and
/// every damaged or inconsistent column an error, never a crash.
@Suite struct StoreSnapshotInPlaceTests {
  typealias Sample = StoreSnapshotTests

  /// Where each column of a snapshot lies: (start of its byte count, end of its padded bytes).
  static func columnRegions(_ bytes: [UInt8]) -> [Range<Int>] {
    var regions: [Range<Int>] = []
    var at = Sample.headerSize
    while at + 8 <= bytes.count {
      let count = bytes[at..<at + 8].reversed().reduce(0) { $0 << 8 | Int($1) }
      let end = at + 8 + (count + 7) / 8 * 8
      regions.append(at..<end)
      at = end
    }
    return regions
  }

  static let columnNames =
    (0..<5).flatMap { ["dictionary \($0) ends", "dictionary \($0) text"] } + [
      "series regions", "series indicators", "series measures", "series scenarios", "series units", "offsets",
      "periods", "values", "validity", "line and bound", "origin of", "origin sources", "origin data files",
      "quote bytes", "quote bounds", "reference rows", "reference codes",
    ]

  /// `bytes` with the header's checksum made right again for its payload.
  static func resealed(_ bytes: [UInt8]) -> [UInt8] {
    var bytes = bytes
    let sum = bytes.withUnsafeBytes {
      StoreSnapshot.LaneChecksum.sum(UnsafeRawBufferPointer(rebasing: $0[Sample.headerSize...]), threads: 2)
    }
    for k in 0..<8 { bytes[24 + k] = UInt8(truncatingIfNeeded: sum >> UInt64(8 * k)) }
    return bytes
  }

  static func write<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
    for k in 0..<MemoryLayout<T>.size { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
  }

  static func message(_ bytes: [UInt8]) -> String? {
    do {
      _ = try StoreSnapshot.decode(bytes, file: "t.indb")
      return nil
    } catch {
      return error.message
    }
  }

  @Test func version2ReadsInPlaceToTheSameStore() throws {
    let store = try Sample.sampleStore()
    let bytes = StoreSnapshot.encode(store)
    #expect(bytes[8] == 2)
    #expect(Self.columnRegions(bytes).count == Self.columnNames.count)
    #expect(Self.columnRegions(bytes).last?.upperBound == bytes.count)
    let back = try StoreSnapshot.decode(bytes, file: "t.indb")
    #expect(back.periods.isMapped && back.values.isMapped && back.validity.words.isMapped && back.quotes.isMapped)
    #expect(Sample.dump(back) == Sample.dump(store))
    #expect(StoreSnapshot.encode(back) == bytes)
    #expect(back.quote(ofRow: 5) == store.quote(ofRow: 5))
  }

  /// From a pipe (read piece by piece, not mapped): read whole into memory, then in place.
  @Test func version2ReadFromAStreamIsTheSameStore() throws {
    let store = try Sample.sampleStore()
    var input = StoreSnapshot.BytesInput(StoreSnapshot.encode(store))
    let back = try StoreSnapshot.decode(&input, file: "pipe.indb")
    #expect(back.values.isMapped)
    #expect(Sample.dump(back) == Sample.dump(store))
  }

  @Test func aVersion1FileOpensToTheSameStore() throws {
    let store = try Sample.sampleStore()
    let old = StoreSnapshot.encode(store, version: 1)
    #expect(old[8] == 1)
    let back = try StoreSnapshot.decode(old, file: "old.indb")
    #expect(!back.values.isMapped)
    #expect(Sample.dump(back) == Sample.dump(store))
    #expect(StoreSnapshot.encode(back) == StoreSnapshot.encode(store))
    #expect(StoreSnapshot.encode(back, version: 1) == old)
  }

  @Test func version1TruncationsAndFlippedBitsAreErrors() throws {
    let old = StoreSnapshot.encode(try Sample.sampleStore(rows: 40), version: 1)
    for length in stride(from: 0, to: old.count, by: 5) {
      #expect(throws: Diagnostic.self) { try StoreSnapshot.decode(Array(old[..<length]), file: "t.indb") }
    }
    for at in stride(from: Sample.headerSize, to: old.count, by: 13) {
      var damaged = old
      damaged[at] ^= 0x04
      #expect(throws: Diagnostic.self) { try StoreSnapshot.decode(damaged, file: "t.indb") }
    }
  }

  @Test func aFlippedBitInEveryColumnIsCaught() throws {
    let bytes = StoreSnapshot.encode(try Sample.sampleStore(rows: 120))
    for (region, name) in zip(Self.columnRegions(bytes), Self.columnNames) {
      // The byte count, the first, middle and last bytes of the column.
      let data = region.lowerBound + 8..<region.upperBound
      for at in [region.lowerBound, region.lowerBound + 3] + (data.isEmpty ? [] : [data.lowerBound, data.lowerBound + data.count / 2, data.upperBound - 1]) {
        for bit in [0, 5, 7] {
          var damaged = bytes
          damaged[at] ^= 1 << UInt8(bit)
          #expect(Self.message(damaged) != nil, "bit \(bit) of byte \(at) in \(name)")
        }
      }
    }
  }

  @Test func version2TruncationsAtEveryLengthAreErrors() throws {
    let bytes = StoreSnapshot.encode(try Sample.sampleStore(rows: 30))
    for length in 0..<bytes.count {
      #expect(Self.message(Array(bytes[..<length])) != nil, "cut at \(length)")
    }
    #expect(Self.message(bytes + [0, 0, 0, 0, 0, 0, 0, 0]) != nil)
  }

  /// Damage that a checksum cannot see (the file was written wrong, then
  /// sealed): each cross-reference check still refuses it.
  @Test func inconsistentColumnsWithAGoodChecksumAreRefused() throws {
    let store = try Sample.sampleStore(rows: 400)
    let bytes = StoreSnapshot.encode(store)
    let regions = Self.columnRegions(bytes)
    func data(_ name: String) -> Int { regions[Self.columnNames.firstIndex(of: name)!].lowerBound + 8 }
    func refused(_ reason: String, _ change: (inout [UInt8]) -> Void) {
      var damaged = bytes
      change(&damaged)
      let message = Self.message(Self.resealed(damaged))
      #expect(message?.contains(reason) == true, "\(reason): \(message ?? "opened")")
    }
    refused("series table") { Self.write(Int32(store.regions.count), at: data("series regions"), in: &$0) }
    refused("series table") { Self.write(Int32(-1), at: data("series indicators") + 4, in: &$0) }
    refused("series table") { $0[data("series measures")] = UInt8(Measure.allCases.count) }
    refused("series table") { $0[data("series scenarios") + 1] = 200 }
    refused("series table") { Self.write(Int32(store.units.count), at: data("series units"), in: &$0) }
    refused("offsets") { Self.write(Int32(5000), at: data("offsets") + 4, in: &$0) }
    refused("offsets") { Self.write(Int32(1), at: data("offsets"), in: &$0) }
    refused("period") { Self.write(UInt32(7), at: data("periods") + 4 * 17, in: &$0) }
    refused("period") { Self.write(Period.year(1990).rawValue & ~(UInt32(0x1FFFF) << 15), at: data("periods"), in: &$0) }
    refused("fact columns") { Self.write(UInt32(7), at: data("line and bound") + 4 * 399, in: &$0) }
    refused("fact columns") { Self.write(Int32(99), at: data("origin of") + 4 * 200, in: &$0) }
    refused("fact columns") { Self.write(Int32(store.sources.count), at: data("origin sources"), in: &$0) }
    refused("fact columns") { Self.write(UInt32(1), at: data("quote bounds"), in: &$0) }
    refused("fact columns") { Self.write(UInt32.max, at: data("quote bounds") + 4 * 200, in: &$0) }
    refused("fact columns") { Self.write(UInt32.max, at: data("quote bounds") + 4 * 400, in: &$0) }
    refused("fact columns") { Self.write(Int64(400), at: data("reference rows"), in: &$0) }
    refused("fact columns") { Self.write(Int32(-3), at: data("reference codes"), in: &$0) }
    // 400 rows: the last validity word holds 16 rows; a bit above them is set.
    refused("fact columns") { $0[data("validity") + 6 * 8 + 3] |= 0x10 }
    // Series 1 given series 0's key.
    refused("appears twice") { bytes in
      for (name, size) in [("series regions", 4), ("series indicators", 4), ("series measures", 1), ("series scenarios", 1)] {
        for k in 0..<size { bytes[data(name) + size + k] = bytes[data(name) + k] }
      }
    }
  }
}
