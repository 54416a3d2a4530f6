import Testing

@testable import Extraction

/// The precision rules: figures of the genre that are not observations.
/// One rule per test, on sentences written for the tests (not from the seeds).
struct PrecisionRuleTests {
  let extractor = Extractor(lexicon: Lexicon())

  func rows(_ body: String, plan: Bool = false) -> [ProposedRow] {
    let heading = plan ? "二、2031年计划主要任务\n" : "一、2030年计划执行情况\n"
    return extractor.extract(heading + body, region: "测试市").rows
  }

  func values(_ body: String, plan: Bool = false) -> [String] { rows(body, plan: plan).map(\.value) }

  // MARK: counts judged by what they count

  @Test func countOfPoliciesOrPlansAfterTheClassifierIsDropped() {
    #expect(values("出台12项惠企政策,制定8个专项实施方案,新增规模以上工业企业35家。") == ["35"])
  }

  @Test func skippedFiguresAreListedWithTheirRule() {
    let skipped = extractor.skippedFigures("一、2030年计划执行情况\n出台12项惠企政策,新增规模以上工业企业35家。", region: "测试市")
    #expect(skipped.map(\.quote) == ["出台12项"])
    #expect(skipped.first?.reason.contains("政策") == true)
  }

  @Test func countOfPlacesIsDropped() {
    #expect(values("全市6个城市入选试点,引进亿元项目21个。") == ["21"])
  }

  @Test func tallyOfVisitsInvitationsAndTrainingsIsDropped() {
    #expect(values("走访企业240家,邀请客商18家,培训干部1.2万人次,新增市场主体4200户。") == ["4200"])
  }

  @Test func bareCountNeedsAnIndicatorNoun() {
    // 个/家/项 say nothing of what they count: kept only with a noun such as 企业, 项目, 设施.
    #expect(values("完成整治16个,新建污水处理设施9个。") == ["9"])
  }

  @Test func countedNounAfterTheClassifierDecides() {
    #expect(values("培育5个国家级产业集群,举办8场招聘会。") == ["5"])
  }

  @Test func lexiconNameKeepsACount() {
    // A known indicator phrase keeps a count even without a cue word.
    var lexicon = Lexicon()
    lexicon.add([("美丽庭院", "美丽庭院")])
    let r = Extractor(lexicon: lexicon).extract("一、2030年计划执行情况\n创建美丽庭院300个。", region: "测试市").rows
    #expect(r.map(\.value) == ["300"])
  }

  @Test func listItemsFollowTheirFirstItem() {
    #expect(values("新培育国家级专精特新企业14家、省级63家。") == ["14", "63"])
    #expect(values("覆盖行政事业单位2100家、国有企业140家、园区12家。").isEmpty)
  }

  @Test func countOfTitledDocumentsIsDropped() {
    #expect(values("发布《数字经济发展白皮书》等6项成果。").isEmpty)
  }

  @Test func countOfTheItemsJustNamedIsDropped() {
    #expect(values("东湖大桥、西山隧道、南环公路3个项目全面开工。").isEmpty)
  }

  @Test func itemsOfABreakdownAfterAColonAreDropped() {
    let v = values("计划实施重点项目40个,总投资90亿元:确保完成东湖大桥、西山隧道等12个项目;加快推进北站片区等9个项目。", plan: true)
    #expect(v == ["40", "90"])
  }

  @Test func countQualifyingTheNextFigureIsDropped() {
    #expect(values("完成16个小区3200户改造。") == ["3200"])
  }

  @Test func attendanceIsDropped() {
    #expect(values("论坛期间,国内外企业负责人500余人参会,签约项目31个。") == ["31"])
  }

  @Test func batchAndMattersAreDropped() {
    #expect(values("推介第二批6个示范项目,下放37项关于建设审批的权限。").isEmpty)
  }

  @Test func countIsNamedAndQuotedWithTheNounAfterIt() {
    let r = rows("新增7家国家企业技术中心。")
    #expect(r.first?.indicator == "新增国家企业技术中心")
    #expect(r.first?.quote == "新增7家国家企业技术中心")
    let s = rows("完成东区中心建设、12个乡镇卫生院改扩建及9个乡镇卫生院维修改造。")
    #expect(s.map(\.indicator) == ["乡镇卫生院改扩建", "乡镇卫生院维修改造"])
    #expect(s.map(\.value) == ["12", "9"])
  }

