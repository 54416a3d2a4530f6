import Testing

// DisplayWidth lives in IndicatorStore (Charts aligns legends with it too).
@testable import IndicatorStore

@testable import Shell

@Suite("DisplayWidth")
struct OutputDisplayWidthTests {
  @Test(arguments: [
    ("", 0),
    ("GDP", 3),
    ("湘潭市", 6),
    ("湘潭市GDP增长7.8%", 17),
    ("１２３％", 8),  // fullwidth digits and percent (F)
    ("ｱｲ", 2),  // halfwidth katakana (H) stays narrow
    ("，。、", 6),  // CJK punctuation
    ("\u{3000}", 2),  // ideographic space
    ("한국어", 6),
    ("ひらがなカタカナ", 16),
  ])
  func wideAndNarrow(text: String, width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test(arguments: [
    ("e\u{301}", 1),  // combining acute
    ("a\u{200B}b", 2),  // zero width space
    ("\u{200D}", 0),
    ("湘\u{FE00}", 2),  // variation selector
    ("\u{1100}\u{1161}\u{11A8}", 2),  // conjoining jamo: one syllable
    ("a\u{1B}[31mb", 6),  // ESC is a control: 0; "[31m" is text
    ("a\tb", 2),
  ])
  func zeroWidth(text: String, width: Int) {
    #expect(DisplayWidth.of(text) == width)
  }

  @Test func emoji() {
    #expect(DisplayWidth.of("👍") == 2)
    #expect(DisplayWidth.of("👍🏽") == 2)  // skin tone joins its base
    #expect(DisplayWidth.of("👨‍👩‍👧") == 2)  // ZWJ sequence, one glyph
    #expect(DisplayWidth.of("🇨🇳") == 2)  // flag
    #expect(DisplayWidth.of("❤") == 1)  // text presentation by default
    #expect(DisplayWidth.of("❤\u{FE0F}") == 2)  // emoji presentation selector
  }

  /// Ambiguous (A) characters count 1: the documented policy.
  @Test func ambiguousIsNarrow() {
    #expect(DisplayWidth.of("…—“”") == 4)
    #expect(DisplayWidth.of("─│┌") == 3)
    #expect(DisplayWidth.of("1—9月") == 5)
  }

  @Test(arguments: [
    (0x1100, 2), (0x115F, 2), (0x1160, 0),
    (0x3000, 2), (0x303E, 2), (0x303F, 1),
    (0x4DBF, 2), (0x4E00, 2), (0x9FFF, 2),
    (0xAC00, 2), (0xD7A3, 2), (0xD7A4, 1),
    (0xFF00, 1), (0xFF01, 2), (0xFF60, 2), (0xFF61, 1),
    (0xFFE0, 2), (0xFFE6, 2), (0xFFE7, 1),
    (0x20000, 2), (0x3134A, 2),
    (0x00E9, 1), (0x0301, 0), (0x00AD, 1), (0x007F, 0), (0x0085, 0),
  ] as [(UInt32, Int)])
  func scalarBoundaries(code: UInt32, width: Int) throws {
    let scalar = try #require(Unicode.Scalar(code))
    #expect(DisplayWidth.of(scalar) == width, "U+\(String(code, radix: 16, uppercase: true))")
  }

  @Test func rangeTableIsSortedAndDisjoint() {
    for (i, range) in DisplayWidth.wideRanges.enumerated() {
      #expect(range.0 <= range.1)
      if i > 0 { #expect(DisplayWidth.wideRanges[i - 1].1 < range.0) }
    }
  }

  @Test(arguments: [
    ("湘潭市经济开发区", 16, "湘潭市经济开发区"),
    ("湘潭市经济开发区", 7, "湘潭市…"),
    ("湘潭市经济开发区", 6, "湘潭…"),  // a wide char never straddles the limit
    ("abcdef", 4, "abc…"),
    ("abcdef", 6, "abcdef"),
    ("abcdef", 1, "…"),
    ("abcdef", 0, ""),
    ("cafe\u{301}s!", 5, "cafe\u{301}…"),  // never splits é
  ])
  func truncate(text: String, width: Int, expected: String) {
    let cut = DisplayWidth.truncate(text, toWidth: width)
    #expect(cut == expected)
    #expect(DisplayWidth.of(cut) <= max(0, width))
  }

  @Test func pad() {
    #expect(DisplayWidth.pad("湘潭", toWidth: 6) == "湘潭  ")
    #expect(DisplayWidth.pad("7.8", toWidth: 6, alignRight: true) == "   7.8")
    #expect(DisplayWidth.pad("湘潭市", toWidth: 4) == "湘潭市")
  }
}
