import Diagnostics
import IndicatorStore
import Testing

@testable import QueryLanguage

/// The kernels that work on dictionary codes (selector matching, a frame
/// sharing the store's columns, gap/met/attain grouped by integer keys)
/// must give exactly the tables of the string path they replace.
@Suite struct CodeKernelTests {
  static let statements = [
    "*",
    "gdp",
    "*{measure=\"growth\"}",
    "*{region=~\"甲.*\", measure!=\"level\"}",
    "*{indicator!~\"地区.*\", unit=\"%\"}",
    "*{scenario=\"target\"}",
    "gap(*)",
    "met(*)",
    "attain(*)",
    "gap(gdp)",
    "gap(gdp{region=\"乙县\"})",
    "attain(gdp{region=\"乙县\", measure=\"growth\"})",
    "gap(*{scenario=\"target\"})",
    "gap(*{scenario=\"actual\"})",
    "met(*{scenario!=\"actual\"})",
    "gap(*)[2023]",
    "attain(*)[2020..2023]",
    "gap(*) where met == false",
    "gap(*{indicator=~\".*收入\"})",
    "gap(unemp)",
    "attain(fai)",
    "count(gap(*{measure=\"growth\"})) by ()",
    "count(*) by ()",
    "count(*)",
    "sum(*) by (region)",
    "yoy(*{measure=\"level\", scenario=\"actual\"})",
    "yoy(gdp{measure=\"level\"})",
    "pct(*{measure=\"level\"}, 2)",
    "yoy(*{measure=\"level\"})[2020..2023]",
    "met(*{region=\"乙县\"})",
    "attain(*{measure=\"growth\"}) where attain > 99",
    "count(yoy(*{measure=\"level\", scenario=\"actual\"})) by (indicator)",
  ]

  /// Every cell's exact text (an empty text cell apart from an empty
  /// string), the column names and the notes.
  static func snapshot(_ table: ResultTable) -> [String] {
    var lines = [table.columnNames.joined(separator: ",")]
    for row in 0..<table.rowCount {
      lines.append(
        table.columns.map { column in
          if case .text = column.cells { return column.text(at: row) ?? "∅" }
          return column.exactText(at: row)
        }.joined(separator: ","))
    }
    return lines + table.notes
  }

  @Test func levelWithoutUnitHasAnEmptyGapUnit() throws {
    var b = StoreBuilder()
    for (scenario, value, bound) in [(Scenario.actual, 95.0, Bound.none), (.target, 100, .atLeast)] {
      b.append(
        region: "甲市", indicator: "项目", measure: .level, scenario: scenario, period: .year(2023), value: value,
        unit: "", bound: bound, source: "s.txt", quote: "q", reference: nil, dataFile: "f.csv", line: 2)
    }
    let store = try b.build().store
    let fast = Interpreter(store: store, aliases: [:])
    let slow = Interpreter(store: store, aliases: [:])
    slow.useCodeKernels = false
    let a = evalTable("gap(*)", fast)
    #expect(a.column(named: "gap_unit")?.text(at: 0) == nil)
    #expect(Self.snapshot(a) == Self.snapshot(evalTable("gap(*)", slow)))
  }

  /// A target in a unit that does not convert to its outcome's (个 beside 家) is
  /// not compared, on both paths, and a note says why.
  @Test func aTargetInAnotherUnitIsNotCompared() throws {
    var b = StoreBuilder()
    for (scenario, value, unit, bound) in [(Scenario.actual, 52.0, "家", Bound.none), (.target, 50, "个", .atLeast)] {
      b.append(
        region: "甲市", indicator: "高新技术企业", measure: .level, scenario: scenario, period: .year(2030),
        value: value, unit: unit, bound: bound, source: "s.txt", quote: "q", reference: nil, dataFile: "f.csv", line: 2)
    }
    let store = try b.build().store
    let fast = Interpreter(store: store, aliases: [:])
    let slow = Interpreter(store: store, aliases: [:])
    slow.useCodeKernels = false
    for function in ["gap", "met", "attain"] {
      let a = evalTable("\(function)(*)", fast)
      #expect(a.column(named: function)?.exactText(at: 0) == "", "\(function)")
      #expect(a.notes.contains { $0.contains("个") && $0.contains("not compared") }, "\(a.notes)")
      #expect(Self.snapshot(a) == Self.snapshot(evalTable("\(function)(*)", slow)))
    }
  }

