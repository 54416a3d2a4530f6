import Diagnostics
import IndicatorStore
@testable import Interchange
import Testing

/// The fast path must give exactly the rows (and lines) of the general path,
/// and give up on everything the general path reports.
@Suite struct FastBodyParserTests {
  /// Rows and lines through the general path, or nil when it reports errors.
  static func general(_ bytes: [UInt8]) -> StoreBuilder? {
    var builder = StoreBuilder()
    do { try DatasetLoader.load(bytes: bytes, file: "t.csv", into: &builder) } catch { return nil }
    return builder
  }

  /// Rows and lines through the fast path, or nil when it gives up.
  static func fast(_ bytes: [UInt8], threads: Int = 1, atEndOfFile: Bool = true) -> (StoreBuilder, FastBodyParser.Piece)? {
    guard let header = FastBodyParser.header(of: bytes, file: "t.csv", atEndOfFile: atEndOfFile),
      let piece = FastBodyParser.parsePiece(
        bytes, from: header.bodyStart, firstLine: header.bodyLine, atEndOfFile: atEndOfFile, layout: header.layout,
        file: "t.csv", threads: threads, minimumPartSize: 64)
    else { return nil }
    var builder = StoreBuilder()
    for part in piece.parts { builder.append(contentsOf: StoreBuilder(columns: part)) }
    return (builder, piece)
  }

  /// Every observation with its line: equal stores hold equal figures from equal lines.
  static func rowsWithLines(_ builder: StoreBuilder) -> [String]? {
    guard let store = try? builder.build().store else { return nil }
    var out: [String] = []
    for s in 0..<store.seriesCount {
      let l = store.labels(ofSeries: s)
      for row in store.rows(ofSeries: s) {
        let p = store.provenance(ofRow: row)
        out.append(
          "\(l.region)|\(l.indicator)|\(l.measure)|\(l.scenario)|\(store.period(ofRow: row))|\(String(describing: store.value(ofRow: row)))|\(l.unit)|\(store.bound(ofRow: row))|\(p.source)|\(p.quote)|\(p.reference ?? "")|\(p.line)")
      }
    }
    return out
  }

  @Test(arguments: [1, 2, 3, 8])
  func trickyRowsAreThoseOfTheGeneralPath(threads: Int) throws {
    let bytes = ParallelParseTests.tricky(rows: 700)
    let general = try #require(Self.general(bytes))
    let (fast, piece) = try #require(Self.fast(bytes, threads: threads))
    #expect(piece.parts.count == threads)
    #expect(piece.end == bytes.count)
    #expect(fast.rowCount == 700)
    #expect(Self.rowsWithLines(fast) == Self.rowsWithLines(general))
  }

  @Test func everyFormTheGeneralPathAcceptsIsParsed() throws {
    let lines = [
      "region,indicator,measure,scenario,period,value,unit,bound,source,quote,ref\r\n",
      "湘潭市,地区生产总值,growth,target,2024,6.5,%,~,a.txt,\"增长6.5%左右\",\r\n",
      "\r\n",
      "湘潭市,地区生产总值,growth,actual,2024-01..2024-09,5.1,%,,a.txt,前三季度增长5.1%,\n",
      "湘潭市,居民人均可支配收入,growth,target,2024,,%,=ref,a.txt,\"与经济增长\"\"同步\"\"\",地区生产总值\n",
      "\n",
      "湘潭市,\"城镇新增就业\",level,actual,2023H2,0.765,万人,>=,,\"\",\n",
      "湘潭市,城镇新增就业,level,actual,2023Q4,7650,人,,b.txt,\"两行\n的引文\",\n",
      "湘潭市,社会消费品零售总额,ratio,estimate,2021..2023,-1.5e2,%,<=,b.txt,x,",
    ]
    let text = lines.joined()
    let bytes = Array(text.utf8)
    let general = try #require(Self.general(bytes))
    let (fast, piece) = try #require(Self.fast(bytes))
    #expect(piece.rowCount == 6)
    #expect(Self.rowsWithLines(fast) == Self.rowsWithLines(general))
  }

