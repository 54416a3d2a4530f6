import Diagnostics
import IndicatorStore

/// The query language's parser: one statement in, a `Statement` or the first
/// `Diagnostic` out.
///
/// A hand-written recursive-descent parser (jlox style) with one method per
/// precedence level; see `Parser+Expressions.swift` and the grammar in
/// docs/LANGUAGE.md, which follows it method by method. Errors point at the
/// offending token and say what was expected.
///
/// ```swift
/// let source = SourceText(name: "<statement>", text: "gap(*{region=\"湘乡市\"})[2023] where gap < 0")
/// let statement = try Parser.parse(source)          // .expression(.filter(…))
/// Parser.isComplete("yoy(gdp{region=\"湘潭市\"")     // false: the shell reads another line
/// ```
public enum Parser {
  /// Parses one statement: `let NAME = EXPR`, an expression, or nothing
  /// (blank or comment only).
  public static func parse(_ source: SourceText) throws(Diagnostic) -> Statement {
    var parser = try StatementParser(source)
    return try parser.parseStatement()
  }

  /// False while a bracket, brace or quote is still open (the shell then reads
  /// a continuation line); true for complete or hopelessly invalid input, so
  /// that errors get reported rather than waited on.
  public static func isComplete(_ text: String) -> Bool {
    var lexer = Lexer(SourceText(name: "<statement>", text: text))
    var open = 0
    while true {
      let token: Token
      do {
        token = try lexer.next()
      } catch {
        // An open quote may be closed on the next line; any other lexical
        // error will not be fixed by more input.
        return !lexer.stoppedInsideString
      }
      switch token.kind {
      case .leftParen, .leftBrace, .leftBracket:
        open += 1
      case .rightParen, .rightBrace, .rightBracket:
        open -= 1
        // More closers than openers: no continuation can repair it.
        if open < 0 { return true }
      case .end:
        return open == 0
      default:
        break
      }
    }
  }

  /// How deeply expressions may nest (parentheses, calls, unary operators,
  /// operator chains). Bounded so that no input can exhaust the stack, here
  /// or in the evaluator walking the tree.
  public static let maximumNesting = 64
}

/// The parser's state: the token array and a cursor. Expression levels live
/// in `Parser+Expressions.swift`.
struct StatementParser {
  let source: SourceText
  let bytes: [UInt8]
  /// Always ends with an `.end` token, so `peek` is always valid.
  let tokens: [Token]
  var current = 0
  /// Current nesting, checked against `Parser.maximumNesting`.
  var depth = 0

  init(_ source: SourceText) throws(Diagnostic) {
    self.source = source
    self.bytes = Array(source.text.utf8)
    self.tokens = try Lexer.tokenize(source)
  }

  // MARK: - Statement

  /// statement := 'let' IDENT '=' expr | expr | (empty)
  mutating func parseStatement() throws(Diagnostic) -> Statement {
    if peek.kind == .end { return .empty }
    if match(.keyword(.let)) != nil {
      let nameToken = peek
      guard nameToken.kind == .identifier else {
        if case .keyword(let k) = nameToken.kind {
          throw error("'\(k.rawValue)' is a reserved word and cannot be a name", at: nameToken)
        }
        throw error("expected a name after 'let'", at: nameToken)
      }
      advance()
      try consume(.assign, "expected '=' after 'let \(nameToken.text)'")
      try requireOperand(after: "'='")
      let value = try parseExpression()
      try expectEnd()
      return .binding(name: nameToken.text, nameRange: nameToken.range, value: value)
    }
    let expr = try parseExpression()
    try expectEnd()
    return .expression(expr)
  }

  /// Everything after a complete statement is an error at its first token.
  func expectEnd() throws(Diagnostic) {
    let token = peek
    switch token.kind {
    case .end:
      return
    case .rightParen, .rightBrace, .rightBracket:
      throw error("unexpected \(describe(token))", at: token, help: "nothing is open for it to close")
    case .keyword(.by):
      throw error("unexpected 'by'", at: token, help: "'by (labels)' follows a reduction's call: sum(x) by (region)")
    case .dotDot:
      throw error("unexpected '..'", at: token, help: "a period range goes in brackets: x[2019..2023]")
    case .assign:
      throw error("unexpected '='", at: token, help: "compare with '==', or bind a name with 'let NAME = …'")
    default:
      throw error(
        "unexpected \(describe(token)) after a complete expression", at: token, help: "is an operator or ',' missing?")
    }
  }

  // MARK: - Token cursor

  var peek: Token { tokens[current] }

  /// Consumes the current token (never moves past `.end`).
  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[current]
    if current < tokens.count - 1 { current += 1 }
    return token
  }

  func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

  /// Consumes the current token if it has kind `kind`.
  mutating func match(_ kind: TokenKind) -> Token? {
    guard peek.kind == kind else { return nil }
    return advance()
  }

  /// Consumes the current token if it has kind `a` or `b`. (Not variadic:
  /// a variadic array per call was a tenth of the parse time.)
  mutating func match(_ a: TokenKind, _ b: TokenKind) -> Token? {
    guard peek.kind == a || peek.kind == b else { return nil }
    return advance()
  }

  /// Consumes a token of `kind` or fails at the current token with `message`.
  @discardableResult
  mutating func consume(_ kind: TokenKind, _ message: String, help: String? = nil) throws(Diagnostic) -> Token {
    guard peek.kind == kind else { throw error(message, at: peek, help: help) }
    return advance()
  }

  /// One more level of nesting at `token`; the caller undoes it with `depth -= 1`.
  /// `chained` marks a link of an operator chain (`a + b + c`), which deepens
  /// the tree as much as a parenthesis does and shares the same budget.
  mutating func enter(_ token: Token, chained: Bool = false) throws(Diagnostic) {
    depth += 1
    if depth > Parser.maximumNesting {
      let what = chained ? "expression too long" : "expression nested too deeply"
      throw error(
        "\(what) (more than \(Parser.maximumNesting) levels)", at: token,
        help: "split it with 'let NAME = …'")
    }
  }

  // MARK: - Errors

  func error(_ message: String, at token: Token, help: String? = nil) -> Diagnostic {
    error(message, at: token.range, help: help)
  }

  func error(_ message: String, at range: SourceRange, help: String? = nil) -> Diagnostic {
    Diagnostic.error(message, at: range, in: source, help: help)
  }

  /// How a token is named in messages: `'gdp'`, `'12'`, `')'`, `a string`, `end of input`.
  func describe(_ token: Token) -> String {
    switch token.kind {
    case .identifier, .number:
      let lo = max(0, min(token.range.lowerBound, bytes.count))
      let hi = max(lo, min(token.range.upperBound, bytes.count))
      return "'\(String(decoding: bytes[lo..<hi], as: UTF8.self))'"
    default:
      return token.kind.spelling
    }
  }
}
