import Diagnostics
import Dispatch

/// Collects rows, then validates and freezes them into an `IndicatorStore`
/// with one sort.
///
/// Validation that needs whole series happens in `build()`: a unit that does
/// not convert to the rest of its series, and the same (region, indicator,
/// measure, scenario, period) given twice with different values (except a
/// range target: one `>=` and one `<=` row).
///
/// ```swift
/// var builder = StoreBuilder()
/// builder.append(region: "湘潭市", indicator: "地区生产总值", measure: .growth,
///                scenario: .target, period: .year(2020), value: 7.8, unit: "%",
///                bound: .about, source: "001.txt", quote: "增长7.8%左右",
///                reference: nil, dataFile: "a.csv", line: 2)
/// let store = try builder.build().store
/// ```
public struct StoreBuilder: Sendable {
  var regions = StringDictionary()
  var indicators = StringDictionary()
  var units = StringDictionary()
  var sources = StringDictionary()
  var dataFiles = StringDictionary()

  var region: [Int32] = []
  var indicator: [Int32] = []
  var measure: [Measure] = []
  var scenario: [Scenario] = []
  var period: [Period] = []
  var value: [Double] = []
  var validity = ValidityBitmap()
  var unit: [Int32] = []
  var bound: [Bound] = []
  var source: [Int32] = []
  var dataFile: [Int32] = []
  var line: [Int32] = []
  var quotes = QuoteColumn.Builder()
  var reference: [Int: Int32] = [:]

  public init() {}

  /// Makes room for `rows` more rows with `quoteBytes` more bytes of copied quotes,
  /// so that a large load grows each column once instead of by doubling.
  ///
  /// Unless `exact`, never less than double the capacity: reserving just
  /// enough, piece after piece, would copy every column again for each piece.
  public mutating func reserveCapacity(rows: Int, quoteBytes bytes: Int, exact: Bool = false) {
    guard value.count + rows > value.capacity else { return }
    let n = exact ? value.count + rows : max(value.count + rows, 2 * value.capacity)
    region.reserveCapacity(n)
    indicator.reserveCapacity(n)
    measure.reserveCapacity(n)
    scenario.reserveCapacity(n)
    period.reserveCapacity(n)
    value.reserveCapacity(n)
    unit.reserveCapacity(n)
    bound.reserveCapacity(n)
    source.reserveCapacity(n)
    dataFile.reserveCapacity(n)
    line.reserveCapacity(n)
    let owned = quotes.ownedByteCount, ownedCapacity = quotes.owned.capacity
    quotes.reserveCapacity(
      rows: n, ownedBytes: owned + bytes <= ownedCapacity ? 0 : exact ? owned + bytes : max(owned + bytes, 2 * ownedCapacity))
  }

  /// A builder holding every row of `store` except those loaded from
  /// `excludedDataFile` (so loading a file again replaces its rows).
  public init(copying store: IndicatorStore, excludingDataFile excludedDataFile: String? = nil) {
    self.init(copying: store, excludingDataFiles: excludedDataFile.map { [$0] } ?? [])
  }

  /// A builder holding every row of `store` except those loaded from any of
  /// `excludedDataFiles`.
  public init(copying store: IndicatorStore, excludingDataFiles excludedDataFiles: Set<String>) {
    append(rowsOf: store, excludingDataFiles: excludedDataFiles)
  }

  /// Appends every row of `store` except those loaded from any of `excludedDataFiles`.
  public mutating func append(rowsOf store: IndicatorStore, excludingDataFiles excludedDataFiles: Set<String> = []) {
    // Quotes read in place from a data file stay so (the same mapping).
    var segmentMap: [Int: Int?] = [:]
    for s in 0..<store.seriesCount {
      let labels = store.labels(ofSeries: s)
      for row in store.rows(ofSeries: s) {
        let origin = Int(store.originOf[row])
        let dataFile = store.dataFiles[store.originDataFile[origin]]
        if excludedDataFiles.contains(dataFile) { continue }
        let codes = TextCodes(
          region: code(of: labels.region, in: .region), indicator: code(of: labels.indicator, in: .indicator),
          unit: code(of: labels.unit, in: .unit), source: code(of: store.sources[store.originSource[origin]], in: .source),
          dataFile: code(of: dataFile, in: .dataFile))
        appendFacts(
          codes: codes, measure: labels.measure, scenario: labels.scenario, period: store.period(ofRow: row),
          value: store.value(ofRow: row), bound: store.bound(ofRow: row), reference: store.reference(ofRow: row),
          line: store.line(ofRow: row))
        quotes.append(row: row, of: store.quotes, segmentMap: &segmentMap)
      }
    }
  }

