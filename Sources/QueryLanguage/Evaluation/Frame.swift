import Diagnostics
import IndicatorStore

/// What an expression evaluates to inside the interpreter.
enum Value {
  /// A scalar (`1 + 2`); nil is a missing result (division by zero).
  case number(Double?)
  /// A string literal (function arguments, `where` operands).
  case text(String)
  /// A truth value (`1 < 2`, `true`).
  case flag(Bool?)
  /// A set of series.
  case frame(Frame)
}

/// Which label columns a frame shows.
struct LabelSet: OptionSet, Hashable {
  let rawValue: UInt8
  static let region = LabelSet(rawValue: 1)
  static let indicator = LabelSet(rawValue: 2)
  static let measure = LabelSet(rawValue: 4)
  static let scenario = LabelSet(rawValue: 8)
  static let period = LabelSet(rawValue: 16)
  static let unit = LabelSet(rawValue: 32)
  static let all: LabelSet = [.region, .indicator, .measure, .scenario, .period, .unit]

  /// Query-language names, in column order.
  static let ordered: [(String, LabelSet)] = [
    ("region", .region), ("indicator", .indicator), ("measure", .measure), ("scenario", .scenario),
    ("period", .period), ("unit", .unit),
  ]

  static func named(_ name: String) -> LabelSet? { ordered.first { $0.0 == name }?.1 }
}

/// The labels of one series of a frame; nil when reduced away (`by`).
struct SeriesHeader: Hashable {
  var region: String?
  var indicator: String?
  var measure: Measure?
  var scenario: Scenario?
  var unit: String?
  /// The series of the frame's `origin` store whose region, indicator,
  /// measure and scenario these are, so kernels can group and look up by
  /// dictionary codes instead of hashing strings; nil for labels made any
  /// other way. Only `unit` may change while it is set. Not part of
  /// equality or hashing: two headers with the same labels are equal.
  var storeSeries: Int32? = nil

  init(region: String?, indicator: String?, measure: Measure?, scenario: Scenario?, unit: String?) {
    self.region = region
    self.indicator = indicator
    self.measure = measure
    self.scenario = scenario
    self.unit = unit
  }

  init(_ labels: SeriesLabels) {
    self.init(
      region: labels.region, indicator: labels.indicator, measure: labels.measure,
      scenario: labels.scenario, unit: labels.unit)
  }

  /// The labels of series `s` of `store`, remembering where they came from.
  init(store: IndicatorStore, series s: Int) {
    self.init(store.labels(ofSeries: s))
    storeSeries = Int32(s)
  }

  /// A store's label strings, read once for building many headers.
  struct Names {
    let regions: [String], indicators: [String], units: [String]
    let keys: [SeriesKey], seriesUnit: [Int32]

    init(_ store: IndicatorStore) {
      regions = store.regions.strings
      indicators = store.indicators.strings
      units = store.units.strings
      keys = store.seriesKeys
      seriesUnit = store.seriesUnit
    }

    /// `SeriesHeader(store:series:)` without a call into the store per label.
    func header(ofSeries s: Int) -> SeriesHeader {
      let key = keys[s]
      var h = SeriesHeader(
        region: regions[Int(key.region)], indicator: indicators[Int(key.indicator)], measure: key.measure,
        scenario: key.scenario, unit: units[Int(seriesUnit[s])])
      h.storeSeries = Int32(s)
      return h
    }
  }

  static func == (a: SeriesHeader, b: SeriesHeader) -> Bool {
    a.region == b.region && a.indicator == b.indicator && a.measure == b.measure && a.scenario == b.scenario
      && a.unit == b.unit
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(region)
    hasher.combine(indicator)
    hasher.combine(measure)
    hasher.combine(scenario)
    hasher.combine(unit)
  }

  /// A label by its query-language name (not `period`).
  func text(_ label: LabelSet) -> String? {
    switch label {
    case .region: return region
    case .indicator: return indicator
    case .measure: return measure?.rawValue
    case .scenario: return scenario?.rawValue
    case .unit: return unit
    default: return nil
    }
  }

  /// `湘潭市/地区生产总值/level/actual` for messages.
  var description: String {
    [region, indicator, measure?.rawValue, scenario?.rawValue].compactMap { $0 }.joined(separator: "/")
  }
}

/// Cells of an extra (function-specific) column, one per row.
enum ExtraCells {
  case numbers([Double], ValidityBitmap)
  case texts([Int32], [String])
  case flags([Bool?])

  func gathered(_ rows: [Int]) -> ExtraCells {
    switch self {
    case .numbers(let v, let valid):
      var out = ValidityBitmap(count: rows.count, allValid: true)
      var values = [Double](repeating: 0, count: rows.count)
      for (k, r) in rows.enumerated() {
        values[k] = v[r]
        if !valid[r] { out[k] = false }
      }
      return .numbers(values, out)
    case .texts(let codes, let dict): return .texts(rows.map { codes[$0] }, dict)
    case .flags(let f): return .flags(rows.map { f[$0] })
    }
  }
}

