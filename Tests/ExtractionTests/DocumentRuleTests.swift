import Testing

@testable import Extraction

/// The thirteenth round's rules (document frame, notes, goals in lists, plans
/// by the year), one per test, on sentences written for the tests.
struct DocumentRuleTests {
  let extractor = Extractor(lexicon: Lexicon())

  func rows(_ text: String) -> [ProposedRow] { extractor.extract(text, region: "测试县").rows }

  /// 1—6月 and 上半年 are one period: the extractor names it as the store does.
  @Test func monthsOfAHalfAreNamedAsTheHalf() {
    let r = rows("一、2030年计划执行情况\n1—6月全县地区生产总值增长5.1%；1—3月全县地区生产总值增长4.8%。")
    #expect(r.map(\.period) == ["2030H1", "2030Q1"], "\(r)")
  }

  /// Notes end at the first line after them that is not a numbered item:
  /// a press conference's questions come after the release's notes.
  @Test func notesEndAtTheFirstLineThatIsNotANote() {
    let text = "某县2030年一季度经济运行情况\n一季度全县地区生产总值增长5.1%。\n注释：\n1.规模以上工业统计范围为年主营业务收入2000万元及以上的工业法人单位。\n2.部分数据因四舍五入存在总计与分项合计不等的情况。\n记者：请介绍投资情况。\n发言人：一季度全县固定资产投资增长6.2%。"
    let r = rows(text)
    #expect(r.map(\.value) == ["5.1", "6.2"], "\(r)")
    #expect(!r.contains { $0.value == "2000" })
  }

  @Test func numberedItems() {
    #expect(Extractor.opensNumberedItem(Array("1.地区生产总值按现价计算")))
    #expect(Extractor.opensNumberedItem(Array("12．部分数据")))
    #expect(Extractor.opensNumberedItem(Array("（3）资料来源")))
    #expect(Extractor.opensNumberedItem(Array("②高技术制造业")))
    #expect(!Extractor.opensNumberedItem(Array("2030年全县地区生产总值")))
    #expect(!Extractor.opensNumberedItem(Array("3.5万人参加")))
  }

  /// Figures listed with 、 up to 的预期目标 are all targets.
  @Test func aListEndingInAGoalIsAllTargets() {
    let r = rows("2030年5月10日\n发言人：市政府工作报告确定，今年全县地区生产总值增长5.5%以上、规模以上工业增加值增长7%左右、社会消费品零售总额增长6%的预期目标。")
    #expect(r.map(\.scenario) == ["target", "target", "target"], "\(r)")
  }

  /// A text written in May looking back, with no part of the year to review:
  /// its undated figures are last year's, its 1—4月 this year's and done.
  @Test func aTextWrittenMidYearLooksBackOnLastYear() {
    let text = "山区县的五年\n2031年5月18日\n全县地区生产总值达到248.6亿元。1—4月，全县固定资产投资增长7.6%。"
    let r = rows(text)
    #expect(r.first { $0.value == "248.6" }?.period == "2030", "\(r)")
    let ytd = r.first { $0.value == "7.6" }
    #expect(ytd?.period == "2031-01..2031-04" && ytd?.scenario == "actual", "\(r)")
  }

  /// A subtitle framing the text by a plan period (——某县“十四五”以来…综述) dates
  /// its undated from-to and average figures over that span.
  @Test func aTitleSpanFramesFromToFigures() {
    let text = "山区县跑出加速度\n——某县“十四五”以来经济社会发展综述\n2026年5月18日\n农村居民人均可支配收入由16250元增加到22960元，年均增长7.2%。"
    let r = rows(text)
    #expect(r.first { $0.value == "16250" }?.period == "2020", "\(r)")
    #expect(r.first { $0.value == "22960" }?.period == "2025", "\(r)")
    #expect(r.first { $0.value == "7.2" }?.period == "2021..2025", "\(r)")
  }

  /// 10月当月 is that month alone.
  @Test func theMonthItselfIsAMonth() {
    let r = rows("2030年1—10月全区经济运行情况\n1—10月，全区规模以上工业增加值增长8.6%，其中10月当月增长9.8%。")
    #expect(r.first { $0.value == "9.8" }?.period == "2030-10", "\(r)")
  }

  /// A completion rate after a projection is projected for the same period.
  @Test func aProjectedCompletionTakesTheProjectionsPeriod() {
    let r = rows("2030年1—10月全区经济运行情况\n预计全年：地区生产总值增长5.8%，完成年度目标的99.8%；固定资产投资增长4%左右，完成年度目标的97.2%。")
    let completion = r.first { $0.value == "97.2" }
    #expect(completion?.scenario == "estimate" && completion?.period == "2030", "\(r)")
  }

