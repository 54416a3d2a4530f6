import Diagnostics
import Foundation
import IndicatorStore
import Testing

@testable import QueryLanguage

/// A deterministic generator of statements for the evaluator: random
/// expressions from the grammar, then byte mutations of them.
struct EvalStatementGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    // SplitMix64: deterministic, so a failure reproduces.
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func int(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
  mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

  let names = ["gdp", "地区生产总值", "pop", "fai", "unemp", "*", "一般公共预算收入", "gdpp", "g", "x", "\"地区生产总值\""]
  let labels = ["region", "indicator", "measure", "scenario", "unit", "bound", "period"]
  let values = ["甲市", "乙县", "level", "growth", "target", "actual", "estimate", "%", "亿元", "万人", "甲.*", "(", "", "ratio", "completion"]
  let ops = ["=", "!=", "=~", "!~"]
  let functions = [
    "yoy", "diff", "lag", "lead", "pct", "cagr", "round", "abs", "avg", "sum", "min", "max", "count", "first", "last",
    "rank", "gap", "met", "attain", "check", "source", "nope",
  ]
  let periods = ["2023", "2019..2023", "2023-01..2023-09", "2024", "2020H1", "2023Q3", "2024-09", "1..9999"]
  let binary = ["+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "and", "or"]
  let columns = ["value", "yoy", "gap", "met", "region", "period", "target", "count", "bound", "outcome", "rank"]

  mutating func selector() -> String {
    var s = pick(names)
    if int(2) == 0 {
      var ms: [String] = []
      for _ in 0..<(1 + int(3)) { ms.append("\(pick(labels))\(pick(ops))\"\(pick(values))\"") }
      s += "{" + ms.joined(separator: ", ") + "}"
    }
    return s
  }

  mutating func expression(_ depth: Int) -> String {
    if depth <= 0 { return int(5) == 0 ? pick(["1", "0", "2.5", "-3", "1e300", "\"text\""]) : selector() }
    switch int(9) {
    case 0, 1:
      let f = pick(functions)
      var args = [expression(depth - 1)]
      for _ in 0..<int(3) { args.append(pick(["1", "2", "3", "0", "-1", "1.5", "400", expression(depth - 1)])) }
      var call = "\(f)(\(args.joined(separator: ", ")))"
      if int(3) == 0 { call += " by (\((0..<int(3)).map { _ in pick(labels) }.joined(separator: ", ")))" }
      return call
    case 2: return "\(expression(depth - 1))[\(pick(periods))]"
    case 3:
      let m = int(3) == 0 ? " \(pick(["on", "ignoring"]))(\(pick(labels))) " : " "
      return "\(expression(depth - 1)) \(pick(binary))\(m)\(expression(depth - 1))"
    case 4: return "(\(expression(depth - 1)))"
    case 5:
      return "\(expression(depth - 1)) where \(pick(columns)) \(pick(binary)) \(pick(["0", "1", "\"甲市\"", "2023", "true", "value"]))"
    case 6: return "-\(expression(depth - 1))"
    default: return selector()
    }
  }

  mutating func statement() -> String {
    let e = expression(1 + int(4))
    return int(10) == 0 ? "let \(pick(["g", "x", "gdp"])) = \(e)" : e
  }

  /// A byte mutation: delete, insert or replace a byte, or duplicate a span.
  mutating func mutate(_ text: String) -> String {
    var bytes = Array(text.utf8)
    let interesting: [UInt8] = Array("(){}[],.=!~<>+-*/\"#0123456789 ak".utf8) + [0xE7, 0x94, 0xB2, 0x00, 0xFF]
    for _ in 0..<(1 + int(3)) {
      let at = int(bytes.count + 1)
      switch int(4) {
      case 0 where !bytes.isEmpty && at < bytes.count: bytes.remove(at: at)
      case 1: bytes.insert(pick(interesting), at: at)
      case 2 where at < bytes.count: bytes[at] = pick(interesting)
      default:
        if at < bytes.count {
          let end = min(bytes.count, at + int(8))
          bytes.insert(contentsOf: bytes[at..<end], at: at)
        }
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

@Suite("Evaluation: generative")
struct EvaluationGenerativeTests {
  /// 100,000 random and mutated statements through the parser and the
  /// evaluator: none may crash or hang; each evaluates or fails with a
  /// located diagnostic.
  @Test func randomStatementsNeverCrash() {
    var generator = EvalStatementGenerator(state: 20_240_917)
    let interpreter = EvalFixture.interpreter()
    var evaluated = 0, failed = 0, unlocated: [String] = []
    let started = Date()
    for i in 0..<100_000 {
      var text = generator.statement()
      if i % 2 == 1 { text = generator.mutate(text) }
      let source = SourceText(name: "<gen>", text: text)
      do {
        let statement = try Parser.parse(source)
        _ = try interpreter.run(statement, source: source)
        evaluated += 1
      } catch {
        failed += 1
        if error.range == nil && error.fileLocation == nil && unlocated.count < 5 {
          unlocated.append("\(text) → \(error.message)")
        }
      }
    }
    #expect(unlocated.isEmpty, "diagnostics without a location: \(unlocated)")
    #expect(evaluated > 5_000, "too few statements evaluate: the generator is off")
    #expect(Date().timeIntervalSince(started) < 120)
  }
}
