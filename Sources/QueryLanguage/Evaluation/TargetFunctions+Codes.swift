import Diagnostics
import Dispatch
import Foundation
import IndicatorStore

/// (region, indicator, measure) as dictionary codes: what outcomes and
/// targets are paired on, hashed as three integers.
struct TargetCodeKey: Hashable {
  var region: Int32
  var indicator: Int32
  var measure: Measure
}

/// A cursor over one period-sorted run of rows: `seek(p)` moves to the first
/// row at or after `p`. Periods are visited in increasing order, so a
/// lookup is an amortised step forward instead of a binary search.
struct PeriodCursor {
  var position: Int
  let end: Int

  init(_ rows: Range<Int>) {
    position = rows.lowerBound
    end = rows.upperBound
  }

  /// The period of the current row, nil past the end.
  func head(in periods: UnsafeBufferPointer<Period>) -> Period? { position < end ? periods[position] : nil }

  /// Moves past the rows at `p` (the cursor stands at or before them).
  mutating func skip(_ p: Period, in periods: UnsafeBufferPointer<Period>) {
    while position < end && periods[position] <= p { position += 1 }
  }

  /// The first row at `p`, nil when the run has none.
  mutating func seek(_ p: Period, in periods: UnsafeBufferPointer<Period>) -> Int? {
    while position < end && periods[position] < p { position += 1 }
    return position < end && periods[position] == p ? position : nil
  }
}

/// Dictionary codes for a column of a few known texts (outcome kinds,
/// bounds), handed out in order of first use as `TextColumnBuilder` does;
/// an empty text is an empty cell (−1).
struct FirstUseCodes {
  private let texts: [String]
  private var codes: [Int32]
  private(set) var dictionary: [String] = []

  init(_ texts: [String]) {
    self.texts = texts
    codes = Array(repeating: -2, count: texts.count)  // −2: not used yet
  }

  /// The codes of a byte column whose bytes name `texts` through `index`:
  /// the order of first use from one scan, then a table lookup per row.
  static func codes(of bytes: [UInt8], texts: [String], index: (UInt8) -> Int) -> (codes: [Int32], dictionary: [String]) {
    var table = FirstUseCodes(texts)
    var byByte = [Int32](repeating: -1, count: 256)
    var seen = [Bool](repeating: false, count: 256)
    var unseen = 256
    for byte in bytes where !seen[Int(byte)] {
      seen[Int(byte)] = true
      byByte[Int(byte)] = table.code(index(byte))
      unseen -= 1
      if unseen == 0 { break }
    }
    let codes = bytes.withUnsafeBufferPointer { b in
      byByte.withUnsafeBufferPointer { t in [Int32](unsafeUninitializedCapacity: b.count) { out, count in
        for i in 0..<b.count { out[i] = t[Int(b[i])] }
        count = b.count
      } }
    }
    return (codes, table.dictionary)
  }

  @inline(__always) mutating func code(_ k: Int) -> Int32 {
    if codes[k] == -2 {
      if texts[k].isEmpty {
        codes[k] = -1
      } else {
        codes[k] = Int32(dictionary.count)
        dictionary.append(texts[k])
      }
    }
    return codes[k]
  }
}

/// Series of a store by (region, indicator, measure, scenario) codes in one
/// flat array: a lookup is an index computation, no hashing. Made only
/// when the code space is small (dictionary codes are dense: a panel of
/// 5,000 regions × 20 indicators needs 1.9M slots).
struct DenseSeriesIndex {
  static let maximumSlots = 1 << 23

  let regionCount: Int, indicatorCount: Int
  private var slots: [Int32]

  /// The slot of each series of `keys` (all distinct keys), nil when the
  /// code space is too large or a code lies outside it.
  init?(regionCount: Int, indicatorCount: Int, keys: [SeriesKey]) {
    let count = regionCount * indicatorCount * Self.measures * Self.scenarios
    guard regionCount > 0, indicatorCount > 0, count <= Self.maximumSlots else { return nil }
    self.regionCount = regionCount
    self.indicatorCount = indicatorCount
    slots = Array(repeating: -1, count: count)
    for (s, key) in keys.enumerated() {
      guard let k = slot(key.region, key.indicator, key.measure, key.scenario) else { return nil }
      slots[k] = Int32(s)
    }
  }

  static let measures = Measure.allCases.count
  static let scenarios = Scenario.allCases.count

  @inline(__always) func slot(_ region: Int32, _ indicator: Int32, _ measure: Measure, _ scenario: Scenario) -> Int? {
    guard region >= 0, Int(region) < regionCount, indicator >= 0, Int(indicator) < indicatorCount else { return nil }
    return ((Int(region) * indicatorCount + Int(indicator)) * Self.measures + Int(measure.ordinal)) * Self.scenarios
      + Int(scenario.ordinal)
  }

