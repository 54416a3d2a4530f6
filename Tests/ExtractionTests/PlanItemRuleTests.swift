import Testing

@testable import Extraction

/// Rules on plan-execution items: an item opened by a dash, a completion rate
/// after a plan in brackets. Sentences written for the tests.
struct PlanItemRuleTests {
  let extractor = Extractor(lexicon: Lexicon())

  func rows(_ text: String) -> [ProposedRow] { extractor.extract(text, region: "测试县").rows }

  /// A completion rate after a projection and its plan in brackets
  /// (预计全年增长4.8%左右，完成年计划（增长7%）的97.9%) is projected too.
  @Test func aCompletionPastABracketedPlanKeepsTheProjection() {
    let r = rows("一、2030年计划执行情况\n预计全年全县地区生产总值增长4.8%左右，完成年计划（增长7%）的97.9%。")
    let completion = r.first { $0.value == "97.9" }
    #expect(completion?.scenario == "estimate" && completion?.period == "2030", "\(r)")
    #expect(r.first { $0.value == "7" }?.scenario == "target", "\(r)")
  }

  /// ——地区生产总值。前三季度完成221.4亿元…: the dash opens an item named by its heading.
  @Test func aDashOpensAnItemNamedByItsHeading() {
    let r = rows("一、2030年计划执行情况\n——社会消费品零售总额。前三季度完成221.4亿元，同比增长4.6%。")
    #expect(r.map(\.indicator) == ["社会消费品零售总额", "社会消费品零售总额"], "\(r)")
  }
}
