import Diagnostics
import IndicatorStore

/// The expression grammar, one method per precedence level, lowest first.
/// docs/LANGUAGE.md gives the same rules in EBNF in the same order.
extension StatementParser {
  // MARK: - Entry

  /// expression := filter
  mutating func parseExpression() throws(Diagnostic) -> Expr {
    try parseFilter()
  }

  /// filter := or ('where' or)*
  mutating func parseFilter() throws(Diagnostic) -> Expr {
    var expr = try parseOr()
    // Each link of a chain deepens the tree by one; count it like nesting.
    var chain = 0
    defer { depth -= chain }
    while let op = match(.keyword(.where)) {
      try enter(op, chained: true)
      chain += 1
      try requireOperand(after: "'where'")
      let condition = try parseOr()
      expr = .filter(expr, condition: condition, range: expr.range.union(condition.range))
    }
    return expr
  }

  /// or := and ('or' and)*
  mutating func parseOr() throws(Diagnostic) -> Expr {
    var left = try parseAnd()
    var chain = 0
    defer { depth -= chain }
    while let op = match(.keyword(.or)) {
      try enter(op, chained: true)
      chain += 1
      try requireOperand(after: "'or'")
      let right = try parseAnd()
      left = .binary(.or, left, right, matching: nil, operatorRange: op.range)
    }
    return left
  }

  /// and := not ('and' not)*
  mutating func parseAnd() throws(Diagnostic) -> Expr {
    var left = try parseNot()
    var chain = 0
    defer { depth -= chain }
    while let op = match(.keyword(.and)) {
      try enter(op, chained: true)
      chain += 1
      try requireOperand(after: "'and'")
      let right = try parseNot()
      left = .binary(.and, left, right, matching: nil, operatorRange: op.range)
    }
    return left
  }

  /// not := 'not' not | comparison
  mutating func parseNot() throws(Diagnostic) -> Expr {
    guard let op = match(.keyword(.not)) else { return try parseComparison() }
    try enter(op)
    defer { depth -= 1 }
    try requireOperand(after: "'not'")
    let operand = try parseNot()
    return .unary(.not, operand, range: op.range.union(operand.range))
  }

  /// comparison := additive (('<'|'<='|'>'|'>='|'=='|'!=') additive)?
  ///
  /// Non-associative: `a < b < c` is an error, not `(a < b) < c`.
  mutating func parseComparison() throws(Diagnostic) -> Expr {
    let left = try parseAdditive()
    guard let (op, token) = matchComparison() else { return left }
    try requireOperand(after: token.kind.spelling)
    let right = try parseAdditive()
    if let next = comparisonOperator(peek.kind) {
      throw error(
        "comparison operators cannot be chained", at: peek,
        help: "combine comparisons with 'and': a \(op.rawValue) b and b \(next.rawValue) c")
    }
    return .binary(op, left, right, matching: nil, operatorRange: token.range)
  }

  /// additive := multiplicative (('+'|'-') matching? multiplicative)*
  mutating func parseAdditive() throws(Diagnostic) -> Expr {
    var left = try parseMultiplicative()
    var chain = 0
    defer { depth -= chain }
    while let token = match(.plus, .minus) {
      try enter(token, chained: true)
      chain += 1
      let matching = try parseMatching()
      try requireOperand(after: matching.map { "'\($0.kind.rawValue)(…)'" } ?? token.kind.spelling)
      let right = try parseMultiplicative()
      let op: BinaryOperator = token.kind == .plus ? .add : .subtract
      left = .binary(op, left, right, matching: matching, operatorRange: token.range)
    }
    return left
  }

  /// multiplicative := unary (('*'|'/') matching? unary)*
  mutating func parseMultiplicative() throws(Diagnostic) -> Expr {
    var left = try parseUnary()
    var chain = 0
    defer { depth -= chain }
    while let token = match(.star, .slash) {
      try enter(token, chained: true)
      chain += 1
      let matching = try parseMatching()
      try requireOperand(after: matching.map { "'\($0.kind.rawValue)(…)'" } ?? token.kind.spelling)
      let right = try parseUnary()
      let op: BinaryOperator = token.kind == .star ? .multiply : .divide
      left = .binary(op, left, right, matching: matching, operatorRange: token.range)
    }
    return left
  }

