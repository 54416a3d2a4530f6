import Diagnostics
import Testing

@testable import QueryLanguage

@Suite struct LexerTests {
  func kinds(_ text: String) throws -> [TokenKind] {
    try Lexer.tokenize(Support.source(text)).map(\.kind)
  }

  func lexError(_ text: String) -> Diagnostic? {
    do {
      _ = try Lexer.tokenize(Support.source(text))
      return nil
    } catch {
      return error
    }
  }

  @Test func punctuationAndOperators() throws {
    #expect(
      try kinds("( ) { } [ ] , = == != =~ !~ < <= > >= + - * / ..") == [
        .leftParen, .rightParen, .leftBrace, .rightBrace, .leftBracket, .rightBracket, .comma,
        .assign, .equalEqual, .notEqual, .regexMatch, .regexNotMatch, .less, .lessEqual, .greater,
        .greaterEqual, .plus, .minus, .star, .slash, .dotDot, .end,
      ])
  }

  @Test func keywords() throws {
    #expect(
      try kinds("let where by on ignoring and or not true false lets") == [
        .keyword(.let), .keyword(.where), .keyword(.by), .keyword(.on), .keyword(.ignoring),
        .keyword(.and), .keyword(.or), .keyword(.not), .keyword(.true), .keyword(.false), .identifier, .end,
      ])
  }

  @Test func numbers() throws {
    let tokens = try Lexer.tokenize(Support.source("12 7.8 1e3 2.5E-2 0.5"))
    #expect(tokens.dropLast().map(\.number) == [12, 7.8, 1000, 0.025, 0.5])
    #expect(tokens.dropLast().allSatisfy { $0.kind == .number })
  }

  @Test func periodRangeLexesAsNumberDotDotNumber() throws {
    #expect(try kinds("2019..2023") == [.number, .dotDot, .number, .end])
    #expect(try kinds("2023-01..2023-09") == [.number, .minus, .number, .dotDot, .number, .minus, .number, .end])
    #expect(try kinds("2023H1") == [.number, .identifier, .end])
  }

  @Test func chineseIdentifierHasByteRange() throws {
    let tokens = try Lexer.tokenize(Support.source("地区生产总值{region=\"湘潭市\"}"))
    #expect(tokens[0].kind == .identifier)
    #expect(tokens[0].text == "地区生产总值")
    // Six ideographs of three UTF-8 bytes each.
    #expect(tokens[0].range == SourceRange(0, 18))
    #expect(tokens[1].kind == .leftBrace)
    #expect(tokens[4].text == "湘潭市")
  }

  @Test func identifiersMixScriptsDigitsAndUnderscore() throws {
    let tokens = try Lexer.tokenize(Support.source("_gdp2 规上工业增加值_yoy x1"))
    #expect(tokens.dropLast().map(\.text) == ["_gdp2", "规上工业增加值_yoy", "x1"])
  }

  @Test func stringsAndEscapes() throws {
    let tokens = try Lexer.tokenize(Support.source(#""a\"b\\c\nd\te" 'it\'s' "#))
    #expect(tokens[0].text == "a\"b\\c\nd\te")
    #expect(tokens[1].text == "it's")
    #expect(tokens[0].range == SourceRange(0, 15))
  }

  @Test func commentsAreSkipped() throws {
    #expect(try kinds("gdp # a comment with ( and \"\n+ 1") == [.identifier, .plus, .number, .end])
    #expect(try kinds("# only a comment") == [.end])
  }

  @Test func fullWidthPunctuationFromAnIMEIsAccepted() throws {
    #expect(try kinds("round（gdp，1）") == [.identifier, .leftParen, .identifier, .comma, .number, .rightParen, .end])
    let tokens = try Lexer.tokenize(Support.source("gdp{region=“湘潭市”}"))
    #expect(tokens[4].kind == .string)
    #expect(tokens[4].text == "湘潭市")
    // U+3000 ideographic space is whitespace.
    #expect(try kinds("gdp\u{3000}+\u{3000}1") == [.identifier, .plus, .number, .end])
  }

  /// Every lexical error message, with the column of its caret.
  @Test(arguments: [
    ("gdp{region=\"湘潭市}", "unterminated string", 12),
    ("gdp{region='x}", "unterminated string", 12),
    ("gdp{region=“湘潭市}", "unterminated string", 12),
    (#"gdp{region="a\qb"}"#, "unknown escape '\\q' in string", 14),
    ("!gdp", "unexpected '!'", 1),
    ("gdp + .5", "unexpected '.'", 7),
    ("gdp @ 2", "unexpected '@'", 5),
    ("gdp\u{7}", "unexpected character U+0007", 4),
    ("地区生产总值｛region=\"x\"}", "full-width '｛' — use '{'", 7),
    ("gdp{region＝\"x\"}", "full-width '＝' — use '='", 11),
    ("round(gdp、1)", "full-width '、' — use ','", 10),
    ("gdp{region=”x”}", "full-width '”' — use '\"'", 12),
    ("gdp\u{FFFD}", "invalid character U+FFFD (the text was not valid UTF-8)", 4),
    ("gdp ⊕ 1", "unexpected '⊕'", 5),
  ])
  func lexicalErrors(text: String, message: String, column: Int) throws {
    let diagnostic = try #require(lexError(text))
    #expect(diagnostic.message == message)
    #expect(diagnostic.location?.column == column)
    // The parser reports the same error.
    #expect(Support.failure(text)?.message == message)
  }

  @Test func invalidUTF8BecomesReplacementCharacterAndAnError() throws {
    let text = String(decoding: [0x67, 0x64, 0x70, 0xFF, 0x28], as: UTF8.self)
    let diagnostic = try #require(lexError(text))
    #expect(diagnostic.range == SourceRange(3, 6))
  }

  @Test func decoderRejectsMalformedSequences() {
    // Reachable only through the byte API; Swift Strings are always valid UTF-8.
    let probe = Lexer(Support.source("é"))
    #expect(probe.decodeScalar(at: 0)?.scalar == "é")
    #expect(probe.decodeScalar(at: 1) == nil)  // a continuation byte alone
    #expect(probe.decodeScalar(at: 2) == nil)  // past the end
  }

  @Test func endTokenRepeatsAtEndOfText() throws {
    var lexer = Lexer(Support.source("x "))
    _ = try lexer.next()
    #expect(try lexer.next() == Token(kind: .end, range: SourceRange(2, 2)))
    #expect(try lexer.next().kind == .end)
  }
}
