import Diagnostics
import IndicatorStore
import Testing

@testable import QueryLanguage

@Suite struct ParserTests {
  // MARK: - Structure

  @Test(arguments: [
    // The brief's examples.
    ("gap(*{region=\"湘乡市\"})[2023] where gap < 0", "(where (slice (gap {* region=\"湘乡市\"}) 2023) (< gap 0))"),
    ("地区生产总值", "地区生产总值"),
    ("地区生产总值{region=\"湘潭市\"}", "{地区生产总值 region=\"湘潭市\"}"),
    ("gdp{region=\"湘潭市\", measure=\"growth\"}", "{gdp region=\"湘潭市\",measure=\"growth\"}"),
    ("*{region=\"湘乡市\", scenario=\"target\"}[2024]", "(slice {* region=\"湘乡市\",scenario=\"target\"} 2024)"),
    ("gdp{region=~\"湘\"}[2019..2023]", "(slice {gdp region=~\"湘\"} 2019..2023)"),
    (
      "count(yoy(*{measure=\"level\", scenario=\"actual\"})[2015..2024] where yoy < 0) by (indicator)",
      "(count (where (slice (yoy {* measure=\"level\",scenario=\"actual\"}) 2015..2024) (< yoy 0))) by(indicator)"
    ),
    ("a - ignoring(region) b", "(- ignoring(region) a b)"),
    ("a / on(region, period) b", "(/ on(region,period) a b)"),
    ("a * on() b", "(* on() a b)"),
    ("let g = *{measure=\"growth\"}", "(let g {* measure=\"growth\"})"),
    ("(1.08/1.09)*100", "(* (/ 1.08 1.09) 100)"),
    ("1 + 2", "(+ 1 2)"),
    // Matchers: every operation, trailing comma, quoted name, empty braces.
    (
      "gdp{region!=\"a\", measure=~\"g.*\", scenario!~'t', }",
      "{gdp region!=\"a\",measure=~\"g.*\",scenario!~\"t\"}"
    ),
    ("\"地区 生产总值\"{region=\"湘潭市\"}", "{地区 生产总值 region=\"湘潭市\"}"),
    ("\"地区生产总值\"", "\"地区生产总值\""),
    ("gdp{}", "{gdp}"),
    ("*", "{*}"),
    ("*{}", "{*}"),
    // Calls.
    ("f()", "(f)"),
    ("round(gdp, 1)", "(round gdp 1)"),
    ("sum(x) by ()", "(sum x) by()"),
    ("sum(x) by (region, indicator,)", "(sum x) by(region,indicator)"),
    ("lag(x, -1)", "(lag x (- 1))"),
    ("yoy(gdp)[2024-01..2024-09]", "(slice (yoy gdp) 2024-01..2024-09)"),
    // Periods: every form; spaces inside the brackets are dropped.
    ("x[2023H1]", "(slice x 2023H1)"),
    ("x[2023q3]", "(slice x 2023Q3)"),
    ("x[2023-09]", "(slice x 2023-09)"),
    ("x[ 2023 - 01 .. 2023 - 09 ]", "(slice x 2023-01..2023-09)"),
    ("x[2019..2023][2023]", "(slice (slice x 2019..2023) 2023)"),
    // Keywords as values.
    ("true", "true"),
    ("not false", "(not false)"),
    // Empty statements.
    ("", "(empty)"),
    ("   ", "(empty)"),
    ("# only a comment", "(empty)"),
    ("gdp # trailing comment", "gdp"),
    ("yoy(\n  gdp  # first line\n)", "(yoy gdp)"),
    // Full-width punctuation.
    ("round（gdp，1）", "(round gdp 1)"),
    ("gdp{region=“湘潭市”}", "{gdp region=\"湘潭市\"}"),
  ])
  func structure(text: String, expected: String) {
    #expect(Support.sexp(text) == expected)
  }

