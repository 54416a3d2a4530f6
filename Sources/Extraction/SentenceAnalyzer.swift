import IndicatorStore

/// A number with its unit found in a sentence.
struct Figure {
  var start: Int  // first character of the number (or of the range's low end)
  var end: Int  // after the unit and any bound word
  var low: String  // number as written
  var high: String?  // high end of a range
  var unit: String
  var boundAfter: String  // 以上, 以内, 以下, 左右, or ""
  /// Written with a minus sign (执行情况-3.5%): a negative figure.
  var minus = false
  /// Stated without a number (与上年持平): a growth of zero.
  var flat = false
}

/// A figure the extractor left out on purpose, for review (`indsh extract`
/// shows only proposed rows; tools and tests can list these).
public struct SkippedFigure: Sendable, Hashable {
  /// The words before the figure and the figure, verbatim.
  public var quote: String
  /// The precision rule that left it out.
  public var reason: String
}

/// Turns one sentence into proposed rows.
struct SentenceAnalyzer {
  let chars: [Character]
  let lexicon: Lexicon
  let state: DocumentState
  let region: String
  /// Position after which `…等N个` items belong to a breakdown of a total
  /// stated earlier (nil: none).
  var breakdownFrom: Int?
  /// A 预计 that opens a sentence and governs its later ；-separated parts
  /// (预计全年地区生产总值…;规模工业增加值增长7.3%;…).
  var carriedEstimate = false
  /// A part-year period (1—11月, 上半年) that opens a sentence and governs
  /// its later ；-separated parts.
  var carriedPeriod: String?
  /// The indicator a numbered list item names in its heading (plan reports'
  /// indicator lists: "3.固定资产投资增速。预期目标8%以上，执行情况4.2%"), and
  /// whether the heading says the item is a growth rate (增速, 涨幅).
  var itemSubject: (name: String, growth: Bool)?
  /// A part-year period opening the paragraph's first figures (1—10月，…),
  /// for figures of its later sentences with no period or 预计 of their own.
  var paragraphPeriod: String?
  /// The indicator of the paragraph's last row before this sentence (分季度看，一季度、
  /// 上半年分别增长…: the list's figures are that indicator's).
  var paragraphIndicator: String?
  /// Whether `paragraphPeriod` is the frame of a section (一、本届政府五年工作回顾), not
  /// the paragraph's own opener: it dates from-to, cumulative and average figures
  /// only, not every 新增.
  var periodIsFrame = false
  /// Figures `rows()` left out, with the rule that did.
  private(set) var skipped: [SkippedFigure] = []
  /// For each row `rows()` returned, the words naming what its figure counts
  /// or measures (to find a figure restated in other words: …重大科研成果58项).
  private(set) var repeatKeys: [String] = []

  init(chars: [Character], lexicon: Lexicon, state: DocumentState, region: String) {
    self.chars = chars; self.lexicon = lexicon; self.state = state; self.region = region
    mentionsSpanWords = ["年来", "今后", "未来", "这"].contains { chars.firstOffset(of: $0) != nil }
    foundFigures = []
    foundFigures = findFigures()
  }

  /// The sentence's figures, found once (every rule asks for them).
  private var foundFigures: [Figure]

  /// Whether the sentence says 五年来, 今后五年 or 未来五年 (checked once, not per figure).
  let mentionsSpanWords: Bool

  // Units, longest first within each group. 个百分点 before 个.
  static let baseUnits: [String] = [
    "微克/立方米", "个百分点", "百分点", "平方公里", "平方米", "立方米", "千公顷", "公顷", "千瓦时", "千瓦", "标箱", "人次", "架次", "美元", "公里", "千米",
    "%", "％", "‰", "元", "人", "家", "个", "项", "亩", "吨", "件", "份", "列", "套", "栋", "户", "所", "座", "台",
    "辆", "处", "张", "床", "艘", "头", "株", "起", "例", "块", "天", "分", "羽", "册", "只", "PF", "TB", "T",
  ].sorted { $0.count > $1.count }
  static let magnitudes: [String] = ["万亿", "千万", "百万", "亿", "万"]
  static let boundWords: [String] = ["以上", "以内", "以下", "左右"]
  /// Words that begin with a unit character but are nouns (磁浮3.0列车, 2个人).
  static let wordsNotUnits: Set<String> = [
    "列车", "个人", "家庭", "家居", "家电", "人民", "台阶", "件事", "户籍", "所有", "分别", "分钟", "分之", "分类", "分为",
    "分局", "分行", "分公司", "分院", "分会", "天然", "天内", "起步", "起来", "名单", "名称", "块钱", "只是", "只有", "只要", "只能",
  ]
  /// Units of amounts (not counts, not shares): a threshold such as
  /// 10亿元以上项目 qualifies a noun instead of stating a figure.
  static func isAmount(_ unit: String) -> Bool {
    let b = FigureFilter.base(of: unit)
    return !FigureFilter.countUnits.contains(b) && b != "%" && b != "百分点"
  }
  /// Nouns after a count that make it a count of policies or bodies, not an indicator.
  static let nonIndicatorNouns: [String] = [
    "政策", "措施", "方面", "领域", "行动", "指挥部", "专班", "工作组", "任务", "方案", "文件", "环节", "机制",
    "批次", "大类", "类别", "小组", "专项行动", "重点指标",
  ]
  static let growthVerbs = ["增长", "增速", "下降", "回落", "降低", "减少", "压减", "压缩", "精简", "同比", "上涨", "涨幅", "提高", "提升", "增加", "回升"]
  static let negativeVerbs = ["下降", "回落", "降低", "减少", "压减", "压缩", "精简", "下滑"]
  static let ratioWords = ["率", "比重", "占比", "强度", "比例", "覆盖", "达标", "指数", "进度"]
  /// 年初预期, 年初安排 and 年初预算 are the plan set at the start of the year (年初预期增长6.5%左右,
  /// 年初安排重点项目86个, 年初预算为24.6亿元); 预期增长 is a plan (not 人均预期寿命).
  static let targetWords = ["预期目标", "目标", "力争", "确保", "计划", "争取", "控制在", "年初预期", "预期增长", "年初安排", "年初预算", "年度预算"]
  /// A rate applied or set (预备费按支出预算的1.5%安排, 调入预算的比例提高到32%),
  /// not how much of a plan was done.
  static func isAppliedRate(_ clausePre: String) -> Bool {
    clausePre.contains("按") || clausePre.contains("比例") || clausePre.contains("比重")
  }

  /// Words before a plan section's figure saying it is already settled (已下达).
  static let doneWords = ["已下达", "已提前下达", "已拨付", "已批复"]

  static let completionWords = ["完成率", "计划的", "目标的", "目标值的", "年初目标", "年度目标", "年计划", "年度计划", "任务的", "预算的"]

  // MARK: scanning

  /// The year in words ending in one of `marks`, a year and 的 (由2020年的, 比2015年的,
  /// 由2025年末的: the stock at the year's end); 的 may be left out when not `needsDe`.
  static func datedBase(_ s: String, after marks: String, needsDe: Bool) -> Int? {
    var c = Array(s)
    if c.last == "的" { c.removeLast() } else if needsDe { return nil }
    if c.last == "末" || c.last == "底" { c.removeLast() }
    guard c.count >= 6, c.last == "年", marks.contains(c[c.count - 6]),
      let y = Int(String(c[(c.count - 5)..<(c.count - 1)])), (1990...2100).contains(y)
    else { return nil }
    return y
  }

  /// Whether words before a figure end in 由/从 and a year (由2020年的, 从2020年).
  static func endsWithDatedFrom(_ s: String) -> Bool { datedBase(s, after: "由从", needsDe: false) != nil }

  /// The words without a year written into them (增加到2025年的 → 增加到).
  static func stripYearOf(_ s: String) -> String {
    var c = Array(s)
    if c.last == "的" { c.removeLast() }
    if c.count >= 5, c.last == "年", c[(c.count - 5)..<(c.count - 1)].allSatisfy(Text.isDigit) { c.removeLast(5) }
    return String(c)
  }

  /// Whether the words right after a figure make it a goal
  /// (增长6%左右的目标, 达到95%以上的预期目标).
  static func namesGoalAfter(_ after: String) -> Bool {
    var rest = Substring(after)
    for bound in ["左右", "以上", "以内", "以下"] where rest.hasPrefix(bound) { rest = rest.dropFirst(bound.count) }
    return ["的目标", "的预期目标", "的增长目标", "的奋斗目标"].contains { rest.hasPrefix($0) }
  }

  /// Whether a list the figure heads ends in a goal (增长5.5%以上、…增长7%左右、…增长6%的预期目标):
  /// the rest of its clause goes on with 、 to a figure named a goal.
  func listEndsInGoal(after figureEnd: Int) -> Bool {
    var end = figureEnd
    while end < chars.count && !"，,；;。：:".contains(chars[end]) { end += 1 }
    let rest = text(figureEnd..<end)
    guard let comma = rest.firstIndex(of: "、") else { return false }
    return ["的目标", "的预期目标", "的增长目标", "的奋斗目标"].contains { rest[comma...].contains($0) }
  }

  func text(_ range: Range<Int>) -> String {
    let lo = max(0, min(range.lowerBound, chars.count)), hi = max(lo, min(range.upperBound, chars.count))
    return String(chars[lo..<hi])
  }

  func has(_ word: String, at i: Int) -> Bool {
    guard i >= 0, i < chars.count, let first = word.first, chars[i] == first else { return false }
    let n = word.count
    return i + n <= chars.count && chars[i..<i + n].elementsEqual(word)
  }

  /// Positions inside 《》 or “” (titles and names, whose numbers are not figures).
  /// Words quoted with a clause of their own (“今年前4个月，我们新签约项目28个…”) are
  /// speech, whose figures count.
  func quotedMask() -> [Bool] {
    var mask = Array(repeating: false, count: chars.count)
    var depth = 0
    var open = 0
    func close(at end: Int) {
      let span = open..<end
      let isSpeech = chars[span].contains { "，。；,;？！".contains($0) }
      if !isSpeech { for k in span { mask[k] = true } }
    }
    for (i, c) in chars.enumerated() {
      if c == "《" || c == "“" {
        if depth == 0 { open = i }
        depth += 1
      }
      if (c == "》" || c == "”") && depth > 0 {
        depth -= 1
        if depth == 0 { close(at: i + 1) }
      }
    }
    if depth > 0 { close(at: chars.count) }
    return mask
  }

  func number(at i: Int) -> (text: String, end: Int)? {
    guard i < chars.count, Text.isDigit(chars[i]) else { return nil }
    var j = i
    while j < chars.count && Text.isDigit(chars[j]) { j += 1 }
    if j + 1 < chars.count && chars[j] == "." && Text.isDigit(chars[j + 1]) {
      j += 1
      while j < chars.count && Text.isDigit(chars[j]) { j += 1 }
    }
    return (String(chars[i..<j]), j)
  }

  func skipDecoration(_ i: Int) -> Int {
    var j = i
    while j < chars.count && (chars[j] == "*" || chars[j] == " ") { j += 1 }
    return j
  }

  /// A unit at `i` (magnitude prefix, optional 余/多, base unit); returns the unit and its end.
  func unit(at i: Int) -> (String, Int)? {
    var k = i
    if k < chars.count && (chars[k] == "余" || chars[k] == "多") { k += 1 }
    for magnitude in SentenceAnalyzer.magnitudes + [""] where magnitude.isEmpty || has(magnitude, at: k) {
      var m = k + magnitude.count
      if m < chars.count && (chars[m] == "余" || chars[m] == "多") { m += 1 }
      for base in SentenceAnalyzer.baseUnits where has(base, at: m) {
        if magnitude.isEmpty && (base == "元" || base == "人") && m > 0 && chars[m - 1] == "千" { continue }
        // A unit character that starts a word (列车, 个人, 家庭) is no unit.
        if m + base.count < chars.count, SentenceAnalyzer.wordsNotUnits.contains(base + String(chars[m + base.count])) {
          continue
        }
        var unit = magnitude + base
        if base == "％" { unit = magnitude + "%" }
        if base == "个百分点" { unit = "百分点" }
        return (unit, m + base.count)
      }
    }
    return nil
  }

  func figures() -> [Figure] { foundFigures }

