import Diagnostics
import Dispatch

extension StoreSnapshot {
  /// A version 2 snapshot's store, its fact columns read in place from
  /// `memory` (no copy, no fresh pages). The checksum, the row checks and
  /// the series keys are made together on the worker threads; the checks
  /// are plain loops over the columns with no early exit, so they vectorise.
  static func decodeInPlace(_ memory: ReadOnlyMemory, header: Header, file: String) throws(Diagnostic) -> IndicatorStore {
    func corrupt(_ why: String) -> Diagnostic { StoreSnapshot.corrupt(file, why) }
    let length = Int(header.length)
    guard length % 8 == 0 else { throw corrupt("its length is not a whole number of 8-byte words") }

    var reader = ColumnReader(memory: memory, offset: headerSize)
    var store = IndicatorStore()
    var dictionaries: [StringDictionary] = []
    for _ in 0..<5 {
      guard let ends = reader.column(UInt32.self), let text = reader.column(UInt8.self) else {
        throw corrupt("a dictionary is cut short")
      }
      dictionaries.append(try text.withUnsafeBufferPointer { bytes throws(Diagnostic) in
        try StoreSnapshot.dictionary(ends: ends, text: bytes, file: file)
      })
    }
    (store.regions, store.indicators, store.units, store.sources, store.dataFiles) =
      (dictionaries[0], dictionaries[1], dictionaries[2], dictionaries[3], dictionaries[4])

    guard let keyRegion = reader.column(Int32.self), let keyIndicator = reader.column(Int32.self),
      let keyMeasure = reader.column(UInt8.self), let keyScenario = reader.column(UInt8.self),
      let seriesUnit = reader.column(Int32.self), let offsets = reader.column(Int32.self),
      let periods = reader.column(Period.self), let values = reader.column(Double.self),
      let validityWords = reader.column(UInt64.self), let lineAndBound = reader.column(UInt32.self),
      let originOf = reader.column(Int32.self), let originSource = reader.column(Int32.self),
      let originDataFile = reader.column(Int32.self), let quoteBytes = reader.column(UInt8.self),
      let quoteBounds = reader.column(UInt32.self), let referenceRows = reader.column(Int64.self),
      let referenceCodes = reader.column(Int32.self), reader.offset == memory.count
    else { throw corrupt("a column is cut short") }

    // The series table, checked before the series index is made from it.
    let seriesCount = keyRegion.count, rows = values.count
    let seriesTableIsValid =
      keyIndicator.count == seriesCount && keyMeasure.count == seriesCount && keyScenario.count == seriesCount
      && seriesUnit.count == seriesCount && offsets.count == seriesCount + 1
      && Checks.within(keyRegion, store.regions.count) && Checks.within(keyIndicator, store.indicators.count)
      && Checks.within(seriesUnit, store.units.count)
      && Checks.below(keyMeasure, Measure.allCases.count) && Checks.below(keyScenario, Scenario.allCases.count)
    let rowColumnsFit =
      periods.count == rows && lineAndBound.count == rows && originOf.count == rows && quoteBounds.count == rows + 1

    // Together on the worker threads: the checksum's chunks, the row
    // checks (a range of rows each) and the series keys (one task).
    let threads = WorkerThreads.count
    let chunks = LaneChecksum.chunkCount(length)
    let checksumTasks = threads > 1 ? min(chunks, 4 * threads) : 1
    let rowTasks = rowColumnsFit ? (threads > 1 && rows >= 1 << 16 ? 2 * threads : 1) : 0
    let index = SeriesKeysTask()
    var digests = [UInt64](repeating: 0, count: chunks)
    var rowFailures = [UInt8](repeating: 0, count: rowTasks)
    let origins = originSource.count
    let regionCount = store.regions.count, indicatorCount = store.indicators.count
    memory.withUnsafeBytes { raw in
      periods.withUnsafeBufferPointer { periods in
        lineAndBound.withUnsafeBufferPointer { lineAndBound in
          originOf.withUnsafeBufferPointer { originOf in
            quoteBounds.withUnsafeBufferPointer { quoteBounds in
              digests.withUnsafeMutableBufferPointer { digests in
                rowFailures.withUnsafeMutableBufferPointer { rowFailures in
                  nonisolated(unsafe) let payload = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
                  nonisolated(unsafe) let (p, lb, o, q) = (periods, lineAndBound, originOf, quoteBounds)
                  nonisolated(unsafe) let (digests, rowFailures) = (digests, rowFailures)
                  let columns = (keyRegion, keyIndicator, keyMeasure, keyScenario)
                  let work = (seriesTableIsValid ? 1 : 0) + checksumTasks + rowTasks
                  DispatchQueue.concurrentPerform(iterations: work) { task in
                    var task = task
                    if seriesTableIsValid {
                      if task == 0 {
                        index.make(columns: columns, regionCount: regionCount, indicatorCount: indicatorCount)
                        return
                      }
                      task -= 1
                    }
                    if task < checksumTasks {
                      for k in (chunks * task / checksumTasks)..<(chunks * (task + 1) / checksumTasks) {
                        digests[k] = LaneChecksum.digest(LaneChecksum.chunk(k, of: payload))
                      }
                      return
                    }
                    task -= checksumTasks
                    let range = (rows * task / rowTasks)..<(rows * (task + 1) / rowTasks)
                    rowFailures[task] =
                      Checks.rows(range, periods: p, lineAndBound: lb, originOf: o, origins: origins, quoteBounds: q).rawValue
                  }
                }
              }
            }
          }
        }
      }
    }
    guard LaneChecksum.combine(digests, length: length) == header.checksum else {
      throw corrupt("the checksum does not match its contents")
    }

    // Every cross-reference is checked: a bad file must not index out of range later.
    guard seriesTableIsValid else { throw corrupt("the series table is inconsistent") }
    guard offsets.first == 0, offsets.last.map(Int.init) == rows, Checks.isOrdered(offsets)
    else { throw corrupt("series offsets are out of order") }
    guard rowColumnsFit, validityWords.count == (rows + 63) / 64,
      originSource.count == originDataFile.count,
      Checks.within(originSource, store.sources.count), Checks.within(originDataFile, store.dataFiles.count),
      quoteBounds.first == 0, (quoteBounds.last.map(Int.init) ?? 0) <= quoteBytes.count,
      referenceRows.count == referenceCodes.count, Checks.within(referenceCodes, store.indicators.count),
      referenceRows.allSatisfy({ $0 >= 0 && $0 < rows })
    else { throw corrupt("the fact columns are inconsistent") }
    // Bits past the last row must be clear: the mapped words cannot be masked.
    if rows % 64 != 0, let last = validityWords.last, last >> UInt64(rows % 64) != 0 {
      throw corrupt("the fact columns are inconsistent")
    }
    let failures = Checks.Failures(rawValue: rowFailures.reduce(0) { $0 | $1 })
    if failures.contains(.period) { throw corrupt("a period is invalid") }
    if !failures.isEmpty { throw corrupt("the fact columns are inconsistent") }
    guard !index.hasDuplicate else { throw corrupt("a series appears twice") }

    store.seriesKeys = index.keys
    store.seriesIndex = SeriesIndex(keys: index.keys)
    store.seriesUnit = seriesUnit.arrayValue
    store.offsets = offsets.arrayValue
    store.periods = periods
    store.values = values
    store.validity = ValidityBitmap(words: validityWords, count: rows)
    store.lineAndBound = lineAndBound
    store.originOf = originOf
    store.originSource = originSource.arrayValue
    store.originDataFile = originDataFile.arrayValue
    // Quotes are in row order: a row's quote starts where the last one ended.
    store.quotes = QuoteColumn(
      bytes: quoteBytes, start: quoteBounds.extracting(0..<rows), end: quoteBounds.extracting(1..<rows + 1))
    for (row, code) in zip(referenceRows, referenceCodes) { store.references[Int(row)] = code }
    return store
  }

