/// The in-memory columnar store of observations.
///
/// One dimension table of series (dictionary-encoded region, indicator,
/// measure, scenario and unit) and fact columns sorted by (series, period):
/// a series is the contiguous slice `rows(ofSeries:)`, so per-series work is
/// one linear pass. Missing values are a validity bit. Stores are immutable;
/// `StoreBuilder` makes them.
///
/// ```swift
/// for s in store.series(matching: { $0.indicator == "地区生产总值" }) {
///   for row in store.rows(ofSeries: s) where store.isValid(row: row) {
///     print(store.period(ofRow: row), store.values[row])
///   }
/// }
/// ```
public struct IndicatorStore: Sendable {
  // Dictionaries.
  public internal(set) var regions = StringDictionary()
  public internal(set) var indicators = StringDictionary()
  public internal(set) var units = StringDictionary()
  public internal(set) var sources = StringDictionary()
  public internal(set) var dataFiles = StringDictionary()

  // Series dimension table.
  public internal(set) var seriesKeys: [SeriesKey] = []
  public internal(set) var seriesUnit: [Int32] = []
  var seriesIndex = SeriesIndex(index: [:])
  /// `offsets[s]..<offsets[s + 1]` are the rows of series `s`.
  public internal(set) var offsets: [Int32] = [0]

  // Fact columns, sorted by (series, period).
  public internal(set) var periods: StoreColumn<Period> = []
  public internal(set) var values: StoreColumn<Double> = []
  public internal(set) var validity = ValidityBitmap()
  /// Per row: `line << 3 | bound.rawValue` (line of the row in its data
  /// file, clamped to 2²⁹ − 1; bound in 3 bits). One word instead of two
  /// keeps the fact columns within 24 bytes per observation.
  var lineAndBound: StoreColumn<UInt32> = []
  /// Per row: index into `originSource`/`originDataFile` (the distinct
  /// (report file, data file) pairs, a handful per store).
  var originOf: StoreColumn<Int32> = []
  var originSource: [Int32] = []
  var originDataFile: [Int32] = []
  /// Quote text per row: read in place from a snapshot or a mapped data
  /// file where it can be, else copies (`QuoteColumn`).
  public internal(set) var quotes = QuoteColumn()
  /// Sparse: row → reference indicator code, for relative targets.
  var references: [Int: Int32] = [:]

  /// An empty store.
  public init() {}

  public var seriesCount: Int { seriesKeys.count }
  public var rowCount: Int { values.count }

  public func rows(ofSeries s: Int) -> Range<Int> { Int(offsets[s])..<Int(offsets[s + 1]) }

  public func labels(ofSeries s: Int) -> SeriesLabels {
    let key = seriesKeys[s]
    return SeriesLabels(
      region: regions[key.region], indicator: indicators[key.indicator], measure: key.measure,
      scenario: key.scenario, unit: units[seriesUnit[s]])
  }

  public func unit(ofSeries s: Int) -> String { units[seriesUnit[s]] }

  /// The series with these labels: a hash lookup, not a scan.
  public func series(region: String, indicator: String, measure: Measure, scenario: Scenario) -> Int? {
    guard let r = regions.code(of: region), let i = indicators.code(of: indicator) else { return nil }
    return seriesIndex.series(SeriesKey(region: r, indicator: i, measure: measure, scenario: scenario)).map(Int.init)
  }

  /// The series with this key (codes of this store's dictionaries): a hash
  /// lookup on integers, no string hashing.
  public func series(key: SeriesKey) -> Int? { seriesIndex.series(key).map(Int.init) }

  /// Indices of the series whose labels satisfy `predicate`.
  public func series(matching predicate: (SeriesLabels) -> Bool) -> [Int] {
    (0..<seriesCount).filter { predicate(labels(ofSeries: $0)) }
  }

  public func period(ofRow row: Int) -> Period { periods[row] }
  public func isValid(row: Int) -> Bool { validity[row] }
  /// The value of a row, nil when missing.
  public func value(ofRow row: Int) -> Double? { validity[row] ? values[row] : nil }
  public func bound(ofRow row: Int) -> Bound { Bound(rawValue: UInt8(lineAndBound[row] & 7)) ?? .none }

