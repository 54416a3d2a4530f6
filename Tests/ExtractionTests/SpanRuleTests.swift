import Testing

@testable import Extraction

/// Rules on spans of years: plan periods (“十四五”时期) and review paragraphs
/// that frame the paragraphs after them. Sentences written for the tests.
struct SpanRuleTests {
  func rows(_ text: String) -> [ProposedRow] { proposedRows(text) }

  /// A goal list opened by a plan period as its time (“十五五”时期…主要目标是：) carries
  /// the span through its ；-parts: averages over it, levels for its last year.
  @Test func aPlanPeriodOpeningAGoalListCarriesItsSpan() {
    let text = "测试县2031年政府工作报告\n一、2030年工作回顾\n全县地区生产总值增长5.1%。\n二、“十五五”时期的主要目标\n“十五五”时期全县经济社会发展的主要目标是：地区生产总值年均增长6%左右；规模以上工业增加值年均增长7%以上；全社会研发经费投入强度达到2.5%。"
    let r = rows(text)
    #expect(r.first { $0.value == "7" }?.period == "2026..2030", "\(r)")
    #expect(r.first { $0.value == "2.5" }?.period == "2030", "\(r)")
  }

  /// The plan as a document (根据“十五五”规划建议，今后五年…) or a year in it
  /// (2031年是“十五五”开局之年) is not the time of the goals.
  @Test func aPlanNamedAsADocumentIsNotTheGoalsTime() {
    let text = "测试县2031年政府工作报告\n一、2030年工作回顾\n全县地区生产总值增长5.1%。\n二、2031年工作安排\n2031年是“十五五”开局之年。今年全县主要预期目标是：地区生产总值增长6%左右；规模以上工业增加值增长7%以上。"
    let r = rows(text)
    #expect(r.first { $0.value == "7" }?.period == "2031", "\(r)")
  }

  /// A figure-less lead-in naming a span and ending in —— or ： (“十五五”时期，是…的五年。
  /// 五年来——) frames the paragraphs after it up to the next heading: their from-to,
  /// cumulative and average figures are over the span; the year's own keep the year.
  @Test func aSpanLeadInFramesTheParagraphsAfterIt() {
    let text = "政府工作报告\n——2031年1月10日在测试县第九届人民代表大会第五次会议上\n各位代表：\n现在，我代表县人民政府，向大会报告工作。\n一、2030年和“十五五”时期工作回顾\n2030年，全县地区生产总值增长5.1%。\n“十五五”时期，是全县发展最快的五年。五年来——\n综合实力显著增强。一般公共预算收入由8.5亿元增加到12.1亿元，年均增长7.3%。社会消费品零售总额年均增长6.8%。\n二、2031年工作安排\n全县地区生产总值增长6%左右。"
    let r = rows(text)
    #expect(r.first { $0.value == "8.5" }?.period == "2025", "\(r)")
    #expect(r.first { $0.value == "6.8" }?.period == "2026..2030", "\(r)")
    #expect(r.first { $0.value == "5.1" }?.period == "2030", "\(r)")
    #expect(r.first { $0.value == "6" }?.period == "2031", "\(r)")
  }

  /// An undated text naming a part of a later year (2031年上半年增速居全省第3位) is
  /// written in that year: its 上半年 and 今年1—7月 are that year's, its 近五年 end
  /// the year before, though it mentions the year before more often.
  @Test func aPartOfALaterYearDatesAnUndatedText() {
    let text = "奋楫扬帆\n——某市发展成就综述\n2031年上半年增速居全省第3位。\n2030年全市地区生产总值达到2846.3亿元。2030年全市一般公共预算收入达到182.6亿元。近五年，全市地区生产总值年均增长6.6%。上半年，全市实现地区生产总值1368.4亿元。今年1—7月，全市进出口总额增长21.4%。"
    let r = rows(text)
    #expect(r.first { $0.value == "2846.3" }?.period == "2030", "\(r)")
    #expect(r.first { $0.value == "6.6" }?.period == "2026..2030", "\(r)")
    #expect(r.first { $0.value == "1368.4" }?.period == "2031H1", "\(r)")
    #expect(r.first { $0.value == "21.4" }?.period == "2031-01..2031-07", "\(r)")
  }

  /// 2029年以来…累计 and 党的十八大以来 run from their first year to the time of writing.
  @Test func sinceAYearOrACongressRunsToTheTimeOfWriting() {
    let text = "一、2031年工作回顾\n2029年以来，全市累计改造城镇老旧小区486个。党的十八大以来，全市累计新改扩建中小学校312所。"
    let r = rows(text)
    #expect(r.first { $0.value == "486" }?.period == "2029..2031", "\(r)")
    #expect(r.first { $0.value == "312" }?.period == "2013..2031", "\(r)")
  }