  /// matching := ('on'|'ignoring') '(' labels? ')'
  mutating func parseMatching() throws(Diagnostic) -> LabelMatching? {
    guard let keyword = match(.keyword(.on), .keyword(.ignoring)) else { return nil }
    let kind: LabelMatching.Kind = keyword.kind == .keyword(.on) ? .on : .ignoring
    let (labels, close) = try parseLabelList(after: keyword)
    return LabelMatching(kind: kind, labels: labels, range: keyword.range.union(close))
  }

  /// unary := '-' unary | postfix
  mutating func parseUnary() throws(Diagnostic) -> Expr {
    guard let op = match(.minus) else { return try parsePostfix() }
    try enter(op)
    defer { depth -= 1 }
    try requireOperand(after: "'-'")
    let operand = try parseUnary()
    return .unary(.negate, operand, range: op.range.union(operand.range))
  }

  /// postfix := primary ('[' period ']')*
  ///
  /// The period is read from the source bytes of the tokens between the
  /// brackets with the spaces between them dropped, and handed to
  /// `Period.parse`: `2023`, `2019..2023`, `2023-01..2023-09`, `2023H1`.
  mutating func parsePostfix() throws(Diagnostic) -> Expr {
    var expr = try parsePrimary()
    var chain = 0
    defer { depth -= chain }
    while let open = match(.leftBracket) {
      try enter(open, chained: true)
      chain += 1
      let first = current
      while isPeriodToken(peek.kind) { advance() }
      let content = tokens[first..<current]
      guard let close = match(.rightBracket) else {
        if content.isEmpty {
          throw error("expected a period after '['", at: peek, help: Period.formsHelp)
        }
        throw error("expected ']' after period", at: peek)
      }
      guard let firstToken = content.first, let lastToken = content.last else {
        throw error("expected a period inside '[]'", at: close, help: Period.formsHelp)
      }
      var text: [UInt8] = []
      for token in content { text += bytes[token.range.lowerBound..<token.range.upperBound] }
      let periodRange = firstToken.range.union(lastToken.range)
      let period = try parsePeriod(text, at: periodRange)
      expr = .slice(expr, period, range: expr.range.union(close.range))
    }
    return expr
  }

  /// `Period.parse` with its message moved to the bracket's contents.
  func parsePeriod(_ text: [UInt8], at range: SourceRange) throws(Diagnostic) -> Period {
    // A Period stores its span in 12 bits, and `Period.parse` traps on a
    // longer range (1000..9999) instead of reporting it; check the span first.
    if let dots = text.indices.first(where: { $0 + 1 < text.count && text[$0] == 0x2E && text[$0 + 1] == 0x2E }),
      let first = try? Period.parse(bytes: text[..<dots]),
      let last = try? Period.parse(bytes: text[(dots + 2)...]),
      last.endMonth - first.startMonth > Self.maximumPeriodSpanMonths
    {
      throw error(
        "period range '\(String(decoding: text, as: UTF8.self))' is too long (at most \(Self.maximumPeriodSpanMonths / 12) years)",
        at: range)
    }
    do {
      return try Period.parse(bytes: text[...])
    } catch {
      throw self.error(error.message, at: range)
    }
  }

  /// The longest range a `Period` can hold (its 12-bit span field).
  static let maximumPeriodSpanMonths = 4095