  /// The year's target quoted in a part-year sentence is the year's; so is 年初预算.
  @Test func theYearsTargetInAPartYearSentenceIsTheYears() {
    let r = rows("2030年1—10月全区经济运行情况\n1—10月，全区实际到位内资78.3亿元，完成年度目标96亿元的81.6%。一般公共预算收入年初预算为24.6亿元。")
    let target = r.first { $0.value == "96" }
    #expect(target?.scenario == "target" && target?.period == "2030", "\(r)")
    let budget = r.first { $0.value == "24.6" }
    #expect(budget?.scenario == "target" && budget?.period == "2030", "\(r)")
  }

  /// A paragraph opened by a target whose sentence goes on with a part-year
  /// period (…年度目标为增长7%，1—11月增长4.2%。其中，…): its later sentences take that part.
  @Test func aTargetThenItsPartYearOutcomeDatesTheParagraph() {
    let r = rows("一、2030年计划执行情况\n固定资产投资年度目标为增长7%，1—11月增长4.2%。其中，工业投资增长13.6%。")
    #expect(r.first { $0.value == "13.6" }?.period == "2030-01..2030-11", "\(r)")
  }

  /// 年度目标 after its subject (城镇调查失业率年度目标控制在5.5%以内) states the target.
  @Test func aPlanWordAfterItsSubjectStatesTheTarget() {
    let r = rows("一、2030年计划执行情况\n城镇调查失业率年度目标控制在5.5%以内，1—11月为5.1%。")
    let target = r.first { $0.value == "5.5" }
    #expect(target?.scenario == "target" && target?.measure == "ratio", "\(r)")
  }

  /// An increment over last year or the start of the year, right after its
  /// level, is a level row of its own named by the level and its base.
  @Test func anIncrementIsALevelOfItsOwn() {
    let r = rows("一、2030年工作回顾\n年末规模以上工业企业172家，比上年净增11家。常住人口43.52万人，比上年末减少0.31万人。年末存款余额386.5亿元，比年初增加31.2亿元，增长8.8%。")
    #expect(r.first { $0.value == "11" }?.indicator == "规模以上工业企业比上年增加", "\(r)")
    #expect(r.first { $0.value == "-0.31" }?.indicator == "常住人口比上年末增加", "\(r)")
    let deposits = r.first { $0.value == "31.2" }
    #expect(deposits?.measure == "level" && deposits?.period == "2030" && deposits?.unit == "亿元", "\(r)")
    #expect(r.first { $0.value == "8.8" }?.measure == "growth", "\(r)")
  }

  /// A clause naming the target's indicator again states its outcome.
  @Test func theTargetsIndicatorNamedAgainIsTheOutcome() {
    let r = rows("一、2030年计划执行情况\n粮食产量年度目标为174万吨以上，全年粮食总产量176.3万吨，增长1.2%。")
    #expect(r.map(\.scenario) == ["target", "actual", "actual"], "\(r)")
    #expect(SentenceAnalyzer.namesSameIndicator("粮食总产量", "粮食产量"))
    #expect(!SentenceAnalyzer.namesSameIndicator("总投资", "改造老旧小区"))
  }

  /// The plan named after its indicator (…涨幅年度目标为2%左右) is neither in the
  /// name nor a ratio: a growth target, and the next clause continues it.
  @Test func aPlanNamedAfterItsIndicator() {
    let r = rows("一、2030年计划执行情况\n居民消费价格涨幅年度目标为2%左右，1—11月上涨0.4%。")
    #expect(r.map(\.indicator) == ["居民消费价格", "居民消费价格"], "\(r)")
    #expect(r.map(\.measure) == ["growth", "growth"], "\(r)")
    #expect(r.map(\.scenario) == ["target", "actual"], "\(r)")
  }

  /// 前11个月 and 前三个月 are the year to date.
  @Test func theFirstMonthsAreTheYearToDate() {
    let r = rows("一、2030年工作回顾\n前11个月，全县规模以上工业增加值增长8.9%；前三个月，全县固定资产投资增长6%。")
    #expect(r.map(\.period) == ["2030-01..2030-11", "2030Q1"], "\(r)")
    #expect(SentenceAnalyzer.monthCount(in: Array("十一个月"), at: 0)?.0 == 11)
    #expect(SentenceAnalyzer.monthCount(in: Array("三个月"), at: 0)?.0 == 3)
  }

