import Diagnostics
import IndicatorStore
import Testing

@testable import QueryLanguage

/// A small synthetic dataset for the evaluator tests (not the seed data).
///
/// 甲市 地区生产总值 level: 2019 100, 2020 110, (2021 missing), 2022 121, 2023 133.1,
///   YTD 2023-01..2023-09 90 and 2024-01..2024-09 99.
/// 甲市 地区生产总值 growth: actual 2020–2023, targets 2020 >=7.5, 2021 ~8, 2022 ~7,
///   2023 ~6.8 (7.3 is exactly 0.5 above), 2024 ~6 (estimate 5.0 stands in), 2025 6 (no outcome).
/// 乙县 地区生产总值 growth: 2022 range 6–6.5 vs 5.8, 2023 range 5–5.5 vs 5.5; level 2022 50, 2023 50, 2024 0.
/// 甲市 常住人口 level: 2022 5.4万人, 2023 55000人 (converted to 万人).
/// 城镇调查失业率 ratio: 甲市 4.8 vs <=5.5, 乙县 5.8 vs <=5.5 (2023).
/// 甲市 一般公共预算收入 growth 6.0 vs >ref 地区生产总值; 城乡居民人均可支配收入 7.5 vs =ref.
/// 固定资产投资: 甲市 level 95 vs 100, completion 95 (agrees); 乙县 growth 8.0 vs 9,
///   completion 97 (disagrees: 99.08). 甲市 社会消费品零售总额 completion 100 (no basis).
enum EvalFixture {
  static let aliases = ["gdp": "地区生产总值", "pop": "常住人口", "fai": "固定资产投资", "unemp": "城镇调查失业率"]

  static let store: IndicatorStore = {
    var b = StoreBuilder()
    var line = 1
    func add(
      _ region: String, _ indicator: String, _ measure: Measure, _ scenario: Scenario, _ period: String,
      _ value: Double?, _ unit: String, _ bound: Bound = .none, ref: String? = nil
    ) {
      line += 1
      let p = (try? Period.parse(period)) ?? .year(1)
      b.append(
        region: region, indicator: indicator, measure: measure, scenario: scenario, period: p, value: value,
        unit: unit, bound: bound, source: "test_\(line).txt", quote: "引文\(line)", reference: ref,
        dataFile: "fixture.csv", line: line)
    }
    let gdp = "地区生产总值"
    add("甲市", gdp, .level, .actual, "2019", 100, "亿元")
    add("甲市", gdp, .level, .actual, "2020", 110, "亿元")
    add("甲市", gdp, .level, .actual, "2022", 121, "亿元")
    add("甲市", gdp, .level, .actual, "2023", 133.1, "亿元")
    add("甲市", gdp, .level, .actual, "2023-01..2023-09", 90, "亿元")
    add("甲市", gdp, .level, .actual, "2024-01..2024-09", 99, "亿元")
    add("甲市", gdp, .growth, .actual, "2020", 7.0, "%")
    add("甲市", gdp, .growth, .actual, "2021", 8.0, "%")
    add("甲市", gdp, .growth, .actual, "2022", 6.5, "%")
    add("甲市", gdp, .growth, .actual, "2023", 7.3, "%")
    add("甲市", gdp, .growth, .estimate, "2024", 5.0, "%")
    add("甲市", gdp, .growth, .target, "2020", 7.5, "%", .atLeast)
    add("甲市", gdp, .growth, .target, "2021", 8.0, "%", .about)
    add("甲市", gdp, .growth, .target, "2022", 7.0, "%", .about)
    add("甲市", gdp, .growth, .target, "2023", 6.8, "%", .about)
    add("甲市", gdp, .growth, .target, "2024", 6.0, "%", .about)
    add("甲市", gdp, .growth, .target, "2025", 6.0, "%", .about)
    add("乙县", gdp, .growth, .actual, "2022", 5.8, "%")
    add("乙县", gdp, .growth, .actual, "2023", 5.5, "%")
    add("乙县", gdp, .growth, .target, "2022", 6.0, "%", .atLeast)
    add("乙县", gdp, .growth, .target, "2022", 6.5, "%", .atMost)
    add("乙县", gdp, .growth, .target, "2023", 5.0, "%", .atLeast)
    add("乙县", gdp, .growth, .target, "2023", 5.5, "%", .atMost)
    add("乙县", gdp, .level, .actual, "2022", 50, "亿元")
    add("乙县", gdp, .level, .actual, "2023", 50, "亿元")
    add("乙县", gdp, .level, .actual, "2024", 0, "亿元")
    add("甲市", "常住人口", .level, .actual, "2022", 5.4, "万人")
    add("甲市", "常住人口", .level, .actual, "2023", 55000, "人")
    add("甲市", "城镇调查失业率", .ratio, .actual, "2023", 4.8, "%")
    add("甲市", "城镇调查失业率", .ratio, .target, "2023", 5.5, "%", .atMost)
    add("乙县", "城镇调查失业率", .ratio, .actual, "2023", 5.8, "%")
    add("乙县", "城镇调查失业率", .ratio, .target, "2023", 5.5, "%", .atMost)
    add("甲市", "一般公共预算收入", .growth, .actual, "2023", 6.0, "%")
    add("甲市", "一般公共预算收入", .growth, .target, "2023", nil, "%", .aboveReference, ref: gdp)
    add("甲市", "城乡居民人均可支配收入", .growth, .actual, "2023", 7.5, "%")
    add("甲市", "城乡居民人均可支配收入", .growth, .target, "2023", nil, "%", .withReference, ref: gdp)
    add("甲市", "固定资产投资", .level, .actual, "2023", 95, "亿元")
    add("甲市", "固定资产投资", .level, .target, "2023", 100, "亿元", .atLeast)
    add("甲市", "固定资产投资", .completion, .actual, "2023", 95, "%")
    add("乙县", "固定资产投资", .growth, .actual, "2023", 8.0, "%")
    add("乙县", "固定资产投资", .growth, .target, "2023", 9, "%", .atLeast)
    add("乙县", "固定资产投资", .completion, .actual, "2023", 97, "%")
    add("甲市", "社会消费品零售总额", .completion, .actual, "2023", 100, "%")
    add("甲市", "社会消费品零售总额", .level, .actual, "2023", 300, "亿元")
    do {
      return try b.build().store
    } catch {
      Issue.record("fixture failed to build: \(error)")
      return IndicatorStore()
    }
  }()

