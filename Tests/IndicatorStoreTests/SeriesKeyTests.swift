import IndicatorStore
import Testing

/// Series keys hash their codes: equal keys hash alike, and every key of a
/// store finds its own series.
@Suite struct SeriesKeyTests {
  @Test func ordinalsArePositionsInAllCases() {
    #expect(Measure.allCases.map(\.ordinal) == (0..<UInt8(Measure.allCases.count)).map { $0 })
    #expect(Scenario.allCases.map(\.ordinal) == (0..<UInt8(Scenario.allCases.count)).map { $0 })
  }

  @Test func everyDistinctKeyIsItsOwnEntry() {
    var index: [SeriesKey: Int] = [:]
    for region in Int32(-1)...2 {
      for indicator in [Int32(0), 1, Int32.max] {
        for measure in Measure.allCases {
          for scenario in Scenario.allCases {
            index[SeriesKey(region: region, indicator: indicator, measure: measure, scenario: scenario)] = index.count
          }
        }
      }
    }
    #expect(index.count == 4 * 3 * Measure.allCases.count * Scenario.allCases.count)
    let key = SeriesKey(region: 2, indicator: 1, measure: .growth, scenario: .target)
    #expect(index[key] == index[SeriesKey(region: 2, indicator: 1, measure: .growth, scenario: .target)])
  }
}
