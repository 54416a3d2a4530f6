import IndicatorStore
#if canImport(Glibc)
  import Glibc
#endif

/// One observation proposed from report text, in the store's columns plus a
/// `note` saying what is uncertain (empty when nothing is).
///
/// ```swift
/// let rows = Extractor(lexicon: Lexicon()).extract("2023年,全市地区生产总值增长5.1%。").rows
/// rows[0].measure   // "growth"
/// ```
public struct ProposedRow: Sendable, Hashable {
  public var region: String
  public var indicator: String
  public var measure: String
  public var scenario: String
  public var period: String
  /// The number as written ("8.0", "-5.4"); empty for relative targets.
  public var value: String
  public var unit: String
  public var bound: String
  public var quote: String
  public var ref: String
  public var note: String

  public init(
    region: String, indicator: String, measure: String, scenario: String, period: String, value: String,
    unit: String, bound: String, quote: String, ref: String = "", note: String = ""
  ) {
    self.region = region; self.indicator = indicator; self.measure = measure; self.scenario = scenario
    self.period = period; self.value = value; self.unit = unit; self.bound = bound; self.quote = quote
    self.ref = ref; self.note = note
  }
}

/// What one extraction found: the rows, and the region and years it assumed.
///
/// ```swift
/// let result = Extractor(lexicon: Lexicon()).extract(text)
/// print(result.region, result.regionNote ?? "", result.rows.count)
/// ```
public struct ExtractionResult: Sendable {
  public var rows: [ProposedRow]
  public var region: String
  /// How the region was found when it was not given (for the user to check).
  public var regionNote: String?
}

/// Proposes observations from the plain text of a Chinese local-government
/// report (work report, plan execution report, feature article).
///
/// The rules are the genre's: figures with units, the verbs and bound words
/// around them, the report's section years. No rule names a region, a year
/// or a figure of a particular report.
///
/// ```swift
/// let extractor = Extractor(lexicon: Lexicon.load(dataFolder: "Datasets"))
/// let result = extractor.extract(text, region: nil, year: nil)
/// for row in result.rows { print(row.indicator, row.measure, row.value, row.quote) }
/// ```
public struct Extractor: Sendable {
  public var lexicon: Lexicon

  public init(lexicon: Lexicon) { self.lexicon = lexicon }

  /// Extracts proposed rows from `text`.
  /// - Parameters:
  ///   - region: the region to use; nil finds it in the title or first lines.
  ///   - year: the year the report's outcomes are about, when its headings do not say.
  public func extract(_ text: String, region: String? = nil, year: Int? = nil) -> ExtractionResult {
    run(text, region: region, year: year).result
  }

  /// The figures the precision rules left out of `extract`, each with its
  /// quote and rule (for review and tests).
  public func skippedFigures(_ text: String, region: String? = nil, year: Int? = nil) -> [SkippedFigure] {
    run(text, region: region, year: year).skipped
  }

  /// A short quote written more than once in the report (…186.7万人次，增长12.3% and
  /// 工业投资增长12.3%) is lengthened back over the clause before it, so that it
  /// points at one place.
  static func lengthenRepeatedQuotes(_ rows: inout [ProposedRow], sentence: [Character], report: [UInt8]) {
    /// Whether `quote` occurs more than once in the report: a byte search
    /// (comparing Characters over the whole report for every row made a
    /// long report take quadratic time).
    func repeatedInReport(_ quote: String) -> Bool {
      let q = Array(quote.utf8)
      return report.withUnsafeBufferPointer { all in
        guard let base = all.baseAddress, !q.isEmpty else { return false }
        var from = 0
        var found = 0
        while from + q.count <= all.count {
          guard let hit = memchr(base + from, Int32(q[0]), all.count - from - q.count + 1) else { break }
          let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
          // The second and last bytes first: most candidates differ there.
          if (q.count < 2 || (base[at + 1] == q[1] && base[at + q.count - 1] == q[q.count - 1]))
            && memcmp(base + at, q, q.count) == 0
          {
            found += 1
            if found > 1 { return true }
          }
          from = at + 1
        }
        return false
      }
    }
    func offsets(_ q: [Character], in s: [Character], max: Int) -> [Int] {
      var out: [Int] = []
      guard let first = q.first, s.count >= q.count else { return out }
      var i = 0
      while out.count < max, i + q.count <= s.count {
        if s[i] == first && s[i..<(i + q.count)].elementsEqual(q) { out.append(i) }
        i += 1
      }
      return out
    }
    for k in rows.indices {
      let q = Array(rows[k].quote)
      guard !q.isEmpty, q.count <= 12, case let inSentence = offsets(q, in: sentence, max: 2), inSentence.count == 1,
        repeatedInReport(rows[k].quote), let at = inSentence.first, at > 0, "，,".contains(sentence[at - 1])
      else { continue }
      var start = at - 1
      while start > 0, !Text.clauseEnds.contains(sentence[start - 1]) { start -= 1 }
      if start < at - 1 { rows[k].quote = String(sentence[start..<(at + q.count)]) }
    }
  }

  /// A sentence opening a numbered point inside a paragraph (一是…, 二是…, 第三，…).
  static func opensSubtopic(_ sentence: [Character]) -> Bool {
    guard sentence.count > 2, "一二三四五六七八九十".contains(sentence[0]) else { return false }
    return sentence[1] == "是" || (sentence[1] == "要" && sentence[2] == "是")
  }

  /// A line that opens the explanatory notes at the end of a report (附注：, 注：, 注释).
  static func opensNotes(_ line: [Character]) -> Bool {
    let s = String(line)
    return ["附注", "注释", "注"].contains { word in
      s == word || s.hasPrefix(word + "：") || s.hasPrefix(word + ":")
    }
  }

  /// A paragraph opening a breakdown of the figures before it (分行业看，…, 从产品看，…).
  /// (从总量看，… or 从投资看，… in a speech name a topic, not a breakdown.)
  static func opensBreakdown(_ line: [Character]) -> Bool {
    guard let comma = line.prefix(10).firstIndex(where: { $0 == "，" || $0 == "," }), comma >= 3, line[comma - 1] == "看"
    else { return false }
    let by = String(line[1..<(comma - 1)])
    return line[0] == "分"
      || line[0] == "从" && ["行业", "产品", "区域", "地区", "县", "领域", "门类", "类型", "园区", "乡镇", "企业"].contains(where: { by.contains($0) })
  }

  /// A line that is an interviewer's question: a speaker label (记者：, 问：) and a
  /// question mark.
  static func isQuestion(_ line: [Character]) -> Bool {
    guard let colon = line.prefix(12).firstIndex(where: { $0 == "：" || $0 == ":" }), line.last == "？" || line.last == "?"
    else { return false }
    let speaker = String(line[..<colon])
    return speaker.hasSuffix("记者") || speaker == "问" || speaker == "记者问"
  }

