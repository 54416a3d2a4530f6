import Foundation
import Testing

@testable import Extraction

/// Pieces of real reports cut at random and spliced together: the extractor
/// must neither crash nor propose a quote that is not in the text it read.
/// (Index arithmetic over clauses and figures is where a crash would hide.)
struct ExtractorFuzzTests {
  /// A small deterministic generator (xorshift64*), so a failure repeats.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state ^= state >> 12
      state ^= state << 25
      state ^= state >> 27
      return Int((state &* 2_685_821_657_736_338_717) >> 33) % max(1, bound)
    }
  }

  static let reports: [[Character]] = {
    let root = SeedEvaluationTests.repoRoot
    let folders = [root + "/Datasets/sources", root + "/Tests/ExtractionTests/Fixtures/sources"]
    var texts: [[Character]] = []
    for folder in folders {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
      for name in names.prefix(60) {
        if let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) { texts.append(Array(text)) }
      }
    }
    return texts
  }()

  @Test(arguments: [1, 2, 3, 4]) func splicedPiecesNeverCrashOrMisquote(_ seed: Int) throws {
    try #require(Self.reports.count > 5)
    var g = Generator(state: 0x9E37_79B9_7F4A_7C15 &* UInt64(seed))
    let extractor = Extractor(lexicon: Lexicon())
    let joints: [String] = ["\n", "，", "；", "。", "", "、", "：", "1—", "——", "分别", "由", "以来，"]
    for _ in 0..<100 {
      var text = ""
      for _ in 0..<(1 + g.next(3)) {
        let report = Self.reports[g.next(Self.reports.count)]
        let length = 20 + g.next(500)
        let start = g.next(max(1, report.count - length))
        text += String(report[start..<min(report.count, start + length)]) + joints[g.next(joints.count)]
      }
      let rows = extractor.extract(text, region: "测试县").rows
      for row in rows where !row.quote.isEmpty {
        #expect(text.contains(row.quote), "quote not in the text: \(row.quote)")
      }
    }
  }
}
