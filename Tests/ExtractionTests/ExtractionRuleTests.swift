import Testing

@testable import Extraction

/// One rule per test, on sentences written for the tests (not from the seeds).
struct ExtractionRuleTests {
  let extractor = Extractor(lexicon: Lexicon())

  func rows(_ text: String, region: String? = "测试市") -> [ProposedRow] {
    extractor.extract(text, region: region).rows
  }

  @Test func growthWithUnitAndSectionYear() {
    let r = rows("一、2030年计划执行情况\n全市地区生产总值增长4.4%。")
    #expect(r.count == 1)
    #expect(r.first?.measure == "growth" && r.first?.value == "4.4" && r.first?.period == "2030")
    #expect(r.first?.scenario == "actual" && r.first?.bound == "")
  }

  @Test func synonymMapsToCanonicalName() {
    let r = rows("一、2030年计划执行情况\n规工增加值增长3.3%,社销零总额增长2.1%。")
    #expect(r.map(\.indicator) == ["规模以上工业增加值", "社会消费品零售总额"])
  }

  @Test func declineIsNegativeGrowth() {
    let r = rows("一、2030年计划执行情况\n固定资产投资同比回落1.7%。")
    #expect(r.first?.value == "-1.7" && r.first?.measure == "growth")
  }

  @Test func levelFollowedByGrowthGivesTwoRows() {
    let r = rows("一、2030年计划执行情况\n1—6月完成社会消费品零售总额77.7亿元,同比增长3.2%。")
    #expect(r.count == 2)
    #expect(r.map(\.measure) == ["level", "growth"])
    #expect(r.allSatisfy { $0.period == "2030H1" && $0.indicator == "社会消费品零售总额" })
  }

  @Test func targetsAndBoundWords() {
    let r = rows("二、2031年计划主要任务\n固定资产投资增长7%以上,地区生产总值增长6%左右,城镇调查失业率控制在5%以内。")
    #expect(r.map(\.scenario) == ["target", "target", "target"])
    #expect(r.map(\.bound) == [">=", "~", "<="])
    #expect(r.last?.measure == "ratio")
  }

  @Test func rangeTargetGivesTwoRows() {
    let r = rows("二、2031年计划主要任务\n社会消费品零售总额增长6%—6.5%。")
    #expect(r.map(\.value) == ["6", "6.5"])
    #expect(r.map(\.bound) == [">=", "<="])
  }

  @Test func relativeTarget() {
    let r = rows("二、2031年计划主要任务\n居民人均可支配收入与经济增长同步。")
    #expect(r.first?.bound == "=ref" && r.first?.ref == "地区生产总值" && r.first?.value == "")
  }

  @Test func estimateAndCompletion() {
    let r = rows("一、2030年计划执行情况\n全年预计完成地区生产总值512亿元,完成年计划的96%。")
    #expect(r.map(\.scenario) == ["estimate", "estimate"])
    #expect(r.map(\.measure) == ["level", "completion"])
  }

  @Test func enumerationWithFenbie() {
    let r = rows("一、2030年计划执行情况\n城镇居民人均可支配收入、农村居民人均可支配收入分别增长4.1%、6.3%。")
    #expect(r.map(\.indicator) == ["城镇居民人均可支配收入", "农村居民人均可支配收入"])
    #expect(r.map(\.value) == ["4.1", "6.3"])
  }

  @Test func percentagePointDifference() {
    let r = rows("一、2030年计划执行情况\n规模以上工业增加值增速低于全国0.3个百分点。")
    #expect(r.first?.measure == "pp_diff" && r.first?.value == "-0.3" && r.first?.unit == "百分点")
  }

  @Test func spanAverageGrowth() {
    let r = rows("2032年\n近三年全市固定资产投资年均增长6.6%。")
    #expect(r.first?.measure == "avg_growth")
    #expect(r.first?.period == "2029..2031")
  }

  @Test func ratioWords() {
    let r = rows("一、2030年计划执行情况\n民间投资占比达到41.5%。")
    #expect(r.first?.measure == "ratio")
  }

  @Test func quarterAndHalfYear() {
    let r = rows("一、2030年计划执行情况\n一季度地区生产总值增长3.9%。上半年固定资产投资增长2.8%。")
    #expect(r.map(\.period) == ["2030Q1", "2030H1"])
  }

  @Test func listUnitIsShared() {
    let r = rows("一、2030年计划执行情况\n三类项目分别完成投资12、34、56亿元。")
    #expect(r.map(\.value) == ["12", "34", "56"])
    #expect(r.allSatisfy { $0.unit == "亿元" })
  }

  @Test func yearsRanksAndTitlesAreNotFigures() {
    let r = rows("一、2030年计划执行情况\n排名全省第3位,出台《稳增长10条措施》,召开招聘会12场。")
    #expect(r.isEmpty)
  }

