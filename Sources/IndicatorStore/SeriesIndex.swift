import Dispatch

/// A store's series by key: given whole by the builder, or made from the
/// keys on the first lookup, so that reopening a snapshot does not hash
/// every series up front (300k keys cost tens of milliseconds). Copies of a
/// store share it; it is safe to use from several threads.
///
/// ```swift
/// let index = SeriesIndex(keys: store.seriesKeys)   // nothing hashed yet
/// index.series(key)                                 // builds, then looks up
/// ```
final class SeriesIndex: @unchecked Sendable {
  // @unchecked: `built` is only read and written on `queue`.
  private let keys: [SeriesKey]
  private var built: [SeriesKey: Int32]?
  private let queue = DispatchQueue(label: "indsh.series-index")

  /// An index made on first use from `keys`, which must be distinct.
  init(keys: [SeriesKey]) {
    self.keys = keys
    built = nil
  }

  /// An index already made.
  init(index: [SeriesKey: Int32]) {
    keys = []
    built = index
  }

  func series(_ key: SeriesKey) -> Int32? {
    queue.sync {
      if built == nil {
        var index: [SeriesKey: Int32] = [:]
        index.reserveCapacity(keys.count)
        for (s, key) in keys.enumerated() { index[key] = Int32(s) }
        built = index
      }
      return built?[key]
    }
  }

  /// Whether `keys` (with codes below the counts given) repeat a key: the
  /// keys as numbers, radix-sorted (a pass per 16 bits they need), then
  /// compared with their neighbours. No hashing.
  static func hasDuplicate(
    region: UnsafeBufferPointer<Int32>, indicator: UnsafeBufferPointer<Int32>, measure: UnsafeBufferPointer<UInt8>,
    scenario: UnsafeBufferPointer<UInt8>, indicatorCount: Int, regionCount: Int
  ) -> Bool {
    let n = region.count
    guard n > 1 else { return false }
    let measures = UInt64(Measure.allCases.count), scenarios = UInt64(Scenario.allCases.count)
    let (perRegion, o1) = UInt64(max(1, indicatorCount)).multipliedReportingOverflow(by: measures * scenarios)
    let (limit, o2) = perRegion.multipliedReportingOverflow(by: UInt64(max(1, regionCount)))
    if o1 || o2 {
      var seen = Set<SeriesKey>()
      for s in 0..<n {
        let key = SeriesKey(
          region: region[s], indicator: indicator[s], measure: Measure.allCases[Int(measure[s])],
          scenario: Scenario.allCases[Int(scenario[s])])
        if !seen.insert(key).inserted { return true }
      }
      return false
    }
    var numbers = [UInt64](repeating: 0, count: n)
    for s in 0..<n {
      numbers[s] =
        ((UInt64(region[s]) * UInt64(max(1, indicatorCount)) + UInt64(indicator[s])) * measures + UInt64(measure[s]))
        * scenarios + UInt64(scenario[s])
    }
    var other = [UInt64](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 1 << 16)
    var shift: UInt64 = 0
    while shift < 64 && limit > 1 << shift {
      for k in counts.indices { counts[k] = 0 }
      for x in numbers { counts[Int(x >> shift & 0xFFFF)] += 1 }
      var total = 0
      for k in counts.indices { (counts[k], total) = (total, total + counts[k]) }
      for x in numbers {
        let digit = Int(x >> shift & 0xFFFF)
        other[counts[digit]] = x
        counts[digit] += 1
      }
      swap(&numbers, &other)
      shift += 16
    }
    var repeats = 0
    for k in 1..<n { repeats |= numbers[k] == numbers[k - 1] ? 1 : 0 }
    return repeats != 0
  }
}