  /// An interviewer's question heads the answer: one about 明年 makes it a plan.
  @Test func aQuestionAboutNextYearHeadsAPlan() {
    let text = "访某县委书记\n2030年12月28日\n记者：今年的经济成绩单怎么样？\n书记：全县地区生产总值增长6.1%。\n记者：明年是关键一年，确定了哪些目标？\n书记：地区生产总值增长6%以上，计划安排县级重点项目110个。"
    let r = rows(text)
    let outcome = r.first { $0.value == "6.1" }
    #expect(outcome?.scenario == "actual" && outcome?.period == "2030", "\(r)")
    let target = r.first { $0.value == "6" }
    #expect(target?.scenario == "target" && target?.period == "2031", "\(r)")
    #expect(r.first { $0.value == "110" }?.period == "2031", "\(r)")
    #expect(Extractor.isQuestion(Array("记者：明年有哪些打算？")))
    #expect(!Extractor.isQuestion(Array("书记：全县地区生产总值增长6.1%。")))
  }

  /// Words quoted with clauses of their own are speech: their figures count;
  /// a quoted name (“1+4”产业) still hides its numbers.
  @Test func quotedSpeechKeepsItsFigures() {
    let r = rows("一、2030年工作回顾\n“全年我们新签约项目28个，合同引资76.5亿元。”局长说。“1+4”特色产业增加值增长9.2%。")
    #expect(r.contains { $0.value == "76.5" }, "\(r)")
    #expect(!r.contains { $0.value == "1" || $0.value == "4" }, "\(r)")
  }

  /// Periods listed with 分别 date the figures in order; the figures are the
  /// indicator named before the list, or the paragraph's last.
  @Test func periodsListedWithFenbie() {
    let r = rows("一、2030年工作回顾\n全市一般公共预算收入完成142.87亿元，增长3.9%。收入增幅逐季回升，一季度、上半年、前三季度分别增长2.1%、3.0%、3.7%。")
    let listed = r.filter { ["2.1", "3.0", "3.7"].contains($0.value) }
    #expect(listed.map(\.period) == ["2030Q1", "2030H1", "2030-01..2030-09"], "\(r)")
    #expect(listed.allSatisfy { $0.indicator == "一般公共预算收入" && $0.measure == "growth" }, "\(r)")
  }

  /// An increment after a level's growth still belongs to that level.
  @Test func anIncrementAfterTheGrowthOfItsLevel() {
    let r = rows("一、2030年工作回顾\n年末金融机构存款余额412.36亿元，同比增长8.6%，比年初增加31.24亿元。")
    #expect(r.first { $0.value == "31.24" }?.indicator == "金融机构存款余额比年初增加", "\(r)")
  }

  /// A harvest in a part-year release (夏粮, 早稻) is the year's crop.
  @Test func aSummerHarvestIsTheYears() {
    let r = rows("2030年上半年经济运行情况\n上半年，全县地区生产总值增长5.2%。夏粮总产量13.86万吨，增长1.5%。")
    #expect(r.first { $0.value == "5.2" }?.period == "2030H1", "\(r)")
    #expect(r.first { $0.value == "13.86" }?.period == "2030", "\(r)")
    #expect(r.first { $0.value == "1.5" }?.period == "2030", "\(r)")
  }

  /// 低于 anywhere before the points (商品零售额增速低于餐饮收入增速3.5个百分点) makes them negative.
  @Test func pointsBelowAreNegative() {
    let r = rows("一、2030年工作回顾\n全市商品零售额增长4.1%，商品零售额增速低于餐饮收入增速3.5个百分点。")
    #expect(r.first { $0.measure == "pp_diff" }?.value == "-3.5", "\(r)")
  }

  /// A monthly bulletin's masthead (2030年5月全市统计月报, not the first line) dates
  /// its undated figures to the months so far; a dateline set apart by spaces counts.
  @Test func aMonthlyBulletinIsAboutItsMonthsSoFar() {
    let text = "某市统计月报\n某市统计局　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　2030年6月18日\n2030年5月全市统计月报\n一、运行简析\n分行业看，行业增长面为68.4%。"
    let r = rows(text)
    #expect(r.first { $0.value == "68.4" }?.period == "2030-01..2030-05", "\(r)")
    #expect(DocumentState.dateline(text.split(separator: "\n").map { Array($0) })?.month == 6)
  }