  @Test(arguments: [
    ("1 + 2 * 3", "(+ 1 (* 2 3))"),
    ("1 * 2 + 3", "(+ (* 1 2) 3)"),
    ("1 - 2 - 3", "(- (- 1 2) 3)"),
    ("8 / 4 / 2", "(/ (/ 8 4) 2)"),
    ("-a * b", "(* (- a) b)"),
    ("- - a", "(- (- a))"),
    ("-x[2023]", "(- (slice x 2023))"),
    ("a + b < c * d", "(< (+ a b) (* c d))"),
    ("a < b and c > d or not e", "(or (and (< a b) (> c d)) (not e))"),
    ("a or b and c", "(or a (and b c))"),
    ("not a == b", "(not (== a b))"),
    ("not not a", "(not (not a))"),
    ("a where b where c", "(where (where a b) c)"),
    ("x where value > 100 and region == \"湘潭市\"", "(where x (and (> value 100) (== region \"湘潭市\")))"),
    ("a where b or c", "(where a (or b c))"),
    ("(a where b) + 1", "(+ (where a b) 1)"),
    ("a >= 1", "(>= a 1)"),
    ("a <= 1", "(<= a 1)"),
    ("a != 1", "(!= a 1)"),
    // `*` is a selector in operand position and multiplication between operands.
    ("* * *", "(* {*} {*})"),
    ("2 * *{unit=\"亿元\"}", "(* 2 {* unit=\"亿元\"})"),
    ("a - on(region) b * c", "(- on(region) a (* b c))"),
  ])
  func precedence(text: String, expected: String) {
    #expect(Support.sexp(text) == expected)
  }

  @Test func numbersKeepTheirValue() throws {
    guard case .expression(.number(let n, let r)) = try Parser.parse(Support.source("7.8")) else {
      Issue.record("not a number")
      return
    }
    #expect(n == 7.8)
    #expect(r == SourceRange(0, 3))
    #expect(Support.sexp("1e3") == "1000")
  }

  @Test func groupingNilWithoutBy() throws {
    guard case .expression(.call(let call)) = try Parser.parse(Support.source("avg(x)")) else {
      Issue.record("not a call")
      return
    }
    #expect(call.grouping == nil)
    #expect(call.groupingRange == nil)
  }

  // MARK: - Ranges

  @Test func rangesPointAtTheirText() throws {
    let text = "count(gdp{region=\"湘潭市\"}[2023] where value > 1) by (indicator)"
    guard case .expression(.call(let call)) = try Parser.parse(Support.source(text)) else {
      Issue.record("not a call")
      return
    }
    #expect(Support.text(call.range, in: text) == text)
    #expect(Support.text(call.nameRange, in: text) == "count")
    #expect(call.groupingRange.map { Support.text($0, in: text) } == "by (indicator)")
    guard case .filter(let sliced, let condition, let filterRange) = call.arguments.first else {
      Issue.record("not a filter")
      return
    }
    #expect(Support.text(filterRange, in: text) == "gdp{region=\"湘潭市\"}[2023] where value > 1")
    #expect(Support.text(condition.range, in: text) == "value > 1")
    guard case .slice(.selector(let selector), let period, let sliceRange) = sliced else {
      Issue.record("not a slice")
      return
    }
    #expect(period == .year(2023))
    #expect(Support.text(sliceRange, in: text) == "gdp{region=\"湘潭市\"}[2023]")
    #expect(Support.text(selector.range, in: text) == "gdp{region=\"湘潭市\"}")
    #expect(Support.text(selector.nameRange, in: text) == "gdp")
    #expect(Support.text(selector.matchers[0].labelRange, in: text) == "region")
    #expect(Support.text(selector.matchers[0].valueRange, in: text) == "\"湘潭市\"")
  }

  @Test func binaryAndBindingRanges() throws {
    let text = "let d = a - ignoring(region) -b"
    guard case .binding(let name, let nameRange, let value) = try Parser.parse(Support.source(text)),
      case .binary(.subtract, _, .unary(.negate, _, let unaryRange), let matching?, let op) = value
    else {
      Issue.record("unexpected shape")
      return
    }
    #expect(name == "d")
    #expect(Support.text(nameRange, in: text) == "d")
    #expect(Support.text(op, in: text) == "-")
    #expect(Support.text(matching.range, in: text) == "ignoring(region)")
    #expect(Support.text(unaryRange, in: text) == "-b")
    #expect(Support.text(value.range, in: text) == "a - ignoring(region) -b")
  }

  // MARK: - Errors

