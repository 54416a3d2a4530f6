import IndicatorStore
import Interchange
import Testing

@testable import Extraction

/// Scores the extractor against the curated seed CSVs and the hand-written
/// fixtures, as Scripts/extract-eval does: a proposed row matches a curated
/// row with the same measure, scenario, period and value whose quote
/// overlaps it in the source. The floors only go up.
struct SeedEvaluationTests {
  static let repoRoot: String = {
    // Tests/ExtractionTests/SeedEvaluationTests.swift → the repository root.
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
  }()

  struct Score {
    var gold = 0, proposed = 0, matched = 0, main = 0, mainMatched = 0
    var precision: Double { Double(matched) / Double(max(proposed, 1)) }
    var recall: Double { Double(matched) / Double(max(gold, 1)) }
    var mainRecall: Double { Double(mainMatched) / Double(max(main, 1)) }

    /// Records a test issue for each figure below its floor.
    func expectAtLeast(precision p: Double, recall r: Double, mainRecall m: Double, sourceLocation: SourceLocation = #_sourceLocation) {
      #expect(precision >= p, "precision \(precision)", sourceLocation: sourceLocation)
      #expect(recall >= r, "recall \(recall)", sourceLocation: sourceLocation)
      #expect(mainRecall >= m, "main recall \(mainRecall)", sourceLocation: sourceLocation)
    }
  }