  /// A line opening a numbered item of a list (1.…, 2．…, 3、…, （4）…, ⑤…).
  static func opensNumberedItem(_ line: [Character]) -> Bool {
    guard let first = line.first else { return false }
    if "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".contains(first) { return true }
    let open = first == "（" || first == "(" ? 1 : 0
    var k = open
    while k < line.count && Text.isDigit(line[k]) { k += 1 }
    guard k > open, k < line.count else { return false }
    return open == 1 ? "）)".contains(line[k]) : ".．、)） ".contains(line[k]) && !(line[k] == "." && k + 1 < line.count && Text.isDigit(line[k + 1]))
  }

  func run(_ text: String, region: String?, year: Int?) -> (result: ExtractionResult, skipped: [SkippedFigure]) {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map { Array($0) }
    let reportBytes = Array(text.utf8)
    let (foundRegion, regionNote) = region.map { ($0, nil) } ?? RegionFinder.find(lines)
    var state = DocumentState(lines: lines, givenYear: year)
    var rows: [ProposedRow] = []
    var repeatKeys: [String] = []
    var headlineRows = Set<Int>()
    var skipped: [SkippedFigure] = []
    let fragments = Layout.fragmentLines(lines)
    // Lines of notes read so far (附注： and its items), nil outside notes.
    var notesRead: Int?
    // The part of the year the last paragraph opened with (1—11月，…), for a
    // breakdown after it (从行业看，…).
    var previousOpening: String?
    var table: PlainTable?
    var lastLine: [Character] = []
    for (index, line) in lines.enumerated() {
      let trimmed = Text.trim(line)
      if trimmed.isEmpty { continue }
      defer { lastLine = trimmed }
      // A plain-text table of indicators: its header says what each column is.
      if let open = table {
        if let tableRows = open.rows(line, region: foundRegion, lexicon: lexicon) {
          // A figure the text gave (a level, or a growth under the same name) is not repeated.
          let new = tableRows.filter { t in
            !rows.contains { r in
              r.measure == t.measure && r.period == t.period && Double(r.value) == Double(t.value)
                && (t.measure == "level" || SentenceAnalyzer.namesSameIndicator(r.indicator, t.indicator))
            }
          }
          rows.append(contentsOf: new)
          repeatKeys.append(contentsOf: new.map { _ in "" })
          continue
        }
        table = nil
      }
      if let year = Text.years(in: lastLine).first ?? state.reviewYear,
        let opened = PlainTable.header(line, year: year, period: state.tablePeriod(caption: lastLine, year: year))
      {
        table = opened
        continue
      }
      // Notes closing a bulletin (附注：/注：, then 1.… 2.…) define terms and scopes: no
      // observations. They end at the first line after them that is not a numbered
      // item (a press conference's Q&A goes on after the release's notes).
      if Extractor.opensNotes(trimmed) {
        // (注：1.本公报… holds its first note; 附注： alone does not.)
        notesRead = trimmed.count > 4 ? 1 : 0
        continue
      }
      if let read = notesRead {
        if read == 0 || Extractor.opensNumberedItem(trimmed) {
          notesRead = read + 1
          continue
        }
        notesRead = nil
      }
      if state.updateSection(heading: trimmed) {
        previousOpening = nil
        continue
      }
      // An interviewer's question (记者：…明年…有哪些目标？) heads the answer after it:
      // about the year ahead when it asks about 明年 or what comes next, else a review.
      if Extractor.isQuestion(trimmed) {
        let s = String(trimmed)
        state.inPlan = ["明年", "下一步", "今后", "打算"].contains(where: { s.contains($0) })
        continue
      }
      // Narrow-column side-bars repeat the body text with words broken
      // across lines: no figure there can be quoted whole.
      if fragments.contains(index) { continue }
      var inBreakdown = false
      var carried: (estimate: Bool, period: String?, ownPeriod: Bool) = (false, nil, false)
      let item = Extractor.itemSubject(trimmed, lexicon: lexicon)
      var paragraphPeriod: String?
      var paragraphOpened = false
      // Whether the paragraph's part-year period was set (or set and ended),
      // and whether its first figures were all targets.
      var paragraphPeriodSettled = false
      var paragraphOpenedByTarget = false
      var firstFigureSentence = true
      var paragraphIndicator: String?
      var paragraphHadFigures = false
      var previousSentenceProjected = false
      // A breakdown (分行业看，…, 从产品看，…) is of the figures before it, in their months.
      let inherited = Extractor.opensBreakdown(trimmed) ? previousOpening : nil
      paragraphPeriod = inherited
      var opening: String?
      let headline = Extractor.isHeadline(trimmed)
      for sentence in Text.sentences(trimmed) {
        if Extractor.opensSubtopic(sentence) {
          // 一是…。二是…。: each numbered point of a paragraph is a paragraph of its own.
          (paragraphPeriod, paragraphOpened, paragraphPeriodSettled, paragraphOpenedByTarget, firstFigureSentence) =
            (nil, false, false, false, true)
        }
        var analyzer = SentenceAnalyzer(
          chars: sentence, lexicon: lexicon, state: state, region: foundRegion)
        analyzer.itemSubject = item
        analyzer.paragraphIndicator = paragraphIndicator
        // 预计 or a part-year period opening a sentence governs its ；-separated parts.
        analyzer.carriedEstimate = carried.estimate
        // 其中，… after a projected total (预计全年固定资产投资增长10.5%。其中，工业投资增长
        // 16.4%…) breaks the projection down: its parts are projected too.
        // (Not parts stated as a plan of their own: 其中…安排6.42亿元.)
        if previousSentenceProjected, String(sentence.prefix(3)).hasPrefix("其中"),
          !["安排", "预算", "计划", "目标"].contains(where: { String(sentence).contains($0) })
        {
          analyzer.carriedEstimate = true
        }
        analyzer.carriedPeriod = carried.period
        // A part-year period opening a paragraph's first figures (1—10月，…。…。)
        // dates the paragraph's later sentences that give no period or 预计 of their own.
        let hasFigures = !analyzer.figures().isEmpty
        // …but not the ；-parts after a part that dated itself (一季度共发放…；发放…).
        // A title's span (“十四五”以来…综述) or a multi-year review section's frames
        // paragraphs that name no period of their own.
        analyzer.paragraphPeriod = carried.ownPeriod ? nil : paragraphPeriod ?? state.sectionSpan ?? state.titleSpan
        // (A section's span only frames: its last year's paragraphs add their own 新增;
        // a report about a span alone, by its title, counts them over the span.)
        analyzer.periodIsFrame = !carried.ownPeriod && paragraphPeriod == nil && state.sectionSpan != nil
        if hasFigures && !paragraphOpened {
          paragraphOpened = true
          // Only a part of a year (1—10月, 上半年, 11月末) dates a paragraph.
          paragraphPeriod = analyzer.leadContext().period.flatMap { Int($0) == nil ? $0 : nil }
          if paragraphPeriod == nil, let own = analyzer.partYearAfterOpeningWords() {
            // …also after opening words (工业经济稳中向好，1—11月全县…).
            paragraphPeriod = own
          }
          if paragraphPeriod == nil { paragraphPeriod = inherited }
          // (A single month, 5月份，…, opens a month's figures, not the months summed.)
          opening = paragraphPeriod.flatMap { $0.contains("..") || $0.contains("H") || $0.contains("Q") ? $0 : nil }
          paragraphPeriodSettled = paragraphPeriod != nil
        } else if hasFigures, paragraphOpenedByTarget, paragraphPeriod == nil, !paragraphPeriodSettled,
          let own = analyzer.leadContext().period ?? analyzer.partYearAfterOpeningWords(), Int(own) == nil,
          !SentenceAnalyzer.isYearSpan(own)
        {
          // An indicator's paragraph opened by its target (年初预期增长6.5%左右。
          // 前三季度，…。其中，…): the first sentence opening with a part of the
          // year dates the ones after it.
          paragraphPeriod = own
          paragraphPeriodSettled = true
        } else if hasFigures, let opened = paragraphPeriod, let own = analyzer.leadContext().period, own != opened,
          !SentenceAnalyzer.isYearSpan(opened), !SentenceAnalyzer.period(own, liesWithin: opened)
        {
          // (A part inside the paragraph's period, 其中，第三季度…, does not end it.)
          // A later sentence opening with a period of its own (前三季度，…。1—11月，…。)
          // ends the first one's reach: the sentences after it keep the section's year.
          paragraphPeriod = nil
        } else if !hasFigures && !paragraphOpened, let span = analyzer.leadContext().period,
          SentenceAnalyzer.isYearSpan(span), analyzer.namesYearCount(before: sentence.count)
        {
          // A figure-less opener naming a span (——这五年，产业结构实现新优化。)
          // dates the paragraph's cumulative and added figures.
          paragraphOpened = true
          paragraphPeriod = span
        }
        if let last = sentence.last, last == "；" || last == ";" {
          let lead = analyzer.leadContext()
          let own = analyzer.figures().first.flatMap { analyzer.periodMarker(before: $0.start, baseYear: state.sectionYear) }
            .map { Int($0.period) == nil } ?? false
          carried = (lead.estimate || carried.estimate, lead.period ?? carried.period, own || carried.ownPeriod)
        } else {
          carried = (false, nil, false)
        }
        // A total introducing a list (续建58个项目,投资31.1亿元:…等8个项目;…)
        // makes the rest of the paragraph its breakdown.
        analyzer.breakdownFrom = inBreakdown ? 0 : analyzer.totalColon()
        var sentenceRows = analyzer.rows()
        if hasFigures {
          let outcomes = sentenceRows.filter { $0.scenario != "target" }
          previousSentenceProjected = !outcomes.isEmpty && outcomes.allSatisfy { $0.scenario == "estimate" }
        }
        if hasFigures && firstFigureSentence {
          firstFigureSentence = false
          paragraphOpenedByTarget = !sentenceRows.isEmpty && sentenceRows.allSatisfy { $0.scenario == "target" }
          // An indicator's target followed by its part-year outcome in one sentence
          // (…年度目标为增长7%，1—11月增长4.2%。其中，…): that part dates the sentences after it.
          if paragraphPeriod == nil, sentenceRows.first?.scenario == "target",
            let part = sentenceRows.first(where: { $0.scenario == "actual" })?.period,
            Int(part) == nil, !SentenceAnalyzer.isYearSpan(part)
          {
            paragraphPeriod = part
            paragraphPeriodSettled = true
          }
        }
        // A sidebar line giving a figure, then what it is (2632.8亿元　2030年全市地区生产总值),
        // restates the body: a figure the report already gave is not proposed again.
        if Extractor.isFigureFirstLabel(trimmed) {
          sentenceRows.removeAll { row in rows.contains { $0.value == row.value && $0.unit == row.unit } }
        }
        Extractor.lengthenRepeatedQuotes(&sentenceRows, sentence: sentence, report: reportBytes)
        if headline { headlineRows.formUnion(rows.count..<rows.count + sentenceRows.count) }
        rows.append(contentsOf: sentenceRows)
        if let last = sentenceRows.last(where: { $0.measure != "pp_diff" }) { paragraphIndicator = last.indicator }
        repeatKeys.append(contentsOf: analyzer.repeatKeys)
        skipped.append(contentsOf: analyzer.skipped)
        if analyzer.breakdownFrom != nil { inBreakdown = true }
        if hasFigures { paragraphHadFigures = true }
      }
      previousOpening = opening
      // A figure-less lead-in naming a span and introducing what follows
      // (“十三五”时期，是…的五年。五年来——) frames the paragraphs after it, up to
      // the next heading, as a multi-year review section does.
      // (…回望“十三五”，五年来我们…。 looks back over the span as well.)
      if !paragraphHadFigures, let last = trimmed.last,
        "—：:".contains(last) || last == "。" && ["回望", "回顾", "纵观"].contains(where: { String(trimmed).contains($0) }),
        let span = Text.sentences(trimmed).lazy.compactMap({ sentence -> String? in
          let analyzer = SentenceAnalyzer(chars: sentence, lexicon: lexicon, state: state, region: foundRegion)
          let end = analyzer.clauseEnd(after: 0)
          guard let p = analyzer.leadContext().period, SentenceAnalyzer.isYearSpan(p),
            analyzer.namesYearCount(before: end) || analyzer.namesPlanPeriod(before: end)
          else { return nil }
          return p
        }).first
      {
        state.sectionSpan = span
      }
    }
    // The store's name for the months (1—6月 is 上半年, 2030-01..2030-06 → 2030H1),
    // so that a figure restated under the other name is one repeat.
    for k in rows.indices {
      if let period = try? Period.parse(rows[k].period) { rows[k].period = period.description }
    }
    let result = ExtractionResult(
      rows: Extractor.dropRepeats(rows, repeatKeys: repeatKeys, headlines: headlineRows), region: foundRegion,
      regionNote: regionNote)
    return (result, skipped)
  }