  /// Every parser error message with the column of its caret.
  @Test(arguments: [
    // Statements.
    ("let = 1", "expected a name after 'let'", 5),
    ("let where = 1", "'where' is a reserved word and cannot be a name", 5),
    ("let g 1", "expected '=' after 'let g'", 7),
    ("let g =", "expected an expression after '='", 8),
    // Trailing garbage.
    ("gdp)", "unexpected ')'", 4),
    ("gdp}", "unexpected '}'", 4),
    ("gdp[2023]]", "unexpected ']'", 10),
    ("}", "unexpected '}'", 1),
    (",", "unexpected ','", 1),
    ("sum by (region) (x)", "unexpected 'by'", 5),
    ("gdp = 1", "unexpected '='", 5),
    ("gdp cpi", "unexpected 'cpi' after a complete expression", 5),
    ("湘潭 湘乡", "unexpected '湘乡' after a complete expression", 4),
    ("2019..2023", "unexpected '..'", 5),
    ("..2023", "unexpected '..'", 1),
    ("where x", "expected an expression before 'where'", 1),
    ("+ 456", "expected an expression before '+'", 1),
    // Missing operands.
    ("gdp where", "expected an expression after 'where'", 10),
    ("gdp where )", "expected an expression after 'where'", 11),
    ("a or", "expected an expression after 'or'", 5),
    ("a and )", "expected an expression after 'and'", 7),
    ("not", "expected an expression after 'not'", 4),
    ("a +", "expected an expression after '+'", 4),
    ("a /", "expected an expression after '/'", 4),
    ("a - ignoring(region)", "expected an expression after 'ignoring(…)'", 21),
    ("a * on()", "expected an expression after 'on(…)'", 9),
    ("-", "expected an expression after '-'", 2),
    ("a < ", "expected an expression after '<'", 5),
    ("( )", "expected an expression after '('", 3),
    ("round(gdp, )", "expected an expression after ','", 12),
    ("yoy(]", "expected an expression after '('", 5),
    ("1 < 2 < 3", "comparison operators cannot be chained", 7),
    // Closers.
    ("(1 + 2", "expected ')' after expression", 7),
    ("round(gdp, 1", "expected ')' after arguments", 13),
    ("yoy(gdp cpi)", "expected ')' after arguments", 9),
    ("sum(x) by region", "expected '(' after 'by'", 11),
    ("a - ignoring region", "expected '(' after 'ignoring'", 14),
    ("sum(x) by (,)", "expected a label name in 'by' (…), found ','", 12),
    ("sum(x) by (region", "expected ')' after labels", 18),
    ("sum(x) by (region measure)", "expected ')' after labels", 19),
    // Periods.
    ("gdp[", "expected a period after '['", 5),
    ("gdp[)", "expected a period after '['", 5),
    ("gdp[]", "expected a period inside '[]'", 5),
    ("gdp[2023", "expected ']' after period", 9),
    ("gdp[2023, 2024]", "expected ']' after period", 9),
    ("gdp[2023-13]", "bad period '2023-13': month must be 01 to 12", 5),
    ("gdp[ 2023-00 ]", "bad period '2023-00': month must be 01 to 12", 6),
    ("湘潭[2023..2019]", "reversed period range '2023..2019': the first year must not be after the last", 4),
    ("gdp[abc]", "bad period 'abc': \(Period.formsHelp)", 5),
    ("gdp[2023H3]", "bad period '2023H3': a half is H1 or H2", 5),
    (
      "gdp[2023..2024-01]",
      "bad period '2023..2024-01': a range joins two years (2021..2023) or two months (2023-01..2023-09)", 5
    ),
    ("gdp[1000..9999]", "period range '1000..9999' is too long (at most 341 years)", 5),
    // Selectors and matchers.
    ("gdp{=\"x\"}", "expected a label name (region, indicator, measure, scenario, unit) before '='", 5),
    ("gdp{ \"x\" }", "expected a label name (region, indicator, measure, scenario, unit) before a string", 6),
    ("gdp{region=\"x\",", "expected '}' after matchers", 16),
    ("gdp{", "expected '}' after matchers", 5),
    ("gdp{regoin=\"x\"}", "unknown label 'regoin'; the labels are region, indicator, measure, scenario, unit", 5),
    ("地区生产总值{period=\"2023\"}", "unknown label 'period'; the labels are region, indicator, measure, scenario, unit", 8),
    ("gdp{region==\"x\"}", "expected '=', '!=', '=~' or '!~' after 'region'", 11),
    ("gdp{region \"x\"}", "expected '=', '!=', '=~' or '!~' after 'region'", 12),
    ("gdp{region=湘潭市}", "expected a quoted value after 'region='", 12),
    ("gdp{region=\"x\" measure=\"y\"}", "expected ',' or '}' after matcher", 16),
  ])
  func errors(text: String, message: String, column: Int) throws {
    let diagnostic = try #require(Support.failure(text), "\(text) parsed")
    #expect(diagnostic.message == message, "\(text)")
    #expect(diagnostic.location?.column == column, "\(text)")
    #expect(diagnostic.source?.text == text)
  }

