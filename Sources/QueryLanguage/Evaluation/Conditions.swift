import Diagnostics
import IndicatorStore

/// A `where` operand: a whole column of the filtered table, or a constant.
enum RowValue {
  case numbers([Double], ValidityBitmap)
  case texts([Int32], [String])
  case periods([Period])
  case flags([Bool?])
  case number(Double?)
  case text(String)
  case flag(Bool?)

  var kindName: String {
    switch self {
    case .numbers, .number: return "a number"
    case .texts, .text: return "text"
    case .periods: return "a period"
    case .flags, .flag: return "true/false"
    }
  }

  var isNumeric: Bool {
    switch self {
    case .numbers, .number: return true
    default: return false
    }
  }

  func number(_ i: Int) -> Double? {
    switch self {
    case .numbers(let v, let valid): return valid[i] ? v[i] : nil
    case .number(let n): return n
    default: return nil
    }
  }

  func flag(_ i: Int) -> Bool? {
    switch self {
    case .flags(let f): return f[i]
    case .flag(let f): return f
    default: return nil
    }
  }
}

extension Frame {
  /// Column names a `where` condition can use.
  var conditionColumnNames: [String] {
    var names = LabelSet.ordered.filter { labels.contains($0.1) }.map(\.0)
    names.append(valueName)
    names += extras.map(\.name)
    if isPlain { names += ["bound", "source", "quote", "ref"] }
    return names
  }

  /// A column by name, as a `where` operand.
  func conditionColumn(_ name: String) -> RowValue? {
    if let label = LabelSet.named(name), labels.contains(label) {
      if label == .period { return .periods(periods.arrayValue) }
      let column = labelColumn(name) { $0.text(label) }
      if case .text(let codes, let dictionary) = column.cells { return .texts(codes, dictionary) }
      return nil
    }
    if name == valueName {
      if valueIsFlag {
        return .flags((0..<rowCount).map { valid[$0] ? values[$0] != 0 : nil })
      }
      return .numbers(values.arrayValue, valid)
    }
    if let extra = extras.first(where: { $0.name == name }) {
      switch extra.cells {
      case .numbers(let v, let valid): return .numbers(v, valid)
      case .texts(let codes, let dict): return .texts(codes, dict)
      case .flags(let f): return .flags(f)
      }
    }
    if isPlain, ["bound", "source", "quote", "ref"].contains(name) {
      let column = storeColumn(name, role: .label) { store, r in
        switch name {
        case "bound": return store.bound(ofRow: r).text
        case "source": return store.source(ofRow: r)
        case "quote": return store.quote(ofRow: r)
        default: return store.reference(ofRow: r)
        }
      }
      if case .text(let codes, let dictionary) = column.cells { return .texts(codes, dictionary) }
    }
    // `value` names the main value column whatever the function called it.
    if name == "value" { return conditionColumn(valueName) }
    return nil
  }
}

extension Interpreter {
  /// Evaluates a `where` condition per row of `frame`: which rows to keep.
  func evaluateCondition(_ condition: Expr, on frame: Frame) throws(Diagnostic) -> [Bool] {
    let result = try rowEvaluate(condition, frame)
    switch result {
    case .flags(let f): return f.map { $0 ?? false }
    case .flag(let f): return [Bool](repeating: f ?? false, count: frame.rowCount)
    default:
      throw error(
        "a where condition must be true or false for each row; this is \(result.kindName)", at: condition.range,
        help: "compare a column: where \(frame.valueName) < 0")
    }
  }

  func rowEvaluate(_ expr: Expr, _ frame: Frame) throws(Diagnostic) -> RowValue {
    try checkCancelled()
    let n = frame.rowCount
    switch expr {
    case .number(let x, _): return .number(x.isFinite ? x : nil)
    case .string(let s, _): return .text(s)
    case .name(let name, let range):
      if let bound = bindings[name] {
        switch bound {
        case .number(let x): return .number(x)
        case .text(let s): return .text(s)
        case .flag(let f): return .flag(f)
        case .frame: break  // a column of the same name wins; a table is no operand
        }
      }
      if let column = frame.conditionColumn(name) { return column }
      if name == "true" { return .flag(true) }
      if name == "false" { return .flag(false) }
      if bindings[name] != nil {
        throw error("'\(name)' is a table; a where condition compares the columns of the filtered table", at: range)
      }
      let columns = frame.conditionColumnNames
      throw error(
        "unknown column '\(name)'; the table has \(columns.joined(separator: ", "))", at: range,
        help: Suggestions.didYouMean(Suggestions.closest(to: name, among: columns + bindingNames)))
    case .unary(let op, let inner, let range):
      let v = try rowEvaluate(inner, frame)
      switch (op, v) {
      case (.negate, .number(let x)): return .number(x.map { -$0 })
      case (.negate, .numbers(let values, let valid)): return .numbers(values.map { -$0 }, valid)
      case (.not, .flag(let f)): return .flag(f.map { !$0 })
      case (.not, .flags(let f)): return .flags(f.map { $0.map { !$0 } })
      default: throw error("'\(op.rawValue)' does not apply to \(v.kindName)", at: range)
      }
    case .binary(let op, let lhs, let rhs, _, let opRange):
      let a = try rowEvaluate(lhs, frame)
      let b = try rowEvaluate(rhs, frame)
      if op == .and || op == .or {
        guard case .flags = a.normalizedFlags(n), case .flags = b.normalizedFlags(n) else {
          throw error("'\(op.rawValue)' combines conditions; here it has \(a.kindName) and \(b.kindName)", at: opRange)
        }
        return .flags((0..<n).map { Self.logic(op, a.flag($0), b.flag($0)) })
      }
      if op.isArithmetic {
        guard a.isNumeric, b.isNumeric else {
          throw error("'\(op.rawValue)' needs numbers; here it has \(a.kindName) and \(b.kindName)", at: opRange)
        }
        if case .number(let x) = a, case .number(let y) = b { return .number(Self.arithmetic(op, x, y)) }
        var values = [Double](repeating: 0, count: n)
        var valid = ValidityBitmap(count: n, allValid: true)
        for i in 0..<n {
          if let r = Self.arithmetic(op, a.number(i), b.number(i)) { values[i] = r } else { valid[i] = false }
        }
        return .numbers(values, valid)
      }
      return try rowCompare(op, a, b, n: n, at: opRange)
    case .call(let call):
      guard call.name == "abs" || call.name == "round", call.grouping == nil else {
        throw error(
          "only abs and round work on the columns inside where; '\(call.name)' works on tables", at: call.nameRange,
          help: "apply it before where: \(call.name)(x) where …")
      }
      let expected = call.name == "abs" ? 1 : 2
      guard call.arguments.count == expected else {
        throw error(call.name == "abs" ? "abs expects (x)" : "round expects (x, digits)", at: call.range)
      }
      let v = try rowEvaluate(call.arguments[0], frame)
      var digits = 0
      if call.name == "round" {
        guard case .number(let d) = try rowEvaluate(call.arguments[1], frame), let d, d == d.rounded(), abs(d) <= 15
        else { throw error("round's digits must be a whole number from -15 to 15", at: call.arguments[1].range) }
        digits = Int(d)
      }
      let f: (Double) -> Double = call.name == "abs" ? { Swift.abs($0) } : { Self.rounded($0, digits: digits) }
      switch v {
      case .number(let x): return .number(x.map(f))
      case .numbers(let values, let valid): return .numbers(values.map(f), valid)
      default: throw error("\(call.name) needs a number; this is \(v.kindName)", at: call.arguments[0].range)
      }
    case .selector, .slice, .filter:
      throw error(
        "a where condition works on the columns of the filtered table; this is a table expression", at: expr.range,
        help: "use column names: where \(frame.valueName) > 0")
    }
  }