  static func interpreter() -> Interpreter { Interpreter(store: store, aliases: aliases) }
}

/// Parses and runs one statement.
@discardableResult
func evalRun(_ text: String, _ interpreter: Interpreter = EvalFixture.interpreter()) throws(Diagnostic) -> ResultTable? {
  let source = SourceText(name: "<test>", text: text)
  let statement = try Parser.parse(source)
  return try interpreter.run(statement, source: source)
}

/// Runs a statement that must succeed and return a table.
func evalTable(_ text: String, _ interpreter: Interpreter = EvalFixture.interpreter(), sourceLocation: Testing.SourceLocation = #_sourceLocation)
  -> ResultTable
{
  do {
    guard let t = try evalRun(text, interpreter) else {
      Issue.record("no table for \(text)", sourceLocation: sourceLocation)
      return ResultTable()
    }
    return t
  } catch {
    Issue.record("\(text): \(error)", sourceLocation: sourceLocation)
    return ResultTable()
  }
}

/// Runs a statement that must fail; returns its diagnostic.
func evalFailure(_ text: String, _ interpreter: Interpreter = EvalFixture.interpreter(), sourceLocation: Testing.SourceLocation = #_sourceLocation)
  -> Diagnostic
{
  do {
    _ = try evalRun(text, interpreter)
    Issue.record("expected an error for \(text)", sourceLocation: sourceLocation)
    return Diagnostic.error("none")
  } catch {
    return error
  }
}

extension ResultTable {
  var columnNames: [String] { columns.map(\.name) }

  /// The exact texts of a column, "" for missing, ["<no column>"] if absent.
  func texts(_ name: String) -> [String] {
    guard let c = column(named: name) else { return ["<no column \(name)>"] }
    return (0..<rowCount).map { c.exactText(at: $0) }
  }

  func numbers(_ name: String) -> [Double?] {
    guard let c = column(named: name) else { return [] }
    return (0..<rowCount).map { c.number(at: $0) }
  }

  /// Rows as "col=value" joined, for compact assertions.
  func row(_ i: Int, _ names: [String]) -> String {
    names.map { n in column(named: n).map { $0.exactText(at: i) } ?? "?" }.joined(separator: " ")
  }
}

/// The text a diagnostic's range covers.
func evalCovered(_ d: Diagnostic) -> String {
  guard let source = d.source, let range = d.range else { return "<no range>" }
  let bytes = Array(source.text.utf8)
  let lo = max(0, min(range.lowerBound, bytes.count)), hi = max(lo, min(range.upperBound, bytes.count))
  return String(decoding: bytes[lo..<hi], as: UTF8.self)
}