  private func findFigures() -> [Figure] {
    let mask = quotedMask()
    var out: [Figure] = []
    var pending: [(start: Int, text: String)] = []
    var i = 0
    while i < chars.count {
      guard Text.isDigit(chars[i]) else { i += 1; continue }
      guard let (low, afterLow) = number(at: i) else { i += 1; continue }
      let start = i
      i = afterLow
      // Letters or digits glued on the left (PM2.5, 5G, A1) mean a name, not a figure.
      if start > 0, chars[start - 1].isASCII, chars[start - 1].isLetter || chars[start - 1] == "." {
        pending = []; continue
      }
      if start > 0 && (chars[start - 1] == "第" || chars[start - 1] == "前") { pending = []; continue }
      // 以300万千瓦… (a means) and 与8家… (a counterpart) are not observations.
      if start > 0 && (chars[start - 1] == "以" || chars[start - 1] == "与") { pending = []; continue }
      if mask[start] { pending = []; continue }
      // Dates and years.
      // A growth stated in multiples (增长1.3倍) is a growth of 130%.
      if afterLow < chars.count, chars[afterLow] == "倍",
        Self.multipleVerbs.contains(where: { text(max(0, start - 4)..<start).hasSuffix($0) })
      {
        pending = []
        out.append(Figure(start: start, end: afterLow + 1, low: Self.timesHundred(low), high: nil, unit: "%", boundAfter: ""))
        i = afterLow + 1
        continue
      }
      if afterLow < chars.count, "年月日号时周岁倍".contains(chars[afterLow]) { pending = []; continue }
      var j = skipDecoration(afterLow)
      var high: String?
      var unitFound = unit(at: j)
      // Range: 5—5.5%, 5%—5.5%, 1-2家.
      let dashAt = unitFound?.1 ?? j
      if dashAt < chars.count, "—–-~～至到".contains(chars[dashAt]) {
        var d = dashAt + 1
        while d < chars.count && chars[d] == "—" { d += 1 }
        if let (h, afterHigh) = number(at: d), let hu = unit(at: skipDecoration(afterHigh)),
          unitFound == nil || unitFound?.0 == hu.0
        {
          high = h; unitFound = hu; j = afterHigh
        }
      }
      guard let (unitText, afterUnit) = unitFound else {
        // A bare number in a list (145、739、675亿元) takes the list's unit.
        if j < chars.count && "、和及".contains(chars[j]) { pending.append((start, low)) } else { pending = [] }
        continue
      }
      var end = skipDecoration(afterUnit)
      var boundAfter = ""
      for word in SentenceAnalyzer.boundWords where has(word, at: end) {
        boundAfter = word; end += word.count
      }
      // Counts of policies, bodies and the like are not indicators.
      if ["个", "项", "件"].contains(unitText),
        SentenceAnalyzer.nonIndicatorNouns.contains(where: { has($0, at: afterUnit) })
      {
        pending = []; i = end; continue
      }
      // A class, not a figure: 1000吨级泊位, 万吨级.
      if afterUnit < chars.count && chars[afterUnit] == "级" { pending = []; i = end; continue }
      // A duration, not a count: 连续19个月, 3个季度.
      if unitText == "个", afterUnit < chars.count, chars[afterUnit] == "月" || has("季度", at: afterUnit) {
        pending = []; i = end; continue
      }
      // A technical specification (均匀性小于1.5%): reports state indicators
      // with 以内/以下/不超过, never with 小于/大于.
      if has("小于", at: start - 2) || has("大于", at: start - 2) { pending = []; i = end; continue }
      // A threshold qualifying a noun (投资10亿元以上项目35个, 10亿元以上的产业项目).
      if !boundAfter.isEmpty && boundAfter != "左右" && SentenceAnalyzer.isAmount(unitText) && end < chars.count
        && (RegionFinder.isHan(chars[end]) || chars[end] == "(" || chars[end] == "（")
      {
        pending = []; i = end; continue
      }
      // …also written with 过/超 before it (产值过10亿元企业7家): the noun follows at once.
      if boundAfter.isEmpty && SentenceAnalyzer.isAmount(unitText) && start > 0 && "过超".contains(chars[start - 1])
        && ["企业", "项目", "产业", "园区", "集群", "工业"].contains(where: { has($0, at: afterUnit) })
      {
        pending = []; i = end; continue
      }

      for p in pending {
        out.append(Figure(start: p.start, end: end, low: p.text, high: nil, unit: unitText, boundAfter: boundAfter))
      }
      pending = []
      // A minus sign written before the number (执行情况-3.5%), not a range's dash (1-2家).
      let minus = start > 0 && "-－−".contains(chars[start - 1])
        && (start < 2 || !(Text.isDigit(chars[start - 2]) || "%％".contains(chars[start - 2])))
      out.append(
        Figure(start: start, end: end, low: low, high: high, unit: unitText, boundAfter: boundAfter, minus: minus))
      i = end
    }
    out.append(contentsOf: flatFigures(mask: mask))
    return out.sorted { $0.start < $1.start }
  }

  /// Verbs before N倍 that make it a growth by N times (增长1.3倍), not a
  /// multiple of something (是上年的1.5倍).
  static let multipleVerbs = ["增长", "增长了", "增加", "增加了", "提高", "提高了", "上涨", "上升"]

  /// "1.3" → "130": a multiple written as a percentage, without floating point.
  static func timesHundred(_ value: String) -> String {
    let parts = value.split(separator: ".", omittingEmptySubsequences: false)
    var fraction = parts.count > 1 ? String(parts[1]) : ""
    while fraction.count < 2 { fraction += "0" }
    var whole = String(parts[0]) + fraction.prefix(2)
    while whole.count > 1 && whole.first == "0" { whole.removeFirst() }
    let rest = fraction.dropFirst(2)
    return rest.isEmpty ? whole : whole + "." + rest
  }

  /// Words right before 持平 that compare with the same period of the year
  /// before (与上年同期持平, 同比持平): a growth of zero. 基本持平 is
  /// approximate and a rate (增速, 占比) staying level is no growth: neither counts.
  static let flatComparators = ["同比", "与上年", "与上年同期", "与去年", "与去年同期", "较上年", "和上年", "与上年度"]

  /// Another place a growth rate is compared with (增速与全省持平).
  static let flatPlaces = ["与全国", "与全省", "与全市", "与全州", "与全县", "与全区", "和全省", "和全市"]

  /// Whether a growth rate is said to be level with an earlier period's
  /// (增速与1—10月持平, 增速与上月持平): 0 points apart.
  static func flatPeriod(_ before: String) -> Bool {
    let c = Array(before)
    guard ["增速", "增幅", "涨幅"].contains(where: { before.contains($0) }),
      let with = c.lastIndex(where: { $0 == "与" || $0 == "和" }), with + 1 < c.count
    else { return false }
    let comparator = String(c[(with + 1)...])
    return ["上月", "上季度", "上个月"].contains(comparator) || namedPeriod(comparator, year: 2000) != nil
  }

  /// Growths of zero stated in words (制造业与上年同期持平).
  func flatFigures(mask: [Bool]) -> [Figure] {
    var out: [Figure] = []
    var from = 0
    while let offset = Array(chars[from...]).firstOffset(of: "持平") {
      let at = from + offset
      from = at + 2
      guard !mask[at] else { continue }
      let before = text(clauseStart(before: at)..<at)
      if ["增速", "增幅", "涨幅"].contains(where: { before.contains($0) }),
        Self.flatPlaces.contains(where: { before.hasSuffix($0) || before.hasSuffix($0 + "平均水平") })
          || Self.flatPeriod(before)
      {
        // A growth rate level with another place's (增速与全市平均水平持平): 0 points apart.
        out.append(Figure(start: at, end: at + 2, low: "0", high: nil, unit: "百分点", boundAfter: ""))
        continue
      }
      guard Self.flatComparators.contains(where: { before.hasSuffix($0) }),
        !["增速", "增幅", "涨幅", "占比", "比重", "率"].contains(where: { before.contains($0) })
      else { continue }
      out.append(Figure(start: at, end: at + 2, low: "0", high: nil, unit: "%", boundAfter: "", flat: true))
    }
    return out
  }

  // MARK: context

  /// Start of the clause holding position `i`.
  func clauseStart(before i: Int) -> Int {
    var k = i - 1
    while k >= 0 && !Text.clauseEnds.contains(chars[k]) { k -= 1 }
    return k + 1
  }

  func clauseEnd(after i: Int) -> Int {
    var k = i
    while k < chars.count && !Text.clauseEnds.contains(chars[k]) { k += 1 }
    return k
  }

  /// The period marker nearest before `i` in the sentence, if any.
  func periodMarker(before i: Int, baseYear: Int?) -> (period: String, note: String?)? {
    let pre = Array(chars[0..<i])
    var best: (Int, String)?
    // A period right after a comparison word (比1—10月, 较上半年, 快于第二季度,
    // 与去年) is what the figure is compared with, not the figure's own.
    func isComparator(_ at: Int) -> Bool {
      var p = at - 1
      if p >= 0 && pre[p] == "第" { p -= 1 }
      if p >= 0 && Self.comparisonMarks.contains(pre[p]) { return true }
      // 是2019年同期的138.6%, 恢复至2019年的88.6%: the year the figure is a share of.
      return pre.last == "的" && p >= 0 && (pre[p] == "是" || (p >= 1 && "至到".contains(pre[p]) && pre[p - 1] == "复"))
    }
    func consider(_ at: Int, _ period: String) {
      if isComparator(at) { return }
      if best.map({ at >= $0.0 }) ?? true { best = (at, period) }
    }
    var year = baseYear
    // 今年, 去年, 明年 count from the report's current year, and date the
    // parts of the year named with them (去年上半年).
    // Without a dateline 今年 is the section's year (a review delivered in
    // December, a plan in January), and 去年 is read only in a plan section.
    if let current = state.currentYear ?? state.sectionYear {
      var relative: (at: Int, year: Int)?
      for (word, delta) in [("今年", 0), ("去年", -1), ("明年", 1)] {
        if word == "去年" && state.currentYear == nil && !state.inPlan { continue }
        guard let at = pre.lastOffset(of: word), !isComparator(at),
          !(at + 4 <= pre.count && pre[at + 2] == "同" && pre[at + 3] == "期")
        else { continue }
        if relative.map({ at > $0.at }) ?? true { relative = (at, current + delta) }
      }
      if let r = relative {
        year = r.year
        consider(r.at, String(r.year))
      }
    }
    // Undated months that have passed in a text looking back on last year are this year's.
    let partYear = year == state.sectionYear && !state.inPlan ? state.partYear ?? year : year
    var k = 0
    while k < pre.count {
      // 11月末, 6月底: a stock at the end of a month; 6月份, 10月当月: that month alone.
      // 截至6月末 is "as of", not the end of a range.
      let asOf = k >= 2 && pre[k - 1] == "至" && pre[k - 2] == "截"
      if Text.isDigit(pre[k]), k == 0 || asOf || !(Text.isDigit(pre[k - 1]) || "—–-~～至".contains(pre[k - 1])),
        let (m, e) = number(at: k), e + 1 < pre.count, pre[e] == "月",
        pre[e + 1] == "末" || pre[e + 1] == "底" || pre[e + 1] == "份" || has("当月", at: e + 1), let month = Int(m),
        (1...12).contains(month), let y = partYear
      {
        // 截至11月底…累计完成投资: a flow summed from the year's start, not a stock.
        let summed = asOf && month >= 2 && Array(pre[e...]).firstOffset(of: "累计") != nil
        consider(k, summed ? "\(y)-01..\(y)-\(Self.two(month))" : "\(y)-\(Self.two(month))")
      }
      // A holiday (春节假期, “五一”假期, 国庆黄金周): its month. 春节 is dated February,
      // 端午 June, 中秋 September, though in some years they fall a month earlier.
      if let y = partYear, let month = Self.holidayMonth(pre, at: k) {
        consider(k, "\(y)-\(Self.two(month))")
      }
      // 前11个月, 前三个月: the year to date.
      if pre[k] == "前", let y = partYear, let (months, e) = Self.monthCount(in: pre, at: k + 1), e + 1 < pre.count,
        pre[e] == "个", pre[e + 1] == "月", (2...12).contains(months)
      {
        consider(k, "\(y)-01..\(y)-\(Self.two(months))")
      }
      // 1—9月, 1-10月: a year-to-date month range.
      if Text.isDigit(pre[k]), k == 0 || !Text.isDigit(pre[k - 1]), let (m1, e1) = number(at: k), e1 < pre.count,
        "—–-~～至".contains(pre[e1])
      {
        var d = e1 + 1
        while d < pre.count && pre[d] == "—" { d += 1 }
        if let (m2, e2) = number(at: d), e2 < pre.count, pre[e2] == "月", let a = Int(m1), let b = Int(m2),
          a >= 1, b <= 12, a < b, let y = partYear
        {
          consider(k, "\(y)-\(Self.two(a))..\(y)-\(Self.two(b))")
        }
      }
      k += 1
    }
    let s = String(pre)
    func lastIndex(of word: String) -> Int? { pre.lastOffset(of: word) }
    if let y = partYear {
      if let at = lastIndex(of: "上半年") { consider(at, "\(y)H1") }
      if let at = lastIndex(of: "下半年") { consider(at, "\(y)H2") }
      if let at = lastIndex(of: "一季度"), !s.hasSuffix("第") { consider(at, "\(y)Q1") }
      if let at = lastIndex(of: "前三季度") { consider(at, "\(y)-01..\(y)-09") }
      // 第二季度, 三季度 (not 前三季度, 连续三季度): one quarter.
      for (word, quarter) in [("二季度", 2), ("三季度", 3), ("四季度", 4)] {
        if let at = lastIndex(of: word), at == 0 || !"前续".contains(pre[at - 1]) { consider(at, "\(y)Q\(quarter)") }
      }
    }
    if let y = year {
      // 全年任务/目标/计划/预算 names the plan a part-year figure is measured against, not its period.
      if let at = lastIndex(of: "全年"),
        !["任务", "目标", "计划", "预算"].contains(where: { at + 2 + $0.count <= pre.count && Array(pre[(at + 2)..<(at + 2 + $0.count)]) == Array($0) })
      {
        consider(at, "\(y)")
      }
    }
    let spanEnd = state.reportYear - 1
    for (word, n) in [("近三年", 3), ("近五年", 5), ("近两年", 2), ("近3年", 3), ("近5年", 5), ("过去五年", 5), ("过去三年", 3)] {
      if let at = lastIndex(of: word) { consider(at, "\(spanEnd - n + 1)..\(spanEnd)") }
    }
    // 连续三年…累计, 两年累计: a cumulative figure over the years up to the section's year.
    if let y = year, pre.firstOffset(of: "累计") != nil {
      for (n, words) in Self.spanCounts {
        for w in words {
          if let at = lastIndex(of: "连续" + w), Array(pre[at...]).firstOffset(of: "累计") != nil { consider(at, "\(y - n + 1)..\(y)") }
          if let at = lastIndex(of: w + "累计") { consider(at, "\(y - n + 1)..\(y)") }
        }
      }
    }
    // 连续三年稳定在386万亩以上, 连续四年保持100%: a level held over the years up to the section's year.
    if let y = year {
      for (n, words) in Self.spanCounts {
        for w in words {
          if let at = lastIndex(of: "连续" + w), ["稳定在", "保持在", "保持", "稳定"].contains(where: { word in
            Array(pre[(at + 2 + w.count)...]).firstOffset(of: word) == 0
          }) {
            consider(at, "\(y - n + 1)..\(y)")
          }
        }
      }
    }
    for (word, span) in Self.planPeriods {
      guard let at = lastIndex(of: word) else { continue }
      // “十四五”前四年: the plan period's first years.
      var p = at + word.count
      while p < pre.count && "”\"’".contains(pre[p]) { p += 1 }
      if has("期末", at: p) || has("末", at: p), let last = Int(span.suffix(4)), let y = year, y > last {
        // 比“十三五”期末下降42%: the change since the period's end, over the years after it.
        consider(at, "\(last + 1)..\(min(y, last + 5))")
      } else if has("以来", at: p), p + 2 <= pre.count, let first = Int(span.prefix(4)), let last = Int(span.suffix(4)),
        let y = year, y >= first
      {
        // “十四五”以来: from the plan period's start to the year written about.
        consider(at, "\(first)..\(min(y, last))")
      } else if p < pre.count, pre[p] == "前", let first = Int(span.prefix(4)),
        let n = Self.spanCounts.first(where: { $0.1.contains { has($0, at: p + 1) } })?.0
      {
        consider(at, "\(first)..\(first + n - 1)")
      } else {
        consider(at, span)
      }
    }
    // 党的十八大以来: from the year after the congress to the time of writing.
    for (congress, first) in Self.congressSpans {
      if let at = lastIndex(of: congress + "以来"), let end = state.currentYear ?? year, end >= first {
        consider(at, "\(first)..\(end)")
      }
    }
    for (n, words) in Self.spanCounts where mentionsSpanWords {
      for w in words {
        // 五年来: the years up to the section's year.
        if let y = year, let at = lastIndex(of: w + "来") { consider(at, "\(y - n + 1)..\(y)") }
        // 这五年 (a review's paragraph opener): the same years.
        if let y = year, let at = lastIndex(of: "这" + w) { consider(at, "\(y - n + 1)..\(y)") }
        // 今后五年, 未来五年: the years from the plan's year.
        if let plan = state.planYear, let at = lastIndex(of: "今后" + w) ?? lastIndex(of: "未来" + w) {
          consider(at, "\(plan)..\(plan + n - 1)")
        }
      }
    }
    // Explicit years: 2021—2023年 (a span), 2023年 (a year).
    var y = 0
    while y + 4 < pre.count {
      if let (t, e) = number(at: y), t.count == 4, y == 0 || !Text.isDigit(pre[y - 1]), let v = Int(t), v >= 1990, v <= 2100 {
        if e < pre.count && pre[e] == "年" && !(e + 1 < pre.count && pre[e + 1] == "度" && false) {
          // A year followed by a month is a date (2023年9月), not the figure's period.
          let afterYear = e + 1
          let isDate = afterYear < pre.count && Text.isDigit(pre[afterYear])
          // A year naming a plan (完成2025年目标值的88%) is not the figure's period.
          let namesPlan = ["目标", "计划", "任务", "预算"].contains { w in
            afterYear + w.count <= pre.count && pre[afterYear..<afterYear + w.count].elementsEqual(w)
          }
          // A starting year (从2020年的…增加到…) dates only the figure right after it.
          let startsFrom = y > 0 && "从由".contains(pre[y - 1]) && pre[afterYear...].contains(where: Text.isDigit)
          // 2029年以来…累计: from that year to the time of writing.
          var to = afterYear
          while to < pre.count && "至到—–-".contains(pre[to]) { to += 1 }
          if has("以来", at: afterYear), let end = state.currentYear ?? baseYear, end > v {
            consider(y, "\(v)..\(end)")
          } else if to > afterYear, let (t2, e2) = number(at: to), t2.count == 4, e2 < pre.count, pre[e2] == "年",
            let v2 = Int(t2), v2 > v, v2 - v <= 30
          {
            // 2028年至2030年, 2028年—2030年: a span like 2028—2030年.
            consider(y, "\(v)..\(v2)")
            y = e2
            continue
          } else if !isDate && !namesPlan && !startsFrom {
            consider(y, "\(v)")
          }
        } else if e < pre.count, "—–-至".contains(pre[e]) {
          var d = e + 1
          while d < pre.count && pre[d] == "—" { d += 1 }
          if let (t2, e2) = number(at: d), t2.count == 4, e2 < pre.count, pre[e2] == "年", let v2 = Int(t2), v2 > v {
            consider(y, "\(v)..\(v2)")
            // The span's last year is not a period of its own.
            y = e2
            continue
          }
        }
        y = e
      } else {
        y += 1
      }
    }
    return best.map { ($0.1, nil) }
  }