  /// A title naming 党的十八大以来 frames the text's cumulative figures from 2013.
  @Test func aCongressInTheTitleFramesCumulativeFigures() {
    let text = "——党的十八大以来某市经济社会发展成就综述\n2031年上半年，全市地区生产总值增长5%。\n全市累计建成高标准农田168万亩。"
    let r = rows(text)
    #expect(r.first { $0.value == "168" }?.period == "2013..2031", "\(r)")
  }

  /// A goal list after a colon that opens with its horizon year (今后五年…的主要目标是：
  /// 到2035年，…) carries the span: its later levels are for the horizon year.
  @Test func aHorizonYearAfterTheColonKeepsTheSpan() {
    let text = "一、2030年工作回顾\n全市地区生产总值增长4.3%。\n二、今后五年的目标任务\n根据市委部署，今后五年政府工作的主要目标是：到2035年，全市地区生产总值突破3800亿元，年均增长6%左右；一般公共预算收入突破220亿元；全社会研发经费投入强度达到2.8%。"
    let r = rows(text)
    #expect(r.first { $0.value == "220" }?.period == "2035", "\(r)")
    #expect(r.first { $0.value == "2.8" }?.period == "2035", "\(r)")
  }

  /// 2028年至2030年 and 2028年—2030年 are spans, as 2028—2030年 is.
  @Test func yearToYearIsASpan() {
    let r = rows("一、2030年工作回顾\n2028年至2030年累计减少农村贫困人口8.3万人。2026年—2030年累计新增城镇就业28.6万人。")
    #expect(r.first { $0.value == "8.3" }?.period == "2028..2030", "\(r)")
    #expect(r.first { $0.value == "28.6" }?.period == "2026..2030", "\(r)")
  }

  /// A review sub-heading naming a plan period (（三）“十五五”规划目标完成情况) frames its
  /// section's from-to and average figures over the period.
  @Test func aPlanPeriodReviewHeadingFramesItsSection() {
    let text = "一、2030年计划执行情况\n全县地区生产总值增长5.1%。\n（三）“十五五”规划目标完成情况\n社会消费品零售总额由75.2亿元增加到107.3亿元，年均增长7.4%。\n二、2031年计划\n全县地区生产总值增长6%左右。"
    let r = rows(text)
    #expect(r.first { $0.value == "75.2" }?.period == "2025", "\(r)")
    #expect(r.first { $0.value == "7.4" }?.period == "2026..2030", "\(r)")
    #expect(r.first { $0.value == "6" }?.period == "2031", "\(r)")
  }