  /// The series with this key, nil when there is none.
  func series(_ key: SeriesKey) -> Int? {
    guard let k = slot(key.region, key.indicator, key.measure, key.scenario), slots[k] >= 0 else { return nil }
    return Int(slots[k])
  }
}

/// The result rows of gap/met/attain as columns, appended once per row by
/// the kernel and handed to the result frame without a copy (one slice) or
/// concatenated (several).
struct TargetColumns {
  enum Function { case gap, met, attain }

  static let resultValid: UInt8 = 1
  static let outcomeValid: UInt8 = 2
  static let lowValid: UInt8 = 4
  static let highValid: UInt8 = 8
  static let metKnown: UInt8 = 64
  static let metTrue: UInt8 = 128

  var periods: [Period] = []
  var results: [Double] = []
  var outcomes: [Double] = []
  var lows: [Double] = []
  var highs: [Double] = []
  /// Per row: the validity bits above; bits 4–5: outcome kind (0 none, 1 actual, 2 estimate).
  var flags: [UInt8] = []
  /// Per row: `Bound.rawValue`, or 7 for a range.
  var boundCodes: [UInt8] = []

  var count: Int { periods.count }

  /// Columns written in parts: part k gets a `TargetRowWriter` for at most
  /// `capacities[k]` rows, straight into the arrays' storage (no capacity or
  /// uniqueness check per row and column); `body` fills the parts (on any
  /// threads, each part by one) and returns how many rows each wrote, and
  /// the parts are then moved together in order.
  static func filled(capacities: [Int], _ body: ([TargetRowWriter]) -> [Int]) -> TargetColumns {
    let capacity = capacities.reduce(0, +)
    var out = TargetColumns()
    var written = 0
    out.periods = [Period](unsafeUninitializedCapacity: capacity) { periods, periodCount in
      out.results = [Double](unsafeUninitializedCapacity: capacity) { results, resultCount in
        out.outcomes = [Double](unsafeUninitializedCapacity: capacity) { outcomes, outcomeCount in
          out.lows = [Double](unsafeUninitializedCapacity: capacity) { lows, lowCount in
            out.highs = [Double](unsafeUninitializedCapacity: capacity) { highs, highCount in
              out.flags = [UInt8](unsafeUninitializedCapacity: capacity) { flags, flagCount in
                out.boundCodes = [UInt8](unsafeUninitializedCapacity: capacity) { boundCodes, boundCount in
                  var writers: [TargetRowWriter] = []
                  var start = 0
                  for c in capacities {
                    let r = start..<start + c
                    writers.append(
                      TargetRowWriter(
                        periods: .init(rebasing: periods[r]), results: .init(rebasing: results[r]),
                        outcomes: .init(rebasing: outcomes[r]), lows: .init(rebasing: lows[r]),
                        highs: .init(rebasing: highs[r]), flags: .init(rebasing: flags[r]),
                        boundCodes: .init(rebasing: boundCodes[r])))
                    start += c
                  }
                  let counts = body(writers)
                  // Each part moved down to follow the one before (trivial values: a byte move).
                  var from = 0
                  for (c, n) in zip(capacities, counts) {
                    if from != written && n > 0 {
                      func move<T>(_ b: UnsafeMutableBufferPointer<T>) {
                        memmove(b.baseAddress! + written, b.baseAddress! + from, n * MemoryLayout<T>.stride)
                      }
                      move(periods); move(results); move(outcomes); move(lows); move(highs); move(flags); move(boundCodes)
                    }
                    written += min(n, c)
                    from += c
                  }
                  boundCount = written
                }
                flagCount = written
              }
              highCount = written
            }
            lowCount = written
          }
          outcomeCount = written
        }
        resultCount = written
      }
      periodCount = written
    }
    return out
  }

  /// The rows with a result, an outcome, a target and a range's high end,
  /// as four validity bitmaps built a word at a time in one pass.
  func validities() -> (result: ValidityBitmap, outcome: ValidityBitmap, low: ValidityBitmap, high: ValidityBitmap) {
    let n = count
    let wordCount = (n + 63) / 64
    var words = [[UInt64]](repeating: [UInt64](repeating: 0, count: wordCount), count: 4)
    let bits = [Self.resultValid, Self.outcomeValid, Self.lowValid, Self.highValid]
    flags.withUnsafeBufferPointer { f in
      for (b, bit) in bits.enumerated() {
        words[b].withUnsafeMutableBufferPointer { w in
          for k in 0..<wordCount {
            var word: UInt64 = 0
            let base = k << 6
            for i in 0..<min(64, n - base) { word |= UInt64((f[base + i] & bit) != 0 ? 1 : 0) << UInt64(i) }
            w[k] = word
          }
        }
      }
    }
    return (
      ValidityBitmap(words: words[0], count: n), ValidityBitmap(words: words[1], count: n),
      ValidityBitmap(words: words[2], count: n), ValidityBitmap(words: words[3], count: n)
    )
  }
}

