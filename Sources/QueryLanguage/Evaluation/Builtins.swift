import Diagnostics
import IndicatorStore

/// The reference entry of one function: what `.help NAME` prints and what
/// docs/LANGUAGE.md lists.
///
/// ```swift
/// if let doc = Builtins.doc(named: "yoy") { print(doc.signature, "—", doc.summary) }
/// ```
public struct FunctionDoc: Sendable {
  public let name: String
  public let signature: String
  public let summary: String
  public let example: String
  public let details: String

  public init(name: String, signature: String, summary: String, example: String, details: String) {
    self.name = name
    self.signature = signature
    self.summary = summary
    self.example = example
    self.details = details
  }
}

/// Every built-in function, in the order the reference lists them.
///
/// ```swift
/// Builtins.all.map(\.name)          // tab completion
/// Builtins.doc(named: "gap")?.details
/// ```
public enum Builtins {
  public static let all: [FunctionDoc] = [
    FunctionDoc(
      name: "yoy", signature: "yoy(x)",
      summary: "% change vs the same period one year earlier (level series only).",
      example: "yoy(技术合同成交额{region=\"湘潭市\", scenario=\"actual\"})",
      details:
        "Matched by period, never by position: 2024-01..2024-09 compares with 2023-01..2023-09. A missing previous period or a zero base gives no row. On a growth, ratio or other rate series it is an error: use diff(x) for a change in percentage points. Column yoy, unit %."
    ),
    FunctionDoc(
      name: "diff", signature: "diff(x[, n])",
      summary: "Change vs the same period n years earlier (default 1); pp for rates.",
      example: "diff(gdp{region=\"湘潭市\", measure=\"growth\", scenario=\"actual\"}, 3)",
      details:
        "Works on any measure. For growth, ratio, completion and avg_growth series the unit is pp (percentage points); for levels it is the series unit. Column diff."
    ),
    FunctionDoc(
      name: "lag", signature: "lag(x, n)",
      summary: "The value of the same period n years earlier, shown at the later period.",
      example: "lag(技术合同成交额{region=\"湘潭市\", scenario=\"actual\"}, 3)",
      details: "Period-matched; a period without its counterpart gives no row. Column lag, unit of the series."
    ),
    FunctionDoc(
      name: "lead", signature: "lead(x, n)",
      summary: "The value of the same period n years later, shown at the earlier period.",
      example: "lead(技术合同成交额{region=\"湘潭市\", scenario=\"actual\"}, 3)",
      details: "Period-matched; a period without its counterpart gives no row. Column lead, unit of the series."
    ),
    FunctionDoc(
      name: "pct", signature: "pct(x, n)",
      summary: "% change vs the same period n years earlier (level series only).",
      example: "pct(技术合同成交额{region=\"湘潭市\", scenario=\"actual\"}, 3)",
      details: "yoy(x) is pct(x, 1). A missing base period or a zero base gives no row. Column pct, unit %."
    ),
    FunctionDoc(
      name: "cagr", signature: "cagr(x, years)",
      summary: "Compound annual growth in % over the given number of years, with its base period.",
      example: "cagr(城镇新增就业{region=\"湘潭市\", scenario=\"actual\"}, 3)",
      details:
        "((x_p / x_(p-years))^(1/years) - 1) * 100; the base column names the base period (近三年 2021..2023 → base 2020). Level series only; a non-positive base gives no row. Column cagr, unit %."
    ),
    FunctionDoc(
      name: "round", signature: "round(x, digits)",
      summary: "Rounds values to the given number of decimals (half away from zero).",
      example: "round(attain(*{region=\"湘乡市\"})[2023], 1)",
      details: "Works on numbers and tables; keeps the column name. Negative digits round to tens, hundreds …"
    ),
    FunctionDoc(
      name: "abs", signature: "abs(x)",
      summary: "Absolute value.",
      example: "abs(gap(gdp{region=\"湘乡市\"})[2023])",
      details: "Works on numbers and tables; keeps the column name."
    ),
    FunctionDoc(
      name: "avg", signature: "avg(x) [by (labels)]",
      summary: "Average per series over time, or across series grouped by labels.",
      example: "avg(gdp{measure=\"growth\", scenario=\"actual\"}[2019..2023])",
      details:
        "Without by: one row per series, the period column shows the span first..last. With by (labels): one row per group (period may be one of the labels); by () gives one row. Missing values are skipped and counted in a note."
    ),
    FunctionDoc(
      name: "sum", signature: "sum(x) [by (labels)]",
      summary: "Sum per series over time, or across series grouped by labels.",
      example: "sum(count(*)) by (region)",
      details: "As avg. A group mixing units is noted; group by unit to keep them apart."
    ),
    FunctionDoc(
      name: "min", signature: "min(x) [by (labels)]",
      summary: "Smallest value per series, or per group.",
      example: "min(*{region=\"湖南省\", measure=\"growth\"}[2023]) by (region)",
      details: "As avg; the period column shows the span of the reduced rows."
    ),
    FunctionDoc(
      name: "max", signature: "max(x) [by (labels)]",
      summary: "Largest value per series, or per group.",
      example: "max(*{region=\"湖南省\", measure=\"growth\"}[2023]) by (region)",
      details: "As avg; the period column shows the span of the reduced rows."
    ),
    FunctionDoc(
      name: "count", signature: "count(x) [by (labels)]",
      summary: "Number of values per series, or per group; count(*) counts observations.",
      example: "count(*{measure=\"growth\", scenario=\"actual\"} where value < 0) by (region)",
      details: "Missing values are not counted; a note says how many were skipped. Column count, no unit."
    ),
    FunctionDoc(
      name: "first", signature: "first(x) [by (labels)]",
      summary: "The earliest value per series, or per group.",
      example: "first(gdp{region=\"湘潭市\", measure=\"growth\", scenario=\"actual\"})",
      details: "The period column shows the period of the chosen value."
    ),
    FunctionDoc(
      name: "last", signature: "last(x) [by (labels)]",
      summary: "The latest value per series, or per group.",
      example: "last(gdp{region=\"湘潭市\", measure=\"growth\", scenario=\"actual\"})",
      details: "The period column shows the period of the chosen value."
    ),
    FunctionDoc(
      name: "rank", signature: "rank(x)",
      summary: "Rank across series within each period, 1 = highest.",
      example: "rank(*{region=\"湖南省\", measure=\"growth\", unit=\"%\"}[2023])",
      details: "Ties share a rank (1, 2, 2, 4); missing values get none. Columns: the ranked value, then rank."
    ),
    FunctionDoc(
      name: "gap", signature: "gap(x)",
      summary: "Outcome minus target, signed so that positive is better; with the met flag.",
      example: "gap(*{region=\"湘乡市\"})[2023] where gap < 0",
      details:
        "Pairs each (region, indicator, measure, period) outcome (actual, else estimate) with its target; whatever scenario x lacks comes from the store. <= targets: target - outcome; range targets from the low end; >ref/=ref: the reference indicator's outcome is the target. pp for rate measures, the series unit for levels; a target in a unit that does not convert to its outcome's (个 beside 家) is not compared, with a note. Columns: region, indicator, measure, period, outcome, value, target, target_high, bound, gap, met, unit."
    ),
    FunctionDoc(
      name: "met", signature: "met(x)",
      summary: "Whether each target is met (true/false).",
      example: "met(*{region=\"湘乡市\"})[2023]",
      details:
        ">= outcome ≥ target; <= outcome ≤ target; ~ and =ref within the tolerance (.set tolerance, default 0.5 pp; 1 % of the target for levels); = as >=; >ref strictly above; a range is met at its low end. Compared with a 1e-9 margin so 7.3 vs 6.8 is exactly within 0.5."
    ),
    FunctionDoc(
      name: "attain", signature: "attain(x)",
      summary: "Completion rate in %: outcome/target for levels, (1+o)/(1+t) for growth.",
      example: "attain(固定资产投资{region=\"湘乡市\"})[2023]",
      details: "Growth 8.0 % vs a 9 % target gives (1.08/1.09)*100 = 99.08 %. Column attain, unit %."
    ),
    FunctionDoc(
      name: "check", signature: "check(x)",
      summary: "Recomputes reported completion figures and shows where they disagree.",
      example: "check(*{region=\"湘乡市\"})[2023]",
      details:
        "For every completion row of x (or of x's region, indicator and periods in the store), recomputes it from the level (else growth) outcome and target. Columns: reported, computed, basis, difference (reported - computed, pp), agrees (within 0.5)."
    ),
    FunctionDoc(
      name: "source", signature: "source(x)",
      summary: "The same table with the source file and quote of each figure shown.",
      example: "source(gdp{region=\"湘潭市\"}[2020])",
      details: "Like .set provenance on for one result. Derived rows show the provenance of the row they came from."
    ),
    FunctionDoc(
      name: "plot", signature: "plot(x)",
      summary: "Draws a line chart per series over its periods, or bars when each series has one period.",
      example: "plot(gdp{region=\"湘乡市\", measure=\"level\"})",
      details:
        "A statement of its own (not inside another expression). Up to 8 series share one chart with a legend naming the labels that differ; actual, estimate and target rows of one indicator are one series: estimates are marked *, targets T with a dashed line. One period per series gives bars (# actual, = estimate). Braille lines, ASCII axes, 80 columns when piped, colour only on a colour terminal (NO_COLOR respected). .export chart.svg x writes the same chart as SVG."
    ),
    FunctionDoc(
      name: "spark", signature: "spark(x)",
      summary: "One row per series with a sparkline (▁…█) and its first and last values and periods.",
      example: "spark(*{region=\"湘潭市\", measure=\"growth\", scenario=\"actual\"})",
      details:
        "A statement of its own. Each sparkline is scaled from its own minimum to maximum over all periods of the result, so sparks line up in time; a gap is a period without a figure; a constant series is a flat ▄. Targets are left out. Any number of series."
    ),
  ]