  /// A text written mid-year that names its own year more than the one before
  /// is about this year (not a look back).
  @Test func aMidYearTextAboutItsOwnYear() {
    let text = "某区经济简报\n2030年6月18日\n2030年以来，全区经济平稳向好。\n全区规模以上工业增加值增长6.9%。2030年全区将继续推进项目建设。"
    let r = rows(text)
    #expect(r.first { $0.value == "6.9" }?.period == "2030", "\(r)")
  }

  /// A sentence opening with a plan's label (规划目标：…) states targets; a kind in
  /// brackets after a numbered item's name (（预期性）) is no part of the name; a
  /// plan's evaluation is framed by the plan's years.
  @Test func aPlanEvaluationsItems() {
    let text = "某县第十四个五年规划纲要实施情况总结评估报告\n（2026年3月）\n二、主要指标完成情况\n1．地区生产总值（预期性）。规划目标：2025年达到300亿元，年均增长7%左右。实际完成：2025年为289.4亿元；年均增长5.9%。"
    let r = rows(text)
    let level = r.first { $0.value == "300" }
    #expect(level?.scenario == "target" && level?.indicator == "地区生产总值" && level?.period == "2025", "\(r)")
    let average = r.first { $0.value == "7" }
    #expect(average?.scenario == "target" && average?.period == "2021..2025", "\(r)")
    let actual = r.first { $0.value == "5.9" }
    #expect(actual?.scenario == "actual" && actual?.period == "2021..2025" && actual?.indicator == "地区生产总值", "\(r)")
  }

  /// A dated release on a part of the year (前三季度…) plans the rest of that year:
  /// its targets and projections are the year's, not the next.
  @Test func aPartYearReleaseKeepsItsYearsTargets() {
    let text = "前三季度全省经济稳中有进\n2030年10月28日\n前三季度，全省地区生产总值增长5.3%。\n■全年展望：冲刺目标仍需加力\n年初确定的地区生产总值增长目标为5.5%左右。预计全年地区生产总值增长5.4%左右。"
    let r = rows(text)
    #expect(r.first { $0.value == "5.3" }?.period == "2030-01..2030-09", "\(r)")
    let target = r.first { $0.value == "5.5" }
    #expect(target?.scenario == "target" && target?.period == "2030", "\(r)")
    let estimate = r.first { $0.value == "5.4" }
    #expect(estimate?.scenario == "estimate" && estimate?.period == "2030", "\(r)")
  }

  /// 截至11月底…累计 sums a flow from the year's start; a stock 截至11月末 is the month's.
  @Test func asOfAMonthSummedIsTheYearToDate() {
    let r = rows("一、2030年工作回顾\n截至11月底，全区重点项目累计完成投资246.8亿元。截至11月末，全区金融机构存款余额412.3亿元。")
    #expect(r.first { $0.value == "246.8" }?.period == "2030-01..2030-11", "\(r)")
    #expect(r.first { $0.value == "412.3" }?.period == "2030-11", "\(r)")
  }

  /// An indicator item's 年度预算 states its target.
  @Test func theYearsBudgetIsTheTarget() {
    let r = rows("一、2030年上半年计划执行情况\n5．一般公共预算收入。年度预算135.6亿元、增长4%。1—6月，全市一般公共预算收入完成74.82亿元。")
    let budget = r.first { $0.value == "135.6" }
    #expect(budget?.scenario == "target" && budget?.indicator == "一般公共预算收入" && budget?.period == "2030", "\(r)")
  }

  /// A final-accounts report (决算草案) reviews its year; a later review heading with
  /// another year and part (四、2031年上半年预算执行情况) dates its own section.
  @Test func finalAccountsAndALaterReviewSection() {
    let text = "关于某县2030年县级决算草案的报告\n一、2030年县级决算情况\n全县一般公共预算收入15.86亿元，比上年增长4.6%。\n二、下一步工作\n加强收入征管。\n三、2031年上半年预算执行情况\n全县一般公共预算收入8.12亿元，增长3.1%。"
    let r = rows(text)
    let year = r.first { $0.value == "15.86" }
    #expect(year?.scenario == "actual" && year?.period == "2030", "\(r)")
    let half = r.first { $0.value == "8.12" }
    #expect(half?.scenario == "actual" && half?.period == "2031H1", "\(r)")
  }

