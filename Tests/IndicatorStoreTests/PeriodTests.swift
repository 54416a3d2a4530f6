import IndicatorStore
import Testing

/// Deterministic generator (SplitMix64) so property tests are repeatable.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct PeriodTests {
  static func randomPeriod(_ rng: inout SplitMix64) -> Period {
    let y = Int.random(in: 1990...2040, using: &rng)
    switch Int.random(in: 0..<6, using: &rng) {
    case 0: return .year(y)
    case 1: return .half(y, Int.random(in: 1...2, using: &rng))
    case 2: return .quarter(y, Int.random(in: 1...4, using: &rng))
    case 3: return .month(y, Int.random(in: 1...12, using: &rng))
    case 4:
      let m1 = Int.random(in: 1...12, using: &rng), m2 = Int.random(in: m1...12, using: &rng)
      return .months(from: (y, m1), to: (y + Int.random(in: 0...1, using: &rng), m2))
    default: return .years(y, y + Int.random(in: 0...5, using: &rng))
    }
  }

  @Test func printParseRoundTripOverGeneratedPeriods() throws {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<5_000 {
      let p = Self.randomPeriod(&rng)
      let text = p.description
      #expect(try Period.parse(text) == p, "\(text)")
      #expect(try Period.parse(text).description == text)
    }
  }

  @Test func orderIsByEndThenStart() throws {
    var rng = SplitMix64(seed: 7)
    let periods = (0..<2_000).map { _ in Self.randomPeriod(&rng) }
    for (a, b) in zip(periods, periods.dropFirst()) {
      let expected = a.endMonth != b.endMonth ? a.endMonth < b.endMonth : a.startMonth < b.startMonth
      if a.endMonth != b.endMonth || a.startMonth != b.startMonth { #expect((a < b) == expected, "\(a) \(b)") }
      // Strict weak order: never both.
      #expect(!(a < b && b < a))
    }
    #expect(try Period.parse("2023-01..2023-09") < Period.parse("2023-09"))
    #expect(try Period.parse("2023") < Period.parse("2024H1"))
    #expect(try Period.parse("2021..2023") < Period.parse("2023"))
  }

  @Test func acceptedForms() throws {
    for text in ["2023", "2023H1", "2023H2", "2023Q3", "2023-09", "2023-01..2023-09", "2021..2023", "2023-11..2024-02"] {
      #expect(try Period.parse(text).description == text)
    }
  }

  /// 1—6月 and 上半年 name the same months: one period, under the calendar's name.
  @Test(arguments: [
    ("2024-01..2024-06", "2024H1"), ("2024-07..2024-12", "2024H2"), ("2024-01..2024-03", "2024Q1"),
    ("2024-04..2024-06", "2024Q2"), ("2024-01..2024-12", "2024"), ("2021-01..2023-12", "2021..2023"),
    ("2023..2023", "2023"), ("2024-03..2024-03", "2024-03"), ("2024-02..2024-07", "2024-02..2024-07"),
    ("2024-03..2024-08", "2024-03..2024-08"), ("2023-10..2024-03", "2023-10..2024-03"),
  ])
  func sameMonthsAreOnePeriod(text: String, name: String) throws {
    let period = try Period.parse(text)
    #expect(period.description == name)
    #expect(period == (try Period.parse(name)))
  }

  @Test(arguments: ["2023-09..2023-01", "2023..2021"])
  func reversedRangeIsAnError(text: String) {
    #expect(throws: PeriodError.self) { try Period.parse(text) }
    do { _ = try Period.parse(text) } catch { #expect(error.message.contains("reversed")) }
  }

  @Test(arguments: ["", "23", "2023Q5", "2023H3", "2023-13", "2023-00", "2023..2023-09", "0000", "２０２３", "2023-9", "0001..9999"])
  func badPeriodsAreErrorsNotCrashes(text: String) {
    #expect(throws: PeriodError.self) { try Period.parse(text) }
  }

  @Test func shiftMovesBothEnds() throws {
    let ytd = try Period.parse("2024-01..2024-09")
    #expect(ytd.shifted(years: -1)?.description == "2023-01..2023-09")
    #expect(try Period.parse("2021..2023").shifted(years: 1)?.description == "2022..2024")
    #expect(try Period.parse("2023Q3").shifted(years: -1)?.description == "2022Q3")
    #expect(Period.year(1).shifted(years: -1) == nil)
    #expect(Period.year(9999).shifted(years: 1) == nil)
  }
}

@Suite struct UnitTests {
  @Test func magnitudePrefixesConvert() {
    #expect(Unit("万人").powerOfTen(to: Unit("人")) == 4)
    #expect(Unit("人").powerOfTen(to: Unit("万人")) == -4)
    #expect(Unit("万亿元").powerOfTen(to: Unit("亿元")) == 4)
    #expect(Unit("亿元").powerOfTen(to: Unit("万元")) == 4)
    #expect(Unit("家").powerOfTen(to: Unit("个")) == nil)
    #expect(Unit("%").powerOfTen(to: Unit("亿元")) == nil)
    #expect(Unit("万").base == "万")  // a bare prefix is its own unit
  }

  @Test func scalingIsExact() {
    #expect(DecimalText.scaled("5.4", byPowerOfTen: 4) == 54000)
    #expect(DecimalText.scaled("54000", byPowerOfTen: -4) == 5.4)
    #expect(DecimalText.scaled("272.6", byPowerOfTen: 4) == 2_726_000)
    #expect(DecimalText.scaled("1.5e3", byPowerOfTen: 1) == 15000)
  }

  @Test func finiteDecimals() {
    for ok in ["7.8", "-0.5", "+3", "1.2e3", ".5", "5."] { #expect(DecimalText.parse(Array(ok.utf8)) != nil, "\(ok)") }
    for bad in ["", "NaN", "inf", "1,234", "7.8%", "e5", "1e", "１", "1e999", " 1"] {
      #expect(DecimalText.parse(Array(bad.utf8)) == nil, "\(bad)")
    }
  }

  /// The fast path (no String, one division) must give exactly what the
  /// general correctly rounded conversion gives.
  @Test func fastDecimalPathAgreesWithStrtod() {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<20_000 {
      let digits = Int(rng.next() % 16) + 1
      var text = rng.next() % 3 == 0 ? "-" : ""
      var body = ""
      for _ in 0..<digits { body += String(rng.next() % 10) }
      let point = Int(rng.next() % UInt64(digits + 1))
      if point < digits { body.insert(".", at: body.index(body.startIndex, offsetBy: point)) }
      text += body
      #expect(DecimalText.parse(Array(text.utf8)) == Double(text), "\(text)")
    }
    for text in ["0.1", "0.3", "123456789012345", "1234567890123456", "0.000000000000000000001", "-0", "9007199254740993"] {
      #expect(DecimalText.parse(Array(text.utf8)) == Double(text), "\(text)")
    }
  }

  @Test func shortestRoundTrips() {
    var rng = SplitMix64(seed: 3)
    for _ in 0..<5_000 {
      let v = Double(bitPattern: rng.next())
      guard v.isFinite else { continue }
      let text = DecimalText.shortest(v)
      #expect(DecimalText.parse(Array(text.utf8)) == v || v == 0, "\(v) → \(text)")
    }
    #expect(DecimalText.shortest(54000) == "54000")
    #expect(DecimalText.shortest(0.1 + 0.2) == "0.30000000000000004")
  }
}
