import Testing

@testable import Extraction

/// Rules on newspaper pieces about a report: section tags and sidebars that
/// restate figures. Sentences written for the tests.
struct NewspaperRuleTests {
  func rows(_ text: String) -> [ProposedRow] { proposedRows(text, region: "测试市") }

  /// 【回眸2030】 opens the review, 【聚焦2031】 the plan: the plan's figures are targets.
  @Test func sectionTagsOpenTheReviewAndThePlan() {
    let text = "锚定目标吹响奋进号角\n2031年3月2日　星期六\n【回眸2030】在爬坡过坎中稳住了基本盘\n报告显示，2030年全市地区生产总值增长5.9%。\n【聚焦2031】目标定得实 路径划得清\n在扩大有效投资上，全年安排市重点项目380个，年度计划投资1000亿元以上。\n【代表声音】说到了心坎上"
    let r = rows(text)
    #expect(r.first { $0.value == "5.9" }?.scenario == "actual", "\(r)")
    #expect(r.first { $0.value == "380" }.map { ($0.scenario, $0.period) } ?? ("", "") == ("target", "2031"), "\(r)")
    #expect(r.first { $0.value == "1000" }?.scenario == "target", "\(r)")
  }

  /// A sidebar line giving a figure then its label restates the body: no second row.
  @Test func aSidebarRestatingAFigureAddsNoRow() {
    let text = "一、2030年工作回顾\n2030年全市地区生产总值2632.8亿元，增长5.9%。\n【数说报告】\n2632.8亿元　2030年全市地区生产总值\n5.9%：2030年地区生产总值增速\n48.6亿元　全市技术合同成交额"
    let r = rows(text)
    #expect(r.filter { $0.value == "2632.8" }.count == 1, "\(r)")
    #expect(r.filter { $0.value == "5.9" }.count == 1, "\(r)")
    #expect(r.contains { $0.value == "48.6" }, "\(r)")
  }

  /// 在珂州市第八届…: the name goes on after 州, so the region is 珂州市, not 在珂州;
  /// 老旧小区 and 消费市场 name no place.
  @Test func aRegionIsNotCutShortOrTakenFromAWord() {
    let text = "政府工作报告\n——2031年2月20日在珂州市第八届人民代表大会第四次会议上\n改造城镇老旧小区38个，消费市场回暖。全市地区生产总值增长5.6%。"
    let result = Extractor(lexicon: Lexicon()).extract(text)
    #expect(result.region == "珂州市", "\(result.region)")
  }
}
