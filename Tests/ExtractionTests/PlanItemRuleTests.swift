import Testing

@testable import Extraction

/// Rules on plan-execution items: an item opened by a dash, a completion rate
/// after a plan in brackets. Sentences written for the tests.
struct PlanItemRuleTests {
  func rows(_ text: String) -> [ProposedRow] { proposedRows(text) }

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

  /// An outcome compared with its plan (增速低于年度目标1.1个百分点) is an outcome's
  /// pp_diff in the outcome's months, not a target.
  @Test func anOutcomeBelowItsPlanIsAnOutcome() {
    let r = rows("一、2030年1—7月计划执行情况\n2．规模以上工业增加值\n年度目标：增长7%以上。\n执行情况：1—7月增长5.8%。\n完成进度：增速低于年度目标1.2个百分点。")
    let diff = r.first { $0.value == "-1.2" }
    #expect(diff.map { ($0.measure, $0.scenario, $0.period) } ?? ("", "", "") == ("pp_diff", "actual", "2030-01..2030-07"), "\(r)")
  }

  /// 三、2031年重点工作 opens the plan, so the fragment before it reviews 2030.
  @Test func aYearsKeyTasksHeadingOpensThePlan() {
    let r = rows("全省地区生产总值增长3.7%，规模以上工业增加值增长4.6%。\n三、2031年重点工作\n全省地区生产总值增长6%以上。")
    #expect(r.map { "\($0.scenario) \($0.period)" } == ["actual 2030", "actual 2030", "target 2031"], "\(r)")
  }

  /// 三、下半年形势预测和工作安排: the tasks make it a plan, not a forecast.
  @Test func aForecastAndTasksHeadingIsAPlan() {
    let r = rows("一、2031年上半年计划执行情况\n上半年全市地区生产总值增长6.2%。\n三、下半年形势预测和工作安排\n全年新增规模以上工业企业20家。")
    #expect(r.first { $0.value == "20" }?.scenario == "target", "\(r)")
  }

  /// More headings in their own words: 一、过去一年的工作 reviews; 二、关于2031年工作 and
  /// 二、2031年目标 plan.
  @Test func reviewAndPlanHeadingsInOtherWords() {
    for plan in ["二、关于2031年工作", "二、2031年的目标和任务"] {
      let r = rows("一、过去一年的工作\n全县地区生产总值增长5.1%。\n\(plan)\n全县地区生产总值增长6%左右。")
      #expect(r.map { "\($0.scenario) \($0.period)" } == ["actual 2030", "target 2031"], "\(plan): \(r)")
    }
  }

  /// 其中，… after a projected total breaks the projection down: its parts are projected;
  /// parts stated as a plan of their own (其中…安排) are not.
  @Test func partsOfAProjectedTotalAreProjected() {
    let r = rows("一、2030年计划执行情况\n预计全年固定资产投资增长10.5%。其中，工业投资增长16.4%，民间投资增长7.8%。")
    #expect(r.filter { ["16.4", "7.8"].contains($0.value) }.allSatisfy { $0.scenario == "estimate" }, "\(r)")
    #expect(r.filter { ["16.4", "7.8"].contains($0.value) }.count == 2, "\(r)")
  }

  /// 比全省低0.2个百分点 is negative; 比年初确定的11%左右的预期目标低0.8个百分点 compares the
  /// outcome with its plan: a negative pp_diff of the outcome.
  @Test func lowerThanAComparatorIsNegative() {
    let r = rows("一、2030年计划执行情况\n1—11月，全市规模以上工业增加值增长8.4%，比全省低0.2个百分点。全年社会消费品零售总额增长10.2%，比年初确定的11%左右的预期目标低0.8个百分点。")
    #expect(r.first { $0.value == "-0.2" }?.measure == "pp_diff", "\(r)")
    let gap = r.first { $0.value == "-0.8" }
    #expect(gap.map { ($0.measure, $0.scenario) } ?? ("", "") == ("pp_diff", "actual"), "\(r)")
  }

  /// 年初…确定的主要预期目标是：… in a mid-year review lists the year's targets.
  @Test func aGoalListRestatedInAReviewIsTargets() {
    let r = rows("一、2030年上半年计划执行情况\n对照年初县人大确定的全年目标：地区生产总值增长7.5%左右，规模以上工业增加值增长9%，城镇新增就业3200人。上半年全县地区生产总值增长6.1%。")
    #expect(r.filter { ["7.5", "9", "3200"].contains($0.value) }.map { "\($0.scenario) \($0.period)" }
      == ["target 2030", "target 2030", "target 2030"], "\(r)")
    #expect(r.first { $0.value == "6.1" }.map { "\($0.scenario) \($0.period)" } == "actual 2030H1", "\(r)")
  }

  /// …占地区生产总值的比重提高到27.5% is the share of its subject, not 地区生产总值's.
  @Test func aShareChangingToAFigureIsItsSubjects() {
    let r = rows("二、2031年计划\n高新技术产业增加值占地区生产总值的比重提高到27.5%。")
    #expect(r.first { $0.value == "27.5" }.map { "\($0.indicator) \($0.measure)" } == "高新技术产业增加值占比 ratio", "\(r)")
  }
}
