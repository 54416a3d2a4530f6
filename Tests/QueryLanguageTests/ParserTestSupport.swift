import Diagnostics
import IndicatorStore
import QueryLanguage

/// Helpers shared by the lexer and parser tests.
enum Support {
  static func source(_ text: String) -> SourceText { SourceText(name: "<test>", text: text) }

  /// The parse result as a compact S-expression, or the error's message.
  static func sexp(_ text: String) -> String {
    do {
      switch try Parser.parse(source(text)) {
      case .empty: return "(empty)"
      case .expression(let e): return sexp(e)
      case .binding(let name, _, let value): return "(let \(name) \(sexp(value)))"
      }
    } catch {
      return "error: \(error.message)"
    }
  }

  /// The diagnostic for text that must not parse (nil if it parsed).
  static func failure(_ text: String) -> Diagnostic? {
    do {
      _ = try Parser.parse(source(text))
      return nil
    } catch {
      return error
    }
  }

  static func sexp(_ e: Expr) -> String {
    switch e {
    case .number(let n, _):
      return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    case .string(let s, _):
      return "\"\(s)\""
    case .name(let n, _):
      return n
    case .selector(let s):
      let matchers = s.matchers.map { "\($0.label)\($0.operation.rawValue)\"\($0.value)\"" }
      return "{" + (s.name ?? "*") + (matchers.isEmpty ? "" : " " + matchers.joined(separator: ",")) + "}"
    case .slice(let inner, let period, _):
      return "(slice \(sexp(inner)) \(period))"
    case .unary(let op, let inner, _):
      return "(\(op.rawValue) \(sexp(inner)))"
    case .binary(let op, let a, let b, let matching, _):
      let m = matching.map { " \($0.kind.rawValue)(\($0.labels.joined(separator: ",")))" } ?? ""
      return "(\(op.rawValue)\(m) \(sexp(a)) \(sexp(b)))"
    case .call(let c):
      let args = c.arguments.map { " " + sexp($0) }.joined()
      let by = c.grouping.map { " by(\($0.joined(separator: ",")))" } ?? ""
      return "(\(c.name)\(args))\(by)"
    case .filter(let inner, let condition, _):
      return "(where \(sexp(inner)) \(sexp(condition)))"
    }
  }

  /// The text a range covers.
  static func text(_ range: SourceRange, in text: String) -> String {
    let bytes = Array(text.utf8)
    return String(decoding: bytes[range.lowerBound..<range.upperBound], as: UTF8.self)
  }
}
