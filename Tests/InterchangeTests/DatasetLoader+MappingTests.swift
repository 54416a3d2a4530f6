import Diagnostics
import Foundation
import IndicatorStore
import Testing

@testable import Interchange

/// Data files mapped for the session (`mapFrom: 0` maps even tiny ones):
/// quotes that need no unescaping are read in place from the file, the
/// others copied, and every reader sees exactly the text of a copying load.
@Suite struct DatasetLoaderMappingTests {
  /// Rows of one file: plain, doubled-quote, multi-line, Chinese, comma and
  /// empty quotes in turn; `tag` makes each file's quotes its own.
  static func file(_ tag: String, rows: Int = 400) -> (bytes: [UInt8], quotes: [String: String]) {
    var text = "region,indicator,measure,scenario,period,value,unit,bound,source,quote\n"
    var quotes: [String: String] = [:]
    for i in 0..<rows {
      let region = "区县\(tag)\(i % 5)", period = 1900 + i / 5
      let (field, quote): (String, String)
      switch i % 6 {
      case 0: (field, quote) = ("plain\(i)\(tag)", "plain\(i)\(tag)")
      case 1: (field, quote) = ("\"实施\"\"强县\"\"战略,增长\(i)\(tag)\"", "实施\"强县\"战略,增长\(i)\(tag)")
      case 2: (field, quote) = ("\"第一行\(i)\n第二行\(tag)\"", "第一行\(i)\n第二行\(tag)")
      case 3: (field, quote) = ("地区生产总值增长7.\(i % 10)%左右\(tag)", "地区生产总值增长7.\(i % 10)%左右\(tag)")
      case 4: (field, quote) = ("\"a, b \(i)\(tag)\"", "a, b \(i)\(tag)")
      default: (field, quote) = ("", "")
      }
      text += "\(region),指标,level,actual,\(period),\(i).5,亿元,,s\(tag).txt,\(field)\n"
      quotes["\(region)|\(period)"] = quote
    }
    return (Array(text.utf8), quotes)
  }

  /// Rows of `file(_:rows:)` whose quote needs no unescaping.
  static func inPlace(_ rows: Int) -> Int { (0..<rows).filter { $0 % 6 != 1 }.count }

  static func quotes(of store: IndicatorStore) -> [String: String] {
    var out: [String: String] = [:]
    for s in 0..<store.seriesCount {
      for row in store.rows(ofSeries: s) {
        out["\(store.labels(ofSeries: s).region)|\(store.period(ofRow: row))"] = store.quote(ofRow: row)
      }
    }
    return out
  }

  @Test(arguments: [97, 4096, 16 << 20])
  func mappedFileReadsEveryQuoteAsACopyingLoad(chunkBytes: Int) throws {
    let (bytes, expected) = Self.file("甲")
    let path = temporaryFolder() + "/a.csv"
    try FileIO.writeAtomically(bytes, to: path)
    var mapped = StoreBuilder(), copied = StoreBuilder()
    try DatasetLoader.loadInPieces(path: path, into: &mapped, chunkBytes: chunkBytes, mapFrom: 0)
    try DatasetLoader.loadInPieces(path: path, into: &copied, chunkBytes: chunkBytes, mapFrom: .max)
    #expect((0..<mapped.rowCount).map(mapped.quote(ofRow:)) == (0..<copied.rowCount).map(copied.quote(ofRow:)))
    let store = try mapped.build().store
    // All but the doubled-quote ones (plain, multi-line, Chinese, comma, empty) are read in place.
    #expect(store.quotes.mappedRowCount == Self.inPlace(400))
    #expect(try copied.build().store.quotes.mappedRowCount == 0)
    #expect(Self.quotes(of: store) == expected)
    #expect(exported(store) == exported(try copied.build().store))
    #expect(store.provenance(ofRow: 1).quote == store.quote(ofRow: 1))
  }

  /// Two mapped files, a third loaded into the session, one of them loaded
  /// again after it changed (by rename, as `.save` and editors that keep a
  /// backup do), and a snapshot saved and reopened: every quote as expected.
  @Test func quotesStayRightAcrossFilesLoadsAndSnapshots() throws {
    let folder = temporaryFolder()
    let (a, quotesA) = Self.file("甲"), (b, quotesB) = Self.file("乙", rows: 250), (c, quotesC) = Self.file("丙", rows: 90)
    try FileIO.writeAtomically(a, to: folder + "/a.csv")
    try FileIO.writeAtomically(b, to: folder + "/b.csv")
    let first = try DatasetLoader.loading(paths: [folder], into: IndicatorStore(), mapFrom: 0).store
    #expect(first.quotes.mappedSegmentCount == 2)
    #expect(Self.quotes(of: first) == quotesA.merging(quotesB) { x, _ in x })
    let copying = try DatasetLoader.loading(paths: [folder], into: IndicatorStore(), mapFrom: .max).store
    #expect(StoreSnapshot.encode(first) == StoreSnapshot.encode(copying), "the same snapshot bytes")

    try FileIO.writeAtomically(c, to: folder + "/c.txt")
    let more = try DatasetLoader.loading(paths: [folder + "/c.txt"], into: first, mapFrom: 0).store
    #expect(first.quotes.mappedRowCount == Self.inPlace(400) + Self.inPlace(250))
    #expect(more.quotes.mappedRowCount == first.quotes.mappedRowCount + Self.inPlace(90))
    #expect(Self.quotes(of: more) == quotesA.merging(quotesB) { x, _ in x }.merging(quotesC) { x, _ in x })

    // a.csv replaced by other rows: loading it again replaces its rows; b's stay in place.
    let (a2, quotesA2) = Self.file("丁", rows: 60)
    try FileIO.writeAtomically(a2, to: folder + "/a.csv")
    let reloaded = try DatasetLoader.loading(paths: [folder + "/a.csv"], into: more, mapFrom: 0).store
    let expected = quotesA2.merging(quotesB) { x, _ in x }.merging(quotesC) { x, _ in x }
    #expect(Self.quotes(of: reloaded) == expected)

    let snapshot = folder + "/all.indb"
    try FileIO.saveSnapshot(reloaded, to: snapshot)
    let back = try FileIO.openSnapshot(snapshot)
    #expect(back.quotes.mappedRowCount == 0)
    #expect(Self.quotes(of: back) == expected)
    #expect(exported(back) == exported(reloaded))
  }

  /// A file that fails to load leaves the store as it was, mapped or not.
  @Test func aFailedMappedLoadKeepsTheStore() throws {
    let folder = temporaryFolder()
    let (a, quotesA) = Self.file("甲")
    try FileIO.writeAtomically(a, to: folder + "/a.csv")
    let store = try DatasetLoader.loading(paths: [folder + "/a.csv"], into: IndicatorStore(), mapFrom: 0).store
    var bad = Self.file("乙").bytes
    bad += Array("区县乙0,指标,level,actual,2999,1,5,亿元,,s.txt,q\n".utf8)
    try FileIO.writeAtomically(bad, to: folder + "/b.csv")
    #expect(throws: DiagnosticList.self) {
      _ = try DatasetLoader.loading(paths: [folder + "/b.csv"], into: store, mapFrom: 0)
    }
    #expect(Self.quotes(of: store) == quotesA)
  }
}
