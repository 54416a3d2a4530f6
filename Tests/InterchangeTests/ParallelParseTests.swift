import Diagnostics
import IndicatorStore
@testable import Interchange
import Testing

/// A large file is parsed in parts on several threads; the result, rows and
/// errors alike, must be exactly what one thread gives.
@Suite struct ParallelParseTests {
  /// Rows with quoted commas, doubled quotes and line breaks inside quotes,
  /// so that a part boundary chosen by a plain line break would be wrong.
  static func tricky(rows: Int, badLine: Int? = nil) -> [UInt8] {
    var text = "\u{FEFF}region,indicator,measure,scenario,period,value,unit,bound,source,quote\r\n"
    var line = 2
    for i in 0..<rows {
      let region = "区县\(i % 7)"
      let value = line == badLine ? "1,5" : "\(i % 100).\(i % 10)"
      let quote: String
      switch i % 4 {
      case 0: quote = "\"增长\(i)，\"\"目标\"\"\n第二行\""
      case 1: quote = "\"a, b\""
      case 2: quote = "plain"
      default: quote = "\"\"\"\"\"\""
      }
      text += "\(region),指标\(i % 3),level,actual,\(1900 + i / 21),\(value),亿元,,s.txt,\(quote)\n"
      line += quote.filter { $0 == "\n" }.count + 1
    }
    return Array(text.utf8)
  }

  static func parse(_ bytes: [UInt8], threads: Int) -> (csv: [UInt8], errors: [String]) {
    var parser = FileParser(reader: CSVReader(bytes: bytes, file: "t.csv"), maxErrors: 20)
    parser.threads = threads
    parser.minimumPartSize = 64
    var builder = StoreBuilder()
    parser.parse(into: &builder)
    let errors = parser.errors.map { "\($0)" }
    guard errors.isEmpty, let built = try? builder.build() else { return ([], errors) }
    return (exported(built.store), errors)
  }

  @Test(arguments: [2, 3, 8])
  func partsGiveTheSameStoreAsOneThread(threads: Int) {
    let bytes = Self.tricky(rows: 600)
    let one = Self.parse(bytes, threads: 1)
    let many = Self.parse(bytes, threads: threads)
    #expect(one.errors.isEmpty)
    #expect(!one.csv.isEmpty)
    #expect(many.csv == one.csv)
  }

  @Test func partsStartAtRecordBoundaries() {
    let bytes = Self.tricky(rows: 300)
    let parts = ParallelParse.parts(of: bytes, from: 0, to: bytes.count, firstLine: 1, threads: 5, minimumPartSize: 64)
    #expect(parts.count == 5)
    for part in parts.dropFirst() {
      // Each part begins a record: the line before ends with a full record.
      #expect(bytes[part.range.lowerBound - 1] == 0x0A)
      let before = bytes[..<part.range.lowerBound].filter { $0 == UInt8(ascii: "\"") }.count
      #expect(before % 2 == 0, "part at \(part.range.lowerBound) starts inside quotes")
      let lines = bytes[..<part.range.lowerBound].filter { $0 == 0x0A }.count
      #expect(part.firstLine == lines + 1)
    }
  }

  @Test func errorsInALaterPartNameTheSameLine() {
    let bytes = Self.tricky(rows: 600, badLine: 700)
    let one = Self.parse(bytes, threads: 1)
    let many = Self.parse(bytes, threads: 4)
    #expect(one.errors.count == 1)
    #expect(one.errors.first?.contains("t.csv:700:") == true, "\(one.errors)")
    #expect(many.errors == one.errors)
  }

