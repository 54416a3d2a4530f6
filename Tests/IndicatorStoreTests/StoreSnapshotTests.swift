import Diagnostics
import IndicatorStore
import Testing

/// `.indb` snapshots: the store comes back exactly; a damaged file is an error, never a crash.
@Suite struct StoreSnapshotTests {
  /// A store with every kind of column content: several regions and units,
  /// missing values, bounds, a relative target, quotes with Chinese text.
  static func sampleStore(rows: Int = 400) throws -> IndicatorStore {
    var rng = SplitMix64(seed: 5)
    var b = StoreBuilder()
    for i in 0..<rows {
      let series = i % 9
      let relative = series == 8 && i % 2 == 0
      b.append(
        region: ["湘潭市", "湘乡市", "韶山市"][series % 3], indicator: series == 8 ? "城镇居民人均可支配收入" : "指标\(series % 4)",
        measure: series % 2 == 0 ? .growth : .level, scenario: series == 8 ? .target : .actual,
        period: .year(1990 + i / 9), value: relative || rng.next() % 17 == 0 ? nil : Double(rng.next() % 10_000) / 10,
        unit: series % 2 == 0 ? "%" : "亿元", bound: series == 8 ? (relative ? .withReference : .atLeast) : .none,
        source: "00\(series % 2).txt", quote: "第\(i)句，增长\"\(i)\"", reference: relative ? "地区生产总值" : nil,
        dataFile: "d\(series % 2).csv", line: i + 2)
    }
    return try b.build().store
  }

  /// Every observation with its provenance, as text: the strongest equality.
  static func dump(_ store: IndicatorStore) -> [String] {
    (0..<store.seriesCount).flatMap { s in
      store.rows(ofSeries: s).map { r in
        let p = store.provenance(ofRow: r)
        return "\(store.labels(ofSeries: s)) \(store.period(ofRow: r)) \(String(describing: store.value(ofRow: r))) \(store.bound(ofRow: r)) \(p)"
      }
    }
  }

  @Test func roundTripKeepsEveryObservationAndItsProvenance() throws {
    let store = try Self.sampleStore()
    let back = try StoreSnapshot.decode(StoreSnapshot.encode(store), file: "t.indb")
    #expect(back.rowCount == store.rowCount)
    #expect(back.seriesCount == store.seriesCount)
    #expect(Self.dump(back) == Self.dump(store))
    #expect(back.validity.nullCount == store.validity.nullCount)
    #expect(back.series(region: "湘潭市", indicator: "指标0", measure: .growth, scenario: .actual)
      == store.series(region: "湘潭市", indicator: "指标0", measure: .growth, scenario: .actual))
  }

  @Test func emptyStoreRoundTrips() throws {
    let back = try StoreSnapshot.decode(StoreSnapshot.encode(IndicatorStore()), file: "e.indb")
    #expect(back.rowCount == 0)
  }

  @Test func everyTruncationIsAnErrorNotACrash() throws {
    let bytes = StoreSnapshot.encode(try Self.sampleStore(rows: 40))
    for length in stride(from: 0, to: bytes.count, by: 7) {
      #expect(throws: Diagnostic.self) { try StoreSnapshot.decode(Array(bytes[..<length]), file: "t.indb") }
    }
  }

  @Test func damagedBytesAreCaughtByTheChecksum() throws {
    let bytes = StoreSnapshot.encode(try Self.sampleStore(rows: 40))
    var rng = SplitMix64(seed: 9)
    for _ in 0..<200 {
      var damaged = bytes
      let at = StoreSnapshotTests.headerSize + Int(rng.next() % UInt64(bytes.count - StoreSnapshotTests.headerSize))
      damaged[at] ^= UInt8(1 << (rng.next() % 8))
      #expect(throws: Diagnostic.self) { try StoreSnapshot.decode(damaged, file: "t.indb") }
    }
  }

  static let headerSize = 32

  @Test func otherFilesAndVersionsAreNamed() throws {
    let csv = Array("region,indicator\n".utf8)
    do {
      _ = try StoreSnapshot.decode(csv, file: "a.indb")
      Issue.record("a CSV file opened as a snapshot")
    } catch {
      #expect(error.message.contains("a.indb"))
    }
    var future = StoreSnapshot.encode(IndicatorStore())
    future[8] = 99
    do {
      _ = try StoreSnapshot.decode(future, file: "f.indb")
      Issue.record("a future version opened")
    } catch {
      #expect(error.message.contains("version 99"))
    }
  }
}