  static func read(_ path: String) -> String? {
    (try? FileIO.readAll(path)).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Character ranges where `quote` occurs in `text`.
  static func spans(_ quote: String, in text: [Character]) -> [Range<Int>] {
    let q = Array(quote)
    guard !q.isEmpty, q.count <= text.count else { return [] }
    var out: [Range<Int>] = []
    for i in 0...(text.count - q.count) where text[i] == q[0] && Array(text[i..<i + q.count]) == q {
      out.append(i..<i + q.count)
    }
    return out
  }

  /// Scores every report of `folder`. With `holdout`, each report is
  /// extracted with a lexicon that lacks its own curated file's names, as
  /// for a report never seen (Scripts/extract-eval --holdout).
  /// `only` keeps the reports whose base name it accepts.
  static func evaluate(folder: String, holdout: Bool = false, only: (String) -> Bool = { _ in true }) -> Score {
    let fullLexicon = Lexicon.load(dataFolder: repoRoot + "/Datasets")
    var score = Score()
    let names = ((try? FileIO.directoryEntries(folder + "/sources")) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    for name in names {
      let base = String(name.dropLast(4))
      guard only(base) else { continue }
      let lexicon = holdout ? Lexicon.load(dataFolder: repoRoot + "/Datasets", excluding: [base + ".csv"]) : fullLexicon
      let extractor = Extractor(lexicon: lexicon)
      guard let text = read(folder + "/sources/" + name), let goldText = read(folder + "/" + base + ".csv") else { continue }
      let chars = Array(text)
      let records = SimpleCSV.parse(goldText)
      guard let header = records.first else { continue }
      func col(_ n: String) -> Int { header.firstIndex(of: n) ?? 0 }
      let gold = records.dropFirst().filter { $0.count == header.count }
      let proposed = extractor.extract(text).rows
      var used = Array(repeating: false, count: proposed.count)
      score.gold += gold.count
      score.proposed += proposed.count
      for g in gold {
        let gs = spans(g[col("quote")], in: chars)
        let isMain = fullLexicon.mainIndicators.contains(g[col("indicator")])
        if isMain { score.main += 1 }
        for (j, p) in proposed.enumerated() where !used[j] {
          guard p.measure == g[col("measure")], p.scenario == g[col("scenario")], p.period == (try? Period.parse(g[col("period")]))?.description ?? g[col("period")],
            Double(p.value) == Double(g[col("value")])
          else { continue }
          let ps = spans(p.quote, in: chars)
          guard gs.contains(where: { a in ps.contains { $0.overlaps(a) } }) else { continue }
          used[j] = true
          score.matched += 1
          if isMain { score.mainMatched += 1 }
          break
        }
      }
    }
    return score
  }

  @Test func seedFloor() {
    let s = Self.evaluate(folder: Self.repoRoot + "/Datasets")
    #expect(s.gold > 600)
    s.expectAtLeast(precision: 0.95, recall: 0.98, mainRecall: 1.0)
  }

  /// Each seed scored without its own curated names in the lexicon.
  @Test func seedHoldoutFloor() {
    let s = Self.evaluate(folder: Self.repoRoot + "/Datasets", holdout: true)
    s.expectAtLeast(precision: 0.95, recall: 0.96, mainRecall: 1.0)
  }

  /// Fixtures written by the rules' author (f01–f04).
  static let ownFixtures: Set<String> = ["f01_qingshan", "f02_baiyun", "f03_songhe", "f04_linjiang"]

  @Test func fixtureFloor() {
    let s = Self.evaluate(folder: Self.repoRoot + "/Tests/ExtractionTests/Fixtures", only: { Self.ownFixtures.contains($0) })
    #expect(s.gold >= 99)
    s.expectAtLeast(precision: 0.98, recall: 0.98, mainRecall: 1.0)
  }

  /// The reports written blind (f05 county work report, f06 city statistical
  /// communiqué, f07 mid-year summary) before the extractor's code was read,
  /// and f08 (a 前三季度 operation report) written after the first fixes and
  /// before looking at their output on it. Before the rules they prompted:
  /// f05–f07 precision 79.0 %, recall 76.6 %, main recall 56.6 % (47/83);
  /// f08 36.9 % / 36.9 % / 61.1 %. A second round, f09 (plan execution report
  /// with an indicator list), f10 (budget report) and f11 (county work report
  /// with 前三季度 / 1—11月 figures), written and curated before the code was
  /// read: 83.1 % / 83.8 % / 72.9 % (62/85) before its rules; f12 (district plan
  /// report with 预计 columns), written after those rules: 87.6 % / 85.7 % / 93.6 %
  /// (44/47). A third round, f16 (a county statistics bureau's 1—11月 release:
  /// quarters, month-end stocks, 持平, 增长N倍, 降幅收窄) and f17 (a newspaper story
  /// on a work report: a dateline, 去年/今年, a headline repeating a target),
  /// written and curated before running the extractor on them: f16 87.3 % /
  /// 84.1 % / 90.0 % (18/20), f17 2.4 % / 2.4 % / 3.3 % (1/30: every year wrong);
  /// then f18 (a township's 工作总结和工作计划) and f19 (a county head's speech at
  /// the December economic work conference, 今年/明年 without a dateline),
  /// written after the f16–f17 rules: 79.5 % / 78.5 % / 79.3 % (23/29).
  /// A fourth batch, f13 (a city work report reviewing the year and its
  /// five-year plan), f14 (a county statistical communiqué) and f15 (a district
  /// 1—9月 plan execution report with next year's plan), written by someone
  /// who never saw the extractor: 81.6 % / 79.5 % / 84.1 % (106/126) before
  /// their rules (f15 alone 44.4 % / 43.8 %: its title's 1—9月 was not read).
  /// The rules were then fitted on them, so these floors guard against
  /// regressions; they no longer measure generalisation.
  @Test func blindFixtureFloor() {
    let s = Self.evaluate(
      folder: Self.repoRoot + "/Tests/ExtractionTests/Fixtures",
      only: { name in
        !Self.ownFixtures.contains(name) && !Self.openFixtures.contains(name) && !Self.fifthRound.contains(name)
          && !Self.laterRounds.contains { $0.reports.contains(name) }
      })
    #expect(s.gold >= 1857)
    s.expectAtLeast(precision: 0.99, recall: 0.99, mainRecall: 1.0)
  }

  /// The fifth round, a second blind batch by the f13–f15 writer: f21 (a county
  /// work report reviewing five years, 这五年/今后五年), f22 (a city statistics
  /// bureau's 上半年 release, 6月份, 截至6月末), f23 (a budget report, 按…的N%安排,
  /// 已提前下达). Hold-out before its rules: 84.3 % / 82.8 % / 79.8 % (79/99).
  /// Its own floor: 14 of its 15 remaining misses follow conventions this repository
  /// does not share (拉动 as pp_diff, 比年初增加 increments, 夏粮 dated to the year
  /// where f07 dates it to the half), which would pull the blind floor below 0.99.
  static let fifthRound: Set<String> = ["f21_yuyang", "f22_tangzhou", "f23_hongyang"]

  @Test func fifthRoundFixtureFloor() {
    let s = Self.evaluate(folder: Self.repoRoot + "/Tests/ExtractionTests/Fixtures", only: { Self.fifthRound.contains($0) })
    #expect(s.gold >= 569)
    s.expectAtLeast(precision: 0.98, recall: 0.97, mainRecall: 1.0)
  }

  /// Blind reports whose remaining misses are not fitted: f20 (a 十四五 mid-term
  /// evaluation, written after the f18–f19 rules: 52.4 % / 50.0 % / 22.2 % (2/9)
  /// before the span and plan-year rules). Its misses need the plan's horizon
  /// (规划目标为66% → 2025) and the plan word 提出, which no general rule gives yet.
  static let openFixtures: Set<String> = ["f20_baisha"]

  @Test func openFixtureFloor() {
    let s = Self.evaluate(folder: Self.repoRoot + "/Tests/ExtractionTests/Fixtures", only: { Self.openFixtures.contains($0) })
    #expect(s.gold >= 22)
    s.expectAtLeast(precision: 0.72, recall: 0.72, mainRecall: 0.77)
  }

  /// A blind batch of the later rounds and its floor. Each was written and
  /// curated by someone who never read the extractor, scored once before any
  /// rule was fitted (that first score, below, stays the honest estimate for
  /// unseen reports: docs/EXTRACT.md, Blind reports), then fitted; the floor
  /// guards against regressions only. Scored with the hold-out lexicon.
  struct BlindRound: Sendable, CustomTestStringConvertible {
    var name: String
    var reports: Set<String>
    var gold: Int
    var precision: Double, recall: Double, mainRecall: Double
    var testDescription: String { name }
  }

  static let laterRounds: [BlindRound] = [
    // Sixth: f24 (a high-tech zone work report), f25 (a city annual plan report with an
    // indicator list), f26 (a county first-quarter release whose title has no year).
    // First score after five rounds: 90.3 % / 90.0 % / 91.9 % (79/86).
    BlindRound(
      name: "sixth", reports: ["f24_tongjiang", "f25_tingyue", "f26_shinan"], gold: 509,
      // (Precision 0.99 → 0.98 in the thirteenth round: increments became rows of their own,
      // and this writer left them out, unlike every writer since f30.)
      precision: 0.98, recall: 0.99, mainRecall: 1.0),
    // Seventh: f27 (a mayor's speech at the December economic work conference), f28 (a
    // district work report listing 预期目标…，完成…), f29 (a county statistical bulletin).
    // First score after six rounds: 94.9 % / 96.0 % / 91.5 % (86/94).
    BlindRound(
      name: "seventh", reports: ["f27_chengyuan", "f28_heming", "f29_zixi"], gold: 424,
      // (0.97 → 0.965: increments, as for the sixth round.)
      precision: 0.965, recall: 0.99, mainRecall: 1.0),
    // Eighth, a new writer: f30 (a city work report on 2025 and the 十四五, 2026 targets),
    // f31 (a county plan execution to 1—11月 with 年初预期), f32 (a district 上半年 bulletin
    // with 拉动 and 上年同期). First score after seven rounds: 93.3 % / 91.6 % / 96.6 % (144/149).
    BlindRound(
      name: "eighth", reports: ["f30_yanchuan", "f31_sangxi", "f32_liutang"], gold: 727,
      precision: 0.975, recall: 0.965, mainRecall: 1.0),
    // Ninth, another writer: f33 (a city statistical bulletin with 注释), f34 (a county
    // budget report), f35 (a district work report in a spoken style). First score after
    // eight rounds: 97.2 % / 93.9 % / 81.3 % (61/75).
    BlindRound(
      name: "ninth", reports: ["f33_zhiyang", "f34_zheyuan", "f35_qifeng"], gold: 883,
      precision: 0.985, recall: 0.95, mainRecall: 0.96),
    // Tenth, a third new writer: f36 (a county work report at a new 人大, numbered 2026
    // targets), f37 (a city 前三季度 release with a Q&A), f38 (a plan-execution report listing
    // each 年度目标). First score after nine rounds: 97.5 % / 95.8 % / 97.8 % (131/134).
    BlindRound(
      name: "tenth", reports: ["f36_junshan", "f37_meijiang", "f38_huaiyang"], gold: 650,
      precision: 0.98, recall: 0.96, mainRecall: 0.985),
    // Eleventh, a fourth new writer: f39 (a city work report of February 2025), f40 (a
    // province's 县域经济发展报告 for 2024, issued in June 2025, with an outlook section
    // headed 五、2025年…展望), f41 (a township's 上半年工作总结和下半年工作计划). First score after
    // ten rounds: 64.9 % / 64.0 % / 62.7 % (47/75): f40 lost every undated figure to 2025,
    // its outlook heading read as the review's. f39 alone 99.0 / 99.5 / 97.3 %.
    BlindRound(
      name: "eleventh", reports: ["f39_lanjiang", "f40_yunze", "f41_fengmu"], gold: 577,
      precision: 0.94, recall: 0.925, mainRecall: 0.96),
    // Twelfth, a fifth new writer: f42 (a county-level city's 2026 work report), f43 (a
    // district's 2025年1—11月经济运行简况), f44 (a city's 上半年预算执行情况 whose 1—6月
    // figures the curator dates 2025H1). First score after eleven rounds: 73.3 % / 71.4 % /
    // 93.8 % (60/64): f43's undated figures went to the year, its title's 1—11月 unread.
    BlindRound(
      name: "twelfth", reports: ["f42_qiaochuan", "f43_tanhu", "f44_zhichuan"], gold: 588,
      precision: 0.86, recall: 0.838, mainRecall: 0.937),
    // Thirteenth, a sixth new writer: f45 (a county's 2025 statistical bulletin), f46 (a city
    // work report at a new 人大 with 十五五 goals), f47 (a district's 2026年1—10月 analysis with
    // 序时进度 and a fourth-quarter outlook). First score after twelve rounds: 94.4 % / 93.2 % /
    // 88.1 % (126/143).
    BlindRound(
      name: "thirteenth", reports: ["f45_liaochuan", "f46_cenzhou", "f47_yanxi"], gold: 702,
      precision: 0.98, recall: 0.98, mainRecall: 0.98),
    // Fourteenth, a seventh new writer: f48 (a city plan-execution report to 1—11月), f49 (a
    // May 2026 newspaper feature on a county's 十四五), f50 (a city 一季度 release with its
    // press conference after the notes). First score after twelve rounds: 80.0 % / 73.6 % /
    // 82.4 % (126/153): f49 dated to the year it was written, f50's Q&A cut off by the notes.
    BlindRound(
      name: "fourteenth", reports: ["f48_cenyang", "f49_yuze", "f50_jingtan"], gold: 515,
      precision: 0.925, recall: 0.93, mainRecall: 0.97),
    // Fifteenth, an eighth new writer: f51 (a city's 2026年上半年 analysis), f52 (a county
    // work report of February 2026), f53 (a national high-tech zone's 工作总结和工作思路).
    // First score after thirteen rounds: 98.2 % / 96.8 % / 97.4 % (112/115), both goals met.
    BlindRound(
      name: "fifteenth", reports: ["f51_huanyang", "f52_tiaoxi", "f53_daizhou"], gold: 665,
      precision: 0.98, recall: 0.97, mainRecall: 0.97),
    // Sixteenth, a ninth new writer: f54 (a city budget report), f55 (a county 前三季度 release
    // ending in a plain-text table), f56 (a December interview with a county party secretary,
    // 前11个月, plans in the answer to a question about 明年). First score after thirteen
    // rounds: 89.0 % / 86.6 % / 81.6 % (80/98).
    BlindRound(
      name: "sixteenth", reports: ["f54_xiaoping", "f55_hengjiang", "f56_daixi"], gold: 539,
      precision: 0.955, recall: 0.96, mainRecall: 0.945),
    // Seventeenth, a tenth new writer: f57 (a county's 十四五 plan evaluation with a ｜ table),
    // f58 (a city's 上半年 plan execution to the 人大常委会), f59 (a district's 2027 plan draft).
    // First score after fourteen rounds: 80.3 % / 72.7 % / 83.5 % (111/133).
    BlindRound(
      name: "seventeenth", reports: ["f57_qinxi", "f58_huanyang", "f59_ruoxi"], gold: 466,
      // (0.92 → 0.915 in the fortieth round: counts from a dated start are kept, so f57's
      // 净增76家 after 由2020年的131家增加到2025年的207家 is proposed; its curator left
      // increments out, as writers before f30 did. Recall rose.)
      precision: 0.915, recall: 0.905, mainRecall: 0.94),
    // Eighteenth, an eleventh new writer: f60 (a provincial newspaper on its cities' 前三季度),
    // f61 (a city's monthly bulletin with a table), f62 (a township's 工作总结和工作打算).
    // First score after fourteen rounds: 84.0 % / 77.3 % / 86.3 % (126/146).
    BlindRound(
      name: "eighteenth", reports: ["f60_hengjiang", "f61_tiaochuan", "f62_lugang"], gold: 476,
      precision: 0.91, recall: 0.925, mainRecall: 0.96),
    // Nineteenth, a twelfth new writer: f63 (a city 工信局's 工作总结和工作计划), f64 (a city's
    // annual press conference with a Q&A), f65 (a county's 决算草案 report, with a section on
    // the next year's 上半年). First score after fifteen rounds: 60.2 % / 59.9 % / 81.9 % (59/72):
    // f65's title (决算草案) was read as a plan heading.
    BlindRound(
      name: "nineteenth", reports: ["f63_linzhou", "f64_mingchuan", "f65_shanping"], gold: 526,
      // (0.925 → 0.92: the 预计-clause rule of round 18 reads one f63 row as projected.)
      precision: 0.92, recall: 0.915, mainRecall: 0.91),
    // Twentieth, a thirteenth new writer: f66 (a province's work report), f67 (a development
    // zone's 1—8月 with a table of targets and progress), f68 (a city 文旅局's year with its
    // holidays). First score after fifteen rounds: 88.0 % / 86.3 % / 94.3 % (66/70).
    BlindRound(
      name: "twentieth", reports: ["f66_chulan", "f67_fengchuan", "f68_exi"], gold: 563,
      precision: 0.95, recall: 0.915, mainRecall: 1.0),
    // Twenty-first, a fourteenth new writer: f69 (a city's 2027年1—2月 release), f70 (a district
    // 人大财经委's 审查报告), f71 (a city 发改委's 三季度 analysis with a forecast section).
    // First score after sixteen rounds: 83.3 % / 82.3 % / 71.8 % (135/188).
    BlindRound(
      name: "twenty-first", reports: ["f69_zhuxi", "f70_zhangwan", "f71_nanzhou"], gold: 526,
      precision: 0.88, recall: 0.87, mainRecall: 0.85),
    // Twenty-second, a fifteenth new writer: f72 (a city 农业农村局's year), f73 (a county work
    // report reviewing a 2022—2026 term), f74 (a customs release on a year's foreign trade
    // with tables). First score after sixteen rounds: 82.4 % / 74.1 % / 76.7 % (66/86).
    BlindRound(
      name: "twenty-second", reports: ["f72_dichuan", "f73_yaoling", "f74_penjiang"], gold: 599,
      precision: 0.865, recall: 0.78, mainRecall: 0.86),
    // Twenty-third and twenty-fourth, two more new writers, asked for the commonest genres
    // written plainly: f75 (a county 统计公报), f76 (a city work report), f77 (a city plan
    // report); f78 (a district 上半年 release), f79 (a county 前三季度 release with a table),
    // f80 (a city 1—11月 brief). First scores after seventeen rounds: 98.0 % / 97.8 % /
    // 97.0 % (128/132) and 95.1 % / 94.8 % / 94.2 % (147/156): both goals, both batches.
    BlindRound(
      name: "twenty-third", reports: ["f75_jingtang", "f76_yangchuan", "f77_xieyang"], gold: 742,
      precision: 0.975, recall: 0.975, mainRecall: 0.965),
    BlindRound(
      name: "twenty-fourth", reports: ["f78_yuepu", "f79_xingchuan", "f80_congyang"], gold: 658,
      precision: 0.955, recall: 0.95, mainRecall: 0.945),
    // Twenty-fifth and twenty-sixth, two more writers on the commonest genres: f81 (a city 统计公报),
    // f82 (a county work report), f83 (a district plan report); f84 (a city 一季度 release), f85
    // (a county 1—10月 brief), f86 (a city 上半年 release with a table). First scores after
    // eighteen rounds, never fitted: 95.6 % / 96.3 % / 94.3 % (115/122) and 94.9 % / 96.1 % /
    // 97.4 % (148/152).
    BlindRound(
      name: "twenty-fifth", reports: ["f81_quyang", "f82_lianxi", "f83_qiuwan"], gold: 566,
      precision: 0.955, recall: 0.96, mainRecall: 0.94),
    BlindRound(
      name: "twenty-sixth", reports: ["f84_lizhou", "f85_mianxi", "f86_shuling"], gold: 636,
      precision: 0.95, recall: 0.965, mainRecall: 0.97),
    // Twenty-seventh and twenty-eighth, two more writers asked for genres like the seeds: f87 (a
    // November feature on a city's 十四五, like 002), f88 (a province's review as a fragment
    // that names no year at all, like 003: the extractor leaves the period empty and notes
    // "pass --year"; with --year 2025 it scores 99.3 % / 97.8 %), f89 (a news report on a
    // county's 一季度); f90 (like 004), f91 (like 001), f92 (like 000). First scores after
    // eighteen rounds, never fitted: 45.3 % / 44.1 % / 53.0 % and 92.8 % / 92.8 % / 97.7 %.
    BlindRound(
      name: "twenty-seventh", reports: ["f87_tingzhu", "f88_yuanliang", "f89_chaxi"], gold: 338,
      precision: 0.45, recall: 0.44, mainRecall: 0.53),
    BlindRound(
      name: "twenty-eighth", reports: ["f90_tingpu", "f91_bichuan", "f92_zheyang"], gold: 345,
      precision: 0.925, recall: 0.925, mainRecall: 0.97),
    // Twenty-ninth to thirty-seventh (fifth session), nine writers asked for genres like the
    // seeds in other years: first scores f93–f95 90.1 % / 84.3 % (main), f96–f98 96.3 % / 99.4 %,
    // f99–f101 85.7 % / 80.1 % (before this session's rules); f102–f104 95.6 % / 94.3 %,
    // f105–f107 92.0 % / 91.3 %, f108–f110 94.2 % / 96.6 % (after the first of them);
    // f111–f113 97.8 % / 99.3 %, f114–f116 97.6 % / 98.0 %, f117–f119 95.9 % / 94.8 % (after
    // all of them, never fitted). Floors are the fitted scores less half a point.
    BlindRound(
      name: "twenty-ninth", reports: ["f93_panxi", "f94_weichuan", "f95_wuqiao"], gold: 600,
      precision: 0.960, recall: 0.950, mainRecall: 0.955),
    BlindRound(
      name: "thirtieth", reports: ["f96_zhenzhou", "f97_mintang", "f98_lianze"], gold: 596,
      precision: 0.960, recall: 0.960, mainRecall: 0.985),
    BlindRound(
      name: "thirty-first", reports: ["f99_weichuan", "f100_hengyue", "f101_xiaxi"], gold: 512,
      precision: 0.925, recall: 0.905, mainRecall: 0.950),
    BlindRound(
      name: "thirty-second", reports: ["f102_xiling", "f103_yiquan", "f104_xuchuan"], gold: 554,
      precision: 0.960, recall: 0.945, mainRecall: 0.980),
    BlindRound(
      name: "thirty-third", reports: ["f105_ganling", "f106_kunzhou", "f107_huipu"], gold: 543,
      precision: 0.935, recall: 0.925, mainRecall: 0.935),
    BlindRound(
      name: "thirty-fourth", reports: ["f108_liyuan", "f109_weichuan", "f110_caoyang"], gold: 717,
      precision: 0.975, recall: 0.980, mainRecall: 0.975),
    BlindRound(
      name: "thirty-fifth", reports: ["f111_jianzhou", "f112_chuxi", "f113_yunzhou"], gold: 562,
      precision: 0.970, recall: 0.965, mainRecall: 0.985),
    BlindRound(
      name: "thirty-sixth", reports: ["f114_tuanxi", "f115_chongling", "f116_weihu"], gold: 536,
      precision: 0.970, recall: 0.965, mainRecall: 0.975),
    BlindRound(
      name: "thirty-seventh", reports: ["f117_luozhou", "f118_huatang", "f119_zhenyang"], gold: 608,
      precision: 0.950, recall: 0.945, mainRecall: 0.940),
    // Thirty-eighth to fortieth: three more writers, genres like the seeds; first scores after
    // the twentieth round's first rules: f120–f122 66.1 % / 59.7 % (f121's plan heading
    // 2021年重点工作 unread: 6 %), f123–f125 87.7 % / 88.2 %, f126–f128 93.4 % / 92.0 %.
    BlindRound(
      name: "thirty-eighth", reports: ["f120_jiaolin", "f121_huaili", "f122_wanghu"], gold: 498,
      precision: 0.960, recall: 0.930, mainRecall: 0.930),
    BlindRound(
      name: "thirty-ninth", reports: ["f123_qixi", "f124_tanping", "f125_weiyuan"], gold: 495,
      precision: 0.885, recall: 0.880, mainRecall: 0.895),
    BlindRound(
      name: "fortieth", reports: ["f126_danping", "f127_yingzhou", "f128_linghu"], gold: 669,
      precision: 0.935, recall: 0.930, mainRecall: 0.965),
    // Forty-first to forty-third: three more writers, genres like the seeds with headings in
    // their own words; first scores after the twentieth round: f129–f131 95.2 % / 94.7 %,
    // f132–f134 92.6 % / 90.8 %, f135–f137 95.1 % / 93.7 %.
    BlindRound(
      name: "forty-first", reports: ["f129_chunchuan", "f130_sunjiang", "f131_lanwan"], gold: 553,
      precision: 0.950, recall: 0.940, mainRecall: 0.940),
    BlindRound(
      name: "forty-second", reports: ["f132_qiaoshui", "f133_jiaoyang", "f134_mingxi"], gold: 556,
      precision: 0.935, recall: 0.925, mainRecall: 0.955),
    BlindRound(
      name: "forty-third", reports: ["f135_wenlan", "f136_jiachuan", "f137_langchuan"], gold: 700,
      precision: 0.950, recall: 0.945, mainRecall: 0.930),
    // Forty-fourth to forty-sixth: three more writers, genres like the seeds; first scores after
    // the twenty-first round: f138–f140 94.7 % / 96.9 %, f141–f143 86.7 % / 93.3 % (f143, a
    // feature on a county's 十三五 whose subtitle named the period: 72.5 %), f144–f146
    // 96.9 % / 96.2 %.
    BlindRound(
      name: "forty-fourth", reports: ["f138_tongya", "f139_xunling", "f140_zimei"], gold: 611,
      precision: 0.940, recall: 0.930, mainRecall: 0.960),
    BlindRound(
      name: "forty-fifth", reports: ["f141_luwan", "f142_xinling", "f143_qiaoyuan"], gold: 546,
      precision: 0.885, recall: 0.865, mainRecall: 0.945),
    BlindRound(
      name: "forty-sixth", reports: ["f144_meiyang", "f145_jianxi", "f146_kezhou"], gold: 857,
      precision: 0.960, recall: 0.950, mainRecall: 0.955),
    // Forty-seventh to forty-ninth: three more writers, genres like the seeds; first scores after
    // the twenty-second round (never fitted): f147–f149 85.5 % / 89.3 % (f149, a September
    // feature: 67 %), f150–f152 97.6 % / 95.6 %, f153–f155 97.0 % / 98.6 %.
    BlindRound(
      name: "forty-seventh", reports: ["f147_xiaoyang", "f148_jiaotang", "f149_yingchuan"], gold: 497,
      precision: 0.850, recall: 0.845, mainRecall: 0.885),
    BlindRound(
      name: "forty-eighth", reports: ["f150_changxi", "f151_mangchuan", "f152_zhijiang"], gold: 557,
      precision: 0.970, recall: 0.950, mainRecall: 0.950),
    BlindRound(
      name: "forty-ninth", reports: ["f153_jiayuan", "f154_maozhou", "f155_jinyang"], gold: 768,
      precision: 0.965, recall: 0.960, mainRecall: 0.980),
  ]

  @Test(arguments: laterRounds) func laterRoundFloor(_ round: BlindRound) {
    let s = Self.evaluate(folder: Self.repoRoot + "/Tests/ExtractionTests/Fixtures", holdout: true, only: { round.reports.contains($0) })
    #expect(s.gold >= round.gold)
    s.expectAtLeast(precision: round.precision, recall: round.recall, mainRecall: round.mainRecall)
  }
}