  /// A sidebar line opening with a figure and its unit, then a label after a
  /// space or colon (2632.8亿元　2030年全市地区生产总值, 6.3%：年均增长), with no sentence marks.
  static func isFigureFirstLabel(_ line: [Character]) -> Bool {
    guard line.count <= 40, let first = line.first, Text.isDigit(first),
      !line.contains(where: { "，。；;,".contains($0) }),
      let space = line.firstIndex(where: { " \u{3000}\t：:".contains($0) })
    else { return false }
    return line[(space + 1)...].contains { RegionFinder.isHan($0) }
  }

  /// A title or sub-heading that states figures (…今年GDP预期增长6%左右,
  /// 【目标单】…): a short line without a sentence or clause mark. Its
  /// figures are stated again in the body, which quotes them in full.
  static func isHeadline(_ line: [Character]) -> Bool {
    line.count <= 60 && !line.contains { "。；;，,".contains($0) }
  }

  /// Growth words ending a list item's heading (…增速。, …涨幅。).
  static let growthHeadingSuffixes = ["增长率", "增速", "增幅", "涨幅", "增长", "降低率", "下降率"]

  /// The indicator a numbered list item's heading names, as plan reports
  /// list their indicators ("3.固定资产投资增速。预期目标8%以上，执行情况4.2%"):
  /// a number (3. / 3、 / （三）) then a short heading without figures ending
  /// with 。 or ：, which is an indicator name (lexicon, whole heading) or a
  /// phrase followed by a growth word. Nil for any other line.
  static func itemSubject(_ line: [Character], lexicon: Lexicon) -> (name: String, growth: Bool)? {
    var i = 0
    if i < line.count, line[i] == "—" {
      // ——地区生产总值。前三季度…: a dash opens the item as a number does.
      while i < line.count && line[i] == "—" { i += 1 }
    } else if i < line.count, line[i] == "（" || line[i] == "(" {
      i += 1
      while i < line.count && (Text.isDigit(line[i]) || Text.chineseNumerals.contains(line[i])) { i += 1 }
      guard i > 1, i < line.count, line[i] == "）" || line[i] == ")" else { return nil }
      i += 1
    } else {
      while i < line.count && Text.isDigit(line[i]) { i += 1 }
      guard i > 0, i < line.count, ".．、".contains(line[i]) else { return nil }
      i += 1
    }
    guard var end = line[i...].firstIndex(where: { "。：:".contains($0) }), end - i >= 2, end - i <= 20 else { return nil }
    // A kind in brackets after the name (地区生产总值（预期性）。) is no part of it.
    if line[end - 1] == "）" || line[end - 1] == ")", let open = line[i..<end].lastIndex(where: { $0 == "（" || $0 == "(" }) {
      end = open
    }
    guard end - i >= 2 else { return nil }
    var heading = Array(line[i..<end])
    guard heading.allSatisfy({ RegionFinder.isHan($0) }) else { return nil }
    var growth = false
    for suffix in growthHeadingSuffixes where heading.count > suffix.count && String(heading).hasSuffix(suffix) {
      heading.removeLast(suffix.count); growth = true; break
    }
    if let m = lexicon.lastMatch(in: heading), m.range == 0..<heading.count { return (m.canonical, growth) }
    // An unknown name counts only with a growth noun (居民消费价格涨幅。), not
    // a verb (…稳步增长。, a narrative heading).
    let noun = growth && !String(line[i..<end]).hasSuffix("增长")
    return noun && heading.count >= 2 && heading.count <= 12 ? (String(heading), true) : nil
  }

