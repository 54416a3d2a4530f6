import Testing

@testable import IndicatorStore

/// Quotes read back byte for byte, whether copied or read in place, across
/// merges, removals and the sort of a build.
@Suite struct QuoteColumnTests {
  static let texts = [
    "", "q", "增长7.8%左右", "实施\"强县\"战略,存款增长3.9%", "两行\n的引文", "a, b",
    String(repeating: "长", count: 43),  // 129 bytes: a two-byte length
    String(repeating: "x", count: 16_384),  // a three-byte length
  ]

  /// `texts` laid end to end in read-only memory, with each one's offset.
  static func segment(_ texts: [String]) -> (ReadOnlyMemory, [Int]) {
    var bytes: [UInt8] = [0xEE]
    var offsets: [Int] = []
    for t in texts {
      offsets.append(bytes.count)
      bytes += Array(t.utf8)
    }
    return (ReadOnlyMemory(copying: bytes), offsets)
  }

  static func appendInPlace(_ texts: [String], _ memory: ReadOnlyMemory, _ offsets: [Int], to b: inout QuoteColumn.Builder)
    throws
  {
    let first = b.segment(for: memory), again = b.segment(for: memory)
    let s = try #require(first)
    #expect(again == s, "a segment is added once")
    memory.withUnsafeBytes { raw in
      let all = raw.assumingMemoryBound(to: UInt8.self)
      for (t, o) in zip(texts, offsets) {
        b.append(inPlace: UnsafeBufferPointer(rebasing: all[o..<o + t.utf8.count]), offset: o, segment: s)
      }
    }
  }

  @Test func copiesReadBackWithEveryLengthPrefix() {
    var b = QuoteColumn.Builder()
    for t in Self.texts { b.append(copying: Array(t.utf8)) }
    b.append(copying: Array(repeating: UInt8(ascii: "y"), count: 70_000))
    let column = b.gathering((0..<Int32(Self.texts.count + 1)).map { $0 })
    #expect(column.mappedRowCount == 0)
    for (row, t) in Self.texts.enumerated() {
      #expect(column.string(ofRow: row) == t)
      #expect(column.length(ofRow: row) == t.utf8.count)
    }
    #expect(column.length(ofRow: Self.texts.count) == 70_000)
  }