  // MARK: figures that are not observations

  @Test func thresholdQualifyingANounIsDropped() {
    let r = rows("引进投资5亿元以上项目14个,引进1个20亿元以上的产业项目。")
    #expect(r.map(\.value) == ["14", "1"])
  }

  @Test func classWithJiIsDropped() {
    #expect(values("建成5000吨级泊位3个。") == ["3"])
  }

  @Test func technicalSpecificationIsDropped() {
    #expect(values("新产线良品率大于99%,能耗小于0.5%。").isEmpty)
  }

  /// A measured contribution is kept in points (most curators record it as
  /// pp_diff); a projected effect of a policy is not an observation.
  @Test func contributionIsKeptInPointsButNotAProjectedOne() {
    let r = rows("消费拉动经济增长0.8个百分点,规模以上工业增加值增速高于全省0.6个百分点。")
    #expect(r.map(\.value) == ["0.8", "0.6"])
    #expect(r.allSatisfy { $0.measure == "pp_diff" })
    #expect(values("预计新增专项债券将拉动全年投资增长1.5个百分点,规模以上工业增加值增长6%。") == ["6"])
  }

  @Test func shareOfSomethingIsDropped() {
    #expect(values("将税收增量的60%返还园区。").isEmpty)
  }

  @Test func thresholdsCrossedAreMilestones() {
    #expect(values("全县财政总收入达到36.2亿元，先后跨越20亿元、30亿元两个关口。") == ["36.2"])
  }

  @Test func milestoneBeforeTheExactFigureIsDropped() {
    #expect(values("全市出口首次突破500亿元,达到512.3亿元。") == ["512.3"])
  }

  @Test func meansAndCounterpartAreDropped() {
    #expect(values("以200万千瓦风电为基础,与30家银行签订合作协议。").isEmpty)
  }

  /// An increment is not the subject's level: it is a row of its own (…比上年增加).
  @Test func incrementOverAComparatorIsNotTheSubjectsLevel() {
    let r = extractor.extract("高新技术企业达到320家,比上年增加46家。", region: "测试市").rows
    #expect(r.map(\.value) == ["320", "46"])
    #expect(r.map(\.indicator) == ["高新技术企业", "高新技术企业比上年增加"])
  }

  @Test func placesListedWithFenbieAndOwnNounsAreDropped() {
    #expect(values("东区、西区分别压减机构15%、编制22%。").isEmpty)
  }

  @Test func unitCharacterStartingAWordIsNoUnit() {
    #expect(values("开行新型城际3.0列车,全年运送旅客120万人次。") == ["120"])
  }

  // MARK: layout and repeats

  @Test func hangingIndentSideBarIsSkipped() {
    let text = "一、2030年计划执行情况\n全市地区生产总值增长5.5%。\n\n全市地区生产\n 总值增长**5.5%**,\n 位居前列。\n"
    let r = extractor.extract(text, region: "测试市").rows
    #expect(r.count == 1 && r.first?.quote == "全市地区生产总值增长5.5%")
  }

  @Test func shortFlushListIsKept() {
    let text = "二、2031年计划主要任务\n主要预期目标:\n地区生产总值增长6%左右\n固定资产投资增长8%以上\n"
    #expect(extractor.extract(text, region: "测试市").rows.map(\.value) == ["6", "8"])
  }

  @Test func figureRestatedInOtherWordsIsOneRow() {
    let r = rows("全年取得重大科研成果36项。东湖实验室等单位取得国内领先重大科研成果36项。")
    #expect(r.count == 1)
    let s = rows("签约省级项目213个。大会期间,省级签约项目213个。")
    #expect(s.count == 1)
  }

  @Test func milestoneThenPreciseFigureKeepsThePreciseOne() {
    let r = rows("进出口总额突破300亿元。全年进出口总额达到312.5亿元。")
    #expect(r.map(\.value) == ["312.5"])
    #expect(r.first?.indicator == "进出口总额")
  }

  // MARK: periods, scenarios, measures

  @Test func cumulativeOverConsecutiveYearsIsASpan() {
    #expect(rows("连续三年实施技术攻关,累计突破关键技术62项。").first?.period == "2028..2030")
    #expect(rows("两年累计盘活闲置土地300亩。").first?.period == "2029..2030")
  }