  public var rowCount: Int { value.count }
  /// Bytes of quote text copied so far (quotes read in place from a mapped
  /// data file take none).
  public var quoteBytesCount: Int { quotes.ownedByteCount }
  /// The quote of builder row `row` (for tests).
  public func quote(ofRow row: Int) -> String { quotes.string(ofRow: row) }

  /// Drops the rows from index `count` on (a file that failed to load takes
  /// its rows back out). Strings interned for them stay in the dictionaries;
  /// they are never referenced by a series.
  public mutating func removeRows(from count: Int) {
    guard count >= 0, count < value.count else { return }
    let k = value.count - count
    region.removeLast(k)
    indicator.removeLast(k)
    measure.removeLast(k)
    scenario.removeLast(k)
    period.removeLast(k)
    value.removeLast(k)
    var bits = ValidityBitmap()
    for i in 0..<count { bits.append(validity[i]) }
    validity = bits
    unit.removeLast(k)
    bound.removeLast(k)
    source.removeLast(k)
    dataFile.removeLast(k)
    line.removeLast(k)
    quotes.removeRows(from: count)
    reference = reference.filter { $0.key < count }
  }

  public mutating func append(
    region: String, indicator: String, measure: Measure, scenario: Scenario, period: Period,
    value: Double?, unit: String, bound: Bound, source: String, quote: String,
    reference: String?, dataFile: String, line: Int
  ) {
    let codes = TextCodes(
      region: code(of: region, in: .region), indicator: code(of: indicator, in: .indicator),
      unit: code(of: unit, in: .unit), source: code(of: source, in: .source), dataFile: code(of: dataFile, in: .dataFile))
    append(
      codes: codes, measure: measure, scenario: scenario, period: period, value: value, bound: bound,
      quote: Array(quote.utf8)[...], reference: reference, line: line)
  }

  /// The dictionary codes of a row's text columns, from `code(of:in:)`.
  public struct TextCodes: Sendable, Equatable {
    public var region, indicator, unit, source, dataFile: Int32
    public init(region: Int32, indicator: Int32, unit: Int32, source: Int32, dataFile: Int32) {
      (self.region, self.indicator, self.unit, self.source, self.dataFile) = (region, indicator, unit, source, dataFile)
    }
  }

  /// Which dictionary a text column is interned in.
  public enum TextColumn: Sendable { case region, indicator, unit, source, dataFile }

  /// Interns `text` in the dictionary of `column` (a loader that sees the
  /// same text row after row interns it once and reuses the code).
  public mutating func code(of text: String, in column: TextColumn) -> Int32 {
    switch column {
    case .region: regions.intern(text)
    case .indicator: indicators.intern(text)
    case .unit: units.intern(text)
    case .source: sources.intern(text)
    case .dataFile: dataFiles.intern(text)
    }
  }

  /// Appends every row of `other` (built on another thread, with its own
  /// dictionaries), re-coding its text columns into this builder's.
  public mutating func append(contentsOf other: StoreBuilder) {
    func recode(_ from: StringDictionary, _ column: TextColumn) -> [Int32] {
      from.strings.map { code(of: $0, in: column) }
    }
    let regionCode = recode(other.regions, .region), indicatorCode = recode(other.indicators, .indicator)
    let unitCode = recode(other.units, .unit), sourceCode = recode(other.sources, .source)
    let dataFileCode = recode(other.dataFiles, .dataFile)
    let base = value.count
    region.append(contentsOf: other.region.lazy.map { regionCode[Int($0)] })
    indicator.append(contentsOf: other.indicator.lazy.map { indicatorCode[Int($0)] })
    unit.append(contentsOf: other.unit.lazy.map { unitCode[Int($0)] })
    source.append(contentsOf: other.source.lazy.map { sourceCode[Int($0)] })
    dataFile.append(contentsOf: other.dataFile.lazy.map { dataFileCode[Int($0)] })
    measure.append(contentsOf: other.measure)
    scenario.append(contentsOf: other.scenario)
    period.append(contentsOf: other.period)
    value.append(contentsOf: other.value)
    validity.append(contentsOf: other.validity)
    bound.append(contentsOf: other.bound)
    line.append(contentsOf: other.line)
    quotes.append(contentsOf: other.quotes)
    for (row, ref) in other.reference { reference[base + row] = indicatorCode[Int(ref)] }
  }