  /// A breakdown paragraph (分行业看，…) is in the months the paragraph before opened
  /// with; a speech's topic (从投资看，…) is not a breakdown.
  @Test func aBreakdownKeepsThePreviousParagraphsMonths() {
    let text = "一、2030年工作总结\n1—11月，全市规模以上工业增加值增长7.4%。\n从行业看，制造业增加值增长8.3%。\n从投资看，全市固定资产投资增长5.1%。"
    let r = rows(text)
    #expect(r.first { $0.value == "8.3" }?.period == "2030-01..2030-11", "\(r)")
    #expect(r.first { $0.value == "5.1" }?.period == "2030", "\(r)")
    #expect(Extractor.opensBreakdown(Array("分县市区看，")) && !Extractor.opensBreakdown(Array("从总量看，")))
  }

  /// A holiday's figures are its month's.
  @Test func aHolidayIsItsMonth() {
    let r = rows("一、2030年工作总结\n“五一”假期，全市接待游客268.5万人次，增长9.8%。国庆黄金周接待游客412万人次。")
    #expect(r.filter { $0.value == "268.5" || $0.value == "9.8" }.allSatisfy { $0.period == "2030-05" }, "\(r)")
    #expect(r.first { $0.value == "412" }?.period == "2030-10", "\(r)")
  }

  /// A share of a past year's figure (是2019年同期的138.6%, 恢复至2019年的88.6%) is this
  /// period's ratio against that year, not a 2019 figure.
  @Test func aShareOfAPastYear() {
    let r = rows("一、2030年工作总结\n全年接待入境游客12.6万人次，增长62.5%，恢复至2019年的88.6%。")
    let share = r.first { $0.value == "88.6" }
    #expect(share?.measure == "ratio" && share?.period == "2030", "\(r)")
    #expect(share?.indicator.hasSuffix("相当于2019年") == true, "\(r)")
  }

  /// A place opening the words before a figure makes the figure that place's,
  /// under the indicator it names or the last one; the report's own figure stays its own.
  @Test func subRegionsHaveTheirOwnRows() {
    let r = extractor.extract("一、2030年工作回顾\n全市规模以上工业增加值增长7.4%。分县市区看，乌陂县规模以上工业增加值增长10.2%，东浦区下降2.8%。", region: "某市").rows
    #expect(r.map(\.region) == ["某市", "乌陂县", "东浦区"], "\(r)")
    #expect(r.allSatisfy { $0.indicator == "规模以上工业增加值" }, "\(r)")
    #expect(RegionFinder.names(in: Array("前三季度市州经济")).isEmpty)
  }

  /// A forecast section (四、四季度及全年经济走势预测) makes its figures projections of
  /// the year, except what it says is needed (需增长…以上, a target).
  @Test func aForecastSectionProjects() {
    let text = "2030年三季度全市经济形势分析\n一、前三季度全市经济运行基本情况\n前三季度，全市地区生产总值增长5.6%。\n四、四季度及全年经济走势预测\n（一）地区生产总值。四季度增长6.2%左右，全年增长5.8%左右，四季度需增长7.0%以上。\n五、四季度工作建议\n全力以赴抓项目。"
    let r = rows(text)
    #expect(r.first { $0.value == "5.6" }?.scenario == "actual", "\(r)")
    let year = r.first { $0.value == "5.8" }
    #expect(year?.scenario == "estimate" && year?.period == "2030", "\(r)")
    #expect(r.first { $0.value == "6.2" }?.period == "2030Q4", "\(r)")
    #expect(r.first { $0.value == "7.0" }?.scenario == "target", "\(r)")
  }

  /// Months listed with 分别 (7月、8月、9月当月分别增长…) date the figures in order.
  @Test func monthsListedWithFenbie() {
    let r = rows("一、2030年工作回顾\n全市规模以上工业增加值增长7.4%，7月、8月、9月当月分别增长7.6%、8.0%和8.7%。")
    #expect(r.filter { ["7.6", "8.0", "8.7"].contains($0.value) }.map(\.period) == ["2030-07", "2030-08", "2030-09"], "\(r)")
  }

  /// A review of a term's five years (一、本届政府五年工作回顾) dates its section's
  /// from-to and average figures over those years, but not the last year's 新增.
  @Test func aFiveYearReviewSection() {
    let text = "2031年某县政府工作报告\n一、本届政府五年工作回顾\n一般公共预算收入由11.26亿元增加到14.08亿元，年均增长4.6%。2030年，全县新增学位2400个。\n二、2031年工作安排\n全县地区生产总值增长6%左右。"
    let r = rows(text)
    #expect(r.first { $0.value == "11.26" }?.period == "2025", "\(r)")
    #expect(r.first { $0.value == "14.08" }?.period == "2030", "\(r)")
    #expect(r.first { $0.value == "4.6" }?.period == "2026..2030", "\(r)")
    #expect(r.first { $0.value == "2400" }?.period == "2030", "\(r)")
  }