/// Appends result rows to the storage of `TargetColumns.filled`'s arrays;
/// appending past their capacity stops the program (the capacity is an
/// upper bound the caller computed, so that would be a bug, not bad input).
struct TargetRowWriter {
  let periods: UnsafeMutableBufferPointer<Period>
  let results: UnsafeMutableBufferPointer<Double>, outcomes: UnsafeMutableBufferPointer<Double>
  let lows: UnsafeMutableBufferPointer<Double>, highs: UnsafeMutableBufferPointer<Double>
  let flags: UnsafeMutableBufferPointer<UInt8>, boundCodes: UnsafeMutableBufferPointer<UInt8>
  private(set) var count = 0

  init(
    periods: UnsafeMutableBufferPointer<Period>, results: UnsafeMutableBufferPointer<Double>,
    outcomes: UnsafeMutableBufferPointer<Double>, lows: UnsafeMutableBufferPointer<Double>,
    highs: UnsafeMutableBufferPointer<Double>, flags: UnsafeMutableBufferPointer<UInt8>,
    boundCodes: UnsafeMutableBufferPointer<UInt8>
  ) {
    (self.periods, self.results, self.outcomes, self.lows, self.highs, self.flags, self.boundCodes) =
      (periods, results, outcomes, lows, highs, flags, boundCodes)
  }

  @inline(__always) mutating func append(
    period: Period, result: Double?, outcome: Double?, outcomeKind: Scenario?, low: Double?, high: Double?,
    boundCode: UInt8, met: Bool?
  ) {
    precondition(count < periods.count, "TargetRowWriter: more rows than the capacity computed")
    let i = count
    // (Initialising trivial values: plain stores.)
    (periods.baseAddress! + i).initialize(to: period)
    (results.baseAddress! + i).initialize(to: result ?? 0)
    (outcomes.baseAddress! + i).initialize(to: outcome ?? 0)
    (lows.baseAddress! + i).initialize(to: low ?? 0)
    (highs.baseAddress! + i).initialize(to: high ?? 0)
    (boundCodes.baseAddress! + i).initialize(to: boundCode)
    var f: UInt8 = 0
    if result != nil { f |= TargetColumns.resultValid }
    if outcome != nil { f |= TargetColumns.outcomeValid }
    if low != nil { f |= TargetColumns.lowValid }
    if high != nil { f |= TargetColumns.highValid }
    switch outcomeKind {
    case .actual: f |= 1 << 4
    case .estimate: f |= 2 << 4
    default: break
    }
    if let met { f |= TargetColumns.metKnown | (met ? TargetColumns.metTrue : 0) }
    (flags.baseAddress! + i).initialize(to: f)
    count = i + 1
  }
}

/// The rows and counts of one slice, built in a local value (no exclusivity
/// check per access, as a class's properties would have).
struct TargetPartOutput {
  /// Result rows (within this part) of relative targets and their reference.
  var references: [(row: Int, reference: String)] = []
  /// Per result series: its labels, rows and gap unit.
  var series: [SeriesHeader] = []
  var rowCounts: [Int] = []
  var gapUnitTexts: [String] = []
  var anyRelative = false
  var counts = TargetCounts()
}

/// The inputs of the gap/met/attain pass, read-only while slices of groups
/// run on several threads (arrays and stores are copy-on-write values that
/// no thread mutates).
struct TargetPass: @unchecked Sendable {
  typealias Group = (key: TargetCodeKey, first: Int, slots: ScenarioSlots)

  let x: SeriesView
  let store: IndicatorStore
  /// The store's series by codes, when made (many groups).
  let storeIndex: DenseSeriesIndex?
  let groups: [Group]
  let tolerance: Double
  let function: TargetColumns.Function
  let xPeriods: StoreColumn<Period>, xValues: StoreColumn<Double>, xValid: ValidBits
  let storePeriods: StoreColumn<Period>, storeValues: StoreColumn<Double>, storeValid: ValidBits
  let storeBounds: BoundColumn
  let originRowCount: Int
  let originBounds: BoundColumn
  let storeRows: StoreRows

  init(x: SeriesView, store: IndicatorStore, storeIndex: DenseSeriesIndex?, groups: [Group], tolerance: Double, function: TargetColumns.Function) {
    self.x = x
    self.store = store
    self.storeIndex = storeIndex
    self.groups = groups
    self.tolerance = tolerance
    self.function = function
    (xPeriods, xValues, xValid) = (x.periods, x.values, ValidBits(x.valid))
    (storePeriods, storeValues, storeValid) = (store.periods, store.values, ValidBits(store.validity))
    storeBounds = store.bounds
    originRowCount = x.origin?.rowCount ?? 0
    originBounds = x.origin?.bounds ?? IndicatorStore().bounds
    storeRows = x.storeRows ?? []
  }

  /// The value of (region, indicator, measure, scenario, period) in `store`.
  static func storeValue(_ store: IndicatorStore, _ key: TargetKey, _ scenario: Scenario, _ period: Period) -> Double? {
    guard let s = store.series(region: key.region, indicator: key.indicator, measure: key.measure, scenario: scenario),
      let r = store.row(ofSeries: s, period: period)
    else { return nil }
    return store.value(ofRow: r)
  }