  /// The entry for a function, nil when there is none.
  public static func doc(named name: String) -> FunctionDoc? { all.first { $0.name == name } }

  /// The function reference as Markdown (the section of docs/LANGUAGE.md).
  public static var markdown: String {
    var text = "## Functions\n\n"
    for doc in all {
      text += "### `\(doc.signature)`\n\n\(doc.summary)\n\n`\(doc.example)`\n\n\(doc.details)\n\n"
    }
    return text
  }
}

extension Builtins {
  /// The function a report's own word for a computation names (增长率 → yoy(x),
  /// 完成率 → attain(x)), for the hint after an unknown function; nil otherwise.
  static func reportWord(_ word: String) -> String? {
    let words: [(String, String)] = [
      ("同比", "yoy(x)"), ("增长", "yoy(x)"), ("增速", "yoy(x)"), ("增幅", "yoy(x)"), ("完成率", "attain(x)"),
      ("完成", "attain(x)"), ("差距", "gap(x)"), ("缺口", "gap(x)"), ("达标", "met(x)"), ("百分点", "diff(x)"),
    ]
    return words.first { word.contains($0.0) }?.1
  }
}

extension Interpreter {
  /// Evaluates a function call.
  func evaluateCall(_ call: Call) throws(Diagnostic) -> Value {
    guard let doc = Builtins.doc(named: call.name) else {
      throw error(
        "unknown function '\(call.name)'", at: call.nameRange,
        help: Suggestions.didYouMean(Suggestions.closest(to: call.name, among: Builtins.all.map(\.name)))
          ?? Builtins.reportWord(call.name).map { "the reports' \(call.name) is \($0)" }
          ?? "see .help for the functions")
    }
    let name = call.name
    if name == "plot" || name == "spark" {
      // Charts are drawn by the shell for a whole statement; they have no value to compute with.
      throw error(
        "\(name) draws a chart and has no value; use it as a statement of its own", at: call.nameRange,
        help: "e.g. \(doc.example)")
    }
    let isReduction = Self.reductionNames.contains(name)
    if call.grouping != nil && !isReduction {
      throw error("\(name) does not take 'by'; only avg, sum, min, max, count, first and last do", at: call.groupingRange ?? call.nameRange)
    }
    func arity(_ allowed: ClosedRange<Int>) throws(Diagnostic) {
      guard allowed.contains(call.arguments.count) else {
        throw error("\(name) expects \(doc.signature.dropFirst(name.count))", at: call.range, help: "e.g. \(doc.example)")
      }
    }
    switch name {
    case "yoy", "abs", "rank", "gap", "met", "attain", "check", "source": try arity(1...1)
    case "diff": try arity(1...2)
    case "lag", "lead", "pct", "cagr", "round": try arity(2...2)
    default: try arity(1...1)
    }
    if let fused = try evaluateOnStoreSelection(call) { return fused }
    let first = try evaluate(call.arguments[0])

    // Numbers: the calculator functions.
    if name == "abs" || name == "round" {
      let digits = name == "round" ? try integerArgument(call, 1, in: -15...15) : 0
      switch first {
      case .number(let n):
        return .number(n.map { name == "abs" ? Swift.abs($0) : Self.rounded($0, digits: digits) })
      case .frame(let f) where !f.valueIsFlag:
        return .frame(try mapValues(f) { name == "abs" ? Swift.abs($0) : Self.rounded($0, digits: digits) })
      default:
        throw error("\(name) needs a number or a table of numbers; this is \(first.kindName)", at: call.arguments[0].range)
      }
    }
    guard case .frame(let x) = first else {
      let what = isReduction ? "reduces a table over time or across series" : "works on a table of series"
      throw error(
        "\(name) \(what); this is \(first.kindName)", at: call.arguments[0].range,
        help: "e.g. \(doc.example)")
    }
    if x.valueIsFlag && !["count", "source", "first", "last"].contains(name) {
      throw error("\(name) needs numbers; the \(x.valueName) column holds true/false", at: call.arguments[0].range)
    }
    switch name {
    case "yoy": return .frame(try percentChange(x, years: 1, name: "yoy", at: call.nameRange))
    case "pct":
      let n = try integerArgument(call, 1, in: 1...200)
      return .frame(try percentChange(x, years: n, name: "pct", at: call.nameRange))
    case "diff":
      let n = call.arguments.count > 1 ? try integerArgument(call, 1, in: 1...200) : 1
      return .frame(try difference(x, years: n))
    case "lag", "lead":
      let n = try integerArgument(call, 1, in: 0...200)
      return .frame(try shifted(x, years: n, name: name))
    case "cagr":
      let n = try integerArgument(call, 1, in: 1...200)
      return .frame(try cagr(x, years: n, at: call.nameRange))
    case "rank": return .frame(try rank(x))
    case "gap", "met", "attain": return .frame(try targetFunction(x, function: name, at: call.nameRange))
    case "check": return .frame(try check(x, at: call.nameRange))
    case "source":
      var out = x
      out.showProvenance = true
      return .frame(out)
    default:
      return .frame(try reduce(x, function: name, call: call))
    }
  }