  /// Characters before a period that make it a comparator (比, 较, 高于, 与 …).
  static let comparisonMarks: Set<Character> = ["比", "较", "于", "与", "同"]

  /// Year counts as written (两年, 三年, 3年 …), for cumulative spans.
  /// Words of an amount added over a span (新增学位1.2万个, 完成棚户区改造5420户).
  static let spanFlowWords = ["新增", "新建", "新改建", "改扩建", "净增", "改造", "发行"]

  static let spanCounts: [(Int, [String])] = [
    (2, ["两年", "二年", "2年"]), (3, ["三年", "3年"]), (4, ["四年", "4年"]), (5, ["五年", "5年"]),
  ]

  /// Whether a clause states its own period or scenario (then nothing is inherited).
  func explicitInClause(_ range: Range<Int>) -> Bool {
    let t = text(range)
    return ["月", "年", "季度", "预计", "计划", "目标", "力争", "确保", "执行情况", "完成情况", "实际完成"].contains { t.contains($0) }
      || Self.statesOutcome(t)
  }

  /// A clause that is only an outcome verb (…预期目标增长6%，完成6.2%; 实际完成…):
  /// after a target it gives that target's outcome, not the plan again.
  static func statesOutcome(_ clause: String) -> Bool {
    ["完成", "实际完成", "实现", "实际"].contains(clause.trimmingCharacters())
  }

  static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  /// Whether a period is a span of whole years (2021..2025).
  /// The year after 由/从 (由2025年的…), if the words name one.
  static func fromYear(in words: String) -> Int? {
    let w = Array(words)
    for i in w.indices where (w[i] == "由" || w[i] == "从") && i + 5 < w.count && w[i + 5] == "年" {
      if let y = Int(String(w[(i + 1)...(i + 4)])), (1990...2100).contains(y) { return y }
    }
    return nil
  }

  static func isYearSpan(_ p: String) -> Bool { p.count == 10 && p.contains("..") && !p.contains("-") }

  /// The indicator for the figure: the lexicon phrase nearest before it in
  /// its clause chain, else the clause's own words (marked).
  func indicator(for figure: Figure, previousEnd: Int, lastIndicator: String?) -> (String, Int, String?) {
    let clause = clauseStart(before: figure.start)
    let from = max(clause, previousEnd)
    let pre = Array(chars[from..<figure.start])
    if let m = lexicon.lastMatch(in: pre) { return (m.canonical, from + m.range.lowerBound, nil) }
    let phrase = Self.cleanPhrase(pre)
    // A column label (执行情况, 总额) in a list item, or no words at all before
    // the item's first figure (预期目标6%左右): the item's indicator.
    if let item = itemSubject, Self.isColumnLabel(phrase), phrase.count >= 2 || lastIndicator == nil {
      return (item.name, from, lexicon.canonical(for: item.name) == nil ? "unknown indicator: kept under its phrase" : nil)
    }
    if phrase.count >= 2 {
      if let known = lexicon.canonical(for: phrase) { return (known, from, nil) }
      return (phrase, from, "unknown indicator: kept under its phrase")
    }
    // Nothing in this clause (…实现428.3亿元，同比增长2.2%): the sentence's last indicator.
    if let last = lastIndicator { return (last, from, nil) }
    // Look back one clause.
    if clause > 1 {
      let prevStart = clauseStart(before: clause - 1)
      let prev = Array(chars[prevStart..<(clause - 1)])
      if let m = lexicon.lastMatch(in: prev) { return (m.canonical, prevStart, nil) }
      let p = Self.cleanPhrase(prev)
      if p.count >= 2 { return (p, prevStart, "unknown indicator: kept under its phrase") }
    }
    return ("未知指标", from, "no indicator phrase found")
  }

  /// Words of a plan report's indicator list that label a column, not an indicator.
  static let columnLabels: Set<String> = [
    "", "执行情况", "完成情况", "实际完成", "执行", "实际", "总额", "总量", "规模", "预期", "目标值", "完成值", "规划目标", "目标",
    "预算", "年度预算",
  ]

  static func isColumnLabel(_ phrase: String) -> Bool { columnLabels.contains(phrase) || phrase.count < 2 }

  static let fillers = [
    "年度", "年末", "年底", "年初", "全市", "全省", "全县", "全区", "我市", "我省", "我县", "本市", "全年", "其中", "累计", "共计", "共", "合计", "今年以来",
    "同比", "同口径", "比上年", "较上年", "分别", "预计", "力争", "确保", "计划", "年计划", "目标", "预期", "主要预期目标为",
    "年", "月", "上半年", "一季度", "前三季度", "完成年计划的", "完成年初目标", "为年度计划的", "完成年度计划的", "完成",
    "安排",
  ]
  static let trailingVerbs = [
    "增长", "增速", "达到", "达", "完成", "实现", "为", "突破", "超过", "超", "增至", "提高到", "提高", "提升到", "下降",
    "控制在", "稳定在", "保持在", "不低于", "不少于", "约", "近", "总量", "总额达", "规模", "共", "分别", "同比", "以上",
    "完成年计划的", "完成年初目标", "年计划的", "完成率", "目标完成率", "投资完成率", "预计", "全年", "安排", "预期",
    "与上年同期", "与上年", "与去年同期", "与去年", "同期",
    // The plan named after its indicator (居民消费价格涨幅年度目标为2%左右).
    "年度目标", "年初目标", "预期目标", "年度计划", "年初预期", "年计划", "涨幅", "增幅", "上涨", "回落", "上升",
  ]

