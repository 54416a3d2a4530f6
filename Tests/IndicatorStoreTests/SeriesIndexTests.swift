import Testing

@testable import IndicatorStore

/// The series index made on first lookup, and the duplicate check that
/// replaces hashing when a snapshot is opened.
@Suite struct SeriesIndexTests {
  static func keys(regions: Int32, indicators: [Int32]) -> [SeriesKey] {
    var keys: [SeriesKey] = []
    for region in 0..<regions {
      for indicator in indicators {
        for measure in [Measure.level, .growth] {
          keys.append(SeriesKey(region: region, indicator: indicator, measure: measure, scenario: .actual))
        }
      }
    }
    return keys
  }

  static func hasDuplicate(_ keys: [SeriesKey], regionCount: Int, indicatorCount: Int) -> Bool {
    let region = keys.map(\.region), indicator = keys.map(\.indicator)
    let measure = keys.map(\.measure.ordinal), scenario = keys.map(\.scenario.ordinal)
    return region.withUnsafeBufferPointer { r in
      indicator.withUnsafeBufferPointer { i in
        measure.withUnsafeBufferPointer { m in
          scenario.withUnsafeBufferPointer { s in
            SeriesIndex.hasDuplicate(
              region: r, indicator: i, measure: m, scenario: s, indicatorCount: indicatorCount, regionCount: regionCount)
          }
        }
      }
    }
  }

  @Test func lookupsFindEverySeriesOnceBuilt() {
    let keys = Self.keys(regions: 30, indicators: [0, 5, 9])
    let index = SeriesIndex(keys: keys)
    for (s, key) in keys.enumerated() { #expect(index.series(key) == Int32(s)) }
    #expect(index.series(SeriesKey(region: 0, indicator: 0, measure: .ratio, scenario: .actual)) == nil)
  }

  @Test func repeatedKeysAreFoundWithOneOrSeveralRadixPasses() {
    // Small codes (one 16-bit pass), codes needing 3 passes, and codes too
    // large to number (the hashing fallback).
    for (regions, indicators, indicatorCount) in [
      (Int32(40), [Int32(0), 3], 4), (Int32(40), [Int32(0), 70_000, 2_000_000], 2_000_001),
      (Int32(3), [Int32(0), Int32.max - 1], Int(Int32.max)),
    ] {
      var keys = Self.keys(regions: regions, indicators: indicators)
      let regionCount = indicatorCount == Int(Int32.max) ? Int(Int32.max) : Int(regions)
      #expect(!Self.hasDuplicate(keys, regionCount: regionCount, indicatorCount: indicatorCount))
      keys.append(keys[keys.count / 2])
      #expect(Self.hasDuplicate(keys, regionCount: regionCount, indicatorCount: indicatorCount))
    }
  }
}