  /// Appends a row whose text columns are already interned; the quote is
  /// copied as bytes (no String per row).
  public mutating func append(
    codes: TextCodes, measure: Measure, scenario: Scenario, period: Period, value: Double?, bound: Bound,
    quote: ArraySlice<UInt8>, reference: String?, line: Int
  ) {
    appendFacts(
      codes: codes, measure: measure, scenario: scenario, period: period, value: value, bound: bound,
      reference: reference, line: line)
    quotes.append(copying: quote)
  }

  /// Every column of a row but its quote.
  private mutating func appendFacts(
    codes: TextCodes, measure: Measure, scenario: Scenario, period: Period, value: Double?, bound: Bound,
    reference: String?, line: Int
  ) {
    self.region.append(codes.region)
    self.indicator.append(codes.indicator)
    self.measure.append(measure)
    self.scenario.append(scenario)
    self.period.append(period)
    self.value.append(value ?? 0)
    validity.append(value != nil)
    self.unit.append(codes.unit)
    self.bound.append(bound)
    self.source.append(codes.source)
    self.dataFile.append(codes.dataFile)
    self.line.append(Int32(clamping: line))
    if let reference, !reference.isEmpty { self.reference[self.value.count - 1] = indicators.intern(reference) }
  }

  /// The result of a successful build: the store, plus notes (identical
  /// duplicate rows merged, say).
  public struct Built: Sendable {
    public var store: IndicatorStore
    public var notes: [Diagnostic]
  }

  /// Validates and freezes. Throws every problem found (up to a limit),
  /// each located at `file:line:1` of the offending row.
  public func build(maxErrors: Int = 20) throws(DiagnosticList) -> Built {
    var rows = self
    return try rows.buildEmptying(maxErrors: maxErrors)
  }

  /// `order.map { transform(Int($0)) }`, split across `threads` for a long order.
  /// Whether two of `units` convert to each other (万人 and 人): only then can
  /// two scenarios of an indicator differ in unit and need aligning.
  static func someUnitsConvert(_ units: [String]) -> Bool {
    var bases = Set<String>()
    for text in Set(units) where !bases.insert(Unit(text).base).inserted { return true }
    return false
  }