  /// The columns one slice reads, as buffers taken once: a kernel row
  /// costs loads, not a subscript's checks of array or mapping.
  struct Buffers {
    var xPeriods: UnsafeBufferPointer<Period>, xValues: UnsafeBufferPointer<Double>
    var xValid: UnsafeBufferPointer<UInt64>
    var storePeriods: UnsafeBufferPointer<Period>, storeValues: UnsafeBufferPointer<Double>
    var storeValid: UnsafeBufferPointer<UInt64>
    /// Packed bound codes of the store and of x's origin store.
    var storeBounds: UnsafeBufferPointer<UInt32>, originBounds: UnsafeBufferPointer<UInt32>
    /// x's store rows, nil for identity rows.
    var storeRows: UnsafeBufferPointer<Int32>?
  }

  /// The store's series for the scenarios x lacks in each group of `range`, and
  /// the most result rows the groups can give (one per target row).
  struct Prepared {
    var storeIDs: [ScenarioSlots] = []
    var capacity = 0
  }

  func prepare(_ range: Range<Int>) -> Prepared {
    var prepared = Prepared()
    prepared.storeIDs.reserveCapacity(range.count)
    for g in range {
      let group = groups[g]
      var ids: ScenarioSlots = [:]
      for scenario in Scenario.allCases where group.slots[scenario] == nil {
        let key = SeriesKey(
          region: group.key.region, indicator: group.key.indicator, measure: group.key.measure, scenario: scenario)
        ids[scenario] = storeIndex.map { $0.series(key) } ?? store.series(key: key)
      }
      prepared.storeIDs.append(ids)
      prepared.capacity +=
        group.slots[.target].map { x.rows(ofSeries: $0).count } ?? ids[.target].map { store.rows(ofSeries: $0).count } ?? 0
    }
    return prepared
  }