  @Test func quoteIsVerbatim() {
    let text = "一、2030年计划执行情况\n全市实现进出口总额45.6亿元,同比增长9.9%。"
    for row in rows(text) { #expect(text.contains(row.quote)) }
  }

  @Test func regionFromTitle() {
    let result = extractor.extract("2031年长河市政府工作报告\n一、2030年工作回顾\n地区生产总值增长5%。")
    #expect(result.region == "长河市")
    #expect(result.rows.first?.period == "2030")
  }

  @Test func communiqueTitleGivesTheYear() {
    let result = extractor.extract("2031年长河市国民经济和社会发展统计公报\n全年地区生产总值增长4.8%。")
    #expect(result.rows.first?.period == "2031" && result.rows.first?.note == "")
  }

  @Test func guessedYearIsNoted() {
    let r = rows("全市地区生产总值增长5.2%,2029年以来持续向好。")
    #expect(r.first?.note.contains("guessed year") == true)
  }

  @Test func unknownIndicatorKeptUnderItsPhrase() {
    let r = rows("一、2030年计划执行情况\n新建充电桩1200个。")
    #expect(r.first?.indicator == "新建充电桩")
    #expect(r.first?.note.contains("unknown indicator") == true)
  }

  /// A review listing each target with its outcome (预期目标…，完成…): the 完成
  /// figure is the outcome, measured as its target is; not a completion rate.
  @Test func outcomeAfterItsTargetInTheSameClausePair() {
    let r = rows("一、2030年工作回顾\n主要指标完成情况：工业总产值预期目标增长8%，完成8.4%；新增就业预期目标2万人，完成2.3万人；完成年度目标的115%。")
    #expect(r.contains { $0.value == "8" && $0.scenario == "target" && $0.measure == "growth" })
    #expect(r.contains { $0.value == "8.4" && $0.scenario == "actual" && $0.measure == "growth" }, "\(r)")
    #expect(r.contains { $0.value == "2.3" && $0.scenario == "actual" && $0.measure == "level" }, "\(r)")
    #expect(r.contains { $0.value == "115" && $0.measure == "completion" })
  }

  /// A period opening a paragraph dates the sentences after it only until
  /// another sentence opens with a period of its own.
  @Test func aLaterOpeningPeriodEndsTheParagraphsPeriod() {
    let r = rows("一、2030年工作回顾\n上半年，全市工业产值增长6.1%。1—10月，新增就业1.2万人。全市造林面积达到3.4万亩。")
    #expect(r.first { $0.value == "6.1" }?.period == "2030H1", "\(r)")
    #expect(r.first { $0.value == "1.2" }?.period == "2030-01..2030-10", "\(r)")
    #expect(r.first { $0.value == "3.4" }?.period == "2030", "\(r)")
  }

  // MARK: rules from the fifth blind batch (f30–f32), on sentences written for the tests

  /// An indicator's paragraph opened by its target: the first sentence opening
  /// with a part of the year dates the sentences after it (其中…, 分领域看…).
  @Test func aPartYearAfterTheTargetDatesTheParagraph() {
    let r = rows("一、2030年计划执行情况\n3.工业投资。年初预期增长9%左右。1—10月，全市工业投资增长7.1%。其中，技改投资增长12.4%。分行业看，制造业投资增长8.8%。预计全年增长8%。")
    #expect(r.first { $0.value == "9" }?.scenario == "target", "\(r)")
    for v in ["7.1", "12.4", "8.8"] { #expect(r.first { $0.value == v }?.period == "2030-01..2030-10", "\(v): \(r)") }
    #expect(r.first { $0.value == "8" }.map { "\($0.scenario) \($0.period)" } == "estimate 2030", "\(r)")
    // Opened by an outcome instead, the later sentences keep the year.
    let o = rows("一、2030年工作回顾\n全年工业投资预计增长8%。1—10月，全市工业投资增长7.1%。全市新增企业35家。")
    #expect(o.first { $0.value == "35" }?.period == "2030", "\(o)")
  }

  /// A part of the year opening the first figure's clause after words without
  /// figures opens the paragraph's period; a part inside it does not end it.
  @Test func aPartYearAfterOpeningWordsAndAPartInsideIt() {
    let r = rows("一、2030年工作回顾\n工业生产稳中有升，1—9月全市工业总产值320亿元。其中，第三季度工业总产值增长6.6%。电子信息产业产值88亿元。")
    #expect(r.first { $0.value == "320" }?.period == "2030-01..2030-09", "\(r)")
    #expect(r.first { $0.value == "6.6" }?.period == "2030Q3", "\(r)")
    #expect(r.first { $0.value == "88" }?.period == "2030-01..2030-09", "\(r)")
  }

  /// 一是…。二是…。: a numbered point is a paragraph of its own; 目前 is a time of its own.
  @Test func numberedPointsAndAtPresentKeepTheirOwnTime() {
    let r = rows("一、2030年工作回顾\n（一）项目建设。一是争取资金。1—11月，全市争取资金18亿元。目前已有4个项目通过审核、资金规模3.2亿元。二是招商引资。全市引进亿元以上项目16个。")
    #expect(r.first { $0.value == "18" }?.period == "2030-01..2030-11", "\(r)")
    #expect(r.first { $0.value == "3.2" }?.period == "2030", "\(r)")
    #expect(r.first { $0.value == "16" }?.period == "2030", "\(r)")
  }

  /// 年初预期, 预期增长 and 年初安排 state the year's plan.
  @Test func planWordsOfTheYearsStart() {
    let r = rows("一、2030年计划执行情况\n社会消费品零售总额年初预期增长7%。年初安排市重点项目120个。全市新增城镇就业1.2万人。")
    #expect(r.first { $0.value == "7" }?.scenario == "target", "\(r)")
    #expect(r.first { $0.value == "120" }?.scenario == "target", "\(r)")
    #expect(r.first { $0.value == "1.2" }?.scenario == "actual", "\(r)")
  }

  /// A decline after a plan word is the planned growth, not a completion rate.
  @Test func aPlannedDeclineIsNoCompletion() {
    let r = rows("一、2030年计划执行情况\n年计划单位工业增加值能耗下降3.5%，完成年计划的102%。")
    #expect(r.first { $0.value == "-3.5" }.map { "\($0.measure) \($0.scenario)" } == "growth target", "\(r)")
    #expect(r.first { $0.value == "102" }?.measure == "completion", "\(r)")
  }

  /// A growth rate level with another place's is 0 points apart.
  @Test func aRateLevelWithAnotherPlaceIsZeroPoints() {
    let r = rows("一、2030年工作回顾\n全市固定资产投资增长4.1%，增速与全省平均水平持平。")
    #expect(r.contains { $0.measure == "pp_diff" && $0.value == "0" }, "\(r)")
    #expect(!r.contains { $0.measure == "growth" && $0.value == "0" }, "\(r)")
  }

  /// 上年同期为… after a figure is the same indicator a year earlier, in the sentence's first period.
  @Test func theSamePeriodOfTheYearBefore() {
    let r = rows("一、2030年上半年经济运行\n上半年，全区进出口总额增长6.2%，增速比一季度加快1.1个百分点，上年同期为下降2.4%。")
    let before = r.first { $0.value == "-2.4" }
    #expect(before.map { "\($0.measure) \($0.period)" } == "growth 2029H1", "\(r)")
  }

  /// The notes closing a bulletin (附注：) hold definitions, not observations.
  @Test func notesAtTheEndHoldNoObservations() {
    let r = rows("一、2030年工作回顾\n全市地区生产总值增长5%。\n附注：\n1.规模以上服务业统计范围为年营业收入1000万元及以上的法人单位，其余门类500万元及以上。")
    #expect(r.map(\.value) == ["5"], "\(r)")
  }

  /// 预计 after a subject is that subject's estimate; the ；-parts after it are outcomes.
  /// Before the subject, it governs them all (openingEstimateGovernsTheSemicolonParts).
  @Test func anEstimateAfterItsSubjectIsOnlyThatSubjects() {
    let r = rows("一、2030年工作回顾\n据初步核算，全年地区生产总值预计达到560亿元、增长7.2%；固定资产投资增长4.1%；新增城镇就业1.8万人。")
    #expect(r.filter { ["560", "7.2"].contains($0.value) }.allSatisfy { $0.scenario == "estimate" }, "\(r)")
    #expect(r.filter { ["4.1", "1.8"].contains($0.value) }.count == 2, "\(r)")
    #expect(r.filter { ["4.1", "1.8"].contains($0.value) }.allSatisfy { $0.scenario == "actual" }, "\(r)")
  }

  /// 拉低 is a drag on growth, as 拖累 is: a negative contribution in points.
  @Test func pullingDownIsANegativeContribution() {
    let r = rows("一、2030年工作回顾\n全市房地产开发投资下降12%，拉低全部投资增速约1.7个百分点。")
    #expect(r.first { $0.measure == "pp_diff" }?.value == "-1.7", "\(r)")
  }

  /// A clause opening with the year's plan states it; a completion names it after 完成 or with 的.
  @Test func aPlanWordOpeningItsClauseIsTheTarget() {
    let r = rows("一、2030年计划执行情况\n3.城镇调查失业率。年度目标控制在5.6%以内，实际5.2%。4.新增就业。完成年度目标的104%。")
    #expect(r.first { $0.value == "5.6" }.map { "\($0.measure) \($0.scenario) \($0.bound)" } == "ratio target <=", "\(r)")
    #expect(r.first { $0.value == "104" }?.measure == "completion", "\(r)")
  }

  /// An outlook heading (五、2031年发展展望) is about the year ahead: the report
  /// reviews the year before it, whenever it was issued.
  @Test func anOutlookHeadingIsTheYearAhead() {
    let r = rows("某省县域经济发展报告\n（2031年6月）\n一、县域经济运行情况\n全省县域地区生产总值增长5.4%。\n二、2031年县域经济发展展望\n预计全省县域经济增长5%左右。")
    #expect(r.first { $0.value == "5.4" }?.period == "2030", "\(r)")
    #expect(r.first { $0.value == "5" }?.period == "2031", "\(r)")
  }

  /// A title opening with its year dates the report, not its issue date.
  @Test func aTitleOpeningWithItsYearDatesTheReport() {
    let r = rows("2030年某省县域经济发展报告\n某省统计局\n（2031年6月）\n全省县域地区生产总值增长5.4%。")
    #expect(r.first { $0.value == "5.4" }?.period == "2030", "\(r)")
  }

  /// A government work report titled with its year plans that year and reviews
  /// the one before, with or without headings.
  @Test func aWorkReportTitleYearIsItsPlanYear() {
    let r = rows("2031年某县政府工作报告\n全县地区生产总值增长5%。")
    #expect(r.first { $0.value == "5" }?.period == "2030", "\(r)")
  }

  /// A title opening with its year outranks a later numbered heading with another
  /// year that does not say it reviews (二、2031年形势研判).
  @Test func aTitleYearOutranksAnotherNumberedHeading() {
    let r = rows("2030年某市经济运行分析\n一、总体情况\n全市地区生产总值增长5.1%。\n二、2031年形势研判\n外部环境仍然复杂。")
    #expect(r.first { $0.value == "5.1" }?.period == "2030", "\(r)")
  }

  /// A title opening with its year and naming a part of it (2030年1—11月…简况)
  /// dates the release's undated figures to that part.
  @Test func aTitleWithItsYearAndAPartDatesTheFigures() {
    let r = rows("2030年1—11月某区经济运行简况\n某区统计局\n全区社会消费品零售总额增长4.6%。")
    #expect(r.first { $0.value == "4.6" }?.period == "2030-01..2030-11", "\(r)")
  }

  /// A long report is read whole (its speed is measured by `Scripts/extract-eval --speed`,
  /// not here): the same paragraph 700 times gives its figures once each.
  @Test func longReportRepeatingOneParagraph() {
    let paragraph = "全市地区生产总值增长5.1%,固定资产投资增长4%以上,新增高新技术企业35家,城镇调查失业率5.2%。"
    let text = "一、2030年计划执行情况\n" + String(repeating: paragraph + "\n", count: 700)
    #expect(text.count > 30000)
    #expect(Set(rows(text).map(\.value)) == ["5.1", "4", "35", "5.2"])
  }
  // MARK: rules from the blind reports (f05–f07), on sentences written for the tests

  @Test func openingEstimateGovernsTheSemicolonParts() {
    let r = rows("一、2030年工作回顾\n预计全年地区生产总值增长4.2%;固定资产投资增长3.1%;社会消费品零售总额完成88.8亿元。全市新增就业岗位900个。")
    #expect(r.filter { $0.value != "900" }.allSatisfy { $0.scenario == "estimate" })
    #expect(r.filter { $0.value != "900" }.count == 3)
    #expect(r.first { $0.value == "900" }?.scenario == "actual")
  }

  @Test func openingPeriodClauseGovernsTheSemicolonParts() {
    let r = rows("一、2030年工作回顾\n1—8月,全市进出口总额完成12.3亿元;实际利用外资1560万美元。")
    #expect(r.map(\.period) == ["2030-01..2030-08", "2030-01..2030-08"])
  }

  @Test func periodWrittenOntoASubjectStaysInItsPart() {
    let r = rows("一、2030年工作回顾\n1-7月规上服务业营业收入增长6.6%;全市新增规上服务业企业9家。")
    #expect(r.map(\.period) == ["2030-01..2030-07", "2030"])
  }

  @Test func midYearReviewDatesOutcomesToTheHalfAndPlansTheSameYear() {
    let text = """
      测试市关于2031年上半年工作情况和下半年工作安排的报告
      一、上半年工作情况
      全市地区生产总值同比增长4.9%,完成全年目标任务的52%。一季度,规模工业增加值增长5.5%。
      二、下半年工作安排
      全年地区生产总值增长5%左右,下半年力争新增规模以上工业企业20家。
      """
    let r = rows(text)
    #expect(r.map(\.period) == ["2031H1", "2031H1", "2031Q1", "2031", "2031H2"])
    #expect(r.map(\.scenario) == ["actual", "actual", "actual", "target", "target"])
    #expect(r[1].measure == "completion")
  }

  @Test func comparisonInPointsFollowsTheFigureBeforeIt() {
    let r = rows("一、2030年工作回顾\n上半年全市地区生产总值增长4.8%,增速比一季度加快0.3个百分点,高于全省0.2个百分点。")
    #expect(r.map(\.measure) == ["growth", "pp_diff", "pp_diff"])
    #expect(r.allSatisfy { $0.period == "2030H1" && $0.indicator.hasPrefix("地区生产总值") })
  }

  @Test func shareOfAWholeAfterALevelIsItsRatio() {
    let r = rows("一、2030年工作回顾\n全市教育支出达到9.9亿元,占一般公共预算支出的21.5%。全市研发经费支出5.2亿元,相当于地区生产总值的1.85%。")
    #expect(r.map(\.measure) == ["level", "ratio", "level", "ratio"])
    #expect(r.contains { $0.value == "21.5" && $0.measure == "ratio" && $0.indicator.hasSuffix("占比") })
    #expect(r.contains { $0.value == "1.85" && $0.measure == "ratio" })
  }

  @Test func concentrationAndPerMilleUnits() {
    let r = rows("一、2030年工作回顾\n细颗粒物年平均浓度为29微克/立方米,出生率5.9‰。")
    #expect(r.contains { $0.value == "29" && $0.unit == "微克/立方米" && $0.measure == "level" })
    #expect(r.contains { $0.value == "5.9" && $0.unit == "‰" && $0.measure == "ratio" })
  }

  @Test func priceRiseTargetIsGrowth() {
    let r = rows("二、2031年计划主要任务\n居民消费价格涨幅2.5%左右。")
    #expect(r.first?.measure == "growth" && r.first?.value == "2.5" && r.first?.bound == "~")
  }

  @Test func sharedFigureWithHeAppliesToBothSubjects() {
    let r = rows("一、2030年工作回顾\n广播和电视节目综合人口覆盖率均为99.9%。")
    #expect(r.count == 2 && r.allSatisfy { $0.value == "99.9" && $0.measure == "ratio" })
  }

  @Test func countsOfCooperativesFarmsScenicSpotsAndParcelsAreKept() {
    let r = rows("一、2030年工作回顾\n新增农民专业合作社17家、家庭农场41家,年末A级旅游景区23家,快递业务量1.9亿件。")
    #expect(r.map(\.value) == ["17", "41", "23", "1.9"])
  }

  @Test func estimateBeforeTheFirstFigureGovernsEveryClause() {
    let r = rows("一、2030年工作回顾\n综合分析,预计全年地区生产总值增长4.5%左右,固定资产投资增长3%,一般公共预算收入完成9.9亿元。")
    #expect(r.count == 3 && r.allSatisfy { $0.scenario == "estimate" && $0.period == "2030" && $0.bound == "" })
  }

  @Test func partYearOperationReviewAndFullYearProjection() {
    let text = """
      一、2030年前三季度经济运行情况
      全区社会消费品零售总额完成55.5亿元,完成年度目标的70.1%。
      二、全年预计
      预计全年社会消费品零售总额增长4%左右。
      """
    let r = rows(text)
    #expect(r.map(\.period) == ["2030-01..2030-09", "2030-01..2030-09", "2030"])
    #expect(r.map(\.scenario) == ["actual", "actual", "estimate"])
  }
  // MARK: plan and budget reports (blind reports f09–f11)

  @Test func planReportIndicatorListItemNamesItsColumns() {
    let text = """
      一、2030年计划执行情况
      2.规模以上工业增加值增速。预期目标6.5%，执行情况5.9%。
      6.实际利用外资。预期目标1.8亿美元，执行情况1.62亿美元，完成年度计划的90%。
      """
    let r = rows(text)
    #expect(r.map(\.indicator) == ["规模以上工业增加值", "规模以上工业增加值", "实际利用外资", "实际利用外资", "实际利用外资"])
    #expect(r.map(\.measure) == ["growth", "growth", "level", "level", "completion"])
    #expect(r.map(\.scenario) == ["target", "actual", "target", "actual", "actual"])
    #expect(r.map(\.bound) == ["=", "", "=", "", ""])
  }

  @Test func listItemHeadedByAnUnknownGrowthRateAndALevelColumn() {
    let text = """
      一、2030年计划执行情况
      4.居民消费价格涨幅。预期目标2.5%左右，执行情况0.7%。
      5.社会消费品零售总额增速。预期目标7%，执行情况6.4%，总额为812.3亿元。
      """
    let r = rows(text)
    #expect(r.map(\.indicator) == ["居民消费价格", "居民消费价格", "社会消费品零售总额", "社会消费品零售总额", "社会消费品零售总额"])
    #expect(r.map(\.measure) == ["growth", "growth", "growth", "growth", "level"])
    #expect(r.map(\.scenario) == ["target", "actual", "target", "actual", "actual"])
  }

  @Test func narrativeListItemHeadingIsNoSubject() {
    // "…稳步增长。" is a narrative heading, not an indicator column.
    let r = rows("一、2030年工作回顾\n3.消费市场稳步增长。预期目标完成，网络零售额增长9.1%。")
    #expect(r.first?.indicator == "网络零售额" && r.first?.measure == "growth")
  }

  @Test func minusSignBeforeAFigureIsNegative() {
    let r = rows("一、2030年计划执行情况\n7.进出口总额增速。预期目标6%，执行情况-2.8%。")
    #expect(r.last?.value == "-2.8" && r.last?.measure == "growth" && r.last?.scenario == "actual")
    // A dash between two numbers is a range, not a sign.
    #expect(rows("二、2031年计划主要任务\n力争引进企业1-2家。").map(\.value) == ["1", "2"])
  }

  @Test func budgetDraftSectionIsThePlan() {
    let text = """
      一、2030年预算执行情况
      全市一般公共预算收入完成88.6亿元，为预算的100.4％，同口径增长3.2％。
      二、2031年预算草案
      全市一般公共预算收入预期安排91.5亿元，增长3％左右；安排教育支出20.4亿元，增长2％。
      """
    let r = rows(text)
    #expect(r.map(\.period) == ["2030", "2030", "2030", "2031", "2031", "2031", "2031"])
    #expect(r.map(\.scenario) == ["actual", "actual", "actual", "target", "target", "target", "target"])
    #expect(r.map(\.measure) == ["level", "completion", "growth", "level", "growth", "level", "growth"])
    #expect(r[1].indicator == "一般公共预算收入" && r[2].indicator == "一般公共预算收入")
    #expect(r[5].indicator == "教育支出")
  }

  @Test func shareStatedWithItsSubjectInOneClause() {
    let r = rows("一、2030年工作回顾\n全县民生支出占一般公共预算支出的81.2%。")
    #expect(r.count == 1 && r.first?.measure == "ratio" && r.first?.value == "81.2")
    #expect(r.first?.indicator == "民生支出占比")
  }

  @Test func urbanAndRuralPairWithFenbie() {
    let r = rows("一、2030年工作回顾\n城乡居民人均可支配收入分别达到41200元、19800元，分别增长4.6%、6.9%。")
    #expect(r.map(\.indicator) == ["城镇居民人均可支配收入", "农村居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入"])
    #expect(r.map(\.measure) == ["level", "level", "growth", "growth"])
  }

  @Test func thresholdInsideTheNounIsNoBound() {
    let r = rows("二、2031年计划主要任务\n力争签约亿元以上项目25个，引进企业40家以上。")
    #expect(r.map(\.bound) == ["=", ">="])
  }
  @Test func partYearPeriodOpeningAParagraphDatesItsLaterSentences() {
    let text = """
      一、2030年计划执行情况
      3.外贸稳中有进。1—8月，进出口总额增长6.1%。实际使用外资2100万美元，新增外贸企业12家，预计全年新增30家。
      """
    let r = rows(text)
    #expect(r.map(\.period) == ["2030-01..2030-08", "2030-01..2030-08", "2030-01..2030-08", "2030"])
    #expect(r.map(\.scenario) == ["actual", "actual", "actual", "estimate"])
  }

  @Test func relativeTargetInAListItemTakesTheHeadingAsSubject() {
    let text = """
      一、2030年计划执行情况
      6.城乡居民人均可支配收入：年初预期目标与经济增长同步，预计全年增长5.2%。
      """
    let r = rows(text)
    #expect(r.contains { $0.indicator == "城乡居民人均可支配收入" && $0.bound == "=ref" && $0.ref == "地区生产总值" && $0.period == "2030" })
    #expect(r.contains { $0.value == "5.2" && $0.scenario == "estimate" && $0.indicator == "城乡居民人均可支配收入" })
  }

  // MARK: rules from the news story and monthly release (f16, f17), on sentences written for the tests

  @Test func datelineInTheFirstQuarterReviewsTheYearBefore() {
    let text = "长河日报 2032年2月3日\n去年全市地区生产总值增长4.7%；今年预期增长5%左右，明年力争增长5.5%。\n城镇新增就业2.3万人。"
    let r = rows(text)
    #expect(r.map(\.period) == ["2031", "2032", "2033", "2031"])
    #expect(r.map(\.scenario) == ["actual", "target", "target", "actual"])
  }

  @Test func datelineLateInTheYearReviewsItsOwnYear() {
    let r = rows("长河县统计局\n2032年11月30日\n今年以来，全县规模以上工业增加值增长6.1%。")
    #expect(r.first?.period == "2032" && r.first?.scenario == "actual")
  }

  @Test func relativeYearWithoutDatelineIsTheSectionYear() {
    let r = rows("一、2030年工作回顾\n今年以来，全市固定资产投资增长3.3%，比去年同期加快1.2个百分点。")
    #expect(r.map(\.period) == ["2030", "2030"])
  }

  @Test func relativeYearOpeningASentenceGovernsItsSemicolonParts() {
    let r = rows("长河日报 2032年1月20日\n今年将开工市重点项目80个；新增规模以上工业企业40家以上。")
    #expect(r.map(\.period) == ["2032", "2032"])
    #expect(r.map(\.scenario) == ["target", "target"])
  }

  @Test func periodAfterAComparisonWordIsTheComparator() {
    let r = rows("一、2030年工作回顾\n1—9月，全市固定资产投资下降1.9%，降幅比1—8月收窄0.6个百分点，增速比上半年回升1.1个百分点。")
    #expect(r.map(\.period) == ["2030-01..2030-09", "2030-01..2030-09", "2030-01..2030-09"])
    #expect(r.map(\.value) == ["-1.9", "0.6", "1.1"])
  }

  @Test func singleQuartersButNotTheFirstThreeQuarters() {
    let r = rows("一、2030年工作回顾\n第二季度地区生产总值增长4.1%，四季度增长4.6%，前三季度增长4.3%，连续三季度保持增长4%以上。")
    #expect(Array(r.map(\.period).prefix(3)) == ["2030Q2", "2030Q4", "2030-01..2030-09"])
    #expect(!r.map(\.period).contains("2030Q3"))
  }

  @Test func monthEndStockIsThatMonth() {
    let r = rows("一、2030年工作回顾\n9月末，全市金融机构存款余额612.5亿元；贷款余额498.1亿元。6月底生猪存栏8.2万头。")
    #expect(r.map(\.period) == ["2030-09", "2030-09", "2030-06"])
  }

  @Test func flatIsZeroGrowth() {
    let r = rows("一、2030年工作回顾\n全市粮食产量与上年持平，蔬菜产量同比持平，水产品产量与上年基本持平，建筑业增速与上年持平。")
    #expect(r.map(\.value) == ["0", "0"])
    #expect(r.allSatisfy { $0.measure == "growth" && $0.unit == "%" })
    #expect(r.first?.quote == "全市粮食产量与上年持平")
  }

  @Test func growthInMultiplesIsAPercentage() {
    let r = rows("一、2030年工作回顾\n跨境电商交易额增长2.15倍，快递业务量增长1倍，新能源汽车保有量是上年的1.4倍。")
    #expect(r.map(\.value) == ["215", "100"])
    #expect(r.allSatisfy { $0.measure == "growth" && $0.unit == "%" })
  }

  @Test func areaAndVolumeUnits() {
    let r = rows("一、2030年工作回顾\n油菜种植面积3.6万公顷，新增供水能力12万立方米，复垦耕地1.8千公顷。")
    #expect(r.map(\.unit) == ["万公顷", "万立方米", "千公顷"])
  }

  @Test func relativeTargetTakesTheSentenceYear() {
    let r = rows("长河日报 2032年1月20日\n今年的主要预期目标是：居民人均可支配收入增长与经济增长同步。")
    #expect(r.first?.bound == "=ref" && r.first?.period == "2032")
  }

  @Test func headlineFigureTakesTheBodyQuote() {
    let text = "长河市两会观察：今年GDP预期增长5.5%左右\n长河日报 2032年1月20日\n报告提出，今年全市地区生产总值增长5.5%左右，固定资产投资增长6%。"
    let r = rows(text)
    #expect(r.count == 2)
    #expect(r.first?.quote.hasPrefix("报告提出") == true || r.first?.quote.hasPrefix("今年全市") == true)
    #expect(r.first?.bound == "~" && r.first?.period == "2032")
  }

  @Test func fifteenthFiveYearPlanSpan() {
    let r = rows("二、2031年计划主要任务\n“十五五”时期，全市地区生产总值年均增长5%以上。")
    #expect(r.first?.period == "2026..2030" && r.first?.measure == "avg_growth")
  }

  @Test func numberedWorkPlanHeadingOpensThePlan() {
    let r = rows("一、2030年工作总结\n全镇地区生产总值增长5.9%。\n二、2031年工作计划\n新建高标准农田6000亩，新增城镇就业500人以上。")
    #expect(r.map(\.scenario) == ["actual", "target", "target"])
    #expect(r.map(\.period) == ["2030", "2031", "2031"])
  }

  @Test func aTextSpeakingOfNextYearIsWrittenInItsReviewYear() {
    let text = """
      在全县2030年经济工作会议上的讲话
      一、今年工作成效明显
      今年全县地区生产总值预计增长5.3%。
      二、明年工作的总体要求
      明年计划实施县重点项目120个，力争固定资产投资增长6%。
      """
    let r = rows(text)
    #expect(r.map(\.period) == ["2030", "2031", "2031"])
    #expect(r.map(\.scenario) == ["estimate", "target", "target"])
  }

  @Test func yearSpanEndIsNotAPeriodOfItsOwn() {
    let r = rows("一、2031年工作回顾\n2026—2030年全市固定资产投资年均增长7.2%。")
    #expect(r.first?.period == "2026..2030" && r.first?.measure == "avg_growth")
  }

  @Test func yearNamingAPlanIsNotTheFiguresPeriod() {
    let r = rows("一、2031年工作回顾\n全市地区生产总值达到1860亿元，完成2033年目标值的84.5%。")
    #expect(r.map(\.period) == ["2031", "2031"])
    #expect(r.last?.measure == "completion" && r.last?.scenario == "actual")
  }

  @Test func yearToDateReviewHeadingDatesUndatedOutcomes() {
    let text = """
      一、2031年1—8月计划执行情况
      全县一般公共预算收入21.4亿元，增长3.2%。预计全年增长4%。
      """
    let r = rows(text)
    #expect(r.map(\.period) == ["2031-01..2031-08", "2031-01..2031-08", "2031"])
    #expect(r.map(\.scenario) == ["actual", "actual", "estimate"])
  }

  @Test func numberedHeadingNamingAYearsPlanOpensThePlan() {
    let text = """
      一、2031年1-10月计划执行情况
      全镇城镇新增就业620人。
      二、2032年计划初步安排
      全镇城镇新增就业700人以上。
      """
    let r = rows(text)
    #expect(r.map(\.period) == ["2031-01..2031-10", "2032"])
    #expect(r.map(\.scenario) == ["actual", "target"])
    // How an arrangement went is a review, not a plan.
    let review = rows("一、2031年工作回顾\n（二）2031年项目安排落实情况\n全年实施重点项目118个，完成投资96.2亿元。")
    #expect(review.allSatisfy { $0.scenario == "actual" && $0.period == "2031" })
  }

  @Test func targetInAPartYearReviewIsForTheWholeYear() {
    let r = rows("一、2031年1—8月计划执行情况\n1.规模以上工业增加值。年计划增长7%左右。1—8月，规模以上工业增加值增长6.6%。")
    #expect(r.map(\.period) == ["2031", "2031-01..2031-08"])
    #expect(r.map(\.scenario) == ["target", "actual"])
  }

  @Test func comparisonWithAnotherIndicatorsRateIsAboutTheFigureBefore() {
    let r = rows("一、2030年工作回顾\n农村居民人均可支配收入增长6.1%，快于地区生产总值增速0.7个百分点；城镇居民人均可支配收入增长4.2%，慢于经济增长1.2个百分点。")
    let pp = r.filter { $0.measure == "pp_diff" }
    #expect(pp.map(\.value) == ["0.7", "-1.2"])
    #expect(pp.map(\.indicator) == ["农村居民人均可支配收入", "城镇居民人均可支配收入"])
  }

  @Test func firstYearsOfAPlanPeriod() {
    let r = rows("一、2030年工作回顾\n“十五五”前三年，全县一般公共预算收入年均增长4.1%。")
    #expect(r.first?.period == "2026..2028" && r.first?.measure == "avg_growth")
  }

  @Test func yearsUpToTheSectionYearOpenAParagraph() {
    let r = rows("一、2030年工作回顾\n五年来，全市固定资产投资年均增长6.4%；一般公共预算收入年均增长3.3%。常住人口城镇化率由51.2%提高到57.9%，累计新增城镇就业8.6万人。")
    #expect(r.map(\.period) == ["2026..2030", "2026..2030", "2025", "2030", "2026..2030"])
    #expect(r.map(\.measure) == ["avg_growth", "avg_growth", "ratio", "ratio", "level"])
  }

  @Test func aStartingYearDatesOnlyTheFigureAfterIt() {
    let r = rows("一、2030年工作回顾\n五年来，全县地区生产总值从2025年的318.4亿元增加到402.6亿元，年均增长4.8%。")
    #expect(r.map(\.period) == ["2025", "2030", "2026..2030"])
  }

  @Test func averageGrowthToAHorizonYearRunsFromThePlanYear() {
    let r = rows("二、2031年主要目标\n今后五年，力争到2035年全市地区生产总值年均增长5%左右。")
    #expect(r.first?.period == "2031..2035" && r.first?.scenario == "target" && r.first?.bound == "~")
    let s = rows("二、2031年主要目标\n今后五年，全市一般公共预算收入年均增长4%以上。")
    #expect(s.first?.period == "2031..2035")
  }

  @Test func industryStructureIsThreeShares() {
    let r = rows("某县2031年国民经济和社会发展统计公报\n三次产业结构由上年的9.1:41.2:49.7调整为8.8:40.6:50.6。")
    #expect(r.map(\.value) == ["9.1", "41.2", "49.7", "8.8", "40.6", "50.6"])
    #expect(r.map(\.period) == ["2030", "2030", "2030", "2031", "2031", "2031"])
    #expect(r.allSatisfy { $0.measure == "ratio" && $0.unit == "%" })
    #expect(r.map(\.indicator).prefix(3) == ["第一产业增加值占比", "第二产业增加值占比", "第三产业增加值占比"])
  }

  @Test func modifiersListedBeforeASharedNounTakeIt() {
    let r = rows("一、2030年工作回顾\n城镇、农村最低生活保障标准分别提高到每人每月720元、每人每年6100元。")
    #expect(r.map(\.indicator) == ["城镇最低生活保障标准", "农村最低生活保障标准"])
    #expect(r.map(\.value) == ["720", "6100"])
  }

  @Test func poultryAndBookUnits() {
    let r = rows("某县2031年国民经济和社会发展统计公报\n全年家禽出栏312.5万羽，公共图书馆藏书28.4万册。")
    #expect(r.map(\.unit) == ["万羽", "万册"])
  }

  @Test func planPeriodSinceRunsToTheSectionYear() {
    let r = rows("一、2028年工作回顾\n“十五五”以来，全市规模以上工业增加值年均增长8.3%。")
    #expect(r.first?.period == "2026..2028" && r.first?.measure == "avg_growth")
  }

  @Test func aSpanOpeningAParagraphDatesOnlyCumulativeAndAverageFigures() {
    let r = rows("一、2030年工作回顾\n五年来，全市规模以上工业增加值年均增长7.7%。累计建成5G基站4200个。城镇居民人均可支配收入51230元，增长4.6%。")
    #expect(r.map(\.period) == ["2026..2030", "2026..2030", "2030", "2030"])
    #expect(r.last?.measure == "growth")
  }

  @Test func aFigurelessSpanOpenerDatesTheParagraph() {
    let r = rows("一、2030年及过去五年工作回顾\n——这五年，开放水平明显提升。外贸企业由40家增加到65家，进出口总额年均增长9.2%，森林覆盖率达到58.1%。")
    #expect(r.map(\.period) == ["2025", "2030", "2026..2030", "2030"])
    #expect(r.map(\.measure) == ["level", "level", "avg_growth", "ratio"])
  }

  @Test func whatWasAddedOverASpanIsTheSpans() {
    let r = rows("一、2030年工作回顾\n——这五年，民生保障更加有力。新增托位2300个，完成危房改造680户，常住人口城镇化率五年提高4.2个百分点，养老机构达到36家。")
    #expect(r.map(\.period) == ["2026..2030", "2026..2030", "2026..2030", "2030"])
    #expect(r.map(\.measure) == ["level", "level", "pp_diff", "level"])
  }

  @Test func cumulativeOpeningASentenceGovernsItsClausesInASpan() {
    let r = rows("一、2030年工作回顾\n这五年，招商成效明显。累计签约产业项目84个，实际到位资金215亿元。")
    #expect(r.map(\.period) == ["2026..2030", "2026..2030"])
  }

  @Test func aLongFigurelessClauseNamingASpanOpensTheSentence() {
    let r = rows("二、今后五年和2031年主要目标\n2031年是新一轮规划开局之年。今后五年全市发展的主要目标是：一般公共预算收入年均增长5%以上；高新技术企业突破400家。")
    #expect(r.map(\.period) == ["2031..2035", "2035"])
    #expect(r.allSatisfy { $0.scenario == "target" })
  }

  @Test func aFromToCountIsJudgedByItsSubject() {
    let r = rows("一、2030年工作回顾\n五年来，外贸企业由40家增加到65家。")
    #expect(r.map(\.value) == ["40", "65"])
    #expect(r.map(\.period) == ["2025", "2030"])
    #expect(r.map(\.indicator) == ["外贸企业", "外贸企业"])
  }

  @Test func aSpanBeforeTheFirstFigureClauseGovernsTheSentence() {
    let r = rows("二、今后五年和2031年主要目标\n按照市委的部署，今后五年全市发展的主要目标是：高新技术企业突破400家；湿地保护率稳定在70%以上；城乡居民人均可支配收入增长与经济增长同步。")
    #expect(r.map(\.period) == ["2035", "2035", "2031..2035"])
    #expect(r.map(\.measure) == ["level", "ratio", "avg_growth"])
  }

  @Test func aSingleMonthIsItsOwnPeriod() {
    let r = rows("一、2031年上半年经济运行情况\n上半年，全市出口总额增长4.4%。其中5月份增长6.3%，比4月份加快1.1个百分点。")
    #expect(r.map(\.period) == ["2031H1", "2031-05", "2031-05"])
  }

  @Test func anAppliedRateIsARatioNotACompletion() {
    let r = rows("三、2031年预算草案\n县本级预备费按支出预算的2%安排。土地出让收益计提比例提高到15%。")
    #expect(r.map(\.measure) == ["ratio", "ratio"])
    #expect(r.allSatisfy { $0.scenario == "target" && $0.period == "2031" })
  }

  @Test func aSettledFigureInAPlanIsAnOutcome() {
    let r = rows("三、2031年预算草案\n上级已提前下达2031年新增债务限额18.4亿元，其中专项债务限额15.1亿元。")
    #expect(r.map(\.scenario) == ["actual", "actual"])
  }

  @Test func averageGrowthAfterFromYearToYear() {
    let r = rows("一、2030年工作回顾\n全市地区生产总值由2025年的640.2亿元增加到2030年的815.9亿元，年均增长5.0%。")
    #expect(r.map(\.period) == ["2025", "2030", "2026..2030"])
  }

  @Test func structureAndFromFiguresInASpanParagraph() {
    let r = rows("一、2030年工作回顾\n——这五年，发展质量稳步提升。三次产业结构由12.1:40.3:47.6调整为10.4:41.0:48.6。2030年全市优良天数比例达到91.5%，细颗粒物平均浓度由41微克/立方米下降到31微克/立方米。")
    #expect(r.map(\.period) == ["2025", "2025", "2025", "2030", "2030", "2030", "2030", "2025", "2030"])
  }

  @Test func aChangeSinceAPlanPeriodsEndRunsOverTheNextOne() {
    let r = rows("一、2030年工作回顾\n——这五年，安全形势持续向好。火灾起数、亡人数分别比“十四五”期末下降31%和25%。")
    #expect(r.map(\.period) == ["2026..2030", "2026..2030"])
    #expect(r.map(\.measure) == ["growth", "growth"])
    #expect(r.map(\.value) == ["-31", "-25"])
  }

  @Test func theShareOfIndustriesGrowingIsARatio() {
    let r = rows("一、2031年上半年经济运行情况\n在38个工业大类行业中，25个行业增加值增长，增长面为65.8%。")
    #expect(r.last?.measure == "ratio" && r.last?.value == "65.8")
  }

  @Test func plannedInvestmentQualifiesAProject() {
    let r = rows("一、2031年上半年经济运行情况\n上半年，全县新开工计划总投资5000万元以上项目64个。")
    #expect(r.last?.scenario == "actual" && r.last?.value == "64")
  }

  @Test func aYearEndingInFiveNamesNoSpan() {
    let r = rows("一、2035年工作回顾\n2035年是规划收官之年。全年新增城镇就业5200人；新增规模以上工业企业19家。")
    #expect(r.map(\.period) == ["2035", "2035"])
  }

  @Test func asOfAMonthEndIsThatMonth() {
    let r = rows("一、2031年上半年经济运行情况\n截至5月末，全县实有经营主体12.4万户，比上年末增长3.1%。")
    #expect(r.map(\.period) == ["2031-05", "2031-05"])
  }

  @Test func aLevelAgainstAnAverageIsARatio() {
    let r = rows("一、2030年工作回顾\n全县人均地区生产总值仅为全国平均水平的64%左右。")
    #expect(r.first?.measure == "ratio" && r.first?.value == "64")
    #expect(r.first?.indicator == "人均地区生产总值相当于全国平均水平")
  }

  @Test func aQuoteWrittenTwiceTakesTheClauseBefore() {
    let r = rows("一、2030年工作回顾\n全县货运量1.2亿吨，增长4.5%。工业投资增长4.5%。")
    #expect(r.map(\.quote) == ["全县货运量1.2亿吨", "全县货运量1.2亿吨，增长4.5%", "工业投资增长4.5%"])
  }

  @Test func aPlanPeriodNameDoesNotOpenAParagraph() {
    let r = rows("二、2031年主要目标\n2031年是“十六五”开局之年。全市城镇新增就业3.2万人以上。")
    #expect(r.first?.period == "2031")
  }

  @Test func industryStructureInAPartYearReview() {
    let r = rows("一、2031年上半年工作情况\n三次产业比例由上年同期的10.2∶39.5∶50.3调整为9.8∶40.1∶50.1。")
    #expect(r.map(\.period) == ["2030H1", "2030H1", "2030H1", "2031H1", "2031H1", "2031H1"])
  }

  @Test func annualTargetLabelInAnItemTakesTheHeading() {
    let r = rows("一、2031年1—6月计划执行情况\n2．固定资产投资。年度预期目标增长7%。1—6月，全县固定资产投资增长3.9%。")
    #expect(r.map(\.indicator) == ["固定资产投资", "固定资产投资"])
    #expect(r.map(\.period) == ["2031", "2031H1"])
  }

  @Test func aYearlessPartTitleDatedByItsDatelineReviewsThatPart() {
    let r = rows("前三季度全市经济稳中有进\n某市统计局\n2032年10月25日\n\n全市工业用电量8.4亿千瓦时，增长3.1%。")
    #expect(r.map(\.period) == ["2032-01..2032-09", "2032-01..2032-09"])
    // A plan title names no reviewed part.
    let plan = rows("上半年重点工作安排\n某市人民政府\n2032年1月5日\n\n全市工业用电量增长3%。")
    #expect(plan.allSatisfy { !$0.period.contains("..") && !$0.period.contains("H") })
  }

  @Test func aFigureBeforeDeTargetIsATarget() {
    let r = rows("一、2031年工作回顾\n全县税收收入增长3.5%。今后要围绕全年税收收入增长4%左右的目标抓好征管。")
    #expect(r.map(\.scenario) == ["actual", "target"])
    #expect(r.last?.bound == "~")
  }

  @Test func aPartDatedByItselfKeepsTheParagraphPeriodFromItsLaterParts() {
    let r = rows(
      "一、2032年上半年工作情况\n就业形势稳定。6月末，全市城镇登记失业率为2.6%。上半年共发放稳岗补贴3200万元，增长4.2%；发放技能培训补贴860万元。")
    #expect(r.map(\.period) == ["2032-06", "2032H1", "2032H1", "2032H1"])
  }

  @Test func piecesCountedWithZhiAreAUnit() {
    let r = rows("一、2031年工作回顾\n光伏组件产量2.4亿只，增长12.5%。这只是开始。")
    #expect(r.map(\.indicator) == ["光伏组件产量", "光伏组件产量"])
    #expect(r.first?.unit == "亿只" && r.first?.value == "2.4")
  }

  @Test func fromToWithYearsWrittenOnTakesTheSubject() {
    let r = rows("一、2030年工作回顾\n五年来，全区工业投资由2025年的50.2亿元增加到2030年的80.6亿元。")
    #expect(r.map(\.indicator) == ["工业投资", "工业投资"])
    #expect(r.map(\.period) == ["2025", "2030"])
    #expect(r.map(\.measure) == ["level", "level"])
  }

  @Test func aRelativeTargetAgainstAnotherGroupNamesThatGroupsIndicator() {
    var lexicon = Lexicon()
    lexicon.add([("民营企业投资", "民营企业投资")])
    let r = Extractor(lexicon: lexicon).extract("二、2031年主要目标\n民营企业投资增速高于国有企业。", region: "测试市").rows
    #expect(r.count == 1)
    #expect(r.first?.bound == ">ref" && r.first?.ref == "国有企业投资" && r.first?.indicator == "民营企业投资")
  }
}