  /// A figure repeated identically in a report is one observation (the first):
  /// the same indicator, or the same words before or after the same figure
  /// (取得重大科研成果58项 … 等国内国际领先重大科研成果58项).
  /// `repeatKeys[i]` names what `rows[i]` counts or measures ("" when unknown).
  /// A figure first stated in a headline (`headlines` holds row indices)
  /// takes the quote of its statement in the body.
  static func dropRepeats(_ rows: [ProposedRow], repeatKeys: [String] = [], headlines: Set<Int> = []) -> [ProposedRow] {
    var seen = Set<String>()
    var headlineAt: [String: Int] = [:]
    var firstByKey: [String: ProposedRow] = [:]
    var out: [ProposedRow] = []
    var byFigure: [String: [ProposedRow]] = [:]
    for (index, var row) in rows.enumerated() {
      let repeatKey = index < repeatKeys.count ? repeatKeys[index] : ""
      let key = [row.region, row.indicator, row.measure, row.scenario, row.period, row.value, row.unit, row.bound]
        .joined(separator: "\u{1}")
      guard seen.insert(key).inserted else {
        if !headlines.contains(index), let at = headlineAt.removeValue(forKey: key) {
          let old = out[at]
          out[at] = row
          for (k, v) in firstByKey where v == old { firstByKey[k] = row }
        }
        continue
      }
      // A precise figure (three significant digits or more) stated again
      // under a name sharing words with the first (省级签约项目117个 …
      // 签约省级项目117个) is the same observation.
      let figureKey = [row.region, row.measure, row.scenario, row.period, row.value, row.unit, row.bound]
        .joined(separator: "\u{1}")
      if significantDigits(row.value) >= 3,
        byFigure[figureKey, default: []].contains(where: {
          !$0.quote.contains(row.quote) && !row.quote.contains($0.quote) && sharedBigrams($0.indicator, row.indicator) >= 2
        })
      {
        continue
      }
      byFigure[figureKey, default: []].append(row)
      if repeatKey.count >= 3 {
        let wordsKey = ["\u{2}" + repeatKey, row.region, row.measure, row.scenario, row.period, row.value, row.unit, row.bound]
          .joined(separator: "\u{1}")
        guard seen.insert(wordsKey).inserted else { continue }
      }
      // The store allows one figure per (indicator, measure, scenario, period)
      // except a range's two ends: a second, different figure is renamed so
      // the rows still load, and marked for review.
      var seriesKey = [row.region, row.indicator, row.measure, row.scenario, row.period].joined(separator: "\u{1}")
      if let first = firstByKey[seriesKey], refines(row, first), let at = out.firstIndex(of: first) {
        // A milestone first (突破3万家), the precise figure later (超3.3万家): keep the precise one.
        out.remove(at: at)
        firstByKey[seriesKey] = row
        out.append(row)
        continue
      }
      if let first = firstByKey[seriesKey], !(first.quote == row.quote && first.bound == ">=" && row.bound == "<=") {
        var n = 2
        while firstByKey[[row.region, row.indicator + "(\(n))", row.measure, row.scenario, row.period].joined(separator: "\u{1}")] != nil { n += 1 }
        row.indicator += "(\(n))"
        row.note = (row.note.isEmpty ? "" : row.note + "; ") + "same indicator and period as an earlier row with another figure: renamed"
        seriesKey = [row.region, row.indicator, row.measure, row.scenario, row.period].joined(separator: "\u{1}")
      }
      if firstByKey[seriesKey] == nil { firstByKey[seriesKey] = row }
      if headlines.contains(index) { headlineAt[key] = out.count }
      out.append(row)
    }
    return out
  }

  /// Digits of a value without sign, point, leading zeros, or an integer's trailing zeros.
  static func significantDigits(_ value: String) -> Int {
    var digits = value.filter { $0.isASCII && $0.isNumber }
    while digits.first == "0" { digits.removeFirst() }
    if !value.contains(".") { while digits.last == "0" { digits.removeLast() } }
    return digits.count
  }

  /// Character pairs of Han text that two names share.
  static func sharedBigrams(_ a: String, _ b: String) -> Int {
    func pairs(_ s: String) -> Set<String> {
      let c = Array(s.filter { RegionFinder.isHan($0) })
      return c.count < 2 ? [] : Set((0..<c.count - 1).map { String(c[$0...$0 + 1]) })
    }
    return pairs(a).intersection(pairs(b)).count
  }

  /// Whether `later` states more precisely the figure `earlier` gave as a
  /// milestone (突破3万家 … 3.3万家): the earlier is qualified (突破, 超, 近,
  /// 逾) and the later is within a fifth above it with more digits.
  static func refines(_ later: ProposedRow, _ earlier: ProposedRow) -> Bool {
    guard let v1 = Double(earlier.value), let v2 = Double(later.value), v1 > 0, later.unit == earlier.unit,
      later.bound == earlier.bound
    else { return false }
    let qualified = ["突破", "超", "近", "逾"].contains { earlier.quote.contains($0 + earlier.value) }
    return qualified && v2 > v1 && v2 <= v1 * 1.2 && significantDigits(later.value) > significantDigits(earlier.value)
  }
}