  /// A list of rates keeps its measure through a negative item (…、6.8%、-1.2%和7.5%),
  /// and a grain harvest in a part-year brief is the year's.
  @Test func aNegativeItemAndTheYearsGrain() {
    let r = rows("2030年1—11月全市经济运行简况\n甲区、乙区、丙县分别增长6.8%、-1.2%和7.5%。全市粮食总产量158.6万吨，增长1.8%。")
    #expect(r.filter { ["6.8", "-1.2", "7.5"].contains($0.value) }.allSatisfy { $0.measure == "growth" }, "\(r)")
    #expect(r.first { $0.value == "158.6" }?.period == "2030", "\(r)")
  }

  /// Places listed with 分别 give one row per place, under the indicator the list names,
  /// even when a place's figure equals the report region's own.
  @Test func placesListedWithFenbie() {
    let r = extractor.extract("2030年1—11月全市经济运行简况\n全市规模以上工业增加值增长8.6%。分县市区看，琮城区、雁湖区、梅坪县规模以上工业增加值分别增长8.6%、10.2%和-1.2%。", region: "某市").rows
    #expect(r.map(\.region) == ["某市", "琮城区", "雁湖区", "梅坪县"], "\(r)")
    #expect(r.allSatisfy { $0.indicator == "规模以上工业增加值" && $0.measure == "growth" }, "\(r)")
  }

  /// A clause opening with 预计 governs the clauses after it in its ；-part, but not
  /// one naming its own months.
  @Test func anEstimateClauseGovernsTheRestOfItsPart() {
    let r = rows("2030年1—11月全市经济运行简况\n对照年初确定的地区生产总值增长5.5%以上的预期目标，综合分析，预计全年全市地区生产总值增长5.8%左右，规模以上工业增加值增长7.4%，其中开发区1—11月规模以上工业增加值增长10.8%；全市粮食总产量158.6万吨。")
    #expect(r.first { $0.value == "7.4" }.map { ($0.scenario, $0.period) } ?? ("", "") == ("estimate", "2030"), "\(r)")
    #expect(r.first { $0.value == "10.8" }?.scenario == "actual", "\(r)")
    #expect(r.first { $0.value == "158.6" }?.scenario == "actual", "\(r)")
  }

  /// A growth level with an earlier period's (增速与1—10月持平) is 0 points apart.
  @Test func aGrowthLevelWithAnEarlierPeriod() {
    let r = rows("2030年1—11月全市经济运行简况\n1—11月，全市社会消费品零售总额增长5.6%，增速与1—10月持平。")
    let flat = r.first { $0.measure == "pp_diff" }
    #expect(flat?.value == "0" && flat?.period == "2030-01..2030-11", "\(r)")
    #expect(SentenceAnalyzer.flatPeriod("增速与上月") && !SentenceAnalyzer.flatPeriod("与上年同期"))
  }

  /// “十一”黄金周 is October's; 仅为上年同期的72.4% is a share of last year's same period.
  @Test func nationalDayAndAShareOfLastYear() {
    let r = rows("2030年1—10月全县经济运行简况\n“十一”黄金周期间，全县接待游客42.6万人次。1—10月，全县土地出让收入5.2亿元，仅为上年同期的72.4%。")
    #expect(r.first { $0.value == "42.6" }?.period == "2030-10", "\(r)")
    let share = r.first { $0.value == "72.4" }
    #expect(share?.measure == "ratio" && share?.indicator.hasSuffix("相当于上年同期") == true, "\(r)")
  }

  /// 奋斗目标 heads a plan; a level or rate to reach over the next years is for
  /// the span's last year, an average growth over the span.
  @Test func fiveYearGoalsAreForTheSpansEnd() {
    let text = "一、2030年工作回顾\n全市地区生产总值增长5%。\n二、“十六五”时期奋斗目标\n今后五年的主要目标是：地区生产总值年均增长5.5%左右；常住人口城镇化率达到65%。"
    let r = rows(text)
    let average = r.first { $0.value == "5.5" }
    #expect(average?.scenario == "target" && average?.period == "2031..2035", "\(r)")
    let rate = r.first { $0.value == "65" }
    #expect(rate?.scenario == "target" && rate?.period == "2035", "\(r)")
  }
}