  /// A clause's own words as an indicator name: without fillers, verbs and digits.
  static func cleanPhrase(_ pre: [Character]) -> String {
    var s = String(pre.filter { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == "*" || $0 == "-")) && !"“”《》()（）、—–~".contains($0) })
    var changed = true
    while changed {
      changed = false
      for f in fillers where s.hasPrefix(f) { s.removeFirst(f.count); changed = true }
      for v in trailingVerbs where s.hasSuffix(v) { s.removeLast(v.count); changed = true }
    }
    // A completion phrase (完成全年目标任务的, 完成年度预算的) names no indicator.
    if (s.hasPrefix("完成") || s.hasPrefix("为")) && s.hasSuffix("的") && ["任务", "计划", "目标", "预算"].contains(where: { s.contains($0) }) {
      return ""
    }
    if s.count > 16 { s = String(s.suffix(16)) }
    return s
  }

  /// The words before a figure without leading punctuation and fillers (其中, 全年 …).
  static func stripLeadingFillers(_ s: String) -> String {
    var out = Substring(s)
    while let f = out.first, Text.clauseEnds.contains(f) || f == "、" || f == " " { out.removeFirst() }
    return String(out)
  }

  /// A share clause: 占…的 or 相当于…的, stating what part of a whole the figure is.
  static func isShareClause(_ local: String) -> Bool {
    let s = stripLeadingFillers(local)
    return (s.hasPrefix("占") || s.hasPrefix("相当于")) && s.hasSuffix("的")
  }

  /// The subject of a share stated in one clause (民生支出占一般公共预算支出的78.5%):
  /// its name, when the words before 占 name something (lexicon or 2+ characters).
  func shareSubject(_ local: String) -> String? {
    let s = Array(Self.stripLeadingFillers(local))
    guard let at = s.lastOffset(of: "占"), at >= 2 else { return nil }
    // …占…的N%, or …占…的比重提高到N% (the share's change words after 比重).
    let after = String(s[(at + 1)...])
    guard s.last == "的"
      || (after.contains("比重") || after.contains("比例"))
        && ["为", "达到", "提高到", "提升到", "上升到", "增至", "降至", "下降到", "保持在", "稳定在"].contains(where: { after.hasSuffix($0) })
    else { return nil }
    let subject = Array(s[..<at])
    if let m = lexicon.lastMatch(in: subject) { return m.canonical }
    let p = Self.cleanPhrase(subject)
    return p.count >= 2 ? p : nil
  }

  /// A level stated against an average (人均收入仅为全省平均水平的82%): named
  /// 〈indicator〉相当于〈average〉, when the words before 为/相当于 name an indicator.
  /// A figure stated as a share of a past year's (接待游客…是2019年同期的138.6%, 恢复至2019年的
  /// 88.6%): "相当于2019年同期", to follow the subject's name; nil otherwise.
  /// A place named first in the words before a figure (乌陂县…, 苕川高新区…): its name, or nil.
  func subRegion(_ local: String) -> String? {
    let s = Array(Self.stripLeadingFillers(local))
    guard s.count >= 3, RegionFinder.isHan(s[0]), RegionFinder.isHan(s[1]) else { return nil }
    for park in ["高新区", "经开区", "开发区"] where s.count >= 5 && String(s[2..<5]) == park {
      return String(s[0..<5])
    }
    guard RegionFinder.suffixes.contains(s[2]), s[2] != "省" else { return nil }
    let name = String(s[0..<3])
    // (琮城区 and 雁湖区 are places, though 城区 and 湖区 alone are not.)
    guard !RegionFinder.notNames.contains(name), !"全本我各该此城市县省".contains(s[0]),
      !RegionFinder.notNames.contains(String(s[0..<2])), lexicon.lastMatch(in: Array(s[0..<3])) == nil
    else { return nil }
    return name
  }

  /// A name without an earlier share's suffix (接待游客相当于2019年同期 → 接待游客).
  static func withoutShareSuffix(_ name: String) -> String {
    guard let at = Array(name).firstOffset(of: "相当于") else { return name }
    return String(Array(name)[..<at])
  }

  static func pastYearShare(_ local: String) -> String? {
    let s = Array(stripLeadingFillers(local))
    guard s.last == "的" else { return nil }
    for verb in ["恢复至", "恢复到", "相当于", "是", "为"] {
      guard let at = s.lastOffset(of: verb) else { continue }
      let after = Array(s[(at + verb.count)...])
      // 仅为上年同期的72.4%: a share of the same period a year before.
      for base in ["上年同期", "去年同期"] where String(after) == base + "的" { return "相当于上年同期" }
      guard after.count >= 6, after[4] == "年", Text.years(in: Array(after.prefix(5))).count == 1 else { continue }
      return "相当于" + String(after.dropLast())
    }
    return nil
  }

  func relativeLevelName(_ local: String) -> String? {
    let s = Array(Self.stripLeadingFillers(local))
    guard s.last == "的", let avg = s.lastOffset(of: "平均水平") else { return nil }
    let verb = s.lastOffset(of: "相当于") ?? s.lastOffset(of: "为")
    guard let at = verb, at < avg, let m = lexicon.lastMatch(in: Array(s[..<at])) else { return nil }
    let skip = s[at] == "为" ? 1 : 3
    let reference = String(s[(at + skip)..<(avg + 4)])
    // The subject's own words when they say more (人均地区生产总值, not 地区生产总值).
    var subject = Self.cleanPhrase(Array(s[..<at]))
    for w in ["仅", "只", "约"] where subject.hasSuffix(w) { subject = String(subject.dropLast(w.count)) }
    return (subject.contains(m.canonical) ? subject : m.canonical) + "相当于" + reference
  }

  /// The noun a count classifier introduces (25个省重点项目 → 省重点项目),
  /// empty when punctuation or another number follows.
  func nounAfter(_ figure: Figure) -> String { nounAfterSpan(figure).noun }

  /// The noun after a count and where it ends in the sentence.
  func nounAfterSpan(_ figure: Figure) -> (noun: String, end: Int) {
    var k = figure.end
    // A qualifier between the count and its noun (1个10亿元以上的产业项目) is skipped.
    if k < chars.count && Text.isDigit(chars[k]) {
      while k < chars.count && (Text.isDigit(chars[k]) || chars[k] == ".") { k += 1 }
      if let (_, e) = unit(at: k) { k = e }
      for w in SentenceAnalyzer.boundWords where has(w, at: k) { k += w.count }
    }
    if k < chars.count && chars[k] == "的" { k += 1 }
    var out: [Character] = []
    while k < chars.count && out.count < 16 {
      let c = chars[k]
      if Text.clauseEnds.contains(c) || c == "、" || c == "及" || c == "和" || (out.isEmpty && Text.isDigit(c)) { break }
      // Another figure (…改扩建10个…) ends the noun.
      if Text.isDigit(c), let (_, e) = number(at: k), unit(at: e) != nil { break }
      // N个X的Y counts X.
      if c == "的" && !out.isEmpty { break }
      if c != "“" && c != "”" && c != "\"" && c != " " { out.append(c) }
      k += 1
    }
    guard let first = out.first, RegionFinder.isHan(first) else { return ("", figure.end) }
    return (String(out), k)
  }

  // MARK: rows

  mutating func rows() -> [ProposedRow] {
    var out: [ProposedRow] = []
    let figs = figures()
    var previousEnd = 0
    var lastIndicator: String?
    // A sentence opening with a plan's label (规划目标：2025年达到300亿元，年均增长7%左右)
    // states targets in all its clauses.
    let labelNamesPlan = chars.prefix(8).firstIndex(where: { $0 == "：" || $0 == ":" }).map { colon in
      let label = text(0..<colon)
      return ["目标", "规划", "计划"].contains(where: { label.contains($0) }) && !["完成", "实际", "执行"].contains(where: { label.contains($0) })
    } ?? false
    var keptCountBase: String?
    var droppedCountBase: String?
    var prevWasFrom = false, prevWasTo = false
    var lastKeptClause = -1
    let sentenceText = String(chars)
    // 预计 before the sentence's first figure (综合分析,预计全年…) governs all its clauses.
    let opensWithEstimate = estimateOpensSentence()
    // 累计 before the first figure (累计引进…项目138个，实际到位资金412亿元) governs its clauses.
    let opensWithCumulative = text(0..<(figs.first?.start ?? 0)).contains("累计")
    let opensWithDone = Self.doneWords.contains { text(0..<(figs.first?.start ?? 0)).contains($0) }
    for (index, figure) in figs.enumerated() {
      // Figures of one list (145、739、675亿元) share their end: never look back past a start.
      previousEnd = min(previousEnd, figure.start)
      var notes: [String] = []
      let clause = clauseStart(before: figure.start)
      let clausePre = text(clause..<figure.start)
      // The words just before the number (after the last figure in the clause).
      let localFrom = max(clause, previousEnd)
      let local = text(localFrom..<figure.start)
      // (Without the plan named after the words: 涨幅年度目标为2% is a growth.)
      let localTail = String(Self.withoutTrailingPlan(local).suffix(6))

      // Measure.
      var measure = "level"
      var negative = false
      let isPercent = figure.unit == "%"
      if figure.flat {
        measure = "growth"
      } else if figure.unit == "‰" {
        measure = "ratio"
      } else if figure.unit == "百分点" {
        measure = "pp_diff"
        negative = ["低于", "下降", "降低", "回落", "减少", "收窄"].contains { localTail.contains($0) }
          || clausePre.contains("拖累") || clausePre.contains("拉低")  // a drag on growth (拖累/拉低投资增速约3.2个百分点)
          || ["低于", "慢于"].contains { Self.stripLeadingFillers(local).hasPrefix($0) }
          || Self.lastComparison(in: local).map { $0 == "低于" || $0 == "慢于" } == true
          // 比全省低0.2个百分点, 较上年少1.2个百分点.
          || (clausePre.contains("比") || clausePre.contains("较")) && ["低", "慢", "少"].contains { local.hasSuffix($0) }
        // A decline narrowing (降幅收窄) is a growth rate rising; widening, falling.
        if local.contains("降幅") { negative = ["扩大", "加深", "加大"].contains { localTail.contains($0) } }
      } else if isPercent && localTail.contains("增长面") {
        // 增长面 (the share of industries growing) is a ratio, not a growth.
        measure = "ratio"
      } else if isPercent {
        // A decline after a plan word (年计划单位地区生产总值能耗下降2.8%) is the planned growth.
        if SentenceAnalyzer.completionWords.contains(where: { clausePre.contains($0) })
          && !["增长", "增速", "下降", "降低"].contains(where: { local.contains($0) }) && !Self.isAppliedRate(clausePre)
          && !Self.opensWithPlanWord(Self.stripLeadingFillers(clausePre))
        {
          measure = "completion"
        } else if local.contains("年均") || clausePre.contains("年均") || Self.averageYears(clausePre) != nil {
          measure = "avg_growth"
        } else if SentenceAnalyzer.growthVerbs.contains(where: { localTail.contains($0) })
          && (localTail.contains("增长率") || !SentenceAnalyzer.ratioWords.contains(where: { localTail.contains($0) }))
        {
          measure = "growth"
        } else if SentenceAnalyzer.ratioWords.contains(where: { clausePre.contains($0) }) {
          measure = "ratio"
        } else if local.contains("增") || local.contains("降") {
          measure = "growth"
        } else if let prev = out.last, prev.measure == "growth", local.filter({ !"-－−".contains($0) }).count <= 1 {
          // (The next item of a list of rates, …、6.8%、-1.2%和7.5%, minus sign and all.)
          measure = "growth"
        } else if let prev = out.last, prev.scenario == "target", Self.statesOutcome(String(local)) {
          // 预期目标增长6%，完成6.2%: the outcome is measured as its target is.
          measure = prev.measure
        } else {
          // A plain % in a list item headed by a growth rate (…增速。预期目标7%) is growth.
          measure = itemSubject?.growth == true ? "growth" : "ratio"
        }
        if measure == "growth" {
          negative = SentenceAnalyzer.negativeVerbs.contains { localTail.contains($0) }
          // The next figure of a list (下降24.7%、8.7%) keeps the list's sign.
          if local.count <= 2, let prev = out.last, prev.measure == "growth", prev.value.hasPrefix("-") { negative = true }
        }
      }
      if figure.minus { negative = true }

      // Period and scenario.
      var scenario = "actual"
      var baseYear = state.sectionYear
      if state.yearGuessed { notes.append("guessed year") }
      let ownScenario = SentenceAnalyzer.targetWords.contains { clausePre.contains($0) }
      // (In a forecast section, 四、四季度及全年经济走势预测, figures without a plan word are projections.)
      let estimate = clausePre.contains("预计") || ((carriedEstimate || opensWithEstimate || state.inForecast
        || (estimateClauseGoverns(figure.start) && !["月", "季度", "上半年"].contains(where: { clausePre.contains($0) })))
        && !ownScenario
        && !["需", "力争", "确保"].contains(where: { clausePre.contains($0) }))
      var explicitYearPeriod: String?
      // A pp comparison (增速比一季度加快0.4个百分点, 高于全省0.6个百分点)
      // right after a figure is about that figure: its comparator is no period.
      // A comparison with another indicator's rate (低于地区生产总值增速0.8个百分点) is too.
      // In a paragraph opened by a span (这五年，…), what was added over it is
      // the span's: a sentence opened by 累计, an increment (新增, 新建, 净增,
      // 改造, 发行), a change in points (五年提高6.3个百分点).
      let spanFlow = paragraphPeriod.map(Self.isYearSpan) == true && !periodIsFrame
        && (opensWithCumulative || measure == "pp_diff"
          || Self.spanFlowWords.contains(where: { clausePre.contains($0) }))
      let comparatorOnly = figure.unit == "百分点" && !out.isEmpty
        && (lexicon.lastMatch(in: Array(local)) == nil
          && ["高于", "低于", "比", "较", "增速", "快于", "慢于", "同比", "降幅", "增幅", "涨幅"].contains {
            Self.stripLeadingFillers(local).hasPrefix($0)
          }
          || ["高于", "低于", "快于", "慢于"].contains { Self.stripLeadingFillers(local).hasPrefix($0) }
            && ["增速", "增长", "增幅"].contains { local.contains($0) })
      if comparatorOnly, let prev = out.last {
        explicitYearPeriod = prev.period
      } else if let marker = periodMarker(before: figure.start, baseYear: baseYear) {
        explicitYearPeriod = marker.period
        if let y = Int(marker.period), y != baseYear { baseYear = y }
      } else if let carried = carriedPeriod {
        explicitYearPeriod = carried
      } else if let p = paragraphPeriod, !estimate, !text(0..<figure.start).contains("目前"),
        !Self.isYearSpan(p) || ["累计", "年均"].contains(where: { clausePre.contains($0) })
          || (figure.start > 0 && "从由".contains(chars[figure.start - 1])) || prevWasFrom
          || spanFlow
      {
        // (目前, "at present", is a time of its own.)
        // A span opening a paragraph (五年来，…。) dates its later cumulative,
        // average and from-to figures; other figures keep the section's year.
        explicitYearPeriod = p
      }
      if state.inPlan {
        scenario = estimate ? "estimate" : "target"
        // Settled before the plan (已提前下达…限额62.8亿元，其中…): an outcome.
        if opensWithDone && !estimate { scenario = "actual" }
        if let p = explicitYearPeriod, let y = Int(p.prefix(4)), let plan = state.planYear, y < plan, !p.contains("..") || p.hasSuffix(String(y)) {
          // A past figure quoted in the plan section.
          scenario = estimate ? "estimate" : "actual"
        }
      } else {
        // Target words count in the figure's own clause: a sentence often
        // gives the plan first and the outcome after a comma.
        // 控制在 also states outcomes (失业率控制在3.28%以内); 计划项目 is a noun.
        let withoutNoun = clausePre.replacingWord("计划项目").replacingWord("计划总投资")
        let targetBefore = SentenceAnalyzer.targetWords.contains { word in
          word != "争取" && word != "控制在" && withoutNoun.contains(word)
        }
        if estimate { scenario = "estimate" } else if (targetBefore || Self.namesGoalAfter(text(figure.end..<min(chars.count, figure.end + 8)))
          || labelNamesPlan || (state.inForecast && clausePre.contains("需"))
          || listEndsInGoal(after: figure.end))
          && measure != "completion"
        {
          scenario = "target"
        }
        if let p = explicitYearPeriod, let y = Int(p.prefix(4)), let review = state.reviewYear, y > review,
          !p.contains(".."), Int(p) != nil || y != state.partYear
        {
          // (A part of this year in a text looking back on last year is done.)
          scenario = estimate ? "estimate" : "target"
        }
      }
      // 年初…确定的主要预期目标是：A增长7.5%左右，B增长9%…: a list of the year's targets,
      // restated in a review.
      let inGoalList = scenario == "actual" && !estimate && measure != "completion"
        && Self.followsGoalColon(text(0..<figure.start))
      if inGoalList { scenario = "target" }
      if measure == "completion" && scenario == "target" { scenario = "actual" }
      // An outcome compared with its plan (增速低于年度目标1.1个百分点) is an outcome.
      if measure == "pp_diff", scenario == "target", !state.inPlan, Self.comparesWithPlan(clausePre) { scenario = "actual" }
      // A completion rate right after a projected figure is itself projected.
      // (…预计全年增长4.8%，完成年计划（增长7%）的97.9%: past the plan in brackets.)
      if measure == "completion", let prev = out.last(where: { $0.scenario != "target" }), prev.scenario == "estimate" {
        scenario = "estimate"
        if explicitYearPeriod == nil { explicitYearPeriod = prev.period }
      }
      // A projection (预计) is for the whole year, also in a part-year review.
      // So is a target (年计划增长6%左右): plans are set for the year.
      var period = explicitYearPeriod
        ?? (baseYear == state.sectionYear && !estimate && scenario != "target" ? state.defaultPeriod : nil)
        ?? baseYear.map(String.init) ?? ""
      // A level or rate to reach over the years ahead (今后五年…研发经费投入强度达到2.8%) is
      // for the span's last year; its average growth and its sums are over the span.
      if scenario == "target", Self.isYearSpan(period), measure == "level" || measure == "ratio",
        !["累计", "新增", "年均", "总计", "合计"].contains(where: { clausePre.contains($0) }),
        let first = Int(period.prefix(4)), let plan = state.planYear, first >= plan
      {
        period = String(period.suffix(4))
      }
      // A harvest in a part-year release (夏粮总产量13.86万吨, 早稻播种面积, 粮食总产量 in a
      // 1—11月 brief) is the year's crop.
      if scenario == "actual", Int(period) == nil, !Self.isYearSpan(period), let y = Int(period.prefix(4)),
        ["夏粮", "早稻", "油菜籽", "夏收", "秋粮", "晚稻", "粮食", "油料"].contains(where: { clausePre.contains($0) }),
        !["上半年", "季度", "月"].contains(where: { clausePre.contains($0) })
      {
        period = String(y)
      }
      if inGoalList, Int(period) == nil, !Self.isYearSpan(period), let y = Int(period.prefix(4)) { period = String(y) }
      // 比2015年的178.4亿元净增90.2亿元: the first figure is the base year's own.
      if let base = Self.comparedBaseYear(text(max(0, figure.start - 8)..<figure.start)) {
        period = String(base)
        if scenario == "target" { scenario = "actual" }
      }
      // A year's target quoted in a part-year sentence (1—10月…完成年度目标96亿元的81.6%) is the year's.
      if scenario == "target", Int(period) == nil, !Self.isYearSpan(period),
        ["年度", "全年", "年计划", "年初"].contains(where: { clausePre.contains($0) }), let y = Int(period.prefix(4))
      {
        period = String(y)
      }
      // 从24.8%提升到26.7%: the first figure is the year before, the second
      // the year itself, both in the first one's measure.
      let isFrom = figure.start > 0 && (chars[figure.start - 1] == "从" || chars[figure.start - 1] == "由")
        && index + 1 < figs.count && clauseStart(before: figs[index + 1].start) == clause
        && (words(between: figure, figs[index + 1]).contains("到") || words(between: figure, figs[index + 1]).contains("至"))
        || fromListStart(index, figures: figs).map { figs[$0].start > 0 && "从由".contains(chars[figs[$0].start - 1]) } == true
      if isFrom, let y = baseYear {
        period = String(y - 1)
        // Over a span of years (五年来…由56.3%提高到60.8%): the year before it.
        if let p = explicitYearPeriod, p.count == 10, let first = Int(p.prefix(4)) { period = String(first - 1) }
        // …also when an earlier clause named the span's last year (2030年…，X由38降到29).
        else if let p = paragraphPeriod, Self.isYearSpan(p), let first = Int(p.prefix(4)), let last = Int(p.suffix(4)),
          explicitYearPeriod == nil || explicitYearPeriod == String(last), !text(clause..<figure.start).contains("年")
        {
          period = String(first - 1)
        }
      }
      // A projected yearly effect (预计每年减少利息支出1亿元) in a review starts with the plan year.
      if estimate, !state.inPlan, explicitYearPeriod == nil, clausePre.contains("每年"), let plan = state.planYear {
        period = String(plan)
      }
      var isTo = false
      // …also with the years written on (由2020年的742亿元增加到2025年的1286亿元).
      let datedTo = index > 0 && Self.endsWithDatedFrom(text(max(0, figs[index - 1].start - 8)..<figs[index - 1].start))
        && Self.stripYearOf(local).count <= 4
      // (分别由A、B增加到C、D: D follows C.)
      let listedTo = prevWasTo && local == "、"
      if let prev = out.last, prevWasFrom || datedTo || listedTo,
        datedTo || local.count <= 4, local.contains("到") || local.contains("至") || listedTo
      {
        measure = prev.measure; negative = false; isTo = true
        if let y = baseYear { period = String(y) }
        if let p = explicitYearPeriod, p.count == 10, let last = Int(p.suffix(4)) { period = String(last) }
      }
      prevWasFrom = isFrom
      // In a text written months into a year and looking back on the last (a feature
      // dated October), 目前 is the time of writing (增加到目前的241家).
      if let now = state.partYear, now == state.currentYear, scenario == "actual", local.contains("目前"),
        Int(period).map({ $0 == now - 1 }) == true
      {
        period = String(now)
      }
      prevWasTo = isTo
      // A clause with no subject, verb or period of its own after a target
      // (全年计划完成83个小区,总投资1.1亿元) states the same plan.
      // (Naming the target's indicator again, 粮食产量年度目标为174万吨以上，全年粮食总产量176.3万吨,
      // it states the outcome.)
      if !state.inPlan, scenario == "actual", !estimate, let prev = out.last, prev.period == period,
        prev.scenario == "target", clause > 0,
        !["完成", "实现", "达到", "累计", "增长", "执行", "实际"].contains(where: { clausePre.contains($0) }),
        !Self.namesSameIndicator(Self.cleanPhrase(Array(clausePre)), prev.indicator)
      {
        scenario = "target"
      }
      if period.isEmpty { notes.append("no year found: pass --year") }
      // An average growth up to a horizon year (到2030年…年均增长5%) runs from the plan's year.
      if measure == "avg_growth", scenario != "actual", let y = Int(period), let plan = state.planYear, y > plan {
        period = "\(plan)..\(y)"
      }
      // 由2025年的…增加到2030年的…，年均增长4.1%: over the years after the first.
      if measure == "avg_growth", let y = Int(period), let y0 = Self.fromYear(in: text(0..<clause)), y0 < y {
        period = "\(y0 + 1)..\(y)"
      }
      // 规划目标：2025年达到300亿元，年均增长7%左右 in a text framed by 2021..2025: over those years.
      if measure == "avg_growth", let y = Int(period), let span = paragraphPeriod, Self.isYearSpan(span),
        Int(span.suffix(4)) == y
      {
        period = span
      }
      // 两年平均增长6.1% (over a base year hit by a shock): the year and the one before.
      // (Of a part of the year too: the store names no span of halves, so the years.)
      if measure == "avg_growth", !Self.isYearSpan(period), let y = Int(period.prefix(4)), let n = Self.averageYears(clausePre) {
        period = "\(y - n + 1)..\(y)"
      }
      if measure == "avg_growth" && !period.contains("..") { notes.append("average growth without a span") }
      if measure != "avg_growth" && period.contains("..") && !period.contains("-") && measure == "growth" {
        // A growth over a span of years is an average unless it says 累计.
        if !local.contains("累计") && !clausePre.contains("期末") { measure = "avg_growth" }
      }
      // (Not one held over the span: 连续三年稳定在386万亩以上.)
      let heldOverSpan = Self.spanCounts.contains { _, words in
        words.contains { w in ["稳定在", "保持在", "保持"].contains { clausePre.contains("连续" + w + $0) } }
      }
      if period.contains("..") && period.count == 10 && !local.contains("累计") && !clausePre.contains("累计")
        && !spanFlow && !heldOverSpan && (measure == "level" || measure == "ratio" && scenario == "target")
      {
        // A level stated after a multi-year span is a position at its end.
        period = String(period.suffix(4))
      }

      // Bound (targets only).
      var bound = ""
      if true {
        let before = String(local.suffix(4))
        switch figure.boundAfter {
        case "以上": bound = ">="
        case "以内", "以下": bound = "<="
        case "左右": bound = "~"
        default:
          // 以上 inside the words before (亿元以上项目40个) qualifies a noun, not the figure.
          if ["不低于", "不少于", "超过", "突破"].contains(where: { before.contains($0) }) || before.hasSuffix("以上") {
            bound = ">="
          } else if ["不高于", "不超过", "控制在"].contains(where: { before.contains($0) }) {
            bound = "<="
          } else if before.hasSuffix("约") {
            bound = "~"
          } else {
            bound = "="
          }
        }
        if negative && bound == ">=" { bound = "<=" }
        if scenario != "target" { bound = "" }
      }

      // Indicator.
      let (indicator, subjectStart, indicatorNote) = indicator(
        for: figure, previousEnd: previousEnd, lastIndicator: lastIndicator)
      if let n = indicatorNote { notes.append(n) }
      let countBase = FigureFilter.base(of: figure.unit)
      let isCount = FigureFilter.countUnits.contains(countBase)
      // The next item of a list whose first item was dropped (…单位、3945家国企、139家园区) goes too.
      let continuesDropped = isCount && droppedCountBase == countBase && clauseStart(before: figure.start) == clause
        && (local.hasPrefix("、") || local.count <= 1 || (local.count <= 4 && local.hasSuffix("、")))
      // An increment over last year or the start of the year right after its level
      // (存款余额386.5亿元，比年初增加31.2亿元; 企业172家，比上年净增11家): a level row of its
      // own, named by the level and its base (存款余额比年初增加), negative when it fell.
      if figure.high == nil, !figure.minus, let increment = Self.increment(local),
        let prev = out.last(where: { $0.measure == "level" }), prev.scenario == "actual",
        FigureFilter.base(of: prev.unit) == countBase || prev.unit == figure.unit,
        lexicon.lastMatch(in: Array(local)) == nil
      {
        var row = prev
        row.indicator = prev.indicator + "比" + increment.base + "增加"
        row.value = increment.fell && figure.low != "0" ? "-" + figure.low : figure.low
        row.unit = figure.unit
        row.quote = text(clause..<figure.end).trimmingCharacters()
        row.note = ""
        out.append(row); repeatKeys.append("")
        previousEnd = figure.end
        continue
      }
      let reason = continuesDropped
        ? "the next item of a dropped list"
        : dropReason(
          figure: figure, measure: measure, local: local, clausePre: clausePre,
          keptCountBefore: keptCountBase, keptInClause: lastKeptClause == clause)
      if let reason {
        if isCount { droppedCountBase = countBase; keptCountBase = nil }
        skipped.append(SkippedFigure(quote: text(max(clause, previousEnd)..<figure.end).trimmingCharacters(), reason: reason))
        previousEnd = figure.end
        continue
      }
      if isCount { keptCountBase = countBase; droppedCountBase = nil }
      lastKeptClause = clause
      // A clause without its own subject (…，同比增长2.2%) continues the previous
      // figure: same indicator, scenario and period.
      var rowRegion = region
      var listedPlace = false
      if !isTo, indicator == lastIndicator, let prev = out.last, subjectStart >= clause,
        lexicon.lastMatch(in: Array(chars[max(clause, previousEnd)..<figure.start])) == nil,
        Self.cleanPhrase(Array(chars[max(clause, previousEnd)..<figure.start])).count < 2
      {
        rowRegion = prev.region
        if !explicitInClause(clause..<figure.start) {
          scenario = prev.scenario; period = prev.period
          if measure == "completion" && scenario == "target" { scenario = "actual" }
          if scenario != "target" { bound = "" } else if bound.isEmpty { bound = "=" }
        }
      }
      lastIndicator = indicator
      var name = indicator
      if comparatorOnly, let prev = out.last {
        name = prev.indicator; scenario = prev.scenario; period = prev.period
        notes.removeAll { $0.hasPrefix("unknown indicator") }
        bound = scenario == "target" ? (bound.isEmpty ? "=" : bound) : ""
      }
      // 上年同期为5.2% after a figure: the same indicator in the same period a
      // year earlier. The figure is the sentence's last in its first period
      // (not a comparison in points, not 一季度为… given in passing).
      if let prev = out.last(where: { $0.measure != "pp_diff" && $0.period == out.first?.period }),
        case let lead = text(clause..<figure.start),
        ["上年同期为", "去年同期为", "上年同期是", "去年同期是"].contains(where: { lead.hasPrefix($0) })
      {
        name = prev.indicator; measure = prev.measure; scenario = "actual"; bound = ""
        period = Self.shiftYears(prev.period, by: -1)
        notes.removeAll { $0.hasPrefix("unknown indicator") }
      }
      // 占…的N% after a figure is that figure's share (民生支出…,占一般公共预算支出的78.3%).
      if Self.isShareClause(local), let prev = out.last, lexicon.lastMatch(in: Array(local)) == nil {
        name = prev.indicator + "占比"
        notes.removeAll { $0.hasPrefix("unknown indicator") }
      } else if figure.unit == "%", !Self.isShareClause(local), let subject = shareSubject(local) {
        name = subject + "占比"
        notes.removeAll { $0.hasPrefix("unknown indicator") }
      } else if figure.unit == "%", let relative = relativeLevelName(local) {
        name = relative
        notes.removeAll { $0.hasPrefix("unknown indicator") }
      } else if figure.unit == "%", let share = Self.pastYearShare(local),
        let subject = out.last(where: { $0.measure != "pp_diff" })?.indicator ?? paragraphIndicator
      {
        name = Self.withoutShareSuffix(subject) + share
        measure = "ratio"
        notes.removeAll { $0.hasPrefix("unknown indicator") }
      }
      // A count whose noun follows the classifier (新增7家国家企业技术中心) is
      // named by that noun, after the verb before the number.
      var nounEnd: Int?
      if isCount, let named = countedName(figure: figure, local: local, previous: index > 0 ? figs[index - 1] : nil) {
        name = named
        nounEnd = nounAfterSpan(figure).end
      }
      // 由40家增加到65家: both figures belong to the subject before 由, not to the verb.
      let datedFrom = Self.endsWithDatedFrom(text(max(0, figure.start - 8)..<figure.start))
      if isFrom || isTo || datedFrom, let at = clausePre.lastIndex(where: { $0 == "由" || $0 == "从" }) {
        let subject = Array(clausePre[..<at])
        if let m = lexicon.lastMatch(in: subject) {
          name = m.canonical
        } else if name.contains("到") || name.contains("由"), case let p = Self.cleanPhrase(subject), p.count >= 2 {
          name = p
          notes.removeAll { $0.hasPrefix("unknown indicator") }
          notes.append("unknown indicator: kept under its phrase")
        }
      }
      // 分别 lists of periods (一季度、上半年、前三季度分别增长2.1%、3.0%、3.7%): the k-th
      // period dates the k-th figure, which is the indicator named before the list, or
      // the paragraph's last one.
      if let fenbie = chars.firstOffset(of: "分别"), let y = Int(period.prefix(4)),
        let (periods, listStart) = enumeratedPeriods(figure: figure, figures: figs, fenbie: fenbie, year: y)
      {
        period = periods
        // (The subject before the list, or before 分别 when the list ends with it.)
        let subject = clause <= listStart ? clause..<listStart : clauseStart(before: listStart)..<listStart
        if let m = lexicon.lastMatch(in: Array(chars[subject])) {
          name = m.canonical
        } else if let last = out.last?.indicator ?? paragraphIndicator {
          name = last
        }
        notes.removeAll { $0.hasPrefix("unknown indicator") }
      } else if let fenbie = chars.firstOffset(of: "分别"),
        let named = enumerationSubject(figure: figure, figures: figs, index: index, fenbie: fenbie)
      {
        // Places listed with 分别 while each figure names its own measure
        // (甲区、乙区分别精简机构20%、人员84%) pair ambiguously: left out.
        let own = Self.cleanPhrase(Array(local.split(separator: "分别").last.map(String.init) ?? local))
        if let last = named.last, RegionFinder.suffixes.contains(last), lexicon.lastMatch(in: Array(named)) == nil,
          own.count >= 2
        {
          previousEnd = figure.end
          continue
        }
        name = named
        // Places listed with 分别 (甲区、乙区、丙县规模以上工业增加值分别增长…): each figure is its
        // place's, under the indicator the list names.
        let list = chars[clauseStart(before: fenbie)..<fenbie]
        let items = list.split(whereSeparator: { "、和及".contains($0) }).map { String($0) }
        let after = figs.filter { $0.start > fenbie && clauseStart(before: $0.start) == clause }
        if items.count == after.count, let k = after.firstIndex(where: { $0.start == figure.start }),
          let place = subRegion(items[k]), place != region
        {
          rowRegion = place
          let rest = String(items[k].dropFirst(place.count))
          name = rest.count >= 2 ? (lexicon.lastMatch(in: Array(rest))?.canonical ?? rest)
            : lexicon.lastMatch(in: Array(list))?.canonical ?? name
          listedPlace = true
        }
      }
      // 城乡居民… 分别 with two figures: the first is 城镇居民…, the second 农村居民….
      if name.contains("城乡"), let pair = urbanRuralIndex(figure: figure, figures: figs) {
        let c = Array(name)
        if let at = c.firstOffset(of: "城乡") { name = String(c[..<at]) + (pair == 0 ? "城镇" : "农村") + String(c[(at + 2)...]) }
      }

      // Quote: the clause(s) from the subject to the figure.
      let quoteStart = min(subjectStart, clause)
      // A count named by the noun after it quotes that noun too.
      var quoteEnd = nounEnd ?? figure.end
      if sentenceText.contains("分别") { quoteEnd = max(quoteEnd, clauseEnd(after: figure.start)) }
      let quote = text(quoteStart..<quoteEnd).trimmingCharacters()

      func value(_ v: String) -> String { negative && v != "0" ? "-" + v : v }
      // A place of the report's opening the words (分县市区看，乌陂县规模以上工业增加值增长10.2%，
      // 东浦区下降2.8%): the figure is that place's, under the indicator it names or the last one.
      if !listedPlace, let place = subRegion(local), place != region {
        rowRegion = place
        let rest = name.hasPrefix(place) ? String(name.dropFirst(place.count)) : name
        if rest.count < 2 || rest == place, let previous = out.last(where: { $0.measure != "pp_diff" }) {
          name = previous.indicator
        } else if rest.count >= 2 {
          name = rest
        }
        notes.removeAll { $0.hasPrefix("unknown indicator") }
      }
      var row = ProposedRow(
        region: rowRegion, indicator: name, measure: measure, scenario: scenario, period: period, value: value(figure.low),
        unit: figure.unit, bound: bound, quote: quote, note: notes.joined(separator: "; "))
      // What the figure counts or measures, in the report's words, to find
      // the same figure stated again in other words (…重大科研成果58项).
      let counted = nounAfter(figure)
      let key = counted.isEmpty ? String(Self.cleanPhrase(Array(local)).suffix(6)) : counted
      if let high = figure.high {
        if scenario == "target" {
          row.bound = ">="
          out.append(row); repeatKeys.append(key)
          row.value = value(high)
          row.bound = "<="
          out.append(row); repeatKeys.append(key)
        } else {
          row.note = (notes + ["range outside a target: low end kept"]).joined(separator: "; ")
          out.append(row); repeatKeys.append(key)
        }
      } else if let subjects = sharedFigureSubjects(before: figure, clause: clause), subjects.count >= 2 {
        // 甲率、乙率、丙率均达到100%: one figure for each subject listed.
        for subject in subjects {
          row.indicator = subject
          out.append(row); repeatKeys.append("")
        }
      } else {
        out.append(row); repeatKeys.append(key)
      }
      previousEnd = figure.end
    }
    let relative = relativeTargets()
    out.append(contentsOf: relative)
    repeatKeys.append(contentsOf: relative.map { _ in "" })
    let structure = industryStructure()
    out.append(contentsOf: structure)
    repeatKeys.append(contentsOf: structure.map { _ in "" })
    return out
  }

  /// The last comparison word (高于, 低于, 快于, 慢于) in the words before a figure
  /// (商品零售额增速低于餐饮收入增速3.5个百分点 → 低于).
  static func lastComparison(in local: String) -> String? {
    let c = Array(local)
    var best: (Int, String)?
    for word in ["高于", "低于", "快于", "慢于"] {
      if let at = c.lastOffset(of: word), best.map({ at > $0.0 }) ?? true { best = (at, word) }
    }
    return best?.1
  }

  /// The year's plan named as a noun (城镇调查失业率年度目标控制在…, 年计划88%).
  static let planNames = ["年度目标", "年初目标", "预期目标", "年度计划", "年计划"]

  /// Words before a figure without the plan named at their end (涨幅年度目标为 → 涨幅).
  static func withoutTrailingPlan(_ local: String) -> String {
    var s = Substring(local)
    for verb in ["为", "是"] where s.hasSuffix(verb) { s = s.dropLast(verb.count) }
    for plan in planNames where s.hasSuffix(plan) && s.count > plan.count + 1 {
      return String(s.dropLast(plan.count))
    }
    return local
  }

  static let holidays: [(String, Int)] = [
    ("元旦", 1), ("春节", 2), ("清明", 4), ("五一", 5), ("劳动节", 5), ("端午", 6), ("中秋", 9), ("国庆", 10), ("十一", 10),
  ]

  /// The month of a holiday named at `i` and followed by 假期, 期间, 黄金周 or 小长假.
  static func holidayMonth(_ c: [Character], at i: Int) -> Int? {
    for (name, month) in holidays {
      let w = Array(name)
      guard i + w.count <= c.count, Array(c[i..<(i + w.count)]) == w else { continue }
      var k = i + w.count
      while k < c.count && "”’\"".contains(c[k]) { k += 1 }
      let rest = String(c[k..<min(c.count, k + 3)])
      if ["假期", "期间", "黄金周", "小长假", "节假日"].contains(where: { rest.hasPrefix($0) }) { return month }
    }
    return nil
  }

  /// A count of months written in digits or Chinese numerals (11, 十一, 三) at
  /// `i`, and where it ends.
  static func monthCount(in c: [Character], at i: Int) -> (Int, Int)? {
    var k = i, digits = ""
    while k < c.count && Text.isDigit(c[k]) { digits.append(c[k]); k += 1 }
    if !digits.isEmpty { return Int(digits).map { ($0, k) } }
    let values: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
    if k < c.count, c[k] == "十" {
      k += 1
      if k < c.count, let unit = values[c[k]] { return (10 + unit, k + 1) }
      return (10, k)
    }
    if k < c.count, let unit = values[c[k]] { return (unit, k + 1) }
    return nil
  }

  /// Whether a phrase names the same indicator as a name, written more or less
  /// fully (粮食总产量 and 粮食产量): one ends with the other, or both share their
  /// first and last two characters.
  static func namesSameIndicator(_ phrase: String, _ name: String) -> Bool {
    let a = Array(phrase), b = Array(name)
    guard a.count >= 2, b.count >= 2 else { return false }
    return phrase.hasSuffix(name) || name.hasSuffix(phrase)
      || (a.prefix(2) == b.prefix(2) && a.suffix(2) == b.suffix(2))
  }

  /// The base of an increment written right before its figure (比上年净增, 较年初增加,
  /// 比上年末减少): 上年, 上年末, 年初 or 上年同期, and whether it is a fall.
  static func increment(_ local: String) -> (base: String, fell: Bool)? {
    let c = Array(stripLeadingFillers(local))
    guard c.count >= 4, c[0] == "比" || c[0] == "较" else { return nil }
    let rest = String(c.dropFirst())
    for (written, base) in [("上年同期", "上年同期"), ("去年同期", "上年同期"), ("上年末", "上年末"), ("上年底", "上年末"),
      ("年初", "年初"), ("上年", "上年"), ("去年", "上年")] where rest.hasPrefix(written)
    {
      var verb = String(rest.dropFirst(written.count))
      if verb.hasPrefix("净") { verb.removeFirst() }
      if ["增加", "增"].contains(verb) || verb == "新增" { return (base, false) }
      if ["减少", "减"].contains(verb) { return (base, true) }
      return nil
    }
    return nil
  }

  /// `period` with every year in it moved by `delta` (2031H1 → 2030H1).
  static func shiftYears(_ period: String, by delta: Int) -> String {
    var out = "", digits = ""
    for c in period + " " {
      if Text.isDigit(c) { digits.append(c); continue }
      if digits.count == 4, let y = Int(digits) { out += String(y + delta) } else { out += digits }
      digits = ""
      if c != " " || out.count < period.count { out.append(c) }
    }
    return out.hasSuffix(" ") ? String(out.dropLast()) : out
  }

  /// The shares of the three sectors written as a proportion (三次产业结构
  /// 为8.2:40.5:51.3, 由上年的…调整为…): one ratio row per sector, the
  /// proportion after 上年 for the year before.
  func industryStructure() -> [ProposedRow] {
    guard !state.inPlan, chars.firstOffset(of: "产业") != nil, let keyword = ["三次产业结构", "三次产业比例", "三次产业之比", "产业结构"].lazy
      .compactMap({ self.chars.firstOffset(of: $0) }).first, let year = state.sectionYear
    else { return [] }
    let separators: Set<Character> = [":", "：", "∶"]
    var out: [ProposedRow] = []
    var k = keyword
    var wordsFrom = keyword
    // The period of the section (2031, 2031H1), or one named before the keyword.
    let base = periodMarker(before: keyword, baseYear: year)?.period ?? state.defaultPeriod ?? String(year)
    while k < chars.count && !"。；;".contains(chars[k]) {
      guard Text.isDigit(chars[k]), chars[k - 1] != ".", !Text.isDigit(chars[k - 1]) else { k += 1; continue }
      var values: [String] = []
      var e = k
      while let (v, after) = number(at: e) {
        values.append(v)
        guard after < chars.count, separators.contains(chars[after]), values.count < 3 else { e = after; break }
        e = after + 1
      }
      guard values.count == 3 else { k = max(e, k + 1); continue }
      let lastYear = text(wordsFrom..<k).contains("上年") || text(wordsFrom..<k).contains("去年")
      let fromWords = wordsFrom
      wordsFrom = e
      var period = lastYear ? Self.shiftYears(base, by: -1) : base
      // 这五年，…三次产业结构由A:B:C调整为…: the first proportion is the year before the span.
      if !lastYear, let span = paragraphPeriod, Self.isYearSpan(span), let first = Int(span.prefix(4)),
        text(fromWords..<k).contains(where: { $0 == "由" || $0 == "从" })
      {
        period = String(first - 1)
      }
      var notes: [String] = []
      if state.yearGuessed { notes.append("guessed year") }
      for (sector, v) in zip(["第一产业增加值占比", "第二产业增加值占比", "第三产业增加值占比"], values) {
        out.append(
          ProposedRow(
            region: region, indicator: sector, measure: "ratio", scenario: "actual", period: period, value: v,
            unit: "%", bound: "", quote: text(keyword..<e).trimmingCharacters(), ref: "",
            note: notes.joined(separator: "; ")))
      }
      k = e
    }
    return out
  }

  /// Verbs that end the noun a classifier introduces (…企业入选…, …项目落地…).
  static let nounEnders = [
    "实现", "完成", "获", "入选", "进入", "位列", "投产", "入园", "落地", "参展", "开工", "通过", "纳入", "加速",
    "有序", "整体", "已", "全部", "成功", "稳步", "发放", "累计", "上线", "结对", "达到", "达",
  ]

  /// The name of a count from the noun after its classifier, when no
  /// lexicon phrase names it before the number: the lexicon phrase in the
  /// noun, else the verb before the number and the noun (up to a verb).
  func countedName(figure: Figure, local: String, previous: Figure?) -> String? {
    let after = nounAfter(figure)
    // The words right after the previous count are its noun, not this one's
    // (10个乡镇卫生院改扩建及10个乡镇卫生院维修改造).
    var own = Array(local)
    if let p = previous, p.end <= figure.start, case let prevNoun = nounAfter(p), !prevNoun.isEmpty,
      local.hasPrefix(prevNoun)
    {
      own.removeFirst(prevNoun.count)
    }
    while let f = own.first, f == "及" || f == "和" || f == "、" { own.removeFirst() }
    guard after.count >= 2, lexicon.lastMatch(in: own) == nil else { return nil }
    if let m = lexicon.lastMatch(in: Array(after)) { return m.canonical }
    var noun = Array(after)
    for v in Self.nounEnders {
      if let at = noun.firstOffset(of: v), at >= 2 { noun = Array(noun[..<at]) }
    }
    let verb = Self.cleanPhrase(own)
    let name = Self.cleanPhrase(Array(verb.count <= 4 ? verb : "") + noun)
    return name.count >= 2 ? name : nil
  }

  /// What the opening of this sentence part passes on to the next ；-separated
  /// parts of the sentence: a 预计 and a part-year period before its first figure.
  /// Only a sentence opener counts: 预计 before its first figure (预计全年…),
  /// a period standing as its own first clause (1—6月,… / 上半年,…); a
  /// period written onto a subject (1-10月规上服务业营业收入…) is that clause's.
  /// Whether the words before `end` count years (五年来, 这五年, 今后五年),
  /// not a plan period's name (“十五五”开局之年).
  /// Party congresses a span is counted from (党的十八大以来), and the first year after each.
  static let congressSpans = [("十八大", 2013), ("十九大", 2018), ("二十大", 2023)]

  /// The five-year plan periods by name.
  static let planPeriods = [("十二五", "2011..2015"), ("十三五", "2016..2020"), ("十四五", "2021..2025"), ("十五五", "2026..2030")]
  static let planPeriodNames = planPeriods.map { $0.0 }

  /// Whether the words before `end` name a plan period as their time (“十四五”时期…的主要
  ///目标是：), not a year in it (2026年是“十五五”开局之年).
  func namesPlanPeriod(before end: Int) -> Bool {
    let t = String(chars[0..<end])
    // (Not the plan as a document: “十五五”规划建议.)
    let asTime = Self.planPeriodNames.contains { name in
      ["时期", "期间"].contains { t.contains(name + $0) || t.contains(name + "”" + $0) || t.contains(name + "\"" + $0) }
        // 回望“十三五”, 回顾“十三五”: looking back over it.
        || ["回望", "回顾", "纵观"].contains { t.contains($0 + name) || t.contains($0 + "“" + name) || t.contains($0 + "\"" + name) }
    }
    return asTime && Text.years(in: Array(t)).isEmpty
      && !["开局", "收官", "起步", "之年"].contains(where: { t.contains($0) })
  }

  func namesYearCount(before end: Int) -> Bool {
    let t = Array(chars[0..<end])
    // 5年 counts years; 2025年 names one.
    return Self.spanCounts.contains { $0.1.contains { w in
      var from = 0
      while let at = Array(t[from...]).firstOffset(of: w).map({ $0 + from }) {
        if at == 0 || !Text.isDigit(t[at - 1]) { return true }
        from = at + 1
      }
      return false
    } }
  }

  func leadContext() -> (estimate: Bool, period: String?) {
    let estimate = estimateOpensSentence()
    var period: String?
    let firstClauseEnd = clauseEnd(after: 0)
    // A span may open with a longer figure-less clause (今后五年…的主要目标是：…).
    let firstFigure = figures().first?.start ?? chars.count
    if firstClauseEnd < chars.count, firstClauseEnd <= 8 || firstClauseEnd <= 30 && firstClauseEnd <= firstFigure,
      let marker = periodMarker(before: firstClauseEnd, baseYear: state.sectionYear),
      firstClauseEnd <= 8
        ? marker.period.contains("-") || marker.period.contains("H") || marker.period.contains("Q")
          || marker.period.contains("..")
        : Self.isYearSpan(marker.period)
          && (namesYearCount(before: firstClauseEnd) || namesPlanPeriod(before: firstClauseEnd))
    {
      period = marker.period
    } else if let first = figures().first, clauseStart(before: first.start) <= 40,
      namesYearCount(before: clauseStart(before: first.start)),
      let marker = periodMarker(before: clauseStart(before: first.start), baseYear: state.sectionYear),
      Self.isYearSpan(marker.period)
    {
      // A span named in the words before the first figure's clause
      // (根据…的建议，今后五年全县…的主要目标是：…).
      period = marker.period
    } else if let first = figures().first, let colon = chars[0..<first.start].firstIndex(where: { "：:".contains($0) }),
      colon <= 40, namesYearCount(before: colon), let marker = periodMarker(before: colon, baseYear: state.sectionYear),
      Self.isYearSpan(marker.period)
    {
      // …also when the list after the colon opens with its horizon year
      // (今后五年…的主要目标是：到2027年，…).
      period = marker.period
    } else if let first = figures().first, let marker = periodMarker(before: first.start, baseYear: state.sectionYear),
      let y = Int(marker.period), y != state.sectionYear,
      ["今年", "去年", "明年"].contains(where: { text(0..<first.start).contains($0) })
    {
      // A year other than the section's, opening the sentence (今年将实施…；新增…；).
      period = marker.period
    }
    return (estimate, period)
  }

  /// Whether period `inner` lies within `outer` (2025Q3 within 2025-01..2025-09).
  static func period(_ inner: String, liesWithin outer: String) -> Bool {
    guard let a = try? Period.parse(inner), let b = try? Period.parse(outer) else { return false }
    return a != b && a.isWithin(b)
  }

  /// A clause naming the year's plan as its subject or after it (年度目标控制在5.5%以内,
  /// 年计划88%, 城镇调查失业率年度目标控制在5.5%以内) states that plan; a completion
  /// rate names it after a verb or with 的 (完成年度目标的102%, 完成年初目标91.5%,
  /// 年度目标完成率).
  static func opensWithPlanWord(_ clause: String) -> Bool {
    planNames.contains { word in
      let chars = Array(clause), w = Array(word)
      guard let at = chars.firstOffset(of: word) else { return false }
      let before = String(chars[..<at]), after = String(chars[(at + w.count)...])
      return !after.hasPrefix("的") && !clause.contains("完成") && !clause.contains("进度")
        && !["比", "较", "超", "低于", "高于", "占"].contains(where: { before.hasSuffix($0) })
    }
  }

  /// Whether a clause opening with 预计 (…的预期目标，综合分析，预计全年全市地区生产总值增长5.8%左右，
  /// 规模以上工业增加值增长7.4%，…；) comes before `i` in the same ；-part: it governs
  /// the clauses after it (not one naming its own months, 其中…1—11月…增长10.8%).
  func estimateClauseGoverns(_ i: Int) -> Bool {
    var k = i - 1
    while k >= 1 {
      if chars[k] == "；" || chars[k] == ";" { return false }
      if chars[k] == "预" && chars[k + 1] == "计" && "，,".contains(chars[k - 1]) { return true }
      k -= 1
    }
    return false
  }

  /// Whether 预计 before the sentence's first figure governs the whole
  /// sentence (预计全年地区生产总值增长4.2%；…), not only the subject it follows
  /// (全年地区生产总值预计完成1286.5亿元…；一般公共预算收入完成…: the revenue is an outcome).
  func estimateOpensSentence() -> Bool {
    let pre = Array(chars[0..<(figures().first?.start ?? 0)])
    guard let at = pre.firstOffset(of: "预计") else { return false }
    if let subject = lexicon.lastMatch(in: pre), subject.range.lowerBound < at { return false }
    return true
  }

  /// A part of the year opening the first figure's clause after words
  /// without figures (工业经济稳中向好，1—11月全县…), nil when there is none.
  func partYearAfterOpeningWords() -> String? {
    guard let first = figures().first, case let start = clauseStart(before: first.start), start > 0, start <= 40,
      let marker = periodMarker(before: min(first.start, start + 8), baseYear: state.sectionYear),
      marker.period.contains("-") || marker.period.contains("H") || marker.period.contains("Q"),
      periodMarker(before: start, baseYear: state.sectionYear)?.period != marker.period
    else { return nil }
    return marker.period
  }

  /// Where a count total is followed by a colon that opens its list
  /// (市本级计划续建58个项目,投资31.1亿元:…), if it is.
  func totalColon() -> Int? {
    guard let colon = chars.firstIndex(where: { $0 == "：" || $0 == ":" }), colon > 0 else { return nil }
    let before = Array(chars[..<colon])
    for (i, c) in before.enumerated() where Text.isDigit(c) && i + 1 < before.count {
      if let (_, e) = number(at: i), let (u, _) = unit(at: e), FigureFilter.bareClassifiers.contains(FigureFilter.base(of: u)) {
        return colon
      }
    }
    return nil
  }

  /// Why a figure is not an observation (nil when it is one): counts of
  /// things that are not indicators, shares of something (增量的70%), a
  /// contribution (拉动…增长1.2个百分点).
  func dropReason(
    figure: Figure, measure: String, local: String, clausePre: String, keptCountBefore: String?, keptInClause: Bool = false
  ) -> String? {
    // A contribution measured (第二产业拉动经济增长2.6个百分点) is kept as points;
    // a projected effect of a policy (预计…将拉动…增长1.2个百分点) is no observation.
    if figure.unit == "百分点" && ["拉动", "拖累", "拉低"].contains(where: { clausePre.contains($0) })
      && (text(0..<figure.start).contains("预计") || clausePre.contains("将"))
    {
      return "a projected contribution (预计…将拉动), not an observation"
    }
    // A definition of what is counted (统计起点为…500万元, 起点标准) is no observation.
    // A reorganisation (由9家整合为3家集团公司) counts bodies merged, not an indicator.
    if ["整合为", "合并为", "重组为", "整合成"].contains(where: { local.contains($0) }) {
      return "a reorganisation (整合为…), not an indicator"
    }
    // So is a survey's scope (统计范围为年主营业务收入2000万元及以上的企业).
    if clausePre.contains("起点") || clausePre.contains("统计范围") {
      return "a statistical threshold (起点, 统计范围), not an observation"
    }
    // A threshold every member meets (村集体经济收入全部达到10万元以上) is no aggregate level.
    if figure.boundAfter == "以上" && Self.isAmount(figure.unit) && (local.contains("全部") || local.contains("均达")) {
      return "a threshold every member meets (全部达到…以上)"
    }
    // The scope of an action (…评价项目326个，涉及资金58.9亿元) is no indicator.
    if Self.stripLeadingFillers(local).hasPrefix("涉及") { return "the scope of an action (涉及…)" }
    // A milestone crossed (首次超2000亿元, 首次突破): the exact figure follows it.
    if ["首次超", "首次突破"].contains(where: { local.suffix(5).contains($0) }) { return "a milestone (首次超…), not the figure" }
    // Thresholds crossed (连续跨越200亿元、250亿元两个关口): milestones, not figures.
    if ["关口", "大关"].contains(where: { text(figure.end..<clauseEnd(after: figure.end)).contains($0) }) {
      return "a milestone (…关口), not the figure"
    }
    if figure.unit == "%" && measure != "completion" && local.hasSuffix("的") && !local.hasSuffix("年的")
      && !Self.isAppliedRate(clausePre) && relativeLevelName(local) == nil
      && !Self.isShareClause(local) && shareSubject(local) == nil && Self.pastYearShare(local) == nil
    {
      return "a share of something (…的N%)"
    }
    let base = FigureFilter.base(of: figure.unit)
    // An increment over a comparator (比上年增加5家, 比2022年提高0.26分, 较上年净增8个) is no level.
    if figure.unit != "%" && figure.unit != "百分点",
      let cmp = local.lastIndex(where: { $0 == "比" || $0 == "较" }),
      ["提高", "增加", "减少", "下降", "提升", "降低", "多", "净增", "新增"].contains(where: { local[cmp...].contains($0) })
    {
      return "an increment over a comparator, not a level"
    }
    guard FigureFilter.countUnits.contains(base) else { return nil }
    let after = nounAfter(figure)
    // A count qualifying the next figure (23个项目9524户): the next one is the observation.
    // 由112家增加到186家: the first count is where the change started, not a qualifier.
    let startsFromTo = figure.start > 0
      && ("由从".contains(chars[figure.start - 1]) || Self.endsWithDatedFrom(text(max(0, figure.start - 10)..<figure.start)))
      && text(figure.end..<min(chars.count, figure.end + 5)).contains { $0 == "到" || $0 == "至" }
    // …and the second is judged by the words before the first.
    let head = clausePre.dropLast(local.count)
    // (增加到目前的241家; 由2025年末的156家: a time may come with either figure.)
    let endsFromTo = Self.stripYearOf(local.replacingWord("目前的")).count <= 5
      && (local.contains("到") || local.contains("至"))
      && head.lastIndex(where: { "由从".contains($0) }).map { at in
        let figureWords = head[head.index(after: at)...]
        return figureWords.count <= 14 && figureWords.first.map(Text.isDigit) == true
      } == true
    if !startsFromTo, FigureFilter.bareClassifiers.contains(base), (1...4).contains(where: { k in
      figure.end + k < chars.count && Text.isDigit(chars[figure.end + k])
        && chars[figure.end..<figure.end + k].allSatisfy { RegionFinder.isHan($0) }
        && number(at: figure.end + k).flatMap { unit(at: $0.end) } != nil
    }) {
      return "a count qualifying the next figure"
    }
    // A batch (第一批8个示范项目) or matters introduced by 关于 (63项关于…的权限).
    if FigureFilter.bareClassifiers.contains(base) && local.hasSuffix("批") && local.contains("第") { return "a batch count" }
    if after.hasPrefix("关于") { return "counts matters (关于…)" }
    // Attendance: the clause ends in 参会/出席/参加/与会.
    let rest = text(figure.end..<clauseEnd(after: figure.end))
    if ["参会", "出席", "参加", "与会"].contains(where: { rest.hasSuffix($0) }) { return "attendance" }
    // The count of the items just named (甲工程、乙工程、丙改造3个项目).
    let listed = local.hasPrefix("、") ? String(local.dropFirst()) : local
    if FigureFilter.bareClassifiers.contains(base), let n = Int(figure.low), n >= 2, !listed.contains("等"),
      listed.filter({ $0 == "、" }).count + 1 == n, !listed.contains("分别")
    {
      return "the count of the items just listed"
    }
    // The items of a breakdown (…等8个项目;…等5个项目) repeat parts of the total.
    if let from = breakdownFrom, figure.start > from, local.hasSuffix("等") { return "an item of a breakdown" }
    // Counts of titled documents (《…》等10项).
    if FigureFilter.bareClassifiers.contains(base) && (local.contains("《") || local.contains("》")) {
      return "counts titled documents"
    }
    let judged = endsFromTo ? String(clausePre.prefix(while: { $0 != "由" && $0 != "从" })) : local
    let localChars = Array(judged)
    let known = lexicon.lastMatch(in: localChars) != nil || (!after.isEmpty && lexicon.lastMatch(in: Array(after)) != nil)
    // The next item of a list (…116家、省级1787家) is judged with its list.
    let inherits = after.isEmpty
      && ((keptCountBefore == base && (Self.cleanPhrase(localChars).count <= 3 || local.contains("其中")))
        || (keptInClause && local.hasPrefix("、") && local.count <= 7))
    switch FigureFilter.verdict(unit: figure.unit, nounAfter: after, before: judged, known: known, inherits: inherits) {
    case .keep: return nil
    case .drop(let reason): return reason
    }
  }

  /// The subjects of 均 (甲、乙和丙均达到100%): each is named by the lexicon
  /// or by its own words; nil without 均 right before the verb.
  func sharedFigureSubjects(before figure: Figure, clause: Int) -> [String]? {
    let pre = Array(chars[clause..<figure.start])
    guard let jun = pre.lastOffset(of: "均"), pre.count - jun <= 5 else { return nil }
    let listText = Array(pre[..<jun])
    guard listText.contains("、") || listText.contains("和") else { return nil }
    var subjects: [[Character]] = [[]]
    for c in listText {
      if c == "、" || c == "和" || c == "及" { subjects.append([]) } else { subjects[subjects.count - 1].append(c) }
    }
    let names = subjects.filter { !$0.isEmpty }.map { s in lexicon.lastMatch(in: s)?.canonical ?? Self.cleanPhrase(s) }
    return names.allSatisfy { $0.count >= 2 } ? names : nil
  }

  /// The figure's place (0 or 1) among exactly two figures after a 分别 in its clause.
  func urbanRuralIndex(figure: Figure, figures: [Figure]) -> Int? {
    let clause = clauseStart(before: figure.start)
    guard let fenbie = Array(chars[clause..<figure.start]).lastOffset(of: "分别").map({ $0 + clause }) else { return nil }
    let after = figures.filter { $0.start > fenbie && clauseStart(before: $0.start) == clause }
    guard after.count == 2 else { return nil }
    return after.firstIndex { $0.start == figure.start }
  }

  /// With 分别 after a list of periods (一季度、上半年、前三季度), the period of the
  /// figure's place in the list, and where the list starts; nil when the list
  /// is not all periods or does not match the figures in number.
  func enumeratedPeriods(figure: Figure, figures: [Figure], fenbie: Int, year: Int) -> (String, Int)? {
    guard figure.start > fenbie else { return nil }
    let after = figures.filter { $0.start > fenbie && clauseStart(before: $0.start) == clauseStart(before: figure.start) }
    guard let k = after.firstIndex(where: { $0.start == figure.start }) else { return nil }
    let clause = clauseStart(before: fenbie)
    var parts: [[Character]] = [[]]
    for c in chars[clause..<fenbie] {
      if c == "、" || c == "和" || c == "及" { parts.append([]) } else { parts[parts.count - 1].append(c) }
    }
    var items: [String] = []
    var start = clause
    for (j, var part) in parts.enumerated() {
      // 7月、8月、9月当月分别…: the months alone.
      if j == parts.count - 1, part.count > 3, String(part.suffix(2)) == "当月" { part.removeLast(2) }
      if let p = Self.namedPeriod(String(part), year: year) {
        items.append(p)
        continue
      }
      // The last item may be followed by the list's subject (一季度、上半年、前三季度全县地区
      // 生产总值分别…): the subject is then looked for up to 分别.
      if j == parts.count - 1, j > 0, part.count >= 4, let n = (2...min(5, part.count - 2)).reversed().first(where: {
        Self.namedPeriod(String(part.prefix($0)), year: year) != nil
      }), let p = Self.namedPeriod(String(part.prefix(n)), year: year) {
        items.append(p)
        start = fenbie
        continue
      }
      // The first item may follow the list's subject (一般公共预算收入一季度、…).
      guard j == 0, part.count >= 2, let n = (2...min(5, part.count)).reversed().first(where: {
        Self.namedPeriod(String(part.suffix($0)), year: year) != nil
      }), let p = Self.namedPeriod(String(part.suffix(n)), year: year) else {
        items = []
        break
      }
      items.append(p)
      start = clause + part.count - n
    }
    // …or make up the clause before the subject's (2029年、2030年，全县地区生产总值分别增长…).
    if items.isEmpty, clause >= 2 {
      let before = clauseStart(before: clause - 1)
      let words = String(chars[before..<(clause - 1)]).split(whereSeparator: { "、和及".contains($0) }).map(String.init)
      let named = words.compactMap { Self.namedPeriod($0, year: year) }
      if named.count == words.count { (items, start) = (named, fenbie) }
    }
    guard items.count >= 2, items.count == after.count, k < items.count else { return nil }
    return (items[k], start)
  }

  /// The period a word names in `year`: 一季度…四季度, 上半年, 下半年, 前三季度, 1—9月, 全年.
  static func namedPeriod(_ word: String, year y: Int) -> String? {
    switch word {
    case "一季度", "第一季度": return "\(y)Q1"
    case "二季度", "第二季度": return "\(y)Q2"
    case "三季度", "第三季度": return "\(y)Q3"
    case "四季度", "第四季度": return "\(y)Q4"
    case "上半年": return "\(y)H1"
    case "下半年": return "\(y)H2"
    case "前三季度": return "\(y)-01..\(y)-09"
    case "全年": return "\(y)"
    default: break
    }
    var c = Array(word)
    // 2030年: that year.
    if c.count == 5, c.last == "年", let y = Int(String(c.prefix(4))), (1990...2100).contains(y) { return "\(y)" }
    if c.last == "份" { c.removeLast() }
    // 7月: that month alone.
    if c.count >= 2, c.count <= 3, c.last == "月", let m = Int(String(c.dropLast())), (1...12).contains(m) {
      return "\(y)-\(two(m))"
    }
    guard c.count >= 4, c.last == "月", c.first == "1", "—–-~～至".contains(c[1]) else { return nil }
    var k = 1
    while k < c.count && "—–-~～至".contains(c[k]) { k += 1 }
    guard let m = Int(String(c[k..<(c.count - 1)])), (2...12).contains(m) else { return nil }
    return "\(y)-01..\(y)-\(two(m))"
  }

  /// With 分别, the subjects listed before it name the figures after it, in order.
  /// The years of an average growth named by their count (两年平均增长), nil otherwise.
  static func averageYears(_ clause: String) -> Int? {
    spanCounts.first { _, words in
      words.contains { clause.contains($0 + "平均增长") || clause.contains($0 + "平均分别增长") }
    }?.0
  }

  /// Whether the words before a figure open a list of goals with a colon
  /// (…确定的主要预期目标是：…) and name no outcome after it.
  static func followsGoalColon(_ before: String) -> Bool {
    guard let colon = before.lastIndex(where: { $0 == "：" || $0 == ":" }) else { return false }
    let head = before[..<colon], after = before[before.index(after: colon)...]
    return ["目标是", "目标为", "目标"].contains(where: { head.hasSuffix($0) })
      && !["完成", "实现", "执行", "实际", "预计", "达到"].contains(where: { after.contains($0) })
  }

  /// The year of a base a figure is compared with and given as (比2015年的178.4亿元,
  /// 较2020年末的156家), from the words right before the figure; nil otherwise.
  static func comparedBaseYear(_ before: String) -> Int? { datedBase(before, after: "比较", needsDe: true) }

  /// Whether a clause compares with the plan (低于年度目标, 比年初目标高, 超过预期目标).
  static func comparesWithPlan(_ clause: String) -> Bool {
    ["高于", "低于", "超过", "快于", "慢于", "比", "较"].contains { word in
      planNames.contains { clause.contains(word + $0) }
    }
      // 比年初确定的11%左右的预期目标低0.8个百分点: the comparison ends after the plan.
      || planNames.contains { plan in ["低", "高", "慢", "快", "少", "多"].contains { clause.hasSuffix(plan + $0) } }
  }

  /// The first figure of a list of two or more figures joined by 、 that
  /// `index` belongs to and that runs up to 到 or 至 (分别由A、B增加到C、D: A
  /// for A and B), nil otherwise.
  func fromListStart(_ index: Int, figures figs: [Figure]) -> Int? {
    let clause = clauseStart(before: figs[index].start)
    var first = index, last = index
    while first > 0, clauseStart(before: figs[first - 1].start) == clause, words(between: figs[first - 1], figs[first]) == "、" {
      first -= 1
    }
    while last + 1 < figs.count, words(between: figs[last], figs[last + 1]) == "、" { last += 1 }
    guard last > first, last + 1 < figs.count, clauseStart(before: figs[last + 1].start) == clause else { return nil }
    let between = words(between: figs[last], figs[last + 1])
    return between.contains("到") || between.contains("至") ? first : nil
  }

  /// The text between two figures, empty when they overlap.
  func words(between a: Figure, _ b: Figure) -> String { a.end <= b.start ? text(a.end..<b.start) : "" }

  func enumerationSubject(figure: Figure, figures: [Figure], index: Int, fenbie: Int) -> String? {
    guard figure.start > fenbie else { return nil }
    let after = figures.filter { $0.start > fenbie && clauseStart(before: $0.start) == clauseStart(before: figure.start) }
    guard let position = after.firstIndex(where: { $0.start == figure.start }) else { return nil }
    let start = clauseStart(before: fenbie)
    let subjectsText = Array(chars[start..<fenbie])
    var subjects: [[Character]] = [[]]
    for c in subjectsText {
      if c == "、" || c == "和" || c == "及" { subjects.append([]) } else { subjects[subjects.count - 1].append(c) }
    }
    subjects = subjects.filter { !$0.isEmpty }
    // 城镇、农村…分别由A、B增加到C、D: each subject has a from and a to figure.
    var k = position
    if subjects.count * 2 == after.count, let split = after.indices.dropFirst().first(where: { i in
      let between = words(between: after[i - 1], after[i])
      return between.contains("到") || between.contains("至")
    }), split == subjects.count {
      k %= subjects.count
    }
    guard subjects.count == after.count || subjects.count * 2 == after.count, k < subjects.count else { return nil }
    // (Past the scope the list opens with: 全县城镇、农村….)
    if subjects.count > 1, let scope = ["全县", "全市", "全区", "全省", "我县", "我市", "我区", "我省"].first(where: {
      subjects[0].count > $0.count + 1 && String(subjects[0].prefix($0.count)) == $0
    }) {
      subjects[0].removeFirst(scope.count)
    }
    // Modifiers sharing the last subject's noun (城市、农村低保标准): each
    // takes that noun (城市低保标准).
    if let last = subjects.last, let width = subjects.first?.count, width <= 2, last.count > width + 1,
      subjects.dropLast().allSatisfy({ $0.count == width }), k < subjects.count - 1
    {
      subjects[k] += last.dropFirst(width)
    }
    if let m = lexicon.lastMatch(in: subjects[k]) { return m.canonical }
    let p = Self.cleanPhrase(subjects[k])
    return p.count >= 2 ? p : nil
  }

  /// The indicator a relative target compares with when the reference names
  /// only another group of the subject's (农村居民人均可支配收入增速高于城镇居民 →
  /// 城镇居民人均可支配收入): the group replaces the subject's own, which ends
  /// in the same character (居民, 企业).
  static func counterpart(of subject: String, _ reference: [Character]) -> String? {
    var group = reference
    while let l = group.last, !RegionFinder.isHan(l) { group.removeLast() }
    for tail in ["增速", "增幅", "增长", "水平"] where group.count > tail.count && String(group.suffix(tail.count)) == tail {
      group.removeLast(tail.count)
    }
    let name = Array(subject)
    guard (2...6).contains(group.count), group.allSatisfy(RegionFinder.isHan), name.count > group.count + 1,
      name[group.count - 1] == group[group.count - 1], Array(name.prefix(group.count)) != group
    else { return nil }
    return String(group + name.dropFirst(group.count))
  }

  /// Targets without a number, relative to another indicator:
  /// 与经济增长同步 (=ref), 高于…增速 (>ref).
  func relativeTargets() -> [ProposedRow] {
    let s = String(chars)
    guard state.inPlan || s.contains("计划") || s.contains("目标") else { return [] }
    var out: [ProposedRow] = []
    var clauseFrom = 0
    for i in 0...chars.count where i == chars.count || Text.clauseEnds.contains(chars[i]) {
      let clause = Array(chars[clauseFrom..<i])
      let text = String(clause)
      defer { clauseFrom = i + 1 }
      let hasDigit = clause.contains { Text.isDigit($0) && true } && text.contains("%")
      if hasDigit { continue }
      var bound: String?
      var splitWord = ""
      if text.contains("同步") && text.contains("与") { bound = "=ref"; splitWord = "与" }
      else if text.contains("高于") && (text.contains("增速") || text.contains("增长")) { bound = ">ref"; splitWord = "高于" }
      guard let b = bound, let split = clause.firstOffset(of: splitWord) else { continue }
      let subject = Array(clause[..<split]), reference = Array(clause[(split + splitWord.count)...])
      // In a list item (6.城乡居民人均可支配收入：预期目标与经济增长同步) the heading names the subject.
      let itemName = itemSubject.flatMap { Self.isColumnLabel(Self.cleanPhrase(subject)) ? $0.name : nil }
      guard let subName = lexicon.lastMatch(in: subject)?.canonical ?? itemName,
        let refName = lexicon.lastMatch(in: reference)?.canonical ?? Self.counterpart(of: subName, reference)
      else { continue }
      guard subName != refName else { continue }
      var notes: [String] = []
      if state.yearGuessed { notes.append("guessed year") }
      // A year named in the sentence (今年…主要预期目标是：…) dates the target.
      let marker = periodMarker(before: i, baseYear: state.sectionYear)?.period
      let year = marker.flatMap { Int($0) == nil ? nil : $0 }
      // Over a span of years (今后五年…：…与经济增长同步) the target is an average growth.
      let span = [marker, carriedPeriod].compactMap { $0 }.first(where: Self.isYearSpan)
      out.append(
        ProposedRow(
          region: region, indicator: subName, measure: span == nil ? "growth" : "avg_growth", scenario: "target",
          period: span ?? year ?? state.planYear.map { state.inPlan ? String($0) : String(state.reviewYear ?? $0) } ?? "",
          value: "", unit: "%", bound: b, quote: text.trimmingCharacters(), ref: refName,
          note: notes.joined(separator: "; ")))
    }
    return out
  }
}

