import Diagnostics

/// A lexeme of the query language: a kind and the UTF-8 byte range it covers.
///
/// Only identifiers, strings and numbers carry a decoded value; everything
/// else is known from its kind, and its spelling can always be recovered from
/// the source through `range` (swift-syntax `Lexeme` style).
///
/// ```swift
/// var lexer = Lexer(SourceText(name: "<statement>", text: "gdp[2023]"))
/// let token = try lexer.next()    // Token(kind: .identifier, range: 0..<3, value: .text("gdp"))
/// token.text                      // "gdp"
/// ```
public struct Token: Sendable, Hashable {
  /// The decoded payload of identifiers, strings and numbers.
  public enum Value: Sendable, Hashable {
    case none
    /// An identifier's name or a string literal's contents with escapes resolved.
    case text(String)
    case number(Double)
  }

  public var kind: TokenKind
  public var range: SourceRange
  public var value: Value

  public init(kind: TokenKind, range: SourceRange, value: Value = .none) {
    self.kind = kind
    self.range = range
    self.value = value
  }

  /// The identifier name or string contents; "" for other kinds.
  public var text: String {
    if case .text(let s) = value { return s }
    return ""
  }

  /// The numeric value of a number token; 0 for other kinds.
  public var number: Double {
    if case .number(let n) = value { return n }
    return 0
  }
}

/// The reserved words. They cannot be used as identifiers (a `let` name, a
/// function name, a bare indicator name); quote an indicator called `on` as `"on"`.
///
/// ```swift
/// try Lexer.tokenize(SourceText(name: "<statement>", text: "where"))[0].kind   // .keyword(.where)
/// ```
public enum Keyword: String, Sendable, Hashable, CaseIterable {
  case `let`, `where`, by, on, ignoring, and, or, not, `true`, `false`
}

/// What a token is. Cases are lowerCamel (not jlox's `LEFT_PAREN`).
///
/// ```swift
/// TokenKind.leftParen.spelling   // "'('"
/// ```
public enum TokenKind: Sendable, Hashable {
  case identifier
  case number
  case string
  case keyword(Keyword)
  /// `(` or full-width `（`.
  case leftParen
  /// `)` or full-width `）`.
  case rightParen
  case leftBrace, rightBrace
  case leftBracket, rightBracket
  /// `,` or full-width `，`.
  case comma
  /// `=` (label matchers and `let`).
  case assign
  /// `==`
  case equalEqual
  /// `!=`
  case notEqual
  /// `=~`
  case regexMatch
  /// `!~`
  case regexNotMatch
  case less, lessEqual, greater, greaterEqual
  case plus, minus, star, slash
  /// `..` (only meaningful inside a period slice).
  case dotDot
  /// End of input; its range is empty and sits at the end of the text.
  case end

  /// How the kind is named in error messages: `'('`, `'where'`, `end of input`.
  public var spelling: String {
    switch self {
    case .identifier: return "a name"
    case .number: return "a number"
    case .string: return "a string"
    case .keyword(let k): return "'\(k.rawValue)'"
    case .leftParen: return "'('"
    case .rightParen: return "')'"
    case .leftBrace: return "'{'"
    case .rightBrace: return "'}'"
    case .leftBracket: return "'['"
    case .rightBracket: return "']'"
    case .comma: return "','"
    case .assign: return "'='"
    case .equalEqual: return "'=='"
    case .notEqual: return "'!='"
    case .regexMatch: return "'=~'"
    case .regexNotMatch: return "'!~'"
    case .less: return "'<'"
    case .lessEqual: return "'<='"
    case .greater: return "'>'"
    case .greaterEqual: return "'>='"
    case .plus: return "'+'"
    case .minus: return "'-'"
    case .star: return "'*'"
    case .slash: return "'/'"
    case .dotDot: return "'..'"
    case .end: return "end of input"
    }
  }
}