// MARK: - Document years and sections

/// The years the report is about, and which section the reader is in.
struct DocumentState: Sendable {
  /// Year of the outcomes reviewed (nil until known).
  var reviewYear: Int?
  /// Year of the plan (targets).
  var planYear: Int?
  /// The year the report was written (spans such as 近三年 end the year before).
  var reportYear: Int
  /// True inside a plan section (targets by default).
  var inPlan = false
  /// True when the year came from no heading or title (a guess, noted on rows).
  var yearGuessed: Bool
  /// The part of the review year a mid-year report reviews ("H1", "Q1",
  /// "01..09"), from its review heading or title (上半年工作情况); nil for a
  /// full-year review. Undated outcomes get that part, and its plan is for
  /// the same year.
  var reviewPart: String?
  /// The year the text calls 今年 (去年 and 明年 count from it): the year of
  /// the report's dateline, or the review year of a text that speaks of
  /// 明年; nil otherwise (the section's year is used).
  var currentYear: Int?
  /// The year of the undated parts of a year (1—4月, 一季度) in a text written
  /// months into a year and looking back on the one before (a May feature on
  /// last year): months that have passed are this year's. Nil otherwise.
  var partYear: Int?
  /// The span of years a review's title or subtitle frames it by
  /// (——某县“十四五”以来经济社会发展综述 → "2021..2025"): its undated from-to,
  /// cumulative and average figures are over that span. Nil otherwise.
  var titleSpan: String?