  /// The series keys, and whether any repeats, made on one worker thread
  /// while the others checksum; read once all the tasks are done. (The
  /// index by key is made on the first lookup: `SeriesIndex`.)
  final class SeriesKeysTask: @unchecked Sendable {
    // @unchecked: written by one task only, read after the tasks finish.
    var keys: [SeriesKey] = []
    var hasDuplicate = false

    /// From columns whose codes were checked to be in range.
    func make(
      columns: (StoreColumn<Int32>, StoreColumn<Int32>, StoreColumn<UInt8>, StoreColumn<UInt8>),
      regionCount: Int, indicatorCount: Int
    ) {
      let measures = Measure.allCases, scenarios = Scenario.allCases
      columns.0.withUnsafeBufferPointer { region in
        columns.1.withUnsafeBufferPointer { indicator in
          columns.2.withUnsafeBufferPointer { measure in
            columns.3.withUnsafeBufferPointer { scenario in
              keys.reserveCapacity(region.count)
              for s in 0..<region.count {
                keys.append(
                  SeriesKey(
                    region: region[s], indicator: indicator[s], measure: measures[Int(measure[s])],
                    scenario: scenarios[Int(scenario[s])]))
              }
              hasDuplicate = SeriesIndex.hasDuplicate(
                region: region, indicator: indicator, measure: measure, scenario: scenario,
                indicatorCount: indicatorCount, regionCount: regionCount)
            }
          }
        }
      }
    }
  }

  /// Columns taken one after another from a snapshot in memory.
  struct ColumnReader {
    let memory: ReadOnlyMemory
    var offset: Int