  @Test func inPlaceQuotesReadTheSegmentAndLongOnesAreCopied() throws {
    let texts = Self.texts + [String(repeating: "z", count: 70_000)]  // past a locator's 16-bit length
    let (memory, offsets) = Self.segment(texts)
    var b = QuoteColumn.Builder()
    try Self.appendInPlace(texts, memory, offsets, to: &b)
    #expect(b.mappedRowCount == texts.count - 1)
    #expect(b.ownedByteCount > 70_000)
    let column = b.gathering((0..<Int32(texts.count)).reversed())
    for (row, t) in texts.reversed().enumerated() { #expect(column.string(ofRow: row) == t) }
    var bytes: [UInt8] = []
    var ends: [Int] = []
    column.append(rows: [0, -1, 3, 99], to: &bytes, ends: &ends)
    let expected = Array(texts.last!.utf8) + Array(texts[texts.count - 4].utf8)
    #expect(bytes == expected)
    #expect(ends == [texts.last!.utf8.count, texts.last!.utf8.count, expected.count, expected.count])
  }

  /// Two files' builders (each with copies and its own segment) merged in
  /// either order: every row keeps its text.
  @Test(arguments: [false, true])
  func mergedBuildersKeepEveryRowsText(reversed: Bool) throws {
    func builder(_ tag: String) throws -> (QuoteColumn.Builder, [String]) {
      let plain = Self.texts.map { $0 + tag }
      let (memory, offsets) = Self.segment(plain)
      var b = QuoteColumn.Builder()
      var expected: [String] = []
      for (k, t) in plain.enumerated() {
        if k % 3 == 0 {
          b.append(copying: Array("copy\(k)\(tag)".utf8))
          expected.append("copy\(k)\(tag)")
        }
        try Self.appendInPlace([t], memory, [offsets[k]], to: &b)
        expected.append(t)
      }
      return (b, expected)
    }
    let (a, textsA) = try builder("甲")
    let (c, textsC) = try builder("乙")
    var merged = QuoteColumn.Builder()
    let parts = reversed ? [(c, textsC), (a, textsA)] : [(a, textsA), (c, textsC)]
    for (part, _) in parts { merged.append(contentsOf: part) }
    let expected = parts.flatMap(\.1)
    #expect(merged.count == expected.count)
    for (row, t) in expected.enumerated() { #expect(merged.string(ofRow: row) == t) }
    let column = merged.gathering((0..<Int32(expected.count)).map { $0 })
    #expect(column.mappedSegmentCount == 2)
    for (row, t) in expected.enumerated() { #expect(column.string(ofRow: row) == t) }
  }

  /// Past the 1,024 segments a locator can name, quotes are copied: they
  /// still read back, and removing rows keeps the copies of the rows left.
  @Test func segmentsPastTheLimitAreCopied() throws {
    var merged = QuoteColumn.Builder()
    var expected: [String] = []
    for k in 0..<1_030 {
      let text = "第\(k)个文件"
      let (memory, offsets) = Self.segment([text])
      var b = QuoteColumn.Builder()
      try Self.appendInPlace([text], memory, offsets, to: &b)
      b.append(copying: Array("副本\(k)".utf8))
      merged.append(contentsOf: b)
      expected += [text, "副本\(k)"]
    }
    #expect(merged.mappedRowCount == 1_024)
    #expect((0..<merged.count).map(merged.string(ofRow:)) == expected)
    // The last row kept is a copy made after the copy of the row before it.
    merged.removeRows(from: 2_054)
    merged.append(copying: Array("新".utf8))
    #expect((0..<merged.count).map(merged.string(ofRow:)) == expected.prefix(2_054) + ["新"])
  }

  @Test func removedRowsTakeTheirCopiesWithThem() throws {
    let (memory, offsets) = Self.segment(["甲乙", "丙"])
    var b = QuoteColumn.Builder()
    b.append(copying: Array("一".utf8))
    try Self.appendInPlace(["甲乙"], memory, [offsets[0]], to: &b)
    let kept = b.ownedByteCount
    b.append(copying: Array("二三".utf8))
    try Self.appendInPlace(["丙"], memory, [offsets[1]], to: &b)
    b.removeRows(from: 2)
    #expect(b.count == 2 && b.ownedByteCount == kept)
    b.append(copying: Array("四".utf8))
    #expect((0..<3).map { b.string(ofRow: $0) } == ["一", "甲乙", "四"])
    b.removeRows(from: 0)
    #expect(b.count == 0 && b.ownedByteCount == 0)
  }

  /// A store copied into a new builder (a `.load` into a session) keeps
  /// quotes read in place as they are, and the rest as copies.
  @Test func storeCopiedIntoABuilderKeepsInPlaceQuotes() throws {
    let (memory, offsets) = Self.segment(Self.texts)
    var columns = StoreBuilder.Columns(dataFile: "a.csv")
    columns.regions = ["湘潭市"]
    columns.indicators = ["地区生产总值"]
    columns.units = ["%"]
    columns.sources = ["s.txt"]
    let segment = columns.quotes.segment(for: memory)
    let s = try #require(segment)
    memory.withUnsafeBytes { raw in
      let all = raw.assumingMemoryBound(to: UInt8.self)
      for (k, (t, o)) in zip(Self.texts, offsets).enumerated() {
        let bytes = UnsafeBufferPointer(rebasing: all[o..<o + t.utf8.count])
        // Reverse period order: the build sorts the rows.
        let period = Period.year(2030 - k)
        if k % 2 == 0 {
          columns.appendRow(
            region: 0, indicator: 0, measure: .growth, scenario: .actual, period: period, value: Double(k), unit: 0,
            bound: .none, source: 0, line: Int32(k + 2), quoteInPlace: bytes, offset: o, segment: s)
        } else {
          columns.appendRow(
            region: 0, indicator: 0, measure: .growth, scenario: .actual, period: period, value: Double(k), unit: 0,
            bound: .none, source: 0, line: Int32(k + 2), quote: bytes)
        }
      }
    }
    let store = try StoreBuilder(columns: columns).build().store
    func quotesByLine(_ store: IndicatorStore) -> [Int: String] {
      Dictionary(uniqueKeysWithValues: (0..<store.rowCount).map { (store.line(ofRow: $0), store.quote(ofRow: $0)) })
    }
    let expected = Dictionary(uniqueKeysWithValues: Self.texts.enumerated().map { ($0.offset + 2, $0.element) })
    #expect(quotesByLine(store) == expected)
    #expect(store.quotes.mappedRowCount == (Self.texts.count + 1) / 2)
    let copied = try StoreBuilder(copying: store).build().store
    #expect(copied.quotes.mappedRowCount == store.quotes.mappedRowCount)
    #expect(quotesByLine(copied) == expected)
    // A snapshot copies every quote in, and reads back the same.
    let back = try StoreSnapshot.decode(StoreSnapshot.encode(store), file: "t.indb")
    #expect(back.quotes.mappedRowCount == 0)
    #expect(quotesByLine(back) == expected)
    #expect(StoreSnapshot.encode(back) == StoreSnapshot.encode(store))
  }
}