  @Test(arguments: statements) func sameTableAsStringPath(_ statement: String) throws {
    let fast = EvalFixture.interpreter()
    let slow = EvalFixture.interpreter()
    slow.useCodeKernels = false
    let a = evalTable(statement, fast)
    let b = evalTable(statement, slow)
    #expect(a.rowCount > 0)
    #expect(Self.snapshot(a) == Self.snapshot(b))
  }

  @Test(arguments: [2, 3, 7]) func slicedTargetPassesJoinToTheSameTable(_ slices: Int) {
    for statement in ["gap(*)", "met(*)", "attain(*)", "gap(*{scenario=\"target\"})", "gap(*)[2023]"] {
      let sliced = EvalFixture.interpreter()
      sliced.kernelSlices = slices
      let slow = EvalFixture.interpreter()
      slow.useCodeKernels = false
      #expect(Self.snapshot(evalTable(statement, sliced)) == Self.snapshot(evalTable(statement, slow)), "\(statement)")
    }
  }

  @Test(arguments: [2, 3, 7]) func slicedShiftKernelJoinsToTheSameTable(_ slices: Int) {
    for statement in [
      "yoy(*{measure=\"level\"})", "pct(*{measure=\"level\"}, 1)", "diff(*)", "lag(*, 1)", "lead(*, 1)",
      "yoy(*{measure=\"level\"})[2023]", "count(yoy(*{measure=\"level\"})) by (region)",
    ] {
      let sliced = EvalFixture.interpreter()
      sliced.kernelSlices = slices
      let single = EvalFixture.interpreter()
      single.kernelSlices = 1
      let a = evalTable(statement, sliced)
      #expect(a.rowCount > 0, "\(statement)")
      #expect(Self.snapshot(a) == Self.snapshot(evalTable(statement, single)), "\(statement)")
    }
  }

  @Test func denseIndexGivesTheSameTables() {
    for statement in Self.statements where ["gap", "met", "attain"].contains(where: { statement.contains($0) }) {
      let dense = EvalFixture.interpreter()
      dense.denseIndexMinimumSeries = 0
      let slow = EvalFixture.interpreter()
      slow.useCodeKernels = false
      #expect(Self.snapshot(evalTable(statement, dense)) == Self.snapshot(evalTable(statement, slow)), "\(statement)")
    }
  }

  @Test func denseSeriesIndexFindsEverySeries() throws {
    let store = EvalFixture.store
    let index = try #require(
      DenseSeriesIndex(
        regionCount: store.regions.count, indicatorCount: store.indicators.count, keys: store.seriesKeys))
    for (s, key) in store.seriesKeys.enumerated() { #expect(index.series(key) == s) }
    #expect(index.series(SeriesKey(region: 0, indicator: 0, measure: .ppDiff, scenario: .estimate)) == nil)
    #expect(index.series(SeriesKey(region: 99, indicator: 0, measure: .level, scenario: .actual)) == nil)
    #expect(DenseSeriesIndex(regionCount: 1 << 20, indicatorCount: 1 << 10, keys: []) == nil)
  }

  @Test func selectorReadInPlaceGivesTheSameErrors() {
    let fast = EvalFixture.interpreter()
    let slow = EvalFixture.interpreter()
    slow.useCodeKernels = false
    for statement in ["yoy(*{region=\"丙\"})", "gap(*{measure=\"growth\"})[2023", "pct(*{measure=\"level\"}, 0)",
      "yoy(*{measure=\"growth\"})", "gap(*{regoin=\"甲市\"})"]
    {
      #expect(evalFailure(statement, fast).message == evalFailure(statement, slow).message, "\(statement)")
    }
  }