  /// `yoy`, `pct`, `gap`, `met` and `attain` of a plain selector read the
  /// store's columns in place instead of copying the selection into a
  /// frame first; the result is the same table. nil for anything else.
  func evaluateOnStoreSelection(_ call: Call) throws(Diagnostic) -> Value? {
    guard useCodeKernels, ["yoy", "pct", "gap", "met", "attain"].contains(call.name),
      case .selector(let selector) = call.arguments[0], selector.name.map({ bindings[$0] == nil }) ?? true
    else { return nil }
    try checkCancelled()
    let series = try storeSelection(selector)
    let view = SeriesView(store: store, series: series)
    switch call.name {
    case "yoy", "pct":
      let n = call.name == "yoy" ? 1 : try integerArgument(call, 1, in: 1...200)
      return .frame(
        try percentChange(view, shape: .plainShape(of: store), years: n, name: call.name, at: call.nameRange))
    default:
      guard let keys = storeKeys(view) else {
        return .frame(try targetFunction(Frame.fromStore(store, series: series), function: call.name, at: call.nameRange))
      }
      return .frame(try targetFunctionByCodes(view, keys: keys, function: call.name))
    }
  }

  /// A whole-number argument within `range`.
  func integerArgument(_ call: Call, _ index: Int, in range: ClosedRange<Int>) throws(Diagnostic) -> Int {
    guard index < call.arguments.count else {
      throw error("\(call.name) is missing an argument", at: call.range)
    }
    let argument = call.arguments[index]
    let value = try evaluate(argument)
    guard case .number(let n) = value, let n, n == n.rounded(), n >= Double(range.lowerBound),
      n <= Double(range.upperBound)
    else {
      throw error(
        "\(call.name)'s \(index == 1 ? "second" : "third") argument must be a whole number from \(range.lowerBound) to \(range.upperBound); this is \(value.kindName == "a number" ? "not" : value.kindName)",
        at: argument.range)
    }
    return Int(n)
  }
}