  /// primary := NUMBER | STRING | '(' expression ')' | call | selector | name
  mutating func parsePrimary() throws(Diagnostic) -> Expr {
    let token = peek
    switch token.kind {
    case .number:
      advance()
      return .number(token.number, token.range)
    case .string:
      advance()
      // `"地区 生产总值"{…}` is a selector; a bare string stays a string (a
      // function argument, a `where` operand, or a quoted indicator name that
      // the evaluator resolves).
      if check(.leftBrace) { return try parseSelector(name: token.text, nameRange: token.range) }
      return .string(token.text, token.range)
    case .leftParen:
      advance()
      try enter(token)
      defer { depth -= 1 }
      try requireOperand(after: "'('")
      let inner = try parseExpression()
      try consume(.rightParen, "expected ')' after expression")
      return inner
    case .identifier:
      advance()
      // An identifier followed by '(' is a call, by '{' a selector.
      if check(.leftParen) { return try parseCall(name: token) }
      if check(.leftBrace) { return try parseSelector(name: token.text, nameRange: token.range) }
      return .name(token.text, token.range)
    case .star:
      advance()
      if check(.leftBrace) { return try parseSelector(name: nil, nameRange: token.range) }
      return .selector(Selector(name: nil, nameRange: token.range, matchers: [], range: token.range))
    case .keyword(.true), .keyword(.false):
      advance()
      return .name(token.kind == .keyword(.true) ? "true" : "false", token.range)
    default:
      throw noExpression(at: token)
    }
  }

  /// call := IDENT '(' (expression (',' expression)*)? ')' ('by' '(' labels? ')')?
  mutating func parseCall(name: Token) throws(Diagnostic) -> Expr {
    let open = advance()
    try enter(open)
    defer { depth -= 1 }
    var arguments: [Expr] = []
    if !check(.rightParen) {
      var after = "'('"
      while true {
        try requireOperand(after: after)
        arguments.append(try parseExpression())
        guard match(.comma) != nil else { break }
        after = "','"
      }
    }
    let close = try consume(.rightParen, "expected ')' after arguments")
    var grouping: [String]? = nil
    var groupingRange: SourceRange? = nil
    var end = close.range
    if let by = match(.keyword(.by)) {
      let (labels, closeRange) = try parseLabelList(after: by)
      grouping = labels
      groupingRange = by.range.union(closeRange)
      end = closeRange
    }
    return .call(
      Call(
        name: name.text, nameRange: name.range, arguments: arguments, grouping: grouping,
        groupingRange: groupingRange, range: name.range.union(end)))
  }

  /// labels := '(' (IDENT (',' IDENT)* ','?)? ')' after `by`, `on` or `ignoring`.
  /// Returns the names and the range of the closing parenthesis.
  mutating func parseLabelList(after keyword: Token) throws(Diagnostic) -> ([String], SourceRange) {
    let word = keyword.kind.spelling
    try consume(
      .leftParen, "expected '(' after \(word)",
      help: "list labels in parentheses: \(word.dropFirst().dropLast()) (region)")
    var labels: [String] = []
    while true {
      if let close = match(.rightParen) { return (labels, close.range) }
      guard peek.kind == .identifier else {
        if peek.kind == .end { throw error("expected ')' after labels", at: peek) }
        throw error("expected a label name in \(word) (…), found \(describe(peek))", at: peek)
      }
      labels.append(advance().text)
      if match(.comma) != nil { continue }
      let close = try consume(.rightParen, "expected ')' after labels")
      return (labels, close.range)
    }
  }

  /// selector := (IDENT | STRING | '*') '{' matchers? '}'
  /// matchers := matcher (',' matcher)* ','?
  mutating func parseSelector(name: String?, nameRange: SourceRange) throws(Diagnostic) -> Expr {
    advance()  // '{'
    var matchers: [LabelMatcher] = []
    while true {
      if let close = match(.rightBrace) {
        return .selector(
          Selector(name: name, nameRange: nameRange, matchers: matchers, range: nameRange.union(close.range)))
      }
      matchers.append(try parseMatcher())
      if match(.comma) != nil { continue }
      if let close = match(.rightBrace) {
        return .selector(
          Selector(name: name, nameRange: nameRange, matchers: matchers, range: nameRange.union(close.range)))
      }
      throw error("expected ',' or '}' after matcher", at: peek)
    }
  }

