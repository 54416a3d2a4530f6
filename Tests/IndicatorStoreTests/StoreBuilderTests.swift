import Diagnostics
import IndicatorStore
import Testing

extension StoreBuilder {
  mutating func add(
    _ indicator: String, measure: Measure = .level, scenario: Scenario = .actual, _ period: Period,
    _ value: Double?, _ unit: String, bound: Bound = .none, reference: String? = nil, line: Int,
    file: String = "t.csv"
  ) {
    append(
      region: "湘潭市", indicator: indicator, measure: measure, scenario: scenario, period: period, value: value,
      unit: unit, bound: bound, source: "s.txt", quote: "q\(line)", reference: reference, dataFile: file, line: line)
  }
}

@Suite struct StoreBuilderTests {
  @Test func wanRenSeriesNormalisesExactly() throws {
    var b = StoreBuilder()
    b.add("常住人口", .year(2021), 272.6, "万人", line: 2)
    b.add("常住人口", .year(2022), 2_719_000, "人", line: 3)
    b.add("常住人口", .year(2023), 271.2, "万人", line: 4)
    let store = try b.build().store
    #expect(store.seriesCount == 1)
    #expect(store.unit(ofSeries: 0) == "万人")
    #expect(store.values == [272.6, 271.9, 271.2])
    // The other way round: most common unit 人.
    var c = StoreBuilder()
    c.add("常住人口", .year(2021), 5.4, "万人", line: 2)
    c.add("常住人口", .year(2022), 55_000, "人", line: 3)
    c.add("常住人口", .year(2023), 56_000, "人", line: 4)
    let other = try c.build().store
    #expect(other.unit(ofSeries: 0) == "人")
    #expect(other.values == [54_000, 55_000, 56_000])
  }

  /// A target in 人 beside outcomes in 万人 takes the outcomes' unit, so that gap
  /// and attain compare like with like (it was 0.4万人 printed as 0.4 人).
  @Test func aTargetTakesItsOutcomesUnit() throws {
    var b = StoreBuilder()
    b.add("城镇新增就业", .year(2030), 0.396, "万人", line: 2)
    b.add("城镇新增就业", .year(2029), 0.38, "万人", line: 3)
    b.add("城镇新增就业", scenario: .target, .year(2031), 4000, "人", bound: .atLeast, line: 4)
    b.add("城镇新增就业", scenario: .estimate, .year(2031), 4100, "人", line: 5)
    let store = try b.build().store
    let target = try #require(store.series(region: "湘潭市", indicator: "城镇新增就业", measure: .level, scenario: .target))
    let estimate = try #require(store.series(region: "湘潭市", indicator: "城镇新增就业", measure: .level, scenario: .estimate))
    #expect(store.unit(ofSeries: target) == "万人")
    #expect(store.unit(ofSeries: estimate) == "万人")
    #expect(store.rows(ofSeries: target).map { store.values[$0] } == [0.4])
    #expect(store.rows(ofSeries: estimate).map { store.values[$0] } == [0.41])
  }

  @Test func unitClashNamesBothLines() {
    var b = StoreBuilder()
    b.add("规上企业", .year(2021), 120, "家", line: 2)
    b.add("规上企业", .year(2022), 130, "个", line: 3)
    do {
      _ = try b.build()
      Issue.record("should fail")
    } catch {
      let d = error.diagnostics.first
      #expect(d?.location == FileLocation(file: "t.csv", line: 3, column: 1))
      #expect(d?.message.contains("line 2") == true)
      #expect(d?.message.contains("'个'") == true && d?.message.contains("'家'") == true)
    }
  }

  @Test func conflictNamesBothLines() {
    var b = StoreBuilder()
    b.add("地区生产总值", measure: .growth, .year(2022), 4.6, "%", line: 2)
    b.add("地区生产总值", measure: .growth, .year(2022), 4.7, "%", line: 5)
    do {
      _ = try b.build()
      Issue.record("should fail")
    } catch {
      let d = error.diagnostics.first
      #expect(d?.location?.line == 5)
      #expect(d?.message.contains("line 2") == true)
      #expect(d?.message.contains("4.6") == true && d?.message.contains("4.7") == true)
    }
  }

  @Test func identicalDuplicatesMergeWithANote() throws {
    var b = StoreBuilder()
    b.add("地区生产总值", measure: .growth, .year(2022), 4.6, "%", line: 2)
    b.add("地区生产总值", measure: .growth, .year(2022), 4.6, "%", line: 7)
    let built = try b.build()
    #expect(built.store.rowCount == 1)
    #expect(built.notes.count == 1)
    #expect(built.notes.first?.severity == .note)
    #expect(built.notes.first?.location?.line == 7)
    #expect(built.notes.first?.message.contains("line 2") == true)
  }

  @Test func theSameFigureInAnotherMagnitudeMergesButAnotherValueConflicts() throws {
    var b = StoreBuilder()
    b.add("高校毕业生留潭", .year(2019), 0.765, "万人", line: 2)
    b.add("高校毕业生留潭", .year(2019), 7650, "人", line: 5)
    let built = try b.build()
    #expect(built.store.rowCount == 1)
    #expect(built.notes.count == 1)
    var c = StoreBuilder()
    c.add("高校毕业生留潭", .year(2019), 0.765, "万人", line: 2)
    c.add("高校毕业生留潭", .year(2019), 7600, "人", line: 5)
    #expect(throws: DiagnosticList.self) { try c.build() }
  }