  init(lines: [[Character]], givenYear: Int?) {
    // Years in title-like lines (short, first lines, or headings).
    var headingYears: [(year: Int, plan: Bool, review: Bool)] = []
    var counts: [Int: Int] = [:]
    var titleWorkReportYear: Int?
    var titleCommuniqueYear: Int?
    var sawReviewHeading = false
    for (index, line) in lines.enumerated() {
      let trimmed = Text.trim(line)
      for y in Text.years(in: trimmed) { counts[y, default: 0] += 1 }
      if let kind = DocumentState.headingKind(trimmed), let y = Text.years(in: trimmed).first ?? DocumentState.tagYear(trimmed) {
        headingYears.append((y, kind == .plan, kind == .review))
      }
      // The first review heading names the part of the year reviewed (a later one,
      // 四、2031年上半年预算执行情况, is a section of its own).
      if !sawReviewHeading, DocumentState.headingKind(trimmed) == .review {
        reviewPart = DocumentState.partOfYear(trimmed)
        sawReviewHeading = true
      }
      if index < 40 && trimmed.count < 40 && String(trimmed).contains("政府工作报告"),
        let y = Text.years(in: trimmed).first
      {
        titleWorkReportYear = y
      }
      if index < 40 && trimmed.count < 40 && String(trimmed).contains("统计公报"),
        let y = Text.years(in: trimmed).first
      {
        titleCommuniqueYear = y
      }
    }
    // A release titled by the part of the year it covers, without a year
    // (一季度全县经济运行开局良好, dated by its dateline) or opening with its year
    // (2030年1—11月经济运行简况), reviews that part.
    if reviewPart == nil, let title = lines.lazy.map(Text.trim).first(where: { !$0.isEmpty }),
      DocumentState.isYearlessPartTitle(title) || DocumentState.titleYear(lines) != nil
        && !["，", "。", "；", "下半年"].contains(where: { String(title).contains($0) })
    {
      reviewPart = DocumentState.partOfYear(title)
    }
    let dateline = DocumentState.dateline(lines)
    // A heading that says it reviews (执行情况, 工作总结) names the review year; a
    // title opening with its year outranks other numbered headings with a year.
    // A monthly bulletin's masthead line (2030年5月全市统计月报): that year, and the
    // months of it so far, as its undated figures are counted.
    let monthly = DocumentState.monthlyTitle(lines)
    if reviewPart == nil, let monthly, monthly.month >= 2 {
      reviewPart = "01..\(SentenceAnalyzer.two(monthly.month))"
    }
    let titled = DocumentState.titleYear(lines) ?? monthly?.year
    let review =
      headingYears.first { $0.review }?.year ?? (headingYears.contains { $0.plan } ? nil : titled)
      ?? headingYears.first { !$0.plan }?.year
    // A mid-year review (上半年工作情况和下半年工作安排) plans the rest of the same year.
    let plan = headingYears.first { $0.plan }?.year ?? (reviewPart != nil ? review : nil)
    var writtenIn: Int?
    if let givenYear {
      reviewYear = givenYear; planYear = givenYear + 1; yearGuessed = false
    } else if review != nil || plan != nil {
      reviewYear = review ?? plan.map { $0 - 1 }
      planYear = plan ?? review.map { $0 + 1 }
      yearGuessed = false
    } else if let y = titleCommuniqueYear {
      // A statistical communiqué of year Y reports on Y.
      reviewYear = y; planYear = y + 1; yearGuessed = false
    } else if let y = titleWorkReportYear {
      // A government work report of year Y reviews Y-1 and plans Y.
      reviewYear = y - 1; planYear = y; yearGuessed = false
    } else if let (y, month) = dateline {
      // Written in the first quarter, a report looks back on the year
      // before (a work report, a news story on it). Written later, without
      // a part of the year to review, it still does: a whole year's figure
      // exists only once the year is over. Its 1—4月 are its own year's.
      // A year-end text (November, December) reviews its own year.
      // (Unless the text names its own year, besides the dateline, more than
      // the one before: a monthly bulletin issued in June is about this year.)
      let looksBack = month <= 3
        || (month <= 10 && reviewPart == nil && counts[y - 1, default: 0] >= counts[y, default: 0] - 1)
      reviewYear = looksBack ? y - 1 : y
      // A part of the year under review (前三季度…) plans the rest of the same year.
      let restOfYear = reviewPart != nil && !looksBack
      planYear = reviewYear.map { restOfYear ? $0 : $0 + 1 }
      if looksBack && month > 3 { partYear = y }
      yearGuessed = false
    } else {
      // No heading says: the year the text mentions most is the likeliest.
      let common = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key < b.key) }?.key
      reviewYear = common; planYear = common.map { $0 + 1 }; yearGuessed = true
      // …unless it names a part of a later year (2031年上半年增速居全省第3位): it is
      // written in that year, looking back on the one before, and its undated
      // parts of a year (今年上半年, 1—7月) are that year's.
      if let y = DocumentState.latestPartYear(lines), let common, y > common {
        reviewYear = y - 1; planYear = y; partYear = y; writtenIn = y
      }
    }
    if let writtenIn {
      reportYear = writtenIn
    } else if yearGuessed, let maxYear = counts.keys.max() {
      // Without headings the latest year mentioned is the time of writing.
      reportYear = maxYear
    } else {
      reportYear = planYear ?? (counts.keys.max() ?? 2000)
    }
    titleSpan = reviewYear.flatMap { DocumentState.titleSpan(lines, reviewYear: $0, writtenIn: writtenIn ?? $0) }
    // A text that speaks of 明年 is written in the year it reviews (a
    // December speech or summary), whatever its sections are about.
    let speaksOfNextYear = lines.contains { $0.firstOffset(of: "明年") != nil }
    currentYear = dateline?.year ?? writtenIn ?? (speaksOfNextYear ? reviewYear : nil)
  }

  /// The latest year named with a part of it (2031年上半年, 2031年1—7月), nil when none is.
  static func latestPartYear(_ lines: [[Character]]) -> Int? {
    var latest: Int?
    for line in lines {
      var from = 0
      while let at = Array(line[from...]).firstOffset(of: "年").map({ $0 + from }) {
        from = at + 1
        guard at >= 4, let y = Int(String(line[(at - 4)..<at])), (1990...2100).contains(y),
          at == 4 || !Text.isDigit(line[at - 5]),
          let part = partOfYear(Array(line[(at + 1)..<min(line.count, at + 7)])),
          String(line[(at + 1)...]).hasPrefix(part == "H1" ? "上半年" : part == "Q1" ? "一季度" : part == "01..09" ? "前三季度" : "1")
        else { continue }
        latest = max(latest ?? y, y)
      }
    }
    return latest
  }

  /// The year opening the report's title (its first line: 2030年某省县域经济发展
  /// 报告, 2030年全市经济运行分析): the year the report is about, whenever it was
  /// issued. Nil when the title does not open with one, is a plan's (计划, 规划,
  /// 要点, 安排: about the year ahead) or a government work report's (the year
  /// it plans; it reviews the one before).
  static func titleYear(_ lines: [[Character]]) -> Int? {
    guard let title = lines.lazy.map(Text.trim).first(where: { !$0.isEmpty }), title.count < 40,
      title.count > 5, title[4] == "年", let y = Int(String(title[0..<4])), y >= 1990, y <= 2100
    else { return nil }
    let text = String(title)
    guard !["计划", "规划", "要点", "安排", "打算", "政府工作报告"].contains(where: { text.contains($0) }) else { return nil }
    return y
  }

  /// A monthly report's title among the first lines (2030年5月全市统计月报,
  /// 2030年5月经济运行简况): its year and month; nil when there is none.
  static func monthlyTitle(_ lines: [[Character]]) -> (year: Int, month: Int)? {
    for t in lines.lazy.map(Text.trim).filter({ !$0.isEmpty }).prefix(6) where t.count <= 30 && t.count > 7 {
      let s = String(t)
      guard t[4] == "年", let y = Int(String(t[0..<4])), (1990...2100).contains(y),
        ["月报", "统计", "经济运行", "简况", "快报"].contains(where: { s.contains($0) }),
        !s.contains("，"), !s.contains("。")
      else { continue }
      var k = 5, month = 0
      while k < t.count && Text.isDigit(t[k]) { month = month * 10 + (t[k].wholeNumberValue ?? 0); k += 1 }
      guard k > 5, k < t.count, t[k] == "月", (1...12).contains(month), k + 1 < t.count, t[k + 1] != "日",
        !"—–-~～至".contains(t[k + 1])
      else { continue }
      return (y, month)
    }
    return nil
  }

  /// The span a title or subtitle (the first two lines) reviews: a plan
  /// period since its start (“十四五”以来, up to the review year) or during it
  /// (“十四五”时期).
  static func titleSpan(_ lines: [[Character]], reviewYear: Int, writtenIn: Int) -> String? {
    // (The title's two lines, or a subtitle (——…) after a masthead and the title.)
    for (k, title) in lines.lazy.map(Text.trim).filter({ !$0.isEmpty }).prefix(4).enumerated()
    where title.count <= 40 && (k < 2 || title.first == "—") {
      let s = String(title)
      // The plan's own evaluation (第十四个五年规划纲要实施情况总结评估报告): its years so far.
      for (name, first) in [("第十三个五年规划", 2016), ("第十四个五年规划", 2021), ("第十五个五年规划", 2026)]
      where s.contains(name) && s.contains("评估") {
        return reviewYear >= first ? "\(first)..\(min(reviewYear, first + 4))" : nil
      }
      // 党的十八大以来…综述: from the year after the congress to the time of writing.
      for (congress, first) in SentenceAnalyzer.congressSpans where s.contains(congress + "以来") {
        return writtenIn >= first ? "\(first)..\(writtenIn)" : nil
      }
      for (name, span) in SentenceAnalyzer.planPeriods where s.contains(name) {
        guard let first = Int(span.prefix(4)), let last = Int(span.suffix(4)) else { continue }
        if s.contains("评估") && s.contains("规划") {
          return reviewYear >= first ? "\(first)..\(min(reviewYear, last))" : nil
        }
        if s.contains(name + "”以来") || s.contains(name + "以来") || s.contains(name + "\"以来") {
          return reviewYear >= first ? "\(first)..\(min(reviewYear, last))" : nil
        }
        if ["时期", "期间"].contains(where: { s.contains(name + "”" + $0) || s.contains(name + $0) }) { return "\(first)..\(last)" }
        // ——某县“十三五”经济社会发展成就综述: the plan period reviewed.
        if ["成就", "综述", "巡礼", "回眸", "回顾"].contains(where: { s.contains($0) }), reviewYear >= first,
          !["开局", "前", "规划"].contains(where: { s.contains(name + "”" + $0) || s.contains(name + $0) })
        {
          return "\(first)..\(min(reviewYear, last))"
        }
      }
    }
    return nil
  }

  /// The date a report was issued or delivered, from a short line among its
  /// first lines holding a full date (2031年1月15日, （2031年12月18日）).
  static func dateline(_ lines: [[Character]]) -> (year: Int, month: Int)? {
    var seen = 0
    for line in lines {
      // (Spaces that set the issuer apart from the date do not make the line long.)
      let t = Text.trim(line).filter { $0 != " " && $0 != "\u{3000}" && $0 != "\t" }
      if t.isEmpty { continue }
      seen += 1
      if seen > 8 { return nil }
      guard t.count <= 60 else { continue }
      var i = 0
      while i + 4 < t.count {
        if Text.isDigit(t[i]), i == 0 || !Text.isDigit(t[i - 1]), t[i + 4] == "年",
          t[i..<i + 4].allSatisfy(Text.isDigit), let y = Int(String(t[i..<i + 4])), y >= 1990, y <= 2100
        {
          var k = i + 5
          var month = 0
          while k < t.count && Text.isDigit(t[k]) { month = month * 10 + (t[k].wholeNumberValue ?? 0); k += 1 }
          if k > i + 5, k < t.count, t[k] == "月", (1...12).contains(month) {
            var d = k + 1
            while d < t.count && Text.isDigit(t[d]) { d += 1 }
            if d > k + 1, d < t.count, t[d] == "日" { return (y, month) }
          }
        }
        i += 1
      }
    }
    return nil
  }

  enum HeadingKind { case plan, review, forecast, other }

  /// Whether a line is a section heading, and of which kind.
  /// The year a section tag names without 年 (【聚焦2031】), nil for other lines.
  static func tagYear(_ line: [Character]) -> Int? {
    guard line.first == "【", let close = line.firstIndex(of: "】") else { return nil }
    let tag = Array(line[1..<close])
    for i in tag.indices where i + 4 <= tag.count && (i == 0 || !Text.isDigit(tag[i - 1])) {
      if let y = Int(String(tag[i..<i + 4])), (1990...2100).contains(y), i + 4 == tag.count || !Text.isDigit(tag[i + 4]) {
        return y
      }
    }
    return nil
  }

  static func headingKind(_ line: [Character]) -> HeadingKind? {
    guard line.count <= 50 else { return nil }
    let s = String(line)
    if s.contains("，") || s.contains("。") || (s.contains(",") && line.count > 30) { return nil }
    // A newspaper's section tag (【回眸2030】…, 【聚焦2031】…, 【代表声音】): named by the tag.
    if line.first == "【", let close = line.firstIndex(of: "】") {
      let tag = String(line[1..<close])
      if ["回眸", "回顾", "回望", "盘点"].contains(where: { tag.contains($0) }) { return .review }
      if ["展望", "前瞻"].contains(where: { tag.contains($0) }) || (tag.contains("聚焦") && tagYear(line) != nil) {
        return .plan
      }
      return .other
    }
    let numbered = line.count > 1 && Text.chineseNumerals.contains(line[0])
      && (line.dropFirst().first { !Text.chineseNumerals.contains($0) }) == "、"
    let planWords = ["主要任务", "工作安排", "计划(草案)", "计划（草案）", "草案", "工作打算", "目标任务", "总体要求", "工作思路", "主要目标", "预期目标",
      "工作计划", "工作要点", "工作部署", "下一步", "今后", "明年", "展望", "奋斗目标"]
    let reviewWords = ["执行情况", "回顾", "完成情况", "工作总结", "工作情况", "运行情况", "决算", "过去一年", "一年来", "主要成绩"]
    let isPlan = planWords.contains { s.contains($0) }
    let isReview = reviewWords.contains { s.contains($0) }
    // 四、四季度及全年经济走势预测: a forecast of the year under way.
    // (…形势预测和工作安排: the tasks make it a plan.)
    if !isReview, !isPlan, ["预测", "走势展望", "形势预判"].contains(where: { s.contains($0) }) { return .forecast }
    if isPlan && !isReview { return .plan }
    if isReview { return .review }
    // A heading naming a year's plan, arrangements or tasks (二、2031年计划初步安排, 三、2031年重点
    // 工作), numbered or not.
    if line.count <= 30 && s.hasSuffix("年") == false && Text.years(in: line).count == 1
      && (["计划", "安排", "重点工作", "工作任务", "目标"].contains(where: { s.contains($0) })
        || (s.contains("关于") && s.hasSuffix("年工作")))
      && !["情况", "进展", "成效", "落实"].contains(where: { s.contains($0) })
    {
      return .plan
    }
    if numbered { return .other }
    return nil
  }

  /// Whether a report's first line is a title naming a part of the year
  /// without a year and without a plan word or a sentence's punctuation
  /// (一季度全县经济运行开局良好; not 上半年工作安排).
  static func isYearlessPartTitle(_ line: [Character]) -> Bool {
    guard line.count <= 40, Text.years(in: line).isEmpty, headingKind(line) != .plan else { return false }
    let s = String(line)
    if ["，", "。", "；", ",", "：", "下半年"].contains(where: { s.contains($0) }) { return false }
    return partOfYear(line) != nil
  }

  /// The part of a year a review heading names (上半年 → "H1", 一季度 →
  /// "Q1", 前三季度 → "01..09"); nil when it names none.
  static func partOfYear(_ line: [Character]) -> String? {
    let s = String(line)
    if s.contains("上半年") { return "H1" }
    if s.contains("前三季度") { return "01..09" }
    if s.contains("一季度") && !s.contains("第一季度以来") { return "Q1" }
    // A year-to-date month range (1—9月, 1-10月): "01..09".
    let chars = Array(s)
    for (i, c) in chars.enumerated() where c == "1" && (i == 0 || !Text.isDigit(chars[i - 1])) {
      var k = i + 1
      guard k < chars.count, "—–-~～至".contains(chars[k]) else { continue }
      while k < chars.count && "—–-~～至".contains(chars[k]) { k += 1 }
      var month = 0, d = k
      while d < chars.count && Text.isDigit(chars[d]) { month = month * 10 + (chars[d].wholeNumberValue ?? 0); d += 1 }
      if d > k, d < chars.count, chars[d] == "月", (2...12).contains(month) {
        return "01..\(month < 10 ? "0" : "")\(month)"
      }
    }
    return nil
  }

  /// The period of an undated outcome in the current section: the section
  /// year, or its reviewed part in a mid-year report (2027H1).
  var defaultPeriod: String? {
    guard let y = sectionYear else { return nil }
    if inPlan { return String(y) }
    let part = sectionReview.map { $0.part } ?? reviewPart
    return part.map { DocumentState.period(ofPart: $0, year: y) } ?? String(y)
  }

  /// Switches section on a heading line; true when the line was a heading.
  mutating func updateSection(heading line: [Character]) -> Bool {
    guard let kind = DocumentState.headingKind(line) else { return false }
    switch kind {
    case .plan: inPlan = true
    case .review, .forecast: inPlan = false
    case .other: break
    }
    // A review of several years (一、本届政府五年工作回顾, 过去五年工作回顾) frames its
    // section's undated from-to, cumulative and average figures over those years.
    let text = String(line)
    // (Not one that also reviews a year: 一、2030年和过去五年工作回顾.)
    if kind == .review, let y = reviewYear, Text.years(in: line).isEmpty,
      ["回顾", "年来", "过去", "本届"].contains(where: { text.contains($0) }),
      let n = [("三年", 3), ("五年", 5)].first(where: { text.contains($0.0) })?.1
    {
      sectionSpan = "\(y - n + 1)..\(y)"
    } else if kind == .review, Text.years(in: line).isEmpty,
      let (_, span) = SentenceAnalyzer.planPeriods.first(where: { text.contains($0.0) }), !text.contains("以来")
    {
      // （三）“十三五”规划目标完成情况: a review of the plan period frames its section too.
      sectionSpan = span
    } else if kind != .other || line.contains("、") {
      sectionSpan = nil
    }
    // A forecast section lasts through its sub-headings (（一）…), not past the next
    // top-level one (五、…).
    inForecast = kind == .forecast || (kind == .other && inForecast && Text.years(in: line).isEmpty
      && !line.contains("、"))
    // A review heading naming a year other than the report's (四、2031年上半年预算执行
    //情况 in a report on 2030's accounts) dates its section, with its part of the year.
    let years = Text.years(in: line)
    if kind == .review, years.count == 1, years[0] != reviewYear {
      sectionReview = (years[0], DocumentState.partOfYear(line))
    } else if kind != .other || !years.isEmpty {
      sectionReview = nil
    }
    return true
  }

  /// The years a multi-year review section covers (2026..2030), nil elsewhere.
  var sectionSpan: String?

  /// True inside a forecast section (…走势预测): its figures are projections of the year.
  var inForecast = false

  /// The year and part a review section's own heading names, when it is not the report's.
  var sectionReview: (year: Int, part: String?)?

  /// The period of a table's numbers when its columns name none: the part of
  /// the year its caption names (附表：2030年1—9月主要经济指标), else the report's.
  func tablePeriod(caption: [Character], year: Int) -> String {
    if let part = DocumentState.partOfYear(caption) { return DocumentState.period(ofPart: part, year: year) }
    return year == reviewYear ? defaultPeriod ?? String(year) : String(year)
  }

  /// The period of a part of a year ("H1", "Q1", "01..09") in `year`.
  static func period(ofPart part: String, year y: Int) -> String {
    switch part {
    case "H1": return "\(y)H1"
    case "Q1": return "\(y)Q1"
    case let part where part.contains(".."):
      let months = part.split(separator: ".")
      return "\(y)-\(months[0])..\(y)-\(months[1])"
    default: return String(y)
    }
  }

  /// The year of the current section.
  var sectionYear: Int? { inPlan ? planYear : sectionReview?.year ?? reviewYear }
}