  @Test func selectorFramesCarryStoreSeries() throws {
    let interpreter = EvalFixture.interpreter()
    let source = SourceText(name: "<test>", text: "*{measure=\"growth\"}")
    guard case .expression(let expr) = try Parser.parse(source) else {
      Issue.record("not an expression")
      return
    }
    interpreter.source = source
    guard case .frame(let frame) = try interpreter.evaluate(expr) else {
      Issue.record("not a frame")
      return
    }
    let keys = try #require(interpreter.storeKeys(SeriesView(frame)))
    #expect(keys.count == frame.seriesCount)
    for (s, key) in keys.enumerated() {
      let h = frame.series[s]
      #expect(interpreter.store.regions[key.region] == h.region)
      #expect(interpreter.store.indicators[key.indicator] == h.indicator)
      #expect(key.measure == h.measure && key.scenario == h.scenario)
    }
  }

  @Test func headersMadeElsewhereFallBackToStrings() throws {
    // A reduced table has lost its store series: no codes, the string path runs.
    var frame = Frame()
    frame.origin = EvalFixture.store
    frame.series = [SeriesHeader(region: "甲市", indicator: "地区生产总值", measure: .growth, scenario: .actual, unit: "%")]
    frame.offsets = [0, 0]
    #expect(EvalFixture.interpreter().storeKeys(SeriesView(frame)) == nil)
  }

  @Test func headersFromNamesAreTheStoreLabels() {
    let store = EvalFixture.store
    let names = SeriesHeader.Names(store)
    for s in 0..<store.seriesCount {
      let h = names.header(ofSeries: s)
      #expect(h == SeriesHeader(store.labels(ofSeries: s)))
      #expect(h.storeSeries == Int32(s))
    }
  }

  @Test func storeSeriesIsNotPartOfEquality() {
    var a = SeriesHeader(region: "甲市", indicator: "地区生产总值", measure: .level, scenario: .actual, unit: "亿元")
    let b = a
    a.storeSeries = 3
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
  }

  @Test func countingAccumulatorAgreesWithTheFullOne() throws {
    // Mixed kinds and a missing value: the period span and count must match.
    var frame = Frame()
    frame.periods = [
      try Period.parse("2023-01..2023-09"), .year(2023), .quarter(2024, 1), .year(2024), try Period.parse("2019..2024"),
    ]
    frame.values = [1, 2, 3, 4, 5]
    frame.valid = ValidityBitmap([true, false, true, true, true])
    frame.offsets = [0, 5]
    for split in 0...5 {
      var full = Accumulator(), counting = Accumulator()
      full.add(rows: 0..<split, of: frame)
      full.add(rows: split..<5, of: frame)
      counting.addCounting(rows: 0..<split, of: frame)
      counting.addCounting(rows: split..<5, of: frame)
      #expect(full.result("count") == counting.result("count"))
      #expect(full.period("count") == counting.period("count"))
      #expect(full.skipped == counting.skipped)
    }
  }

  @Test func storeRowsIdentityBecomesAListOnAppend() {
    var rows = StoreRows.identity(count: 3)
    #expect(Array(rows) == [0, 1, 2])
    rows.append(7)
    #expect(Array(rows) == [0, 1, 2, 7])
    let list: StoreRows = [4, -1]
    #expect(list.count == 2 && list[1] == -1)
  }

  @Test func periodCursorFindsFirstRowOfEachPeriod() {
    let column: [Period] = [.year(2019), .year(2020), .year(2020), .year(2022)]
    column.withUnsafeBufferPointer { periods in
      var cursor = PeriodCursor(0..<4)
      #expect(cursor.seek(.year(2018), in: periods) == nil)
      #expect(cursor.seek(.year(2020), in: periods) == 1)
      cursor.skip(.year(2020), in: periods)
      #expect(cursor.head(in: periods) == .year(2022))
      #expect(cursor.seek(.year(2021), in: periods) == nil)
      #expect(cursor.seek(.year(2022), in: periods) == 3)
      #expect(cursor.seek(.year(2023), in: periods) == nil)
    }
  }
}