  /// 城镇、农村…分别由A、B增加到C、D: A and B are the year before, C and D the year, each
  /// figure under its own subject.
  @Test func aFromToListPairsEachSubject() {
    let r = rows("一、2030年工作回顾\n全县城镇、农村居民人均可支配收入分别由25860元、11430元增加到36480元、17620元。")
    let got = r.map { "\($0.indicator) \($0.period) \($0.value)" }
    #expect(
      got == [
        "城镇居民人均可支配收入 2029 25860", "农村居民人均可支配收入 2029 11430",
        "城镇居民人均可支配收入 2030 36480", "农村居民人均可支配收入 2030 17620",
      ], "\(got)")
  }

  /// 两年平均增长6.1% is an average growth over the year and the one before; a share's
  /// 五年平均为78.9% is not a growth.
  @Test func aTwoYearAverageGrowthSpansTwoYears() {
    let r = rows("一、2030年工作回顾\n全县地区生产总值增长8.6%，两年平均增长6.1%。民生支出占一般公共预算支出的比重五年平均为78.9%。")
    let average = r.first { $0.value == "6.1" }
    #expect(average.map { ($0.measure, $0.period) } ?? ("", "") == ("avg_growth", "2029..2030"), "\(r)")
    #expect(r.first { $0.value == "78.9" }?.measure != "avg_growth", "\(r)")
  }

  /// Years listed in the clause before 分别 (2029年、2030年，全县地区生产总值分别增长8.1%和4.6%)
  /// date the figures in order.
  @Test func yearsListedBeforeTheSubjectDateTheFiguresInOrder() {
    let r = rows("一、2030年工作回顾\n2029年、2030年，全县地区生产总值分别增长8.1%和4.6%。")
    #expect(r.map { "\($0.indicator) \($0.period) \($0.value)" } == ["地区生产总值 2029 8.1", "地区生产总值 2030 4.6"], "\(r)")
  }

  /// A list of parts of the year whose last item is followed by the subject (一季度、上半年、
  /// 前三季度全县地区生产总值分别增长…) dates the figures in order.
  @Test func aPeriodListEndingInItsSubjectDatesTheFigures() {
    let r = rows("一、2030年工作回顾\n一季度、上半年、前三季度全县地区生产总值分别增长7.6%、6.8%和5.9%。")
    #expect(
      r.map { "\($0.indicator) \($0.period) \($0.value)" }
        == ["地区生产总值 2030Q1 7.6", "地区生产总值 2030H1 6.8", "地区生产总值 2030-01..2030-09 5.9"], "\(r)")
  }

  /// 两年平均增长 of a part of the year is over the two years too (the store names no
  /// span of halves).
  @Test func aTwoYearAverageOfAHalfSpansTheYears() {
    let r = rows("一、2031年上半年计划执行情况\n上半年全市地区生产总值同比增长14.2%，两年平均增长6.3%。1—9月，全市规模以上工业增加值增长11.2%，两年平均增长7.1%。")
    #expect(r.first { $0.value == "6.3" }.map { ($0.measure, $0.period) } ?? ("", "") == ("avg_growth", "2030..2031"), "\(r)")
    #expect(r.first { $0.value == "7.1" }.map { ($0.measure, $0.period) } ?? ("", "") == ("avg_growth", "2030..2031"), "\(r)")
  }

  /// In a feature dated October looking back on last year, 目前 is this year.
  @Test func atPresentInAFeatureIsTheYearOfWriting() {
    let text = "县域经济跑出加速度\n2031年10月23日\n2030年全县地区生产总值增长6.1%。全县规模以上工业企业由2025年末的156家增加到目前的241家。"
    let r = rows(text)
    #expect(r.first { $0.value == "241" }?.period == "2031", "\(r)")
    #expect(r.first { $0.value == "6.1" }?.period == "2030", "\(r)")
  }

  /// Counts from a dated start to 目前 (由2025年末的156家增加到目前的241家) are both kept.
  @Test func countsFromADatedStartToNowAreKept() {
    let r = rows("一、2030年工作回顾\n全县规模以上工业企业由2025年末的156家增加到241家。全县高新技术企业由38家增加到目前的112家。")
    #expect(["156", "241", "38", "112"].allSatisfy { v in r.contains { $0.value == v } }, "\(r)")
  }

  /// A level held over a run of years (连续三年稳定在86万亩以上, 连续四年保持100%) is over them.
  @Test func aLevelHeldForYearsSpansThem() {
    let r = rows("一、2030年工作回顾\n全县粮食播种面积连续三年稳定在86万亩以上。国考断面水质优良率连续四年保持100%。")
    #expect(r.map(\.period) == ["2028..2030", "2027..2030"], "\(r)")
  }

  /// A subtitle after a masthead and the title naming a plan period reviewed (——某县“十五五”
  /// 经济社会发展成就综述) frames the text's from-to figures over the period.
  @Test func aReviewedPlanPeriodInASubtitleFramesTheText() {
    let text = "某某日报　2031年8月13日　星期五\n山乡巨变绘新景\n——某县“十五五”经济社会发展成就综述\n社会消费品零售总额由86.3亿元增加到118.7亿元，年均增长6.6%。"
    let r = rows(text)
    #expect(r.first { $0.value == "86.3" }?.period == "2025", "\(r)")
    #expect(r.first { $0.value == "6.6" }?.period == "2026..2030", "\(r)")
  }

  /// 比2025年的178.4亿元净增90.2亿元: the base figure is the base year's.
  @Test func aComparedBaseIsItsYearsOwn() {
    let r = rows("一、2030年工作回顾\n全县地区生产总值达到268.6亿元，比2025年的178.4亿元净增90.2亿元。")
    #expect(r.first { $0.value == "178.4" }?.period == "2025", "\(r)")
    #expect(r.first { $0.value == "268.6" }?.period == "2030", "\(r)")
  }

  /// A figure-less paragraph looking back over a plan period (回望“十五五”，五年来我们…。)
  /// frames the dash items after it, as a lead-in ending in —— does.
  @Test func lookingBackOverAPlanPeriodFramesTheItemsAfterIt() {
    let text = "政府工作报告\n——2031年1月19日在某市第八届人民代表大会第五次会议上\n各位代表：\n一、2030年及“十五五”时期发展回顾\n2030年，全市地区生产总值增长3.9%。\n各位代表，2030年的成绩殊为不易。回望“十五五”，五年来我们爬坡过坎、砥砺前行。\n——经济总量迈上新台阶。一般公共预算收入由106.3亿元增加到148.6亿元，年均增长6.9%。\n二、2031年主要目标\n全市地区生产总值增长6%左右。"
    let r = rows(text)
    #expect(r.first { $0.value == "106.3" }?.period == "2025", "\(r)")
    #expect(r.first { $0.value == "6.9" }?.period == "2026..2030", "\(r)")
  }
}
