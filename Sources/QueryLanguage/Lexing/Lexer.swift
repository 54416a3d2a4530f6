import Diagnostics

/// Turns a statement's UTF-8 bytes into tokens.
///
/// The lexer works on bytes and records byte ranges; it makes a `String` only
/// for identifiers and string literals. It throws a `Diagnostic` at the first
/// byte it cannot use (an unterminated string, a stray `@`, a full-width `｛`).
///
/// Full-width punctuation typed by a Chinese input method is accepted where it
/// is unambiguous — `（` `）` `，` act as `(` `)` `,`, `“…”` is a string and
/// the ideographic space U+3000 is whitespace — and reported with the ASCII
/// character to use otherwise (`full-width '｛' — use '{'`).
///
/// ```swift
/// let tokens = try Lexer.tokenize(SourceText(name: "<statement>", text: "yoy(gdp)[2023]"))
/// tokens.map(\.kind)   // [.identifier, .leftParen, .identifier, .rightParen, .leftBracket, .number, .rightBracket, .end]
/// ```
public struct Lexer {
  public let source: SourceText
  let bytes: [UInt8]
  var position = 0
  /// Set when the last error was an unterminated string, so `Parser.isComplete`
  /// can tell "keep reading" from "this is wrong".
  private(set) var stoppedInsideString = false

  public init(_ source: SourceText) {
    self.source = source
    self.bytes = Array(source.text.utf8)
  }

  /// All tokens of the source, ending with one `.end` token.
  public static func tokenize(_ source: SourceText) throws(Diagnostic) -> [Token] {
    var lexer = Lexer(source)
    var tokens: [Token] = []
    while true {
      let token = try lexer.next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  /// The next token; `.end` (repeatedly) once the input is used up.
  public mutating func next() throws(Diagnostic) -> Token {
    skipTriviaAndComments()
    let start = position
    guard position < bytes.count else { return Token(kind: .end, range: SourceRange(start, start)) }
    let byte = bytes[position]

    if byte >= 0x80 { return try scanNonASCII(start: start) }
    if isASCIILetter(byte) || byte == UInt8(ascii: "_") { return scanIdentifier(start: start) }
    if isDigit(byte) { return scanNumber(start: start) }

    func single(_ kind: TokenKind) -> Token {
      position += 1
      return Token(kind: kind, range: SourceRange(start, start + 1))
    }
    /// A two-byte operator if the next byte is `second`, else `one` (or an error when nil).
    func pair(_ second: UInt8, _ two: TokenKind) -> Token? {
      guard position + 1 < bytes.count, bytes[position + 1] == second else { return nil }
      position += 2
      return Token(kind: two, range: SourceRange(start, start + 2))
    }

    switch byte {
    case UInt8(ascii: "("): return single(.leftParen)
    case UInt8(ascii: ")"): return single(.rightParen)
    case UInt8(ascii: "{"): return single(.leftBrace)
    case UInt8(ascii: "}"): return single(.rightBrace)
    case UInt8(ascii: "["): return single(.leftBracket)
    case UInt8(ascii: "]"): return single(.rightBracket)
    case UInt8(ascii: ","): return single(.comma)
    case UInt8(ascii: "+"): return single(.plus)
    case UInt8(ascii: "-"): return single(.minus)
    case UInt8(ascii: "*"): return single(.star)
    case UInt8(ascii: "/"): return single(.slash)
    case UInt8(ascii: "="):
      if let t = pair(UInt8(ascii: "="), .equalEqual) { return t }
      if let t = pair(UInt8(ascii: "~"), .regexMatch) { return t }
      return single(.assign)
    case UInt8(ascii: "!"):
      if let t = pair(UInt8(ascii: "="), .notEqual) { return t }
      if let t = pair(UInt8(ascii: "~"), .regexNotMatch) { return t }
      throw error(
        "unexpected '!'", SourceRange(start, start + 1), help: "write 'not' to negate, '!=' or '!~' to compare")
    case UInt8(ascii: "<"):
      if let t = pair(UInt8(ascii: "="), .lessEqual) { return t }
      return single(.less)
    case UInt8(ascii: ">"):
      if let t = pair(UInt8(ascii: "="), .greaterEqual) { return t }
      return single(.greater)
    case UInt8(ascii: "."):
      if let t = pair(UInt8(ascii: "."), .dotDot) { return t }
      throw error(
        "unexpected '.'", SourceRange(start, start + 1),
        help: "numbers need a digit before the point (0.5); ranges use '..'")
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      return try scanString(start: start, quote: byte)
    default:
      let shown =
        byte >= 0x20 && byte < 0x7f ? "'\(Character(Unicode.Scalar(byte)))'" : "character U+\(hex(UInt32(byte)))"
      throw error("unexpected \(shown)", SourceRange(start, start + 1))
    }
  }

  // MARK: - Trivia

  /// Skips ASCII whitespace, the ideographic space and `#` comments.
  private mutating func skipTriviaAndComments() {
    while position < bytes.count {
      let b = bytes[position]
      if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
        position += 1
      } else if b == UInt8(ascii: "#") {
        while position < bytes.count && bytes[position] != UInt8(ascii: "\n") { position += 1 }
      } else if b == 0xE3, position + 2 < bytes.count, bytes[position + 1] == 0x80, bytes[position + 2] == 0x80 {
        // U+3000 IDEOGRAPHIC SPACE: an IME's space bar; harmless, so skip it.
        position += 3
      } else {
        return
      }
    }
  }

  // MARK: - Identifiers and keywords

  private mutating func scanIdentifier(start: Int) -> Token {
    while position < bytes.count {
      let b = bytes[position]
      if isASCIILetter(b) || isDigit(b) || b == UInt8(ascii: "_") {
        position += 1
      } else if b >= 0x80, let (scalar, length) = decodeScalar(at: position), isIdentifierScalar(scalar) {
        position += length
      } else {
        break
      }
    }
    let range = SourceRange(start, position)
    let name = String(decoding: bytes[start..<position], as: UTF8.self)
    if let keyword = Lexer.keyword(name) { return Token(kind: .keyword(keyword), range: range) }
    return Token(kind: .identifier, range: range, value: .text(name))
  }

  /// The keyword spelled `name`, if any. A plain switch: `Keyword(rawValue:)`
  /// builds an array of cases on every call.
  static func keyword(_ name: String) -> Keyword? {
    guard name.utf8.count >= 2 && name.utf8.count <= 8 else { return nil }
    switch name {
    case "let": return .let
    case "where": return .where
    case "by": return .by
    case "on": return .on
    case "ignoring": return .ignoring
    case "and": return .and
    case "or": return .or
    case "not": return .not
    case "true": return .true
    case "false": return .false
    default: return nil
    }
  }

  /// Letters and ideographs of any script (地区生产总值, régión); not symbols
  /// or punctuation, so full-width `，` still ends an identifier.
  private func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
    // CJK Unified Ideographs, the common case, without a property lookup.
    if scalar.value >= 0x4E00 && scalar.value <= 0x9FFF { return true }
    let p = scalar.properties
    return p.isAlphabetic || p.isIdeographic
  }