/// A function-specific column of a frame (`target`, `bound`, `met`, `base` …).
struct Extra {
  enum Placement { case beforeValue, afterValue, afterUnit }
  var name: String
  var placement: Placement
  var role: ResultTable.Role
  var cells: ExtraCells
  var unit: String? = nil
}

/// Builds a dictionary-encoded text column row by row.
struct TextColumnBuilder {
  var codes: [Int32] = []
  var dictionary: [String] = []
  private var index: [String: Int32] = [:]

  private var last: (String, Int32)? = nil

  mutating func append(_ s: String?) {
    guard let s, !s.isEmpty else { codes.append(-1); return }
    let code: Int32
    if let last, last.0 == s {
      // Runs of the same text (bound, outcome) skip any lookup.
      code = last.1
    } else if let known = dictionary.count <= 8 ? dictionary.firstIndex(of: s).map(Int32.init) : index[s] {
      // A handful of distinct texts (bounds, scenarios, units): a scan beats hashing.
      code = known
    } else {
      code = Int32(dictionary.count)
      dictionary.append(s)
      index[s] = code
    }
    codes.append(code)
    last = (s, code)
  }
  /// The code of a non-empty text, added to the dictionary when new (no row appended).
  mutating func intern(_ s: String) -> Int32 {
    if let known = index[s] { return known }
    let code = Int32(dictionary.count)
    dictionary.append(s)
    index[s] = code
    return code
  }

  /// Appends a row by code (from `intern`, or −1 for empty).
  mutating func append(code: Int32) { codes.append(code) }

  var cells: ExtraCells { .texts(codes, dictionary) }
}

/// A set of series: the interpreter's working representation of a table.
///
/// Rows are grouped by series (`offsets[s]..<offsets[s + 1]`) and sorted by
/// period within a series, exactly like the store, so series functions are
/// one linear pass over contiguous slices. Labels are kept once per series,
/// not per row.
struct Frame {
  var series: [SeriesHeader] = []
  var offsets: [Int] = [0]
  var periods: StoreColumn<Period> = []
  var values: StoreColumn<Double> = []
  var valid = ValidityBitmap()
  /// Store rows the frame's rows came from (bound, provenance), when they did.
  var storeRows: StoreRows? = nil
  /// The store `storeRows` index into: a frame keeps its own copy (cheap,
  /// copy-on-write) so a `let` binding survives `.load` replacing the store.
  var origin: IndicatorStore? = nil
  var valueName = "value"
  var valueRole: ResultTable.Role = .value
  /// A unit every row of the value column shares (attain is always %).
  var valueUnit: String? = nil
  /// The value column is a truth value (1/0) shown as true/false (`met`).
  var valueIsFlag = false
  var labels: LabelSet = .all
  var extras: [Extra] = []
  var notes: [String] = []
  /// Rows straight from a selector (maybe sliced or filtered): shown with the
  /// store's CSV columns so `.export` round-trips.
  var isPlain = false
  var showProvenance = false
  /// Values are rates derived by a function (yoy, pct, cagr, attain), so a
  /// level-only function must refuse them even though `measure` says level.
  var isDerivedRate = false

  var rowCount: Int { values.count }
  var seriesCount: Int { series.count }

  func rows(ofSeries s: Int) -> Range<Int> { offsets[s]..<offsets[s + 1] }

  func value(at row: Int) -> Double? { valid[row] ? values[row] : nil }

  /// An empty frame with the same shape (labels, names, flags; no rows).
  func emptyCopy() -> Frame {
    var f = Frame()
    f.origin = origin
    f.storeRows = storeRows == nil ? nil : []
    f.valueName = valueName
    f.valueRole = valueRole
    f.valueUnit = valueUnit
    f.valueIsFlag = valueIsFlag
    f.labels = labels
    f.notes = notes
    f.isPlain = isPlain
    f.showProvenance = showProvenance
    f.isDerivedRate = isDerivedRate
    return f
  }

  /// The frame restricted to rows where `keep` is true; series left empty
  /// disappear. Extras are gathered alongside.
  func filtered(_ keep: (Int) -> Bool) -> Frame {
    var out = emptyCopy()
    var kept: [Int] = []
    kept.reserveCapacity(rowCount)
    for s in 0..<seriesCount {
      let before = kept.count
      for r in rows(ofSeries: s) where keep(r) { kept.append(r) }
      if kept.count > before {
        out.series.append(series[s])
        out.offsets.append(kept.count)
      }
    }
    out.periods = StoreColumn(kept.map { periods[$0] })
    out.values = StoreColumn(kept.map { values[$0] })
    var v = ValidityBitmap(count: kept.count, allValid: true)
    for (k, r) in kept.enumerated() where !valid[r] { v[k] = false }
    out.valid = v
    if let storeRows { out.storeRows = storeRows.gathered(kept) }
    out.extras = extras.map { e in
      var e = e
      e.cells = e.cells.gathered(kept)
      return e
    }
    return out
  }

