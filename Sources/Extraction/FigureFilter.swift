/// Precision rules of the genre: which counted figures are indicators.
///
/// A Chinese report counts almost everything (文件, 会议, 嘉宾, 口岸 …), and
/// the curated observations keep only the counts an analyst tracks
/// (enterprises, projects, facilities, households, jobs …). A count is judged
/// by what it counts: the noun after the classifier (`25个省重点项目`), else
/// the words before the number (`新增高新技术企业128家`).
///
/// ```swift
/// FigureFilter.verdict(unit: "个", nounAfter: "实施方案", before: "分领域出台", known: false)
/// // .drop("counts 方案: not an indicator")
/// ```
enum FigureFilter {
  enum Verdict: Equatable {
    case keep
    case drop(String)
  }

  /// Classifiers that say nothing of what they count (个, 家, 项 …): the
  /// count is kept only with an indicator noun.
  static let bareClassifiers: Set<String> = ["个", "家", "项", "件", "张", "条", "次", "场", "期", "批", "类", "栋"]

  /// Units counting people (visitors and guests are not indicators).
  static let personUnits: Set<String> = ["人", "人次", "名"]

  /// Count units (the rest measure amounts: 亿元, 吨, 平方米 …).
  static let countUnits: Set<String> = bareClassifiers.union([
    "人", "人次", "名", "户", "套", "座", "所", "处", "台", "辆", "艘", "列", "架次", "床", "头", "株", "起", "例", "块", "只",
  ])

  /// Nouns after a count that make it a count of documents, bodies, places,
  /// meetings or people at an event, not an indicator.
  static let nonIndicatorNouns: [String] = [
    "政策", "措施", "举措", "方案", "清单", "文件", "条例", "意见", "办法", "指挥部", "专班", "工作组", "领导小组",
    "成员单位", "任务", "部委", "领导", "嘉宾", "代表", "干部", "专家", "学者", "观众", "使团", "国际组织",
    "国家和地区", "国家驻", "省份", "省区市", "口岸", "综保区", "场所", "出海口", "事故", "事项",
    "主题", "会议", "团队", "能力", "协议", "指标", "海关", "参会", "参加", "出席", "投产",
  ]

  /// Places a count may count (4个城市入选, 13个市州): not indicators when
  /// the noun after the classifier starts with them.
  static let placeNouns: [String] = ["城市", "市州", "县市区", "省市区", "县(市区)", "县（市区）", "地市"]

  /// Words before a count that make it a tally of activities (visits,
  /// invitations, trainings, attendance, delegated powers, exposures) or the
  /// reach of a policy (覆盖, 支持, 惠及, 带动 N家…), or the posts and bodies
  /// cut in an administrative reform (精简岗位24个, 撤并机构5个).
  static let activityWords: [String] = [
    "拜访", "走访", "邀请", "培训", "路演", "下放", "权限", "观众", "嘉宾", "外宾", "内宾", "预警", "曝光",
    "覆盖", "事项", "会议", "活动", "支持", "惠及", "带动", "评价", "评审", "精简", "撤并", "核减",
  ]

  /// Words for the reach of a policy (its beneficiaries when they are people).
  static let reachWords: Set<String> = ["覆盖", "惠及", "带动"]

  /// Nouns that make a count an economic or public-service indicator.
  static let indicatorCues: [String] = [
    "企业", "公司", "项目", "平台", "基地", "中心", "实验室", "工厂", "车间", "集群", "园区", "小区", "站", "村",
    "设施", "成果", "技术", "专利", "案", "学位", "学校", "幼儿园", "机构", "岗位", "孵化器", "主体", "冠军",
    "小巨人", "车位", "床位", "泊位", "充电桩", "市场", "商户", "就业", "人才", "游客", "用户", "房", "专项", "场景",
    "隐患", "规上", "规模以上", "商", "医院", "卫生院", "卫生室", "养老", "托育", "托位", "馆",
    "合作社", "农场", "景区", "业务量", "公园",
  ]

  /// The unit without its magnitude prefix and 余/多 (万家 → 家).
  static func base(of unit: String) -> String {
    var u = Substring(unit)
    for m in SentenceAnalyzer.magnitudes where u.hasPrefix(m) {
      u = u.dropFirst(m.count)
      break
    }
    while let f = u.first, f == "余" || f == "多" { u = u.dropFirst() }
    return String(u)
  }

  /// Judges a count figure. `nounAfter` is what follows the classifier
  /// (empty when punctuation follows), `before` the words between the
  /// previous figure (or clause start) and the number, `known` whether a
  /// lexicon phrase names it, `inherits` whether it continues a kept list
  /// (…企业116家、省级1787家).
  static func verdict(unit: String, nounAfter: String, before: String, known: Bool, inherits: Bool = false) -> Verdict {
    let b = base(of: unit)
    // Households, dwellings, buildings … are counted as they are.
    guard bareClassifiers.contains(b) || personUnits.contains(b) else { return .keep }
    if let w = nonIndicatorNouns.first(where: { nounAfter.contains($0) }) {
      return .drop("counts \(w): not an indicator")
    }
    if let w = placeNouns.first(where: { nounAfter.hasPrefix($0) }) ?? (nounAfter == "国家" ? "国家" : nil) {
      return .drop("counts \(w): not an indicator")
    }
    // An activity verb opening the words before the count governs it, even
    // over an indicator name (重点支持制造业重点项目126个, 支持交通等领域项目187个).
    var opening = Substring(SentenceAnalyzer.stripLeadingFillers(before))
    for adverb in ["重点", "主要", "着力", "累计", "共"] where opening.hasPrefix(adverb) { opening = opening.dropFirst(adverb.count) }
    // People reached by a policy (惠及群众4200人次, 带动就业800人) are its
    // beneficiaries, which analysts track; places and firms reached are not.
    let tallies = personUnits.contains(b) ? activityWords.filter { !reachWords.contains($0) } : activityWords
    if let w = tallies.first(where: { opening.hasPrefix($0) }) {
      return .drop("a tally of \(w): not an indicator")
    }
    if known { return .keep }
    // The activity word governs the count when it is near it.
    let near = String(before.suffix(8))
    if let w = tallies.first(where: { near.contains($0) }) {
      return .drop("a tally of \(w): not an indicator")
    }
    if inherits { return .keep }
    guard bareClassifiers.contains(b) else { return .keep }
    let counted = nounAfter.isEmpty ? before : nounAfter + " " + before
    if indicatorCues.contains(where: { counted.contains($0) }) { return .keep }
    return .drop("counts no indicator noun")
  }
}