  // MARK: - Numbers

  /// `12`, `7.8`, `1e3`, `2.5E-2`. A `.` is part of the number only when a
  /// digit follows, so `2019..2023` is number, `..`, number.
  private mutating func scanNumber(start: Int) -> Token {
    while position < bytes.count && isDigit(bytes[position]) { position += 1 }
    if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), isDigit(bytes[position + 1]) {
      position += 1
      while position < bytes.count && isDigit(bytes[position]) { position += 1 }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      var p = position + 1
      if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
      if p < bytes.count, isDigit(bytes[p]) {
        while p < bytes.count && isDigit(bytes[p]) { p += 1 }
        position = p
      }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    // The scanned text is always valid Double syntax; huge exponents give inf.
    let value = Double(text) ?? .infinity
    return Token(kind: .number, range: SourceRange(start, position), value: .number(value))
  }

  // MARK: - Strings

  /// `"…"` or `'…'` with escapes `\" \' \\ \n \t`. A string may span lines
  /// (the shell keeps reading while a quote is open).
  private mutating func scanString(start: Int, quote: UInt8) throws(Diagnostic) -> Token {
    position += 1
    var contents: [UInt8] = []
    while position < bytes.count {
      let b = bytes[position]
      if b == quote {
        position += 1
        return Token(
          kind: .string, range: SourceRange(start, position), value: .text(String(decoding: contents, as: UTF8.self)))
      }
      if b == UInt8(ascii: "\\") {
        guard position + 1 < bytes.count else { break }
        let escaped = bytes[position + 1]
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): contents.append(escaped)
        case UInt8(ascii: "n"): contents.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): contents.append(UInt8(ascii: "\t"))
        default:
          let end = position + 1 + (decodeScalar(at: position + 1)?.length ?? 1)
          let shown = String(decoding: bytes[position..<min(end, bytes.count)], as: UTF8.self)
          throw error(
            "unknown escape '\(shown)' in string", SourceRange(position, min(end, bytes.count)),
            help: "use \\\" \\' \\\\ \\n or \\t; write a backslash as \\\\")
        }
        position += 2
        continue
      }
      contents.append(b)
      position += 1
    }
    stoppedInsideString = true
    throw error(
      "unterminated string", SourceRange(start, start + 1),
      help: "close it with \(quote == UInt8(ascii: "'") ? "'" : "\"")")
  }

  /// `“…”`: the curly quotes a Chinese IME types. No escapes inside.
  private mutating func scanCurlyString(start: Int, openLength: Int) throws(Diagnostic) -> Token {
    position += openLength
    let contentStart = position
    // ” is E2 80 9D in UTF-8.
    while position < bytes.count {
      if position + 2 < bytes.count, bytes[position] == 0xE2, bytes[position + 1] == 0x80, bytes[position + 2] == 0x9D {
        let text = String(decoding: bytes[contentStart..<position], as: UTF8.self)
        position += 3
        return Token(kind: .string, range: SourceRange(start, position), value: .text(text))
      }
      position += 1
    }
    stoppedInsideString = true
    throw error("unterminated string", SourceRange(start, start + openLength), help: "close it with ”")
  }

  // MARK: - Non-ASCII

  private mutating func scanNonASCII(start: Int) throws(Diagnostic) -> Token {
    guard let (scalar, length) = decodeScalar(at: start) else {
      throw error(
        "invalid UTF-8 byte 0x\(String(bytes[start], radix: 16, uppercase: true))", SourceRange(start, start + 1))
    }
    if isIdentifierScalar(scalar) { return scanIdentifier(start: start) }
    let range = SourceRange(start, start + length)
    switch scalar.value {
    case 0xFF08:  // （
      position += length
      return Token(kind: .leftParen, range: range)
    case 0xFF09:  // ）
      position += length
      return Token(kind: .rightParen, range: range)
    case 0xFF0C:  // ，
      position += length
      return Token(kind: .comma, range: range)
    case 0x201C:  // “
      return try scanCurlyString(start: start, openLength: length)
    default:
      break
    }
    let shown = String(Character(scalar))
    if let ascii = Lexer.asciiEquivalent(of: scalar) {
      throw error("full-width '\(shown)' — use '\(ascii)'", range)
    }
    if scalar.value == 0xFFFD {
      throw error("invalid character U+FFFD (the text was not valid UTF-8)", range)
    }
    let printable = scalar.properties.generalCategory != .control && scalar.properties.generalCategory != .format
    throw error(printable ? "unexpected '\(shown)'" : "unexpected character U+\(hex(scalar.value))", range)
  }

  /// The ASCII character an IME's full-width punctuation stands for.
  static func asciiEquivalent(of scalar: Unicode.Scalar) -> Character? {
    switch scalar.value {
    // The Halfwidth and Fullwidth Forms block mirrors ASCII 0x21…0x7E at 0xFF01…0xFF5E.
    case 0xFF01...0xFF5E:
      guard let ascii = Unicode.Scalar(scalar.value - 0xFEE0) else { return nil }
      return Character(ascii)
    case 0x201C, 0x201D: return "\""  // “ ”
    case 0x2018, 0x2019: return "'"  // ‘ ’
    case 0x3001: return ","  // 、
    case 0x3002: return "."  // 。
    case 0x3010: return "["  // 【
    case 0x3011: return "]"  // 】
    case 0x300C, 0x300D: return "\""  // 「 」
    default: return nil
    }
  }

  // MARK: - Helpers

  /// Decodes one scalar from well-formed UTF-8, or nil on a malformed sequence.
  func decodeScalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
    guard index < bytes.count else { return nil }
    let lead = bytes[index]
    let length: Int
    var value: UInt32
    switch lead {
    case 0x00..<0x80: return Unicode.Scalar(UInt32(lead)).map { ($0, 1) }
    case 0xC2..<0xE0:
      length = 2
      value = UInt32(lead & 0x1F)
    case 0xE0..<0xF0:
      length = 3
      value = UInt32(lead & 0x0F)
    case 0xF0..<0xF5:
      length = 4
      value = UInt32(lead & 0x07)
    default: return nil
    }
    guard index + length <= bytes.count else { return nil }
    for i in 1..<length {
      let b = bytes[index + i]
      guard b & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(b & 0x3F)
    }
    // Reject overlong forms; Unicode.Scalar rejects surrogates and > U+10FFFF.
    let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
    guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }

  private func isASCIILetter(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
  }
  private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  private func hex(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
  }

  private func error(_ message: String, _ range: SourceRange, help: String? = nil) -> Diagnostic {
    Diagnostic.error(message, at: range, in: source, help: help)
  }
}