  @Test func unknownLabelSuggestsTheClosest() throws {
    let diagnostic = try #require(Support.failure("gdp{regoin=\"x\"}"))
    #expect(diagnostic.help == "did you mean 'region'?")
    #expect(Support.failure("gdp{senario=\"target\"}")?.help == "did you mean 'scenario'?")
  }

  @Test func unquotedMatcherValueSaysHowToQuote() throws {
    let diagnostic = try #require(Support.failure("gdp{region=湘潭市}"))
    #expect(diagnostic.help == "quote the value: region=\"湘潭市\"")
  }

  @Test func helpTextsSayWhatToWrite() {
    #expect(Support.failure("a - ignoring region b")?.help == "list labels in parentheses: ignoring (region)")
    #expect(Support.failure("sum(x) by region")?.help == "list labels in parentheses: by (region)")
    #expect(Support.failure("gdp{region==\"x\"}")?.help == "a matcher uses a single '=': region=\"…\"")
    #expect(Support.failure("1 < 2 < 3")?.help == "combine comparisons with 'and': a < b and b < c")
    #expect(Support.failure("gdp cpi")?.help == "is an operator or ',' missing?")
    #expect(Support.failure("gdp[abc]")?.help == nil)
  }

  @Test func invalidRegexPointsAtTheValue() throws {
    let diagnostic = try #require(Support.failure("gdp{region=~\"(湘\"}"))
    #expect(diagnostic.message.hasPrefix("invalid regular expression"))
    #expect(diagnostic.location?.column == 13)
    #expect(Support.sexp("gdp{region!~\"湘.*|长沙\"}") == "{gdp region!~\"湘.*|长沙\"}")
  }

  @Test func errorLocationUsesTheSourceName() throws {
    let source = SourceText(name: "scripts/gap.ind", text: "yoy(gdp", firstLine: 7)
    #expect(throws: Diagnostic.self) { try Parser.parse(source) }
    do {
      _ = try Parser.parse(source)
    } catch {
      #expect(error.description == "scripts/gap.ind:7:8: error: expected ')' after arguments")
    }
  }

  // MARK: - Nesting limits

  @Test func deepNestingIsACleanError() throws {
    let parens = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
    let diagnostic = try #require(Support.failure(parens))
    #expect(diagnostic.message == "expression nested too deeply (more than \(Parser.maximumNesting) levels)")
    #expect(diagnostic.location?.column == Parser.maximumNesting + 1)

    for text in [
      String(repeating: "-", count: 10_000) + "1",
      String(repeating: "not ", count: 10_000) + "a",
      String(repeating: "f(", count: 10_000),
      "x" + String(repeating: "[2023]", count: 10_000),
      "1" + String(repeating: " + 1", count: 100_000),
      "a" + String(repeating: " where b", count: 10_000),
    ] {
      let message = Support.failure(text)?.message ?? ""
      #expect(message.hasPrefix("expression nested too deeply") || message.hasPrefix("expression too long"))
    }
  }

  @Test func longChainIsACleanError() throws {
    let text = "1" + String(repeating: " + 1", count: 100)
    let diagnostic = try #require(Support.failure(text))
    #expect(diagnostic.message == "expression too long (more than \(Parser.maximumNesting) levels)")
    #expect(diagnostic.range.map { Support.text($0, in: text) } == "+")
  }

  @Test func nestingUpToTheLimitParses() {
    let n = Parser.maximumNesting
    let parens = String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
    #expect(Support.sexp(parens) == "1")
    let calls = String(repeating: "abs(", count: n) + "x" + String(repeating: ")", count: n)
    #expect(Support.failure(calls) == nil)
  }

  // MARK: - isComplete

  @Test(arguments: [
    ("yoy(gdp{region=\"湘潭市\"", false),
    ("gdp{region=\"湘潭", false),
    ("gdp{region='湘潭", false),
    ("gdp{region=“湘潭", false),
    ("gdp[2019..", false),
    ("（gdp", false),
    ("sum(\n  gdp", false),
    ("gdp", true),
    ("", true),
    ("# (", true),
    ("gdp # (", true),
    ("(gdp\n)", true),
    ("gdp)", true),
    ("gdp) + (", true),
    ("gdp @ (", true),
    ("gdp +", true),
    ("(]", true),
  ])
  func isComplete(text: String, complete: Bool) {
    #expect(Parser.isComplete(text) == complete)
  }
}