// MARK: - Layout

enum Layout {
  /// Longest line (in characters) of a narrow-column block.
  static let narrowWidth = 20

  /// Lines of narrow-column side-bars (newspaper layouts): a block of two or
  /// more consecutive short lines (at most `narrowWidth` characters) whose
  /// first line is flush and whose later lines hang indented, because words
  /// and figures run on from one line to the next. A list of short items
  /// (all flush or all indented) and headings are not affected.
  static func fragmentLines(_ lines: [[Character]]) -> Set<Int> {
    func indented(_ line: [Character]) -> Bool { line.first.map { $0 == " " || $0 == "\u{3000}" || $0 == "\t" } ?? false }
    func separates(_ line: [Character]) -> Bool {
      let t = Text.trim(line)
      return t.isEmpty || DocumentState.headingKind(t) != nil
    }
    var out = Set<Int>()
    var i = 0
    while i < lines.count {
      guard !separates(lines[i]) else { i += 1; continue }
      var j = i
      while j < lines.count && !separates(lines[j]) { j += 1 }
      let block = Array(lines[i..<j])
      if block.count >= 2, block.allSatisfy({ Text.trim($0).count <= narrowWidth }), !indented(block[0]),
        block.dropFirst().contains(where: indented)
      {
        out.formUnion(i..<j)
      }
      i = j
    }
    return out
  }
}

