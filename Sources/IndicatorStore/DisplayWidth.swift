/// How many terminal columns a string takes: the measure every aligned
/// table and every caret under a statement is built on.
///
/// Rules (after Unicode UAX #11 "East Asian Width", and what terminals that
/// follow `wcwidth` actually draw):
/// - East Asian **Wide** and **Fullwidth** (W/F) take 2 columns: CJK
///   ideographs, kana, hangul syllables, CJK punctuation U+3000–303E,
///   fullwidth forms U+FF01–FF60 and U+FFE0–FFE6, and emoji with default
///   emoji presentation.
/// - Combining and enclosing marks, format characters (ZWJ, ZWNJ, U+200B,
///   U+FEFF, bidi controls), variation selectors, conjoining hangul vowels
///   and finals, and control characters take 0.
/// - Everything else takes 1, **including East Asian Ambiguous (A)**
///   characters such as `…`, `—`, `“”` and the box-drawing set. A terminal
///   set to "ambiguous = wide" draws those at 2 columns, so the renderers
///   never rely on them for alignment: tables use ASCII borders, and
///   ambiguous characters appear only in free text and footers.
///
/// Width is measured per grapheme cluster so that emoji sequences are
/// counted as terminals draw them: a ZWJ sequence (👨‍👩‍👧) or a skin-tone
/// modifier adds nothing after its base, a regional-indicator pair (a flag)
/// is 2, and U+FE0F (emoji presentation selector) widens a narrow emoji to 2.
///
/// ```swift
/// DisplayWidth.of("湘潭市 GDP")                 // 10
/// DisplayWidth.truncate("湘潭市经济开发区", toWidth: 7)  // "湘潭市…"
/// DisplayWidth.pad("7.8", toWidth: 6, alignRight: true)  // "   7.8"
/// ```
public enum DisplayWidth {
  /// The display width of `s` in terminal columns.
  public static func of(_ s: String) -> Int {
    // ASCII fast path: most cells are plain numbers and Latin names.
    var allPrintableASCII = true
    for byte in s.utf8 where byte < 0x20 || byte >= 0x7F {
      allPrintableASCII = false
      break
    }
    if allPrintableASCII { return s.utf8.count }
    var total = 0
    for character in s { total += of(character) }
    return total
  }

  /// The display width of one grapheme cluster.
  static func of(_ character: Character) -> Int {
    var width = 0
    var afterJoiner = false
    var lastWidth = 0
    var lastIsEmoji = false
    for scalar in character.unicodeScalars {
      let v = scalar.value
      if v == 0x200D {
        // Zero width joiner: what follows is drawn as part of one glyph.
        afterJoiner = true
        continue
      }
      if afterJoiner {
        afterJoiner = false
        continue
      }
      if v == 0xFE0F {
        // Emoji presentation selector: a text-style emoji (☺, ❤) becomes a
        // 2-column emoji glyph.
        if lastIsEmoji && lastWidth == 1 { width += 1; lastWidth = 2 }
        continue
      }
      if (0x1F1E6...0x1F1FF).contains(v) {
        // Regional indicators pair up into one flag glyph, 2 columns.
        // Each indicator counts 1, so a pair counts 2 and a lone one 1.
        width += 1
        continue
      }
      if (0x1F3FB...0x1F3FF).contains(v) && width > 0 {
        // Skin-tone modifier after a base: part of the base glyph.
        continue
      }
      let w = of(scalar)
      width += w
      if w > 0 {
        lastWidth = w
        lastIsEmoji = scalar.properties.isEmoji
      }
    }
    return width
  }

  /// The display width of one scalar on its own.
  static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x7F { return v >= 0x20 ? 1 : 0 }
    if v < 0xA0 { return 0 }  // DEL and C1 controls
    if v < 0x300 { return 1 }  // Latin-1 and Latin Extended: no marks, no wide
    if isZeroWidth(scalar) { return 0 }
    if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// Cuts `s` to at most `width` display columns, ending in "…" (counted as
  /// 1 column) when anything was cut. Never splits a grapheme cluster; a wide
  /// character that would straddle the limit is left out, so the result may
  /// be one column narrower than `width`.
  public static func truncate(_ s: String, toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    if of(s) <= width { return s }
    var result = ""
    var used = 0
    let budget = width - 1  // room left for the ellipsis
    for character in s {
      let w = of(character)
      if used + w > budget { break }
      result.append(character)
      used += w
    }
    return result + "…"
  }