  static func gather<T>(_ order: [Int32], threads: Int, _ transform: @escaping @Sendable (Int) -> T) -> [T] {
    let n = order.count
    guard threads > 1, n >= 1 << 16 else { return order.map { transform(Int($0)) } }
    return [T](unsafeUninitializedCapacity: n) { out, count in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: threads) { k in
        guard let base = out.baseAddress else { return }
        for i in (n * k / threads)..<(n * (k + 1) / threads) { (base + i).initialize(to: transform(Int(order[i]))) }
      }
      count = n
    }
  }

  /// As `build()`, leaving this builder empty: its columns are released as
  /// the store's are made, and its quote text becomes the store's without a
  /// copy, so a large load never holds two copies of everything. (On an
  /// error the builder is left as it was.)
  /// `threads` share the work of gathering the sorted columns.
  public mutating func buildEmptying(maxErrors: Int = 20, threads: Int = 1) throws(DiagnosticList) -> Built {
    let n = value.count
    // 1. Series ids by label key, numbered in order of first appearance:
    // each thread numbers the keys of its range of rows, then the ranges'
    // keys are numbered in row order and each range renumbered.
    var seriesIndex: [SeriesKey: Int32] = [:]
    var seriesKeys: [SeriesKey] = []
    var rowSeries = [Int32](repeating: 0, count: n)
    let ranges = threads > 1 && n >= 1 << 18 ? threads : 1
    nonisolated(unsafe) var localKeys = [[SeriesKey]](repeating: [], count: ranges)
    rowSeries.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      let (region, indicator, measure, scenario) = (region, indicator, measure, scenario)
      localKeys.withUnsafeMutableBufferPointer { keysOut in
        nonisolated(unsafe) let keysOut = keysOut
        DispatchQueue.concurrentPerform(iterations: ranges) { k in
          var index: [SeriesKey: Int32] = [:]
          var keys: [SeriesKey] = []
          var previous: (key: SeriesKey, id: Int32)? = nil
          for i in (n * k / ranges)..<(n * (k + 1) / ranges) {
            let key = SeriesKey(region: region[i], indicator: indicator[i], measure: measure[i], scenario: scenario[i])
            // Files list a series' rows together: most rows repeat the last key.
            if let previous, previous.key == key {
              out[i] = previous.id
              continue
            }
            let id: Int32
            if let known = index[key] {
              id = known
            } else {
              id = Int32(keys.count)
              index[key] = id
              keys.append(key)
            }
            out[i] = id
            previous = (key, id)
          }
          keysOut[k] = keys
        }
      }
    }
    for k in 0..<ranges {
      var renumber: [Int32] = []
      renumber.reserveCapacity(localKeys[k].count)
      for key in localKeys[k] {
        if let id = seriesIndex[key] {
          renumber.append(id)
        } else {
          let id = Int32(seriesKeys.count)
          seriesIndex[key] = id
          seriesKeys.append(key)
          renumber.append(id)
        }
      }
      if renumber.indices.allSatisfy({ renumber[$0] == Int32($0) }) { continue }
      for i in (n * k / ranges)..<(n * (k + 1) / ranges) { rowSeries[i] = renumber[Int(rowSeries[i])] }
    }
    // 2. Order by (series, period, bound, original order): a counting sort
    // by series (stable), then each series' few rows sorted in place.
    var order = [Int32](repeating: 0, count: n)
    var offsets = [Int32](repeating: 0, count: seriesKeys.count + 1)
    do {
      var next = [Int](repeating: 0, count: seriesKeys.count + 1)
      for i in 0..<n { next[Int(rowSeries[i]) + 1] += 1 }
      for s in 0..<seriesKeys.count { next[s + 1] += next[s] }
      for s in 0...seriesKeys.count { offsets[s] = Int32(next[s]) }
      for i in 0..<n {
        let s = Int(rowSeries[i])
        order[next[s]] = Int32(i)
        next[s] += 1
      }
      func before(_ a: Int32, _ b: Int32) -> Bool {
        let (a, b) = (Int(a), Int(b))
        if period[a] != period[b] { return period[a] < period[b] }
        if bound[a] != bound[b] { return bound[a].rawValue < bound[b].rawValue }
        return a < b
      }
      for s in 0..<seriesKeys.count {
        let range = Int(offsets[s])..<Int(offsets[s + 1])
        var sorted = true
        for k in range.dropFirst() where !before(order[k - 1], order[k]) {
          sorted = false
          break
        }
        if !sorted { order[range].sort(by: before) }
      }
    }
    var errors: [Diagnostic] = []
    var notes: [Diagnostic] = []
    func at(_ row: Int) -> FileLocation {
      FileLocation(file: dataFiles[dataFile[row]], line: Int(line[row]), column: 1)
    }
    func describeKey(_ row: Int) -> String {
      "(\(regions[region[row]]), \(indicators[indicator[row]]), \(measure[row].rawValue), \(scenario[row].rawValue), \(period[row]))"
    }
    /// "line 12" in the same file, "b.csv:12" in another: both rows named.
    func place(_ row: Int, from other: Int) -> String {
      dataFile[row] == dataFile[other] ? "line \(line[row])" : "\(dataFiles[dataFile[row]]):\(line[row])"
    }
    func fail(_ row: Int, _ message: String, help: String? = nil) {
      if errors.count < maxErrors {
        errors.append(Diagnostic(message: message, help: help, fileLocation: at(row)))
      }
    }

    // 3. Walk each series: units, duplicates. Merged duplicates leave the order.
    var seriesUnit = [Int32](repeating: 0, count: seriesKeys.count)
    /// Whether some series mixes units (else no value needs converting).
    var mixedUnits = false
    var keptOffsets = [Int32](repeating: 0, count: seriesKeys.count + 1)
    var kept = 0
    for s in 0..<seriesKeys.count {
      let start = Int(offsets[s]), end = Int(offsets[s + 1])
      // One unit throughout (the usual case): nothing to choose or check.
      let firstUnit = unit[Int(order[start])]
      var oneUnit = true
      for k in start..<end where unit[Int(order[k])] != firstUnit {
        oneUnit = false
        break
      }
      if oneUnit {
        seriesUnit[s] = firstUnit
      } else {
        mixedUnits = true
        // Most common unit; ties go to the first seen.
        var unitCounts: [Int32: Int] = [:]
        var firstRowOfUnit: [Int32: Int] = [:]
        for k in start..<end {
          let r = Int(order[k])
          unitCounts[unit[r], default: 0] += 1
          if let first = firstRowOfUnit[unit[r]], first < r {} else { firstRowOfUnit[unit[r]] = r }
        }
        let chosen = unitCounts.max { a, b in
          a.value != b.value ? a.value < b.value : (firstRowOfUnit[a.key] ?? 0) > (firstRowOfUnit[b.key] ?? 0)
        }?.key ?? firstUnit
        seriesUnit[s] = chosen
        let chosenUnit = Unit(units[chosen])
        if let clash = unitCounts.keys.first(where: { Unit(units[$0]).powerOfTen(to: chosenUnit) == nil }),
          let a = firstRowOfUnit[chosen], let b = firstRowOfUnit[clash]
        {
          let (first, second) = a < b ? (a, b) : (b, a)
          fail(
            second,
            "unit '\(units[unit[second]])' does not convert to '\(units[unit[first]])' (\(place(first, from: second))) in series \(regions[region[second]])/\(indicators[indicator[second]])/\(measure[second].rawValue)/\(scenario[second].rawValue)",
            help: "one series has one unit; units convert only across magnitude prefixes (万人 and 人, 亿元 and 万元)")
        }
      }
      // Duplicates within equal periods.
      var k = start
      while k < end {
        var j = k + 1
        while j < end && period[Int(order[j])] == period[Int(order[k])] { j += 1 }
        if j - k == 1 {
          order[kept] = order[k]
          kept += 1
          k = j
          continue
        }
        let rows = order[k..<j].map(Int.init)
        let bounds = rows.map { bound[$0] }
        var distinct: [Int] = []
        if rows.count == 2 && Set(bounds) == [.atLeast, .atMost] {
          distinct = rows
        } else {
          // Identical duplicates merge; anything else is a conflict.
          for r in rows {
            if let same = distinct.first(where: { isSameFigure($0, r) }) {
              notes.append(
                Diagnostic(
                  severity: .note,
                  message: "identical duplicate of \(place(same, from: r)) merged: \(describeKey(r))",
                  fileLocation: at(r)))
            } else {
              distinct.append(r)
            }
          }
          let distinctBounds = distinct.map { bound[$0] }
          let stillRangePair = distinct.count == 2 && Set(distinctBounds) == [.atLeast, .atMost]
          if distinct.count > 1 && !stillRangePair {
            let first = distinct[0], second = distinct[1]
            fail(
              second,
              "conflicting figures for \(describeKey(second)): \(describeValue(second)) here and \(describeValue(first)) at \(place(first, from: second))",
              help: "a key appears once, except a range target: one '>=' row and one '<=' row")
          }
        }
        // Kept rows stay in their sorted order.
        for r in rows where distinct.contains(r) {
          order[kept] = Int32(r)
          kept += 1
        }
        k = j
      }
      keptOffsets[s + 1] = Int32(kept)
    }
    if !errors.isEmpty { throw DiagnosticList(errors) }
    order.removeLast(n - kept)
    // 3b. A target or estimate takes its outcome's unit when the two convert
    // (a target of 4000人 beside outcomes in 万人 is 0.4万人): gap and attain
    // compare values across scenarios, so one indicator's scenarios share a unit.
    if Self.someUnitsConvert(units.strings) {
      for s in 0..<seriesKeys.count where seriesKeys[s].scenario != .actual {
        var outcome = seriesKeys[s]
        outcome.scenario = .actual
        if seriesIndex[outcome] == nil && seriesKeys[s].scenario == .target { outcome.scenario = .estimate }
        guard let o = seriesIndex[outcome].map(Int.init), seriesUnit[o] != seriesUnit[s],
          Unit(units[seriesUnit[s]]).powerOfTen(to: Unit(units[seriesUnit[o]])) != nil
        else { continue }
        seriesUnit[s] = seriesUnit[o]
        mixedUnits = true
      }
    }

    // 4. Sorted columns, one gather each, converting units exactly.
    var store = IndicatorStore()
    store.regions = regions
    store.indicators = indicators
    store.units = units
    store.sources = sources
    store.dataFiles = dataFiles
    store.seriesKeys = seriesKeys
    store.seriesUnit = seriesUnit
    store.seriesIndex = SeriesIndex(index: seriesIndex)
    store.offsets = keptOffsets
    store.values = StoreColumn(Self.gather(order, threads: threads) { [value] in value[$0] })
    for k in 0..<(mixedUnits ? kept : 0) {
      let r = Int(order[k])
      let target = seriesUnit[Int(rowSeries[r])]
      guard unit[r] != target, self.validity[r] else { continue }
      if let power = Unit(units[unit[r]]).powerOfTen(to: Unit(units[target])),
        let converted = DecimalText.scaled(DecimalText.shortest(value[r]), byPowerOfTen: power)
      {
        if !converted.isFinite {
          fail(r, "value \(describeValue(r)) is out of range once converted to \(units[target])")
        }
        store.values[k] = converted
      }
    }
    if !errors.isEmpty { throw DiagnosticList(errors) }
    // From here on nothing fails: each column is released once gathered.
    (value, unit, region, indicator, measure, scenario, rowSeries) = ([], [], [], [], [], [], [])
    var validity = ValidityBitmap(count: kept, allValid: true)
    if self.validity.nullCount > 0 {
      for k in 0..<kept where !self.validity[Int(order[k])] { validity[k] = false }
    }
    store.validity = validity
    self.validity = ValidityBitmap()
    store.periods = StoreColumn(Self.gather(order, threads: threads) { [period] in period[$0] })
    period = []
    // Lines beyond 2²⁹ − 1 clamp (a file that long is 500M rows).
    store.lineAndBound = StoreColumn(
      Self.gather(order, threads: threads) { [line, bound] r in
        UInt32(clamping: min(Int(max(line[r], 0)), (1 << 29) - 1)) << 3 | UInt32(bound[r].rawValue)
      })
    (line, bound) = ([], [])
    // Origins: the distinct (source, data file) pairs, looked up in a table
    // when the pairs are few enough to index directly.
    var originSource: [Int32] = [], originDataFile: [Int32] = []
    if sources.count * dataFiles.count <= 1 << 20 {
      var originTable = [Int32](repeating: -1, count: sources.count * dataFiles.count)
      // Every pair numbered in one sequential pass, then looked up per sorted row on all threads.
      let fileCount = dataFiles.count
      for (s, f) in zip(source, dataFile) where originTable[Int(s) * fileCount + Int(f)] < 0 {
        originTable[Int(s) * fileCount + Int(f)] = Int32(originSource.count)
        originSource.append(s)
        originDataFile.append(f)
      }
      let table = originTable
      store.originOf = StoreColumn(
        Self.gather(order, threads: threads) { [source, dataFile] r in
          table[Int(source[r]) * fileCount + Int(dataFile[r])]
        })
      (store.originSource, store.originDataFile) = (originSource, originDataFile)
    } else {
      var originIndex: [Int64: Int32] = [:]
      let originOf = order.map { r in
        let (s, f) = (Int(source[Int(r)]), Int(dataFile[Int(r)]))
        let key = Int64(s) << 32 | Int64(f)
        if let origin = originIndex[key] { return origin }
        let origin = Int32(originSource.count)
        originIndex[key] = origin
        originSource.append(Int32(s))
        originDataFile.append(Int32(f))
        return origin
      }
      (store.originOf, store.originSource, store.originDataFile) = (StoreColumn(originOf), originSource, originDataFile)
    }
    (source, dataFile) = ([], [])
    if !reference.isEmpty {
      for k in 0..<kept {
        if let ref = reference[Int(order[k])] { store.references[k] = ref }
      }
    }
    // Quotes stay where they are (copies in the order rows were added, the
    // rest in their mapped data files); each row keeps its locator.
    store.quotes = quotes.gathering(order, threads: threads)
    return Built(store: store, notes: notes)
  }

  /// The same figure, possibly written in another magnitude of the same
  /// unit (0.765万人 and 7650人 are one figure).
  private func isSameFigure(_ a: Int, _ b: Int) -> Bool {
    guard validity[a] == validity[b], bound[a] == bound[b], reference[a] == reference[b] else { return false }
    if unit[a] == unit[b] { return !validity[a] || value[a] == value[b] }
    guard let power = Unit(units[unit[a]]).powerOfTen(to: Unit(units[unit[b]])) else { return false }
    guard validity[a] else { return true }
    return DecimalText.scaled(DecimalText.shortest(value[a]), byPowerOfTen: power) == value[b]
  }

  private func describeValue(_ r: Int) -> String {
    let v = validity[r] ? DecimalText.shortest(value[r]) : "(empty)"
    let b = bound[r] == .none ? "" : " \(bound[r].text)"
    return "\(v)\(units[unit[r]])\(b)"
  }
}