    /// A column: its byte count, its bytes read in place, its padding
    /// skipped. Nil when it runs past the end.
    mutating func column<T: BitwiseCopyable>(_: T.Type) -> StoreColumn<T>? {
      guard memory.count - offset >= 8 else { return nil }
      let byteCount = memory.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
      let start = offset + 8
      guard byteCount <= UInt64(memory.count - start), Int(byteCount) % MemoryLayout<T>.stride == 0 else { return nil }
      let padded = (Int(byteCount) + 7) / 8 * 8
      guard padded <= memory.count - start,
        let column = StoreColumn<T>(memory: memory, offset: start, count: Int(byteCount) / MemoryLayout<T>.stride)
      else { return nil }
      offset = start + padded
      return column
    }
  }

  /// Whole-column checks written as reductions without early exits.
  enum Checks {
    /// Every code in `0..<count`.
    static func within(_ codes: StoreColumn<Int32>, _ count: Int) -> Bool {
      codes.withUnsafeBufferPointer { buffer in
        var bad: UInt32 = 0
        // A negative code is a huge unsigned one.
        for code in buffer { bad |= UInt32(bitPattern: code) >= UInt32(clamping: count) ? 1 : 0 }
        return bad == 0
      }
    }

    static func below(_ codes: StoreColumn<UInt8>, _ count: Int) -> Bool {
      codes.withUnsafeBufferPointer { buffer in
        var bad: UInt8 = 0
        for code in buffer { bad |= Int(code) >= count ? 1 : 0 }
        return bad == 0
      }
    }

    static func isOrdered<T: FixedWidthInteger>(_ column: StoreColumn<T>) -> Bool {
      column.withUnsafeBufferPointer { isOrdered($0, from: 1, to: $0.count) }
    }

    /// `buffer[i - 1] <= buffer[i]` for `i` in `from..<to`.
    static func isOrdered<T: FixedWidthInteger>(_ buffer: UnsafeBufferPointer<T>, from: Int, to: Int) -> Bool {
      var bad = 0
      var i = max(from, 1)
      while i < to {
        bad |= buffer[i - 1] > buffer[i] ? 1 : 0
        i += 1
      }
      return bad == 0
    }

    /// What a range of rows can get wrong.
    struct Failures: OptionSet {
      let rawValue: UInt8
      static let period = Failures(rawValue: 1)
      static let bound = Failures(rawValue: 2)
      static let origin = Failures(rawValue: 4)
      static let quote = Failures(rawValue: 8)
    }

    /// Periods valid, bounds known, origins below `origins` and quote
    /// bounds in order, over `range` of the rows (`quoteBounds` has one
    /// entry more than there are rows).
    static func rows(
      _ range: Range<Int>, periods: UnsafeBufferPointer<Period>, lineAndBound: UnsafeBufferPointer<UInt32>,
      originOf: UnsafeBufferPointer<Int32>, origins: Int, quoteBounds: UnsafeBufferPointer<UInt32>
    ) -> Failures {
      let range = range.clamped(to: 0..<max(0, min(periods.count, lineAndBound.count, originOf.count, quoteBounds.count - 1)))
      let kinds = UInt32(Period.Kind.allCases.count)
      let monthLimit = UInt32((Period.maxYear + 1) * 12)
      // Bounds are numbered 0..<count (checked here, else the slower mask).
      let bounds = Bound.allCases
      let boundsAreNumbered = bounds.indices.allSatisfy { Int(bounds[$0].rawValue) == $0 }
      var validBounds: UInt32 = 0
      for bound in bounds where bound.rawValue < 8 { validBounds |= 1 << UInt32(bound.rawValue) }
      var failures: Failures = []
      var bad: UInt32 = 0
      for r in range {
        // Period.isValid in unsigned 32-bit arithmetic: the kind exists, the
        // end is before year 10000, and the start (end − span) is at least
        // month 12: end + (4095 − span) ≥ 12 + 4095.
        let raw = periods[r].rawValue
        let endMonth = raw >> 15
        bad |= (raw & 7 >= kinds ? 1 : 0) | (endMonth >= monthLimit ? 1 : 0)
          | (endMonth + ((raw >> 3) & 4095) < 12 + Period.maxSpan ? 1 : 0)
      }
      if bad != 0 { failures.insert(.period) }
      // Largest bound and origin, then one comparison: a max reduction
      // vectorises where a flag set per row compiles to a branch.
      if boundsAreNumbered {
        var largest: UInt32 = 0
        for r in range { largest = max(largest, lineAndBound[r] & 7) }
        if !range.isEmpty && largest >= UInt32(bounds.count) { failures.insert(.bound) }
      } else {
        bad = 0
        for r in range { bad |= ~(validBounds >> (lineAndBound[r] & 7)) & 1 }
        if bad != 0 { failures.insert(.bound) }
      }
      // A negative origin is a huge unsigned one.
      var largestOrigin: UInt32 = 0
      for r in range { largestOrigin = max(largestOrigin, UInt32(bitPattern: originOf[r])) }
      if !range.isEmpty && largestOrigin >= UInt32(clamping: origins) { failures.insert(.origin) }
      // The steps into this range's rows' ends.
      if !isOrdered(quoteBounds, from: range.lowerBound + 1, to: range.upperBound + 1) { failures.insert(.quote) }
      return failures
    }
  }
}