  func rowCompare(_ op: BinaryOperator, _ a: RowValue, _ b: RowValue, n: Int, at range: SourceRange)
    throws(Diagnostic) -> RowValue
  {
    // Numbers.
    if a.isNumeric && b.isNumeric {
      if case .numbers(let values, let valid) = a, case .number(let y) = b {
        // The common case (`where yoy < 0`): one pass, no per-row closures.
        guard let y else { return .flags([Bool?](repeating: nil, count: n)) }
        var out = [Bool?](repeating: nil, count: n)
        for i in 0..<n where valid[i] { out[i] = Self.compare(op, values[i], y) }
        return .flags(out)
      }
      return .flags((0..<n).map { Self.compare(op, a.number($0), b.number($0)) })
    }
    // Periods against a period, a year number or period text.
    if case .periods(let ps) = a { return .flags(try comparePeriods(op, ps, b, flipped: false, at: range)) }
    if case .periods(let ps) = b { return .flags(try comparePeriods(op, ps, a, flipped: true, at: range)) }
    // Text.
    switch (a, b) {
    case (.texts(let codes, let dict), .text(let s)):
      let hits = dict.map { Self.compare(op, $0, s) }
      return .flags(codes.map { $0 >= 0 && Int($0) < hits.count ? hits[Int($0)] : Self.compare(op, "", s) })
    case (.text(let s), .texts(let codes, let dict)):
      let hits = dict.map { Self.compare(op, s, $0) }
      return .flags(codes.map { $0 >= 0 && Int($0) < hits.count ? hits[Int($0)] : Self.compare(op, s, "") })
    case (.texts(let c1, let d1), .texts(let c2, let d2)):
      return .flags(
        (0..<n).map { i in
          let x = c1[i] >= 0 ? d1[Int(c1[i])] : ""
          let y = c2[i] >= 0 ? d2[Int(c2[i])] : ""
          return Self.compare(op, x, y)
        })
    case (.text(let x), .text(let y)):
      return .flag(Self.compare(op, x, y))
    default: break
    }
    // Flags: only == and !=.
    if op == .equal || op == .notEqual, case .flags = a.normalizedFlags(n), case .flags = b.normalizedFlags(n) {
      return .flags(
        (0..<n).map { i in
          guard let x = a.flag(i), let y = b.flag(i) else { return nil }
          return (x == y) == (op == .equal)
        })
    }
    throw error("cannot compare \(a.kindName) with \(b.kindName) using '\(op.rawValue)'", at: range)
  }

  func comparePeriods(_ op: BinaryOperator, _ ps: [Period], _ other: RowValue, flipped: Bool, at range: SourceRange)
    throws(Diagnostic) -> [Bool?]
  {
    let p: Period
    switch other {
    case .number(let x):
      guard let x, x == x.rounded(), x >= 1, x <= 9999 else {
        throw error("a period compares with a year such as 2023 or a period in quotes", at: range)
      }
      p = .year(Int(x))
    case .text(let s):
      do { p = try Period.parse(s) } catch { throw self.error(error.message, at: range) }
    case .periods(let qs):
      return (0..<ps.count).map { flipped ? Self.compare(op, qs[$0], ps[$0]) : Self.compare(op, ps[$0], qs[$0]) }
    default:
      throw error("cannot compare a period with \(other.kindName)", at: range)
    }
    return ps.map { flipped ? Self.compare(op, p, $0) : Self.compare(op, $0, p) }
  }
}

extension RowValue {
  /// `.flags` when this is a flag operand, else self (for kind checks).
  func normalizedFlags(_ n: Int) -> RowValue {
    switch self {
    case .flag(let f): return .flags([Bool?](repeating: f, count: n))
    default: return self
    }
  }
}