// MARK: - Text helpers

enum Text {
  static let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
  static let sentenceEnds: Set<Character> = ["。", "；", ";", "！", "？", "!", "?"]
  static let clauseEnds: Set<Character> = ["，", ",", "：", ":", "。", "；", ";", "！", "？", "!", "?"]

  static func trim(_ line: [Character]) -> [Character] {
    var start = 0, end = line.count
    while start < end && (line[start].isWhitespace || line[start] == "\u{3000}") { start += 1 }
    while end > start && (line[end - 1].isWhitespace || line[end - 1] == "\u{3000}") { end -= 1 }
    return Array(line[start..<end])
  }

  /// Sentences of a line, each ending with its punctuation.
  static func sentences(_ line: [Character]) -> [[Character]] {
    var out: [[Character]] = []
    var start = 0
    for (i, c) in line.enumerated() where sentenceEnds.contains(c) {
      if i + 1 > start { out.append(Array(line[start...i])) }
      start = i + 1
    }
    if start < line.count { out.append(Array(line[start...])) }
    return out
  }

  static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

  /// Four-digit years written "20XX年" / "19XX年" in a line.
  static func years(in line: [Character]) -> [Int] {
    var out: [Int] = []
    var i = 0
    while i + 4 < line.count {
      if (line[i] == "2" && line[i + 1] == "0") || (line[i] == "1" && line[i + 1] == "9"),
        isDigit(line[i + 2]), isDigit(line[i + 3]), line[i + 4] == "年" || line[i + 4] == "—" || line[i + 4] == "-",
        i == 0 || !isDigit(line[i - 1]), let y = Int(String(line[i..<i + 4]))
      {
        if line[i + 4] == "年" || (i + 9 < line.count && isDigit(line[i + 5])) { out.append(y) }
        i += 4
      } else {
        i += 1
      }
    }
    return out
  }

  static func contains(_ chars: ArraySlice<Character>, _ word: String) -> Bool {
    String(chars).contains(word)
  }
}

// MARK: - Region

enum RegionFinder {
  static let suffixes: Set<Character> = ["市", "省", "县", "区", "州"]
  /// Words ending in 市/省/县 that are not place names.
  static let notNames: Set<String> = [
    "全市", "我市", "本市", "各市", "城市", "全省", "我省", "本省", "各省", "全县", "我县", "本县", "各县",
    "全区", "我区", "本区", "园区", "城区", "市区", "新区", "景区", "社区", "片区", "街区", "县市", "市县",
    "省市", "地区", "山区", "灾区", "库区", "湖区", "辖区", "专区", "外省", "市州", "省级", "县区",
    "市场", "小区", "强县", "强市", "强省", "上市", "税区", "范区",
  ]

  /// The region named in the title or first lines; else the place named most often.
  static func find(_ lines: [[Character]]) -> (String, String?) {
    var counts: [String: Int] = [:]
    var firstInTitle: String?
    var nonEmpty = 0
    for line in lines {
      let t = Text.trim(line)
      if t.isEmpty { continue }
      nonEmpty += 1
      for name in names(in: t) {
        counts[name, default: 0] += 1
        if nonEmpty <= 12 && t.count <= 60 && firstInTitle == nil { firstInTitle = name }
      }
    }
    if let title = firstInTitle { return (title, "region \(title) taken from the title") }
    if let (name, n) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
      return (name, "region \(name) guessed: the place named most often (\(n) times)")
    }
    return ("未知地区", "no region found: pass --region")
  }

  /// Two-character names followed by 市/省/县/区/州 (the common form of place names).
  static func names(in line: [Character]) -> [String] {
    var out: [String] = []
    var i = 2
    while i < line.count {
      if suffixes.contains(line[i]), isHan(line[i - 1]), isHan(line[i - 2]) {
        let name = String(line[i - 2...i])
        let tail = String(line[i - 1...i])
        // (…三季度市州…: 市州 is a word, so 季度市 is no name.)
        let followed = i + 1 < line.count && notNames.contains(String(line[i...(i + 1)]))
        // (在珂州市: the name goes on, 珂州市, so 在珂州 is none.)
        let goesOn = i + 1 < line.count && suffixes.contains(line[i + 1])
        if !notNames.contains(tail) && !notNames.contains(name) && !followed && !goesOn
          && !"人民政府发展委员会".contains(line[i - 1])
        {
          out.append(name)
        }
      }
      i += 1
    }
    return out
  }

  static func isHan(_ c: Character) -> Bool {
    guard let v = c.unicodeScalars.first?.value else { return false }
    return v >= 0x4E00 && v <= 0x9FFF
  }
}