  /// Pads `s` with spaces to `width` display columns, on the left when
  /// `alignRight`. A string already as wide or wider is returned unchanged.
  public static func pad(_ s: String, toWidth width: Int, alignRight: Bool = false) -> String {
    let w = of(s)
    guard w < width else { return s }
    let spaces = String(repeating: " ", count: width - w)
    return alignRight ? spaces + s : s + spaces
  }

  // MARK: - Tables

  /// Zero-width scalars: nonspacing and enclosing marks, format characters,
  /// variation selectors, conjoining hangul vowels and finals. The general
  /// category comes from the standard library's Unicode data, which is
  /// newer than any table we could paste here.
  static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    // Hangul Jungseong/Jongseong: drawn inside the syllable started by a
    // (wide) Choseong.
    if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
    if scalar.properties.isVariationSelector { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .control, .lineSeparator, .paragraphSeparator:
      return true
    case .format:
      // Soft hyphen and the prepended concatenation marks are drawn with a
      // visible glyph (wcwidth gives them 1).
      switch v {
      case 0x00AD, 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:
        return false
      default:
        return true
      }
    default:
      return false
    }
  }

  /// Whether `v` is East Asian Wide or Fullwidth, by binary search over
  /// `wideRanges`.
  static func isWide(_ v: UInt32) -> Bool {
    if v < 0x1100 { return false }
    var low = 0
    var high = wideRanges.count - 1
    while low <= high {
      let mid = (low + high) / 2
      let range = wideRanges[mid]
      if v < range.0 {
        high = mid - 1
      } else if v > range.1 {
        low = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  /// East Asian Width W and F, as closed ranges sorted by start.
  ///
  /// Generated from EastAsianWidth.txt (Unicode 14.0, through Python's
  /// `unicodedata`): all assigned W/F code points, plus the ranges the file
  /// header defaults to W even where unassigned (U+3400–4DBF, 4E00–9FFF,
  /// F900–FAFF, 20000–2FFFD, 30000–3FFFD). Neighbouring ranges separated
  /// only by unassigned code points are joined, which keeps the table small
  /// and makes characters assigned later inside CJK and emoji blocks come
  /// out wide, as they are. Emoji added after 14.0 are also caught by
  /// `isEmojiPresentation` in `of(_:)`.
  static let wideRanges: [(UInt32, UInt32)] = [
    (0x1100, 0x115F), (0x231A, 0x231B), (0x2329, 0x232A), (0x23E9, 0x23EC), (0x23F0, 0x23F0),
    (0x23F3, 0x23F3), (0x25FD, 0x25FE), (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F),
    (0x2693, 0x2693), (0x26A1, 0x26A1), (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5),
    (0x26CE, 0x26CE), (0x26D4, 0x26D4), (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5),
    (0x26FA, 0x26FA), (0x26FD, 0x26FD), (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728),
    (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797),
    (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55),
    (0x2E80, 0x303E), (0x3041, 0x3247), (0x3250, 0x4DBF), (0x4E00, 0xA4C6), (0xA960, 0xA97C),
    (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE10, 0xFE19), (0xFE30, 0xFE6B), (0xFF01, 0xFF60),
    (0xFFE0, 0xFFE6), (0x16FE0, 0x1B2FB), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF), (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A), (0x1F200, 0x1F320), (0x1F32D, 0x1F335), (0x1F337, 0x1F37C), (0x1F37E, 0x1F393),
    (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3), (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4), (0x1F3F8, 0x1F43E),
    (0x1F440, 0x1F440), (0x1F442, 0x1F4FC), (0x1F4FF, 0x1F53D), (0x1F54B, 0x1F54E), (0x1F550, 0x1F567),
    (0x1F57A, 0x1F57A), (0x1F595, 0x1F596), (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5),
    (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2), (0x1F6D5, 0x1F6DF), (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC),
    (0x1F7E0, 0x1F7F0), (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FAF6),
    (0x20000, 0x3FFFD),
  ]
}