  /// A file read in pieces (tiny ones here) loads exactly as a whole file
  /// does, whether it is read or mapped (`mapFrom: 0`, quotes read in place).
  @Test(arguments: [97, 1000, 50_000], [0, Int.max])
  func piecesGiveTheSameRowsAndErrorsAsAWholeFile(chunkBytes: Int, mapFrom: Int) throws {
    let folder = temporaryFolder()
    let good = folder + "/good.csv", bad = folder + "/bad.csv"
    try FileIO.writeAtomically(Self.tricky(rows: 500), to: good)
    try FileIO.writeAtomically(Self.tricky(rows: 500, badLine: 600), to: bad)

    var whole = StoreBuilder()
    try DatasetLoader.load(bytes: Self.tricky(rows: 500), file: good, into: &whole)
    var pieces = StoreBuilder()
    let rows = try DatasetLoader.loadInPieces(path: good, into: &pieces, chunkBytes: chunkBytes, mapFrom: mapFrom)
    #expect(rows == 500)
    #expect(exported(try pieces.build().store) == exported(try whole.build().store))

    var wholeErrors: [String] = []
    do {
      var b = StoreBuilder()
      try DatasetLoader.load(bytes: Self.tricky(rows: 500, badLine: 600), file: bad, into: &b)
    } catch { wholeErrors = error.diagnostics.map { "\($0)" } }
    var pieceErrors: [String] = []
    var kept = StoreBuilder()
    do {
      try DatasetLoader.loadInPieces(path: bad, into: &kept, chunkBytes: chunkBytes, mapFrom: mapFrom)
    } catch { pieceErrors = error.diagnostics.map { "\($0)" } }
    #expect(wholeErrors.count == 1)
    #expect(pieceErrors == wholeErrors)
    #expect(kept.rowCount == 0, "all or nothing")
  }

  /// The cut between pieces: after the last line break outside quotes, the
  /// same on any number of threads.
  @Test func lastRecordEndIsOutsideQuotesOnAnyThreadCount() {
    let bytes = Self.tricky(rows: 200)
    // A reference computed byte by byte.
    var inQuotes = false, lines = 0
    var expected = (offset: 0, lines: 0)
    for (i, b) in bytes.enumerated() {
      if b == UInt8(ascii: "\"") { inQuotes.toggle() }
      if b == 0x0A {
        lines += 1
        if !inQuotes { expected = (i + 1, lines) }
      }
    }
    // Cut the text inside the last record's quoted line break: the cut moves back.
    let open = Array(bytes.dropLast(3))
    for threads in [1, 2, 3, 7] {
      let found = ParallelParse.lastRecordEnd(in: bytes, threads: threads, minimumPartSize: 16)
      #expect(found.offset == expected.offset && found.lines == expected.lines, "threads \(threads)")
      let partial = ParallelParse.lastRecordEnd(in: open, threads: threads, minimumPartSize: 16)
      #expect(partial.offset < expected.offset)
      #expect(partial.offset > 0 && open[partial.offset - 1] == 0x0A)
    }
  }

  /// The eight-bytes-at-a-time test is exact: every byte value at every place.
  @Test func wordTestFindsExactlyQuotesAndLineBreaks() {
    for place in 0..<8 {
      for value in 0...255 {
        var word = [UInt8](repeating: 0xE6, count: 8)
        word[place] = UInt8(value)
        let found = word.withUnsafeBufferPointer { mayHoldQuoteOrLineBreak($0.baseAddress!) }
        #expect(found == (value == 0x22 || value == 0x0A), "byte \(value) at \(place)")
      }
    }
  }

  @Test func invalidUTF8IsFoundInAnyPart() {
    var bytes = Self.tricky(rows: 400)
    bytes[bytes.count - 10] = 0xFF
    #expect(!ParallelParse.isValidUTF8(bytes, in: 0..<bytes.count))
    #expect(!CSVReader.isValidUTF8(bytes, in: 0..<bytes.count))
    #expect(ParallelParse.isValidUTF8(Self.tricky(rows: 400), in: 0..<bytes.count))
    // Overlong, surrogate and truncated sequences.
    for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE6, 0xB9], [0xF4, 0x90, 0x80, 0x80]] {
      #expect(!CSVReader.isValidUTF8(bad, in: 0..<bad.count))
    }
  }
}