  @Test func fromToGivesTwoYears() {
    let r = rows("民营经济占比从41.2%提升到43.5%。")
    #expect(r.map(\.period) == ["2029", "2030"])
    #expect(r.map(\.measure) == ["ratio", "ratio"])
  }

  @Test func completionOfABudget() {
    #expect(rows("重点建设项目完成年度投资预算的112%。").first?.measure == "completion")
  }

  @Test func projectedYearlyEffectIsThePlanYear() {
    let r = rows("置换高息债务,预计每年节约利息支出0.6亿元。")
    #expect(r.first?.scenario == "estimate" && r.first?.period == "2031")
  }

  @Test func sharedFigureWithJunGivesOneRowPerSubject() {
    let r = rows("城乡低保覆盖率、特困供养覆盖率均达到100%。")
    #expect(r.map(\.indicator) == ["城乡低保覆盖率", "特困供养覆盖率"])
    #expect(r.allSatisfy { $0.value == "100" && $0.measure == "ratio" })
  }

  @Test func clauseWithoutSubjectAfterATargetIsTheSamePlan() {
    let r = rows("全年计划改造老旧小区30个,总投资2.4亿元。")
    #expect(r.map(\.scenario) == ["target", "target"])
  }

  @Test func moreUnitsOfTheGenre() {
    let r = rows("发生生产安全事故42起,办理法律援助案件900余件,筛查新生儿1.2万例,空气优良天数达到301天,群众满意度为91.5分。")
    #expect(r.map(\.unit) == ["起", "件", "万例", "天", "分"])
  }
  // MARK: blind reports f09–f11

  @Test func activityVerbOpeningTheCountGovernsItOverAnIndicatorName() {
    #expect(values("重点支持交通、水利等领域重点项目96个,新增规模以上工业企业35家。") == ["35"])
  }

  @Test func tallyOfEvaluationsAndTheScopeOfAnActionAreDropped() {
    #expect(values("完成财政绩效评价项目210个,涉及资金31.5亿元,发放创业担保贷款6.2亿元。") == ["6.2"])
  }

  @Test func thresholdEveryMemberMeetsIsNoLevel() {
    #expect(values("村级集体经济收入全部达到8万元以上,农村卫生厕所普及率达到93.1%。") == ["93.1"])
  }
  @Test func parksAreCountedFacilities() {
    #expect(values("建成口袋公园12个。完成整治16个。") == ["12"])
  }

  @Test func peopleReachedByAPolicyAreKeptFirmsReachedAreNot() {
    #expect(values("发放困难补助资金560万元，惠及困难群众3100余人次；惠及小微企业820家。") == ["560", "3100"])
  }

  @Test func aDurationIsNoCount() {
    #expect(values("房地产开发投资已连续8个月下降，连续3个季度负增长，新开工项目26个。") == ["26"])
  }

  @Test func aDragOnAGrowthRateIsANegativeContribution() {
    #expect(values("房地产开发投资下降9.5%，拖累全部投资增速2.1个百分点。") == ["-9.5", "-2.1"])
  }

  @Test func aStatisticalThresholdIsNoObservation() {
    #expect(values("固定资产投资统计起点为计划总投资500万元。全年固定资产投资增长3.4%。") == ["3.4"])
    #expect(values("规模以上服务业统计范围为年营业收入1000万元及以上的法人单位。全年服务业增加值增长5.1%。") == ["5.1"])
  }

  @Test func aReorganisationCountsNoIndicator() {
    #expect(values("市属国有企业由14家整合为5家集团公司，资产总额达到860亿元。") == ["860"])
  }

  @Test func aThresholdAfterGuoQualifiesTheNoun() {
    #expect(values("全县营业收入超50亿元企业达到4家。") == ["4"])
  }

  @Test func postsCutInAnAdministrativeReformAreNoIndicator() {
    let r = extractor.extract("一、2030年工作回顾\n深化机构改革，街道办事处共精简内设岗位31个，撤并事业单位6个。全区新增就业岗位3200个。", region: "测试区").rows
    #expect(r.map(\.value) == ["3200"])
  }

  @Test func aNetIncrementOverAComparatorIsNoLevelOfTheSubject() {
    let r = rows("全市高新技术企业达到860家，较上年净增57家。")
    #expect(r.map(\.value) == ["860", "57"])
    #expect(r.last?.indicator == "高新技术企业比上年增加")
  }
}
