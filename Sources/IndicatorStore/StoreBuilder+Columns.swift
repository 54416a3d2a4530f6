extension StoreBuilder {
  /// Rows parsed outside the builder, column by column, with their text
  /// columns coded against their own lists of strings (a parser that writes
  /// plain arrays on its own thread, then hands them over in one piece).
  ///
  /// ```swift
  /// var columns = StoreBuilder.Columns(dataFile: "a.csv")
  /// columns.regions = ["湘潭市"]; columns.indicators = ["地区生产总值"]
  /// columns.units = ["%"]; columns.sources = ["001.txt"]
  /// columns.appendRow(region: 0, indicator: 0, measure: .growth, scenario: .target,
  ///                   period: .year(2020), value: 7.8, unit: 0, bound: .about,
  ///                   source: 0, line: 2, quote: buffer)   // the quote's bytes, copied
  /// let builder = StoreBuilder(columns: columns)
  /// ```
  public struct Columns: Sendable {
    /// Code → text of each text column.
    public var regions: [String] = []
    public var indicators: [String] = []
    public var units: [String] = []
    public var sources: [String] = []
    /// The data file every row comes from.
    public var dataFile: String

    public var region: [Int32] = []
    public var indicator: [Int32] = []
    public var measure: [Measure] = []
    public var scenario: [Scenario] = []
    public var period: [Period] = []
    public var value: [Double] = []
    public var validity = ValidityBitmap()
    public var unit: [Int32] = []
    public var bound: [Bound] = []
    public var source: [Int32] = []
    public var line: [Int32] = []
    /// Quotes: copies, or read in place from the mapped data file.
    public var quotes = QuoteColumn.Builder()
    /// Sparse: row → reference indicator, for relative targets.
    public var reference: [Int: String] = [:]

    public init(dataFile: String) { self.dataFile = dataFile }

    public var rowCount: Int { value.count }

    /// Empties the columns for the next piece of the same file, keeping
    /// their memory (fresh memory costs a page fault per page).
    public mutating func removeAllRows() {
      regions = []
      indicators = []
      units = []
      sources = []
      region.removeAll(keepingCapacity: true)
      indicator.removeAll(keepingCapacity: true)
      measure.removeAll(keepingCapacity: true)
      scenario.removeAll(keepingCapacity: true)
      period.removeAll(keepingCapacity: true)
      value.removeAll(keepingCapacity: true)
      validity = ValidityBitmap()
      unit.removeAll(keepingCapacity: true)
      bound.removeAll(keepingCapacity: true)
      source.removeAll(keepingCapacity: true)
      line.removeAll(keepingCapacity: true)
      quotes.removeAllRows()
      reference = [:]
    }

    /// Makes room for `rows` rows in all (copied quotes of about `quoteBytes` bytes).
    public mutating func reserveCapacity(rows: Int, quoteBytes bytes: Int) {
      region.reserveCapacity(rows)
      indicator.reserveCapacity(rows)
      measure.reserveCapacity(rows)
      scenario.reserveCapacity(rows)
      period.reserveCapacity(rows)
      value.reserveCapacity(rows)
      unit.reserveCapacity(rows)
      bound.reserveCapacity(rows)
      source.reserveCapacity(rows)
      line.reserveCapacity(rows)
      quotes.reserveCapacity(rows: rows, ownedBytes: bytes)
    }

    /// Appends one row; the quote's bytes are copied.
    @inline(__always)
    public mutating func appendRow(
      region: Int32, indicator: Int32, measure: Measure, scenario: Scenario, period: Period, value: Double?,
      unit: Int32, bound: Bound, source: Int32, line: Int32, quote: UnsafeBufferPointer<UInt8>
    ) {
      appendRow(
        region: region, indicator: indicator, measure: measure, scenario: scenario, period: period, value: value,
        unit: unit, bound: bound, source: source, line: line)
      quotes.append(copying: quote)
    }

    /// Appends one row whose quote is read in place: `quote` is the bytes
    /// of `quotes`' segment `segment` from `offset` (see
    /// `QuoteColumn.Builder.append(inPlace:offset:segment:)`).
    @inline(__always)
    public mutating func appendRow(
      region: Int32, indicator: Int32, measure: Measure, scenario: Scenario, period: Period, value: Double?,
      unit: Int32, bound: Bound, source: Int32, line: Int32, quoteInPlace quote: UnsafeBufferPointer<UInt8>,
      offset: Int, segment: Int
    ) {
      appendRow(
        region: region, indicator: indicator, measure: measure, scenario: scenario, period: period, value: value,
        unit: unit, bound: bound, source: source, line: line)
      quotes.append(inPlace: quote, offset: offset, segment: segment)
    }

    /// Every column of a row but its quote.
    @inline(__always)
    mutating func appendRow(
      region: Int32, indicator: Int32, measure: Measure, scenario: Scenario, period: Period, value: Double?,
      unit: Int32, bound: Bound, source: Int32, line: Int32
    ) {
      self.region.append(region)
      self.indicator.append(indicator)
      self.measure.append(measure)
      self.scenario.append(scenario)
      self.period.append(period)
      self.value.append(value ?? 0)
      validity.append(value != nil)
      self.unit.append(unit)
      self.bound.append(bound)
      self.source.append(source)
      self.line.append(line)
    }

    /// Adds `offset` to every row's line (a part of a file parsed before
    /// the lines of the parts before it were known).
    public mutating func shiftLines(by offset: Int32) {
      guard offset != 0 else { return }
      line.withUnsafeMutableBufferPointer { lines in
        for i in lines.indices { lines[i] &+= offset }
      }
    }
  }

  /// Appends the rows of `columns`, re-coding their text columns into this
  /// builder's dictionaries.
  public mutating func append(columns: Columns) {
    // Their arrays are taken over by the temporary builder, not copied.
    append(contentsOf: StoreBuilder(columns: columns))
  }

  /// A builder holding exactly the rows of `columns` (their arrays are
  /// taken over, not copied, unless two of their strings are the same text
  /// in different normal forms and their codes must be merged).
  public init(columns: consuming Columns) {
    func adopt(_ strings: [String], into dictionary: inout StringDictionary, _ codes: inout [Int32]) {
      var remap: [Int32] = []
      remap.reserveCapacity(strings.count)
      var identity = true
      for (i, s) in strings.enumerated() {
        let code = dictionary.intern(s)
        remap.append(code)
        if code != Int32(i) { identity = false }
      }
      if !identity { codes = codes.map { remap[Int($0)] } }
    }
    adopt(columns.regions, into: &regions, &columns.region)
    adopt(columns.indicators, into: &indicators, &columns.indicator)
    adopt(columns.units, into: &units, &columns.unit)
    adopt(columns.sources, into: &sources, &columns.source)
    let fileCode = dataFiles.intern(columns.dataFile)
    let n = columns.value.count
    region = columns.region
    indicator = columns.indicator
    measure = columns.measure
    scenario = columns.scenario
    period = columns.period
    value = columns.value
    validity = columns.validity
    unit = columns.unit
    bound = columns.bound
    source = columns.source
    dataFile = [Int32](repeating: fileCode, count: n)
    line = columns.line
    quotes = columns.quotes
    for (row, name) in columns.reference { reference[row] = indicators.intern(name) }
  }
}