  /// matcher := IDENT ('=' | '!=' | '=~' | '!~') STRING
  mutating func parseMatcher() throws(Diagnostic) -> LabelMatcher {
    let labelToken = peek
    let allowed = SeriesLabels.labelNames.joined(separator: ", ")
    let label: String
    switch labelToken.kind {
    case .identifier: label = labelToken.text
    // `{on="x"}` is an unknown label, not a misplaced keyword.
    case .keyword(let k): label = k.rawValue
    case .end: throw error("expected '}' after matchers", at: labelToken)
    default: throw error("expected a label name (\(allowed)) before \(describe(labelToken))", at: labelToken)
    }
    advance()
    guard SeriesLabels.labelNames.contains(label) else {
      let close = Suggestions.closest(to: label, among: SeriesLabels.labelNames)
      throw error(
        "unknown label '\(label)'; the labels are \(allowed)", at: labelToken, help: Suggestions.didYouMean(close))
    }
    let operation: LabelMatcher.Operation
    switch peek.kind {
    case .assign: operation = .equal
    case .notEqual: operation = .notEqual
    case .regexMatch: operation = .matches
    case .regexNotMatch: operation = .notMatches
    case .equalEqual:
      throw error(
        "expected '=', '!=', '=~' or '!~' after '\(label)'", at: peek,
        help: "a matcher uses a single '=': \(label)=\"…\"")
    default:
      throw error("expected '=', '!=', '=~' or '!~' after '\(label)'", at: peek)
    }
    advance()
    let valueToken = peek
    guard valueToken.kind == .string else {
      let op = operation.rawValue
      let help: String? =
        valueToken.kind == .identifier || valueToken.kind == .number
        ? "quote the value: \(label)\(op)\"\(describe(valueToken).dropFirst().dropLast())\"" : nil
      throw error("expected a quoted value after '\(label)\(op)'", at: valueToken, help: help)
    }
    advance()
    if operation == .matches || operation == .notMatches {
      try validateRegex(valueToken.text, at: valueToken.range)
    }
    return LabelMatcher(
      label: label, labelRange: labelToken.range, operation: operation, value: valueToken.text,
      valueRange: valueToken.range)
  }

  /// Compiles the pattern once so a bad regex is reported at its column now
  /// rather than by the evaluator.
  func validateRegex(_ pattern: String, at range: SourceRange) throws(Diagnostic) {
    do {
      _ = try Regex(pattern)
    } catch {
      throw self.error("invalid regular expression: \(error)", at: range)
    }
  }

  // MARK: - Helpers

  /// Fails with "expected an expression after X" unless the current token can
  /// begin an operand.
  func requireOperand(after what: String) throws(Diagnostic) {
    if canStartExpression(peek.kind) { return }
    throw error("expected an expression after \(what)", at: peek)
  }

  func canStartExpression(_ kind: TokenKind) -> Bool {
    switch kind {
    case .number, .string, .identifier, .leftParen, .star, .minus,
      .keyword(.not), .keyword(.true), .keyword(.false):
      return true
    default:
      return false
    }
  }

  /// The error for a token where an expression should start.
  func noExpression(at token: Token) -> Diagnostic {
    switch token.kind {
    case .end:
      return error("expected an expression", at: token)
    case .rightParen, .rightBrace, .rightBracket, .comma:
      return error("unexpected \(describe(token))", at: token)
    case .dotDot:
      return error("unexpected '..'", at: token, help: "'..' joins the ends of a period range: x[2019..2023]")
    default:
      return error("expected an expression before \(describe(token))", at: token)
    }
  }

  /// Tokens a period is written with: `2023`, `H1`, `-`, `..`.
  func isPeriodToken(_ kind: TokenKind) -> Bool {
    switch kind {
    case .number, .identifier, .minus, .dotDot: return true
    default: return false
    }
  }

  mutating func matchComparison() -> (BinaryOperator, Token)? {
    guard let op = comparisonOperator(peek.kind) else { return nil }
    return (op, advance())
  }

  func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
    switch kind {
    case .less: return .less
    case .lessEqual: return .lessOrEqual
    case .greater: return .greater
    case .greaterEqual: return .greaterOrEqual
    case .equalEqual: return .equal
    case .notEqual: return .notEqual
    default: return nil
    }
  }
}
