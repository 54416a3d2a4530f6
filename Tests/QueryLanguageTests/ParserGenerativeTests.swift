import Diagnostics
import Testing

@testable import QueryLanguage

/// Statements generated from the grammar (all must parse) and byte-level
/// mutations of them (each must parse or fail with a located Diagnostic).
/// Deterministic: every shard has a fixed seed.
@Suite struct ParserGenerativeTests {
  static let shards = 8
  /// Per shard: valid statements, each followed by `mutationsPerValid` mutants,
  /// plus token soup. 8 × 2,000 × (1 + 5) + 8 × 1,000 = 104,000 inputs.
  static let validPerShard = 2_000
  static let mutationsPerValid = 5
  static let soupPerShard = 1_000

  @Test(.timeLimit(.minutes(1)), arguments: 0..<shards)
  func generatedAndMutatedStatements(shard: Int) throws {
    var generator = StatementGenerator(seed: 0x1D5_0000 + UInt64(shard))
    var checked = 0
    for _ in 0..<Self.validPerShard {
      let text = generator.statement()
      let source = Support.source(text)
      do {
        _ = try Parser.parse(source)
      } catch {
        Issue.record("generated statement failed: \(error)\n\(text.prefix(300))")
      }
      #expect(Parser.isComplete(text), "\(text)")
      checked += 1
      for _ in 0..<Self.mutationsPerValid {
        let mutant = generator.mutate(text)
        try checkTotal(mutant)
        checked += 1
      }
    }
    for _ in 0..<Self.soupPerShard {
      try checkTotal(generator.tokenSoup())
      checked += 1
    }
    #expect(checked == Self.validPerShard * (1 + Self.mutationsPerValid) + Self.soupPerShard)
  }

  /// Parses or fails with a diagnostic whose range lies within the text.
  func checkTotal(_ text: String) throws {
    _ = Parser.isComplete(text)
    do {
      _ = try Parser.parse(Support.source(text))
    } catch {
      let count = text.utf8.count
      let range = try #require(error.range, "no range: \(error) for \(text.debugDescription)")
      #expect(
        0 <= range.lowerBound && range.lowerBound <= range.upperBound && range.upperBound <= count,
        "range \(range) outside \(count) bytes: \(text.debugDescription)")
      #expect(error.source?.text == text)
      #expect(error.location != nil)
      #expect(!error.message.isEmpty)
    }
  }
}

/// SplitMix64: tiny, fast, and the same on every platform.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Writes random statements following the grammar of docs/LANGUAGE.md level
/// by level, so every one of them must parse.
struct StatementGenerator {
  var rng: SplitMix64
  /// Operands still allowed in the current statement; once spent, only atoms
  /// and no more operator links, so statements stay short and shallow.
  var budget = 0
  init(seed: UInt64) { rng = SplitMix64(seed: seed) }

  mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }
  mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
  /// 0, 1 or 2 more links in an operator chain (rarely), so that nesting stays
  /// well inside `Parser.maximumNesting`.
  mutating func links() -> Int { budget <= 0 || chance(70) ? 0 : (chance(70) ? 1 : 2) }

  let names = ["gdp", "地区生产总值", "规上工业增加值", "_x1", "yoy", "gap", "value", "湘潭市", "cpi_2"]
  let functions = ["yoy", "gap", "count", "sum", "round", "lag", "cagr", "attain", "rank", "f"]
  let labels = ["region", "indicator", "measure", "scenario", "unit"]
  let values = ["湘潭市", "growth", "level", "target", "亿元", "湘.*", "", "a\\\"b", "x y"]
  let periods = ["2023", "2019..2023", "2023-01..2023-09", "2023H1", "2024Q3", "2023-09", " 2023 ", "2015..2024"]

  mutating func statement() -> String {
    budget = Int.random(in: 1...12, using: &rng)
    switch Int.random(in: 0..<10, using: &rng) {
    case 0: return "let \(pick(names)) = \(filter(3))"
    case 1: return chance(50) ? "" : "# \(pick(names)) (note"
    case 2: return filter(3) + " # comment"
    default: return filter(3)
    }
  }

  mutating func filter(_ d: Int) -> String {
    var s = or(d)
    for _ in 0..<links() { s += " where " + or(d) }
    return s
  }
  mutating func or(_ d: Int) -> String {
    var s = and(d)
    for _ in 0..<links() { s += " or " + and(d) }
    return s
  }
  mutating func and(_ d: Int) -> String {
    var s = not(d)
    for _ in 0..<links() { s += " and " + not(d) }
    return s
  }
  mutating func not(_ d: Int) -> String {
    budget > 0 && chance(8) ? "not " + not(d) : comparison(d)
  }
  mutating func comparison(_ d: Int) -> String {
    let left = additive(d)
    guard chance(25) else { return left }
    return left + " \(pick(["<", "<=", ">", ">=", "==", "!="])) " + additive(d)
  }
  mutating func additive(_ d: Int) -> String {
    var s = multiplicative(d)
    for _ in 0..<links() { s += " \(pick(["+", "-"]))\(matching()) " + multiplicative(d) }
    return s
  }
  mutating func multiplicative(_ d: Int) -> String {
    var s = unary(d)
    for _ in 0..<links() { s += " \(pick(["*", "/"]))\(matching()) " + unary(d) }
    return s
  }
  mutating func matching() -> String {
    guard chance(20) else { return "" }
    return " \(pick(["on", "ignoring"]))(\(labelList()))"
  }
  mutating func labelList() -> String {
    (0..<Int.random(in: 0...2, using: &rng)).map { _ in pick(labels) }.joined(separator: ", ")
  }
  mutating func unary(_ d: Int) -> String {
    budget > 0 && chance(8) ? "-" + unary(d) : postfix(d)
  }
  mutating func postfix(_ d: Int) -> String {
    var s = primary(d)
    if chance(20) { s += "[\(pick(periods))]" }
    return s
  }
  mutating func primary(_ d: Int) -> String {
    budget -= 1
    let choice = d <= 0 || budget <= 0 ? Int.random(in: 0..<5, using: &rng) : Int.random(in: 0..<8, using: &rng)
    switch choice {
    case 0: return pick(["12", "7.8", "1e3", "0", "2.5E-2"])
    case 1: return pick(["\"湘潭市\"", "'x'", "\"a\\\"b\"", "“湘乡市”", "true", "false"])
    case 2, 3: return pick(names)
    case 4: return selector()
    case 5: return "(" + filter(d - 1) + ")"
    default:
      let count = Int.random(in: 0...2, using: &rng)
      let args = (0..<count).map { _ in filter(d - 1) }.joined(separator: pick([", ", ",", "，"]))
      let by = chance(25) ? " by (\(labelList()))" : ""
      return "\(pick(functions))\(pick(["(", "（"]))\(args)\(pick([")", "）"]))\(by)"
    }
  }
  mutating func selector() -> String {
    let head = pick(["*", "gdp", "地区生产总值", "\"地区 生产总值\""])
    if head == "*" && chance(30) { return "*" }
    let count = Int.random(in: 0...3, using: &rng)
    let matchers = (0..<count).map { _ in
      "\(pick(labels))\(pick(["=", "=", "=", "!=", "!=", "=", "=~", "!~", "=", "="]))\"\(pick(values))\""
    }
    return head + "{" + matchers.joined(separator: ", ") + (count > 0 && chance(10) ? ", " : "") + "}"
  }

  // MARK: - Mutation

  /// Byte-level damage: flips, deletions, insertions of brackets, quotes,
  /// Chinese text and invalid UTF-8. The result goes through
  /// `String(decoding:)`, as input from a terminal or file would.
  mutating func mutate(_ text: String) -> String {
    var bytes = Array(text.utf8)
    let inserts: [[UInt8]] =
      [
        "(", ")", "[", "]", "{", "}", "\"", "'", "“", "”", "（", "）", "，", "｛", "湘潭", "地区", "\\",
        "#", "..", "=~", "!", "where ", " by ", "-", "*", ",", "\n", "1e", "2023-13", "on(", "\u{3000}",
      ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE6, 0xB9], [0xED, 0xA0, 0x80], [0x00]]
    for _ in 0..<Int.random(in: 1...3, using: &rng) {
      let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
      switch Int.random(in: 0..<4, using: &rng) {
      case 0 where position < bytes.count:
        bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
      case 1 where position < bytes.count:
        let length = min(bytes.count - position, Int.random(in: 1...4, using: &rng))
        bytes.removeSubrange(position..<(position + length))
      case 2 where !bytes.isEmpty:
        // Duplicate a slice, which unbalances brackets and quotes.
        let start = Int.random(in: 0..<bytes.count, using: &rng)
        let end = min(bytes.count, start + Int.random(in: 1...12, using: &rng))
        bytes.insert(contentsOf: bytes[start..<end], at: position)
      default:
        bytes.insert(contentsOf: pick(inserts), at: position)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Random sequences of tokens, mostly ungrammatical.
  mutating func tokenSoup() -> String {
    let vocabulary = [
      "(", ")", "{", "}", "[", "]", ",", "=", "==", "!=", "=~", "!~", "<", "<=", ">", ">=", "+", "-", "*",
      "/", "..", "let", "where", "by", "on", "ignoring", "and", "or", "not", "true", "gdp", "湘潭市",
      "region", "\"x\"", "'y'", "2023", "7.8", "2023-01", "H1", "#", "（", "，",
    ]
    let count = Int.random(in: 0...20, using: &rng)
    return (0..<count).map { _ in pick(vocabulary) }.joined(separator: chance(50) ? " " : "")
  }
}