  @Test(arguments: [
    "湘潭市,gdp,level,actual,2024,1,亿元,,s,q,x",  // a field too many
    "湘潭市,gdp,level,actual,2024,1,亿元,,s",  // a field too few
    "湘潭市,gdp,level,actual,2024,1,亿元,,s,a\"b",  // a quote inside an unquoted field
    "湘潭市,gdp,level,actual,2024,1,亿元,,s,\"ab",  // never closed
    "湘潭市,gdp,\"level\"x,actual,2024,1,亿元,,s,q",  // text after the closing quote
    "湘潭市,gdp,Level,actual,2024,1,亿元,,s,q",  // unknown measure
    "湘潭市,gdp,level,plan,2024,1,亿元,,s,q",  // unknown scenario
    "湘潭市,gdp,level,actual,2024,1,亿元,>,s,q",  // unknown bound
    "湘潭市,gdp,level,actual,24,1,亿元,,s,q",  // bad period
    "湘潭市,gdp,level,actual,2024-13,1,亿元,,s,q",  // bad month
    "湘潭市,gdp,level,actual,2024,,亿元,,s,q",  // empty value
    "湘潭市,gdp,level,actual,2024,1,234,亿元,,s,q",  // thousands separator
    "湘潭市,gdp,level,actual,2024,１,亿元,,s,q",  // fullwidth digit
    "湘潭市,gdp,level,actual,2024,nan,亿元,,s,q",  // not finite
    "湘潭市,gdp,growth,actual,2024,1,％,,s,q",  // fullwidth percent
    ",gdp,level,actual,2024,1,亿元,,s,q",  // empty region
    "湘潭市,,level,actual,2024,1,亿元,,s,q",  // empty indicator
    "湘潭市,gdp,level,actual,2024,1,,,s,q",  // empty unit
    "湘潭市,gdp,growth,target,2024,,%,>ref,s,q",  // relative target without a ref column
  ])
  func givesUpWhereTheGeneralPathReports(line: String) {
    let bytes = Array("region,indicator,measure,scenario,period,value,unit,bound,source,quote\n\(line)\n".utf8)
    #expect(Self.general(bytes) == nil, "the general path accepts \(line)")
    #expect(Self.fast(bytes) == nil, "the fast path accepts \(line)")
  }

  @Test func givesUpOnInvalidUTF8InAnyTextField() {
    let header = Array("region,indicator,measure,scenario,period,value,unit,bound,source,quote\n".utf8)
    for field in 0..<4 {
      var cells: [[UInt8]] = ["湘潭市", "gdp", "亿元", "s.txt"].map { Array($0.utf8) }
      cells[field] += [0xE6, 0xB9]  // a CJK sequence cut short
      let row = cells[0] + Array(",".utf8) + cells[1] + Array(",level,actual,2024,1,".utf8) + cells[2]
        + Array(",,".utf8) + cells[3] + Array(",引文\n".utf8)
      #expect(Self.general(header + row) == nil)
      #expect(Self.fast(header + row) == nil, "field \(field)")
    }
    let badQuote = header + Array("湘潭市,gdp,level,actual,2024,1,亿元,,s,".utf8) + [0xC0, 0x80, 0x0A]
    #expect(Self.general(badQuote) == nil)
    #expect(Self.fast(badQuote) == nil)
  }

  @Test func aRecordCutOffByThePieceIsLeftForTheNext() throws {
    let bytes = ParallelParseTests.tricky(rows: 40)
    // Cut inside the quoted line break of record 4 (i % 4 == 0 has one).
    var cut = 0
    var newlines = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      newlines += 1
      if newlines == 7 {
        cut = i + 1
        break
      }
    }
    let piece = Array(bytes[..<cut])
    let (builder, parsed) = try #require(Self.fast(piece, atEndOfFile: false))
    #expect(builder.rowCount == 4)
    #expect(parsed.lines == 5)  // the lines of the four records; the header's is before the body
    #expect(parsed.end < cut)
    #expect(piece[parsed.end - 1] == 0x0A)
  }

  /// Mutated files: whatever the fast path accepts, the general path accepts
  /// with the same rows and lines; whatever the general path rejects, the
  /// fast path gives up on.
  @Test func mutationsAgreeWithTheGeneralPath() throws {
    let valid = try FileIO.readAll(fixture("roundtrip.csv"))
    var rng = SplitMix64(seed: 0xFA57)
    var accepted = 0
    for i in 0..<3000 {
      let bytes = MutationTests.mutate(valid, &rng)
      let general = Self.general(bytes)
      for threads in [1, 3] {
        guard let (fast, _) = Self.fast(bytes, threads: threads) else { continue }
        accepted += 1
        guard let general else {
          Issue.record("mutation \(i): the fast path accepts what the general path rejects")
          continue
        }
        #expect(Self.rowsWithLines(fast) == Self.rowsWithLines(general), "mutation \(i), \(threads) threads")
      }
    }
    #expect(accepted > 100)
  }
}