  /// The bound of every row, a view over the packed line/bound column.
  public var bounds: BoundColumn { BoundColumn(packed: lineAndBound) }

  /// 1-based line of a row in the data file it was loaded from.
  public func line(ofRow row: Int) -> Int { Int(lineAndBound[row] >> 3) }

  /// The reference indicator of a relative target row.
  public func reference(ofRow row: Int) -> String? { references[row].map { indicators[$0] } }

  public func quote(ofRow row: Int) -> String { quotes.string(ofRow: row) }

  /// The quotes of `rows` (a row below 0 or past the end has none) as one
  /// raw text column: bytes copied, no String per row.
  public func quoteCells(rows: some Sequence<Int>) -> ResultTable.Cells {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    ends.reserveCapacity(rows.underestimatedCount)
    quotes.append(rows: rows, to: &bytes, ends: &ends)
    return .rawText(bytes: bytes, ends: ends)
  }

  /// The `sources` code of a row's report file: `source(ofRow:)` without a String.
  public func sourceCode(ofRow row: Int) -> Int32 { originSource[Int(originOf[row])] }

  /// The `indicators` code of a relative target's reference, nil for other rows.
  public func referenceCode(ofRow row: Int) -> Int32? { references.isEmpty ? nil : references[row] }

  /// Whether any row has a reference indicator (relative targets).
  public var hasReferences: Bool { !references.isEmpty }

  /// The report file a row's figure comes from (without building its whole provenance).
  public func source(ofRow row: Int) -> String { sources[originSource[Int(originOf[row])]] }

  public func provenance(ofRow row: Int) -> Provenance {
    Provenance(
      source: sources[originSource[Int(originOf[row])]], quote: quote(ofRow: row),
      reference: reference(ofRow: row), dataFile: dataFiles[originDataFile[Int(originOf[row])]],
      line: line(ofRow: row))
  }

  /// The row of `period` in series `s` (binary search), nil when absent.
  /// With a range target, the first (`>=`) row.
  public func row(ofSeries s: Int, period: Period) -> Int? {
    let range = rows(ofSeries: s)
    var lo = range.lowerBound, hi = range.upperBound
    while lo < hi {
      let mid = (lo + hi) / 2
      if periods[mid] < period { lo = mid + 1 } else { hi = mid }
    }
    return lo < range.upperBound && periods[lo] == period ? lo : nil
  }

  /// Names of every indicator that has at least one series.
  public var indicatorNames: [String] {
    var seen = Set<Int32>()
    for key in seriesKeys { seen.insert(key.indicator) }
    return seen.map { indicators[$0] }.sorted()
  }

  /// Names of every region that has at least one series.
  public var regionNames: [String] {
    var seen = Set<Int32>()
    for key in seriesKeys { seen.insert(key.region) }
    return seen.map { regions[$0] }.sorted()
  }

  /// Data files that contributed rows.
  public var dataFileNames: [String] {
    Set(originDataFile).map { dataFiles[$0] }.sorted()
  }
}

/// The bounds of a store's rows, read from the packed line/bound column
/// without copying it.
///
/// ```swift
/// store.bounds[row]                       // .atLeast
/// store.bounds.filter { $0.isRelative }.count
/// ```
public struct BoundColumn: RandomAccessCollection, Sendable {
  @usableFromInline let packed: StoreColumn<UInt32>
  public var startIndex: Int { 0 }
  public var endIndex: Int { packed.count }
  // Inlinable: the target kernels read a bound per row.
  @inlinable public subscript(row: Int) -> Bound { Bound(rawValue: UInt8(packed[row] & 7)) ?? .none }
  /// The packed column, for kernels that take it as a buffer once: the
  /// low 3 bits of a row are its `Bound.rawValue`.
  public var packedCodes: StoreColumn<UInt32> { packed }
}