  @Test func rangeTargetPairIsAllowedButNotThreeRows() throws {
    var b = StoreBuilder()
    b.add("地区生产总值", measure: .growth, scenario: .target, .year(2024), 5.5, "%", bound: .atMost, line: 3)
    b.add("地区生产总值", measure: .growth, scenario: .target, .year(2024), 5, "%", bound: .atLeast, line: 2)
    let store = try b.build().store
    #expect(store.rowCount == 2)
    #expect(store.bounds.map { $0 } == [.atLeast, .atMost])
    #expect(store.row(ofSeries: 0, period: .year(2024)) == 0)
    b.add("地区生产总值", measure: .growth, scenario: .target, .year(2024), 6, "%", bound: .atLeast, line: 4)
    #expect(throws: DiagnosticList.self) { try b.build() }
  }

  @Test func relativeTargetKeepsReferenceAndMissingValue() throws {
    var b = StoreBuilder()
    b.add("收入", measure: .growth, scenario: .target, .year(2024), nil, "%", bound: .aboveReference,
          reference: "地区生产总值", line: 2)
    let store = try b.build().store
    #expect(store.value(ofRow: 0) == nil)
    #expect(!store.isValid(row: 0))
    #expect(store.reference(ofRow: 0) == "地区生产总值")
    #expect(store.validity.nullCount == 1)
  }

  @Test func provenanceAndRemoveRows() throws {
    var b = StoreBuilder()
    b.add("常住人口", .year(2021), 1, "人", line: 2, file: "a.csv")
    b.add("常住人口", .year(2022), 2, "人", line: 9, file: "b.csv")
    b.removeRows(from: 1)
    #expect(b.rowCount == 1)
    b.add("常住人口", .year(2023), 3, "人", line: 4, file: "c.csv")
    let store = try b.build().store
    #expect(store.rowCount == 2)
    #expect(store.provenance(ofRow: 1) == Provenance(source: "s.txt", quote: "q4", reference: nil, dataFile: "c.csv", line: 4))
    #expect(store.dataFileNames == ["a.csv", "c.csv"])
    // Copying without a data file drops its rows.
    let copy = try StoreBuilder(copying: store, excludingDataFile: "a.csv").build().store
    #expect(copy.rowCount == 1)
    #expect(copy.values == [3])
  }

  @Test func seriesLookupIsByLabels() throws {
    var b = StoreBuilder()
    b.add("A", .year(2021), 1, "人", line: 2)
    b.add("B", .year(2021), 2, "人", line: 3)
    b.add("A", .year(2020), 0, "人", line: 4)
    let store = try b.build().store
    let a = try #require(store.series(region: "湘潭市", indicator: "A", measure: .level, scenario: .actual))
    #expect(store.rows(ofSeries: a).map { store.period(ofRow: $0) } == [.year(2020), .year(2021)])
    #expect(store.series(region: "湘潭市", indicator: "C", measure: .level, scenario: .actual) == nil)
  }

  /// A large build on several threads (series numbered per range of rows,
  /// then renumbered; columns gathered in parallel) gives the store one thread gives.
  @Test(arguments: [2, 3])
  func threadsBuildTheSameStore(threads: Int) throws {
    var b = StoreBuilder()
    // 300,000 rows: series in blocks, some repeated later and some reversed, so that
    // a series first seen in a later range must keep its first-appearance number.
    var line = 2
    for block in 0..<6_000 {
      let indicator = "指标\(block % 2_500)", scenario: Scenario = block % 7 == 0 ? .target : .actual
      for k in 0..<50 {
        let year = block % 3 == 0 ? 2049 - k : 2000 + k
        b.add(
          indicator, scenario: scenario, .year(year + (block / 2_500) * 50), Double(block * 50 + k) / 4,
          block % 11 == 0 ? "万元" : "亿元", line: line)
        line += 1
      }
    }
    let one = try b.build().store
    var copy = b
    let many = try copy.buildEmptying(threads: threads).store
    #expect(many.seriesCount == one.seriesCount)
    for s in 0..<one.seriesCount {
      #expect(many.labels(ofSeries: s) == one.labels(ofSeries: s))
      #expect(many.rows(ofSeries: s) == one.rows(ofSeries: s))
    }
    #expect(many.values == one.values)
    #expect(many.periods == one.periods)
    #expect((0..<one.rowCount).allSatisfy { many.provenance(ofRow: $0) == one.provenance(ofRow: $0) })
    #expect(copy.rowCount == 0)
  }
}

@Suite struct ValidityBitmapTests {
  @Test(arguments: [0, 1, 63, 64, 65, 130])
  func setGetAndCount(count: Int) {
    var bits = ValidityBitmap(count: count, allValid: true)
    #expect(bits.nullCount == 0)
    for i in stride(from: 0, to: count, by: 3) { bits[i] = false }
    let expectedNulls = (count + 2) / 3
    #expect(bits.nullCount == expectedNulls)
    for i in 0..<count { #expect(bits[i] == (i % 3 != 0)) }
    var appended = ValidityBitmap()
    for i in 0..<count { appended.append(i % 3 != 0) }
    #expect(appended == bits)
    #expect(ValidityBitmap(count: count, allValid: false).nullCount == count)
  }
}