  /// Whether any series of the frame is a rate in % (differences are pp).
  func isRate(series s: Int) -> Bool {
    let h = series[s]
    if let unit = h.unit, unit == "%" || unit == "％" { return true }
    return h.measure?.isRate ?? false
  }
}

/// The store row behind each row of a frame: every row of the store in
/// order (a frame that shares the store's columns, with no list to build),
/// or an explicit list (−1: a row made by the interpreter).
///
/// ```swift
/// var rows = StoreRows.identity(count: 3)   // 0, 1, 2
/// rows.append(7)                           // 0, 1, 2, 7 (now a list)
/// ```
struct StoreRows: RandomAccessCollection, ExpressibleByArrayLiteral {
  /// Store rows fit 32 bits (the store's offsets are 32-bit): half the
  /// memory of `Int` for every row of every plain frame.
  private var list: [Int32]?
  private var identityCount = 0

  init(_ rows: [Int]) { list = rows.map { Int32(clamping: $0) } }
  init(rows32 rows: [Int32]) { list = rows }
  init(arrayLiteral rows: Int...) { self.init(rows) }
  /// Rows 0..<count of the store.
  static func identity(count: Int) -> StoreRows {
    var rows = StoreRows(rows32: [])
    rows.list = nil
    rows.identityCount = count
    return rows
  }

  var startIndex: Int { 0 }
  var endIndex: Int { list?.count ?? identityCount }
  /// The store row of frame row `i` (for identity rows, `i` itself; the
  /// store's columns check the bounds where it is used).
  subscript(i: Int) -> Int {
    if let list { return Int(list[i]) }
    return i
  }

  /// `body` with the rows as a buffer, or nil for identity rows (row `i` is store row `i`).
  func withUnsafeRows<R>(_ body: (UnsafeBufferPointer<Int32>?) -> R) -> R {
    guard let list else { return body(nil) }
    return list.withUnsafeBufferPointer { body($0) }
  }

  /// The rows at `positions`, in that order.
  func gathered(_ positions: [Int]) -> StoreRows {
    if let list { return StoreRows(rows32: positions.map { list[$0] }) }
    return StoreRows(positions.map { self[$0] })
  }

  mutating func append(_ row: Int) {
    if list == nil { list = (0..<identityCount).map { Int32(clamping: $0) } }
    list?.append(Int32(clamping: row))
  }

  mutating func reserveCapacity(_ n: Int) {
    if list == nil { list = (0..<identityCount).map { Int32(clamping: $0) } }
    list?.reserveCapacity(n)
  }
}

/// Appends rows series by series, dropping series that end up empty.
struct FrameBuilder {
  var frame: Frame
  private var header: SeriesHeader? = nil
  private var start = 0

  init(_ frame: Frame) { self.frame = frame }

  /// Starts a new series; rows appended next belong to it.
  mutating func startSeries(_ h: SeriesHeader) {
    closeSeries()
    header = h
    start = frame.values.count
  }

  /// Changes the current series' labels (a unit decided after the first row).
  mutating func setHeader(_ h: SeriesHeader) { header = h }

  mutating func append(period: Period, value: Double?, storeRow: Int? = nil) {
    frame.periods.append(period)
    frame.values.append(value ?? 0)
    frame.valid.append(value != nil)
    if frame.storeRows != nil { frame.storeRows?.append(storeRow ?? -1) }
  }

  private mutating func closeSeries() {
    if let header, frame.values.count > start {
      frame.series.append(header)
      frame.offsets.append(frame.values.count)
    }
    header = nil
  }

  mutating func finish() -> Frame {
    closeSeries()
    return frame
  }
}

/// Read-only view of a validity bitmap's words for per-row loops: a bit
/// test inlined in the loop instead of a call into the store module.
struct ValidBits {
  let words: StoreColumn<UInt64>
  init(_ bitmap: ValidityBitmap) { words = bitmap.words }
  @inline(__always) subscript(i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
}

extension ValidityBitmap {
  /// A bitmap from optional flags.
  init(_ flags: [Bool]) {
    self.init(count: flags.count, allValid: true)
    for (i, f) in flags.enumerated() where !f { self[i] = false }
  }
}

extension ExtraCells {
  static func numbers(_ numbers: [Double?]) -> ExtraCells {
    var valid = ValidityBitmap(count: numbers.count, allValid: true)
    var values = [Double](repeating: 0, count: numbers.count)
    for (i, n) in numbers.enumerated() {
      if let n { values[i] = n } else { valid[i] = false }
    }
    return .numbers(values, valid)
  }
  static func texts(_ strings: [String?]) -> ExtraCells {
    var b = TextColumnBuilder()
    for s in strings { b.append(s) }
    return b.cells
  }
}