  /// Pairs outcomes with targets for `range` of the groups, writing the
  /// result rows through `writer` (sized by `prepare`).
  func fill(_ range: Range<Int>, _ prepared: Prepared, into writer: inout TargetRowWriter) -> TargetPartOutput {
    // The columns are taken once, not through a subscript per row.
    var slice = TargetPartOutput()
    xPeriods.withUnsafeBufferPointer { xPeriods in
      xValues.withUnsafeBufferPointer { xValues in
        xValid.words.withUnsafeBufferPointer { xValid in
          storePeriods.withUnsafeBufferPointer { storePeriods in
            storeValues.withUnsafeBufferPointer { storeValues in
              storeValid.words.withUnsafeBufferPointer { storeValid in
                storeBounds.packedCodes.withUnsafeBufferPointer { storeBounds in
                  originBounds.packedCodes.withUnsafeBufferPointer { originBounds in
                    storeRows.withUnsafeRows { storeRows in
                      run(
                        range,
                        Buffers(
                          xPeriods: xPeriods, xValues: xValues, xValid: xValid, storePeriods: storePeriods,
                          storeValues: storeValues, storeValid: storeValid, storeBounds: storeBounds,
                          originBounds: originBounds, storeRows: storeRows),
                        storeIDs: prepared.storeIDs, into: &writer, slice: &slice)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return slice
  }

  @inline(__always) private static func isSet(_ words: UnsafeBufferPointer<UInt64>, _ i: Int) -> Bool {
    words[i >> 6] & (1 << UInt64(i & 63)) != 0
  }

  @inline(__always) private static func bound(_ packed: UnsafeBufferPointer<UInt32>, _ row: Int) -> Bound {
    Bound(rawValue: UInt8(truncatingIfNeeded: packed[row] & 7)) ?? .none
  }

  private func run(
    _ range: Range<Int>, _ b: Buffers, storeIDs: [ScenarioSlots], into writer: inout TargetRowWriter,
    slice: inout TargetPartOutput
  ) {
    let (xPeriods, xValues, storePeriods, storeValues) = (b.xPeriods, b.xValues, b.storePeriods, b.storeValues)
    for g in range {
      let group = groups[g]
      let slots = group.slots
      let h = x.series[group.first]
      let region = h.region ?? "", indicator = h.indicator ?? ""
      let measure = group.key.measure
      let ids = storeIDs[g - range.lowerBound]
      var unit = slots.first.flatMap { x.series[$0].unit } ?? ""
      if let s = slots[.actual], let u = x.series[s].unit {
        unit = u
      } else if let s = ids[.actual] {
        unit = store.unit(ofSeries: s)
      }
      // (The store gives an indicator's scenarios one unit when theirs convert.)
      let targetUnit = slots[.target].map { x.series[$0].unit ?? "" } ?? ids[.target].map { store.unit(ofSeries: $0) }
      let otherUnit = targetUnit.flatMap { $0 != unit && !$0.isEmpty && !unit.isEmpty ? $0 : nil }
      let firstRow = writer.count

      // Cursors over x's series of the group (the periods walked) and the
      // store's; an absent series is an empty cursor.
      let empty = 0..<0
      let hasXActual = slots[.actual] != nil, hasXEstimate = slots[.estimate] != nil
      let hasXTarget = slots[.target] != nil
      var xActual = PeriodCursor(slots[.actual].map { x.rows(ofSeries: $0) } ?? empty)
      var xTarget = PeriodCursor(slots[.target].map { x.rows(ofSeries: $0) } ?? empty)
      var xEstimate = PeriodCursor(slots[.estimate].map { x.rows(ofSeries: $0) } ?? empty)
      var sActual = PeriodCursor(ids[.actual].map { store.rows(ofSeries: $0) } ?? empty)
      var sTarget = PeriodCursor(ids[.target].map { store.rows(ofSeries: $0) } ?? empty)
      var sEstimate = PeriodCursor(ids[.estimate].map { store.rows(ofSeries: $0) } ?? empty)

      let labels = GroupLabels(region: region, measure: measure, unit: unit, otherUnit: otherUnit, hasXTarget: hasXTarget)
      if hasXActual && hasXTarget && !hasXEstimate && ids[.estimate] == nil {
        // The usual case, outcomes and targets both in x and no estimates
        // anywhere: one merge of the two runs, walking the target rows.
        var a = xActual.position
        let aEnd = xActual.end
        var t = xTarget.position
        let tEnd = xTarget.end
        while t < tEnd {
          let p = xPeriods[t]
          // Outcomes before p have no target (a period counts once).
          while a < aEnd && xPeriods[a] < p {
            let q = xPeriods[a]
            if Self.isSet(b.xValid, a) { slice.counts.noTarget += 1 }
            while a < aEnd && xPeriods[a] == q { a += 1 }
          }
          var outcome: Double? = nil
          if a < aEnd && xPeriods[a] == p {
            if Self.isSet(b.xValid, a) { outcome = xValues[a] }
            while a < aEnd && xPeriods[a] == p { a += 1 }
          }
          var t1 = t
          while t1 < tEnd && xPeriods[t1] == p { t1 += 1 }
          emit(
            p, outcome: outcome, kind: outcome == nil ? nil : .actual, targets: xTargets(t..<t1, b), labels,
            into: &writer, slice: &slice)
          t = t1
        }
        while a < aEnd {
          let q = xPeriods[a]
          if Self.isSet(b.xValid, a) { slice.counts.noTarget += 1 }
          while a < aEnd && xPeriods[a] == q { a += 1 }
        }
      } else {
        while true {
          // The next period of any of x's series: the sorted union, without repeats.
          var next = xActual.head(in: xPeriods)
          if let q = xTarget.head(in: xPeriods), next.map({ q < $0 }) ?? true { next = q }
          if let q = xEstimate.head(in: xPeriods), next.map({ q < $0 }) ?? true { next = q }
          guard let p = next else { break }

          // The outcome: actual, else estimate; each from x when x has that scenario.
          var outcomeValue = 0.0
          var outcomeKind = Scenario?.none
          if hasXActual {
            if let r = xActual.seek(p, in: xPeriods), Self.isSet(b.xValid, r) { (outcomeValue, outcomeKind) = (xValues[r], .actual) }
          } else if let r = sActual.seek(p, in: storePeriods), Self.isSet(b.storeValid, r) {
            (outcomeValue, outcomeKind) = (storeValues[r], .actual)
          }
          if outcomeKind == nil {
            if hasXEstimate {
              if let r = xEstimate.seek(p, in: xPeriods), Self.isSet(b.xValid, r) { (outcomeValue, outcomeKind) = (xValues[r], .estimate) }
            } else if let r = sEstimate.seek(p, in: storePeriods), Self.isSet(b.storeValid, r) {
              (outcomeValue, outcomeKind) = (storeValues[r], .estimate)
            }
          }

          // The target rows at p, from x or else the store.
          var targets = TargetRows()
          if hasXTarget {
            if let r0 = xTarget.seek(p, in: xPeriods) {
              var r1 = r0
              while r1 < xTarget.end && xPeriods[r1] == p { r1 += 1 }
              targets = xTargets(r0..<r1, b)
            }
          } else if let r0 = sTarget.seek(p, in: storePeriods) {
            var r1 = r0
            while r1 < sTarget.end && storePeriods[r1] == p { r1 += 1 }
            targets = storeTargets(r0..<r1, b)
          }

          // Past p in every series of x.
          xActual.skip(p, in: xPeriods)
          xTarget.skip(p, in: xPeriods)
          xEstimate.skip(p, in: xPeriods)

          guard targets.count > 0 else {
            if outcomeKind != nil { slice.counts.noTarget += 1 }
            continue
          }
          emit(
            p, outcome: outcomeKind == nil ? nil : outcomeValue, kind: outcomeKind, targets: targets, labels,
            into: &writer, slice: &slice)
        }
      }
      if writer.count > firstRow {
        slice.series.append(
          SeriesHeader(region: region, indicator: indicator, measure: measure, scenario: nil, unit: unit))
        slice.rowCounts.append(writer.count - firstRow)
        slice.gapUnitTexts.append(measure.isRate ? "pp" : unit)
      }
    }
  }
}

extension TargetPass {
  /// The labels of one group that every result row of it needs.
  struct GroupLabels {
    let region: String, measure: Measure, unit: String
    /// The target's unit when it does not convert to the outcome's.
    let otherUnit: String?
    let hasXTarget: Bool
  }

  /// The target rows at one period (at most two count: a range): each its
  /// value (nil when missing) and bound, and the store row of the first's reference.
  struct TargetRows {
    var count = 0
    var firstValue: Double? = nil, firstBound = Bound.none, firstRefRow = -1
    var secondValue: Double? = nil, secondBound = Bound.none

    @inline(__always) mutating func add(_ value: Double?, _ bound: Bound, refRow: Int) {
      if count == 0 {
        (firstValue, firstBound, firstRefRow) = (value, bound, refRow)
      } else if count == 1 {
        (secondValue, secondBound) = (value, bound)
      }
      count += 1
    }
  }

  /// x's target rows `rows`, their bounds from x's origin store.
  @inline(__always) func xTargets(_ rows: Range<Int>, _ b: Buffers) -> TargetRows {
    var targets = TargetRows()
    for r in rows {
      var bound = Bound.exactly
      var refRow = -1
      let row = b.storeRows.map { r < $0.count ? Int($0[r]) : -1 } ?? r
      if row >= 0, row < originRowCount, row < b.originBounds.count {
        bound = Self.bound(b.originBounds, row)
        if bound.isRelative { refRow = row }
      }
      targets.add(Self.isSet(b.xValid, r) ? b.xValues[r] : nil, bound, refRow: refRow)
    }
    return targets
  }

  /// The store's target rows `rows`.
  @inline(__always) func storeTargets(_ rows: Range<Int>, _ b: Buffers) -> TargetRows {
    var targets = TargetRows()
    for r in rows {
      let bound = Self.bound(b.storeBounds, r)
      targets.add(Self.isSet(b.storeValid, r) ? b.storeValues[r] : nil, bound, refRow: bound.isRelative ? r : -1)
    }
    return targets
  }

  /// One result row: the outcome at `p` against its target rows.
  @inline(__always) func emit(
    _ p: Period, outcome o: Double?, kind outcomeKind: Scenario?, targets: TargetRows, _ group: GroupLabels,
    into writer: inout TargetRowWriter, slice: inout TargetPartOutput
  ) {
    var target: ResolvedTarget
    if targets.count > 1, targets.firstBound == .atLeast || targets.secondBound == .atLeast,
      targets.firstBound == .atMost || targets.secondBound == .atMost
    {
      let low = targets.firstBound == .atLeast ? targets.firstValue : targets.secondValue
      let high = targets.firstBound == .atMost ? targets.firstValue : targets.secondValue
      target = ResolvedTarget(low: low, high: high, bound: .atLeast, isRange: true, reference: nil)
    } else {
      var reference: String? = nil
      if targets.firstRefRow >= 0 {
        reference =
          group.hasXTarget ? x.origin?.reference(ofRow: targets.firstRefRow) : store.reference(ofRow: targets.firstRefRow)
      }
      let bound = targets.firstBound == .none ? .exactly : targets.firstBound
      target = ResolvedTarget(low: targets.firstValue, high: nil, bound: bound, isRange: false, reference: reference)
    }
    if target.bound.isRelative {
      slice.anyRelative = true
      if let ref = target.reference {
        let refKey = TargetKey(region: group.region, indicator: ref, measure: group.measure)
        target.low = Self.storeValue(store, refKey, .actual, p) ?? Self.storeValue(store, refKey, .estimate, p)
      }
      if target.low == nil { slice.counts.noReference += 1 }
    }
    if outcomeKind == nil { slice.counts.noOutcome += 1 }
    if outcomeKind == .estimate { slice.counts.estimates += 1 }
    // A target in a unit its outcome's does not convert to is not compared.
    if let otherUnit = group.otherUnit { slice.counts.countOtherUnit(target: otherUnit, outcome: group.unit) }
    let compared = group.otherUnit == nil ? o : nil
    let met = Interpreter.isMet(compared, target, measure: group.measure, tolerance: tolerance)
    let result: Double?
    switch function {
    case .gap: result = Interpreter.gapValue(compared, target)
    case .met: result = met.map { $0 ? 1 : 0 }
    case .attain: result = Interpreter.attainValue(compared, target.low, measure: group.measure)
    }
    if let reference = target.reference { slice.references.append((writer.count, reference)) }
    writer.append(
      period: p, result: result, outcome: o, outcomeKind: outcomeKind, low: target.low,
      high: target.isRange ? target.high : nil, boundCode: target.isRange ? 7 : target.bound.rawValue, met: met)
  }
}


extension Interpreter {
  /// The store's series by codes (`DenseSeriesIndex`), nil when its code
  /// space is too large; made once per store.
  func storeSeriesIndex() -> DenseSeriesIndex? {
    if let cached = cachedStoreIndex { return cached }
    let index = DenseSeriesIndex(
      regionCount: store.regions.count, indicatorCount: store.indicators.count, keys: store.seriesKeys)
    cachedStoreIndex = .some(index)
    return index
  }

  /// The store key of every series of `x`, when every header came straight
  /// from `x.origin` and that store's region and indicator codes are the
  /// interpreter store's; nil otherwise (the string path then runs).
  func storeKeys(_ x: SeriesView) -> [SeriesKey]? {
    guard useCodeKernels, let origin = x.origin, origin.regions.strings == store.regions.strings,
      origin.indicators.strings == store.indicators.strings
    else { return nil }
    var keys: [SeriesKey] = []
    keys.reserveCapacity(x.seriesCount)
    for h in x.series {
      guard let id = h.storeSeries, id >= 0, Int(id) < origin.seriesCount, h.region != nil, h.indicator != nil,
        h.measure != nil
      else { return nil }
      keys.append(origin.seriesKeys[Int(id)])
    }
    return keys
  }

  /// gap, met and attain over dictionary codes: the same rows, columns and
  /// notes as the string path (`targetFunction`), with series grouped by
  /// integer keys, store series found by integer lookups once per group,
  /// and each group's periods walked with cursors in one merge.
  ///
  /// - Complexity: O(rows of x + rows of the store series looked up).
  func targetFunctionByCodes(_ x: SeriesView, keys: [SeriesKey], function: String) throws(Diagnostic) -> Frame {
    // Groups in order of first appearance; scenarios to x's series. Many
    // series: group numbers in a flat array by codes (and the store's
    // series too), else hashed keys.
    let many = x.seriesCount >= denseIndexMinimumSeries
    let storeIndex = many ? storeSeriesIndex() : nil
    var groups: [(key: TargetCodeKey, first: Int, slots: ScenarioSlots)] = []
    var index: [TargetCodeKey: Int] = [:]
    var groupOf = [Int32](repeating: -1, count: storeIndex.map { $0.regionCount * $0.indicatorCount * DenseSeriesIndex.measures } ?? 0)
    for s in 0..<x.seriesCount {
      let k = keys[s]
      let key = TargetCodeKey(region: k.region, indicator: k.indicator, measure: k.measure)
      let g: Int
      if let last = groups.last, last.key == key {
        g = groups.count - 1
      } else if let storeIndex, let slot = storeIndex.slot(k.region, k.indicator, k.measure, .actual) {
        let k3 = slot / DenseSeriesIndex.scenarios
        if groupOf[k3] >= 0 {
          g = Int(groupOf[k3])
        } else {
          g = groups.count
          groupOf[k3] = Int32(g)
          groups.append((key, s, [:]))
        }
      } else if let known = index[key] {
        g = known
      } else {
        g = groups.count
        index[key] = g
        groups.append((key, s, [:]))
      }
      if groups[g].slots[k.scenario] == nil { groups[g].slots[k.scenario] = s }
    }

    var out = Frame.targetResult(function)
    let pass = TargetPass(
      x: x, store: store, storeIndex: storeIndex, groups: groups, tolerance: settings.tolerance,
      function: function == "gap" ? .gap : function == "met" ? .met : .attain)
    // The groups are split into consecutive slices run on the worker
    // threads and read back in order (the same table); a few thousand
    // groups are one slice (threads cost more than they give).
    try checkCancelled()
    // Each slice first sizes its part, then writes it into one allocation.
    let slices = sliceCount(for: groups.count)
    let prepared = Self.runSliced(groups.count, slices: slices) { pass.prepare($0) }
    var outputs: [TargetPartOutput] = []
    var columns = TargetColumns.filled(capacities: prepared.map(\.capacity)) { writers in
      let parts = Self.runSliced(groups.count, slices: slices) { k, range in
        var writer = writers[k]
        let part = pass.fill(range, prepared[k], into: &writer)
        return (part, writer.count)
      }
      outputs = parts.map(\.0)
      return parts.map(\.1)
    }
    try checkCancelled()
    var rowCount = 0
    var references: [(row: Int, reference: String)] = []
    var gapUnitTexts: [String] = []
    var anyRelative = false
    var counts = TargetCounts()
    for part in outputs {
      references += part.references.map { ($0.row + rowCount, $0.reference) }
      rowCount += part.rowCounts.reduce(0, +)
      gapUnitTexts += part.gapUnitTexts
      for (header, count) in zip(part.series, part.rowCounts) {
        out.series.append(header)
        out.offsets.append((out.offsets.last ?? 0) + count)
      }
      anyRelative = anyRelative || part.anyRelative
      counts.add(part.counts)
    }
    outputs = []

    // Label codes and met flags from the packed per-row bytes.
    let n = rowCount
    let wantsMet = function == "gap"
    let (kindCodes, kindDictionary) = FirstUseCodes.codes(
      of: columns.flags, texts: ["", Scenario.actual.rawValue, Scenario.estimate.rawValue]) { Int($0 >> 4 & 3) }
    let (boundCodes, boundDictionary) = FirstUseCodes.codes(
      of: columns.boundCodes, texts: Bound.allCases.map(\.text) + ["range"]) { Int($0) }
    let metFlags: [Bool?] =
      wantsMet
      ? columns.flags.map { $0 & TargetColumns.metKnown != 0 ? $0 & TargetColumns.metTrue != 0 : nil } : []
    let (resultValid, outcomeValid, lowValid, highValid) = columns.validities()
    columns.flags = []
    columns.boundCodes = []
    out.periods = StoreColumn(columns.periods)
    out.values = StoreColumn(columns.results)
    out.valid = resultValid
    out.extras = [
      Extra(name: "outcome", placement: .beforeValue, role: .label, cells: .texts(kindCodes, kindDictionary)),
      Extra(name: "value", placement: .beforeValue, role: .value, cells: .numbers(columns.outcomes, outcomeValid)),
      Extra(name: "target", placement: .beforeValue, role: .value, cells: .numbers(columns.lows, lowValid)),
      Extra(name: "target_high", placement: .beforeValue, role: .value, cells: .numbers(columns.highs, highValid)),
      Extra(name: "bound", placement: .beforeValue, role: .label, cells: .texts(boundCodes, boundDictionary)),
    ]
    if anyRelative {
      var refText = TextColumnBuilder()
      refText.codes = Array(repeating: -1, count: n)
      for (row, reference) in references where !reference.isEmpty { refText.codes[row] = refText.intern(reference) }
      out.extras.append(Extra(name: "ref", placement: .beforeValue, role: .label, cells: refText.cells))
    }
    if function == "gap" {
      out.extras.append(Extra(name: "met", placement: .afterValue, role: .other, cells: .flags(metFlags)))
      var gapUnits = TextColumnBuilder()
      gapUnits.codes.reserveCapacity(n)
      for (s, text) in gapUnitTexts.enumerated() {
        let code = text.isEmpty ? -1 : gapUnits.intern(text)
        gapUnits.codes.append(contentsOf: repeatElement(code, count: out.offsets[s + 1] - out.offsets[s]))
      }
      out.extras.append(Extra(name: "gap_unit", placement: .afterUnit, role: .label, cells: gapUnits.cells))
    }
    if function == "attain" { out.valueUnit = "%" }
    out.notes = targetNotes(function: function, counts)
    return out
  }

  /// The notes under a gap/met/attain result.
  func targetNotes(function: String, _ counts: TargetCounts) -> [String] {
    var notes: [String] = []
    let (estimates, noOutcome, noReference, noTarget) = (counts.estimates, counts.noOutcome, counts.noReference, counts.noTarget)
    if estimates > 0 {
      notes.append("\(estimates) outcome\(estimates == 1 ? " is an estimate" : "s are estimates") (预计)")
    }
    if noOutcome > 0 {
      notes.append("\(noOutcome) target\(noOutcome == 1 ? " has" : "s have") no outcome (actual or estimate); outcome and \(function) are empty")
    }
    if noReference > 0 {
      notes.append("\(noReference) relative target\(noReference == 1 ? " has" : "s have") no outcome of the reference indicator")
    }
    if let (target, outcome) = counts.otherUnitExample {
      let n = counts.otherUnit
      notes.append(
        "\(n) target\(n == 1 ? " is" : "s are") in \(target), which does not convert to the outcomes' \(outcome): not compared (\(function) is empty); give both one unit in the data")
    }
    if noTarget > 0 {
      notes.append("\(noTarget) outcome\(noTarget == 1 ? " has" : "s have") no target for the same period and \(noTarget == 1 ? "is" : "are") not shown")
    }
    return notes
  }
}

/// What the notes under a gap/met/attain result count.
struct TargetCounts {
  var estimates = 0, noOutcome = 0, noTarget = 0, noReference = 0
  /// Targets not compared: their unit does not convert to the outcome's.
  var otherUnit = 0
  var otherUnitExample: (target: String, outcome: String)?

  mutating func countOtherUnit(target: String, outcome: String) {
    otherUnit += 1
    if otherUnitExample == nil { otherUnitExample = (target, outcome) }
  }

  mutating func add(_ other: TargetCounts) {
    estimates += other.estimates
    noOutcome += other.noOutcome
    noTarget += other.noTarget
    noReference += other.noReference
    otherUnit += other.otherUnit
    if otherUnitExample == nil { otherUnitExample = other.otherUnitExample }
  }
}