extension String {
  /// Whether `other` occurs in the string: a byte search on UTF-8 (the
  /// standard library's generic substring search is slow, and the rules call
  /// this thousands of times per report).
  func contains(_ other: String) -> Bool {
    let hay = utf8, needle = utf8Of(other)
    guard let first = needle.first else { return true }
    guard hay.count >= needle.count else { return false }
    var i = hay.startIndex
    let last = hay.index(hay.endIndex, offsetBy: -needle.count)
    while i <= last {
      if hay[i] == first && hay[i...].starts(with: needle) { return true }
      i = hay.index(after: i)
    }
    return false
  }

  private func utf8Of(_ s: String) -> String.UTF8View { s.utf8 }

  /// Without leading and trailing spaces, decoration asterisks and list dashes.
  func trimmingCharacters() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "*" || f == "—" || f == "\u{3000}" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\u{3000}" { s.removeLast() }
    return String(s)
  }
}

extension Array where Element == Character {
  /// Offset of the first occurrence of `word`, if any.
  func firstOffset(of word: String) -> Int? {
    let w = Array(word)
    guard !w.isEmpty, w.count <= count else { return nil }
    for i in 0...(count - w.count) where self[i] == w[0] && self[i..<i + w.count].elementsEqual(w) { return i }
    return nil
  }

  /// Offset of the last occurrence of `word`, if any.
  func lastOffset(of word: String) -> Int? {
    let w = Array(word)
    guard !w.isEmpty, w.count <= count else { return nil }
    for i in stride(from: count - w.count, through: 0, by: -1) where self[i] == w[0] && self[i..<i + w.count].elementsEqual(w) {
      return i
    }
    return nil
  }
}

extension String {
  /// Without any occurrence of `word` (so a noun containing a keyword does not trigger it).
  func replacingWord(_ word: String) -> String {
    let w = Array(word), c = Array(self)
    var out: [Character] = []
    var i = 0
    while i < c.count {
      if i + w.count <= c.count && Array(c[i..<i + w.count]) == w { i += w.count; continue }
      out.append(c[i]); i += 1
    }
    return String(out)
  }
}
