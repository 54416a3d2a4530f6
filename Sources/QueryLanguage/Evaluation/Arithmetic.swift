import Diagnostics
import Foundation
import IndicatorStore

extension Interpreter {
  /// `a op b` on two numbers; division by zero and overflow give missing.
  static func arithmetic(_ op: BinaryOperator, _ a: Double?, _ b: Double?) -> Double? {
    guard let a, let b else { return nil }
    let r: Double
    switch op {
    case .add: r = a + b
    case .subtract: r = a - b
    case .multiply: r = a * b
    case .divide:
      guard b != 0 else { return nil }
      r = a / b
    default: return nil
    }
    return r.isFinite ? r : nil
  }

  /// Scalar arithmetic (the calculator) in decimal, so that
  /// `(1.08/1.09)*100` is the double nearest the exact result
  /// (99.08256880733946), not the product of two rounded steps.
  static func decimalArithmetic(_ op: BinaryOperator, _ a: Double?, _ b: Double?) -> Double? {
    guard let a, let b else { return nil }
    guard let x = Decimal(string: DecimalText.shortest(a), locale: Locale(identifier: "en_US_POSIX")),
      let y = Decimal(string: DecimalText.shortest(b), locale: Locale(identifier: "en_US_POSIX")),
      !x.isNaN, !y.isNaN
    else { return arithmetic(op, a, b) }
    var result = Decimal()
    var left = x, right = y
    let status: Decimal.CalculationError
    switch op {
    case .add: status = NSDecimalAdd(&result, &left, &right, .plain)
    case .subtract: status = NSDecimalSubtract(&result, &left, &right, .plain)
    case .multiply: status = NSDecimalMultiply(&result, &left, &right, .plain)
    case .divide:
      guard b != 0 else { return nil }
      status = NSDecimalDivide(&result, &left, &right, .plain)
    default: return nil
    }
    guard status == .noError || status == .lossOfPrecision,
      let d = Double(NSDecimalString(&result, Locale(identifier: "en_US_POSIX"))), d.isFinite
    else { return arithmetic(op, a, b) }
    return d
  }

  /// `a op b` for a comparison; nil when either side is missing.
  static func compare<T: Comparable>(_ op: BinaryOperator, _ a: T?, _ b: T?) -> Bool? {
    guard let a, let b else { return nil }
    switch op {
    case .less: return a < b
    case .lessOrEqual: return a <= b
    case .greater: return a > b
    case .greaterOrEqual: return a >= b
    case .equal: return a == b
    case .notEqual: return a != b
    default: return nil
    }
  }

  func evaluateUnary(_ op: UnaryOperator, _ inner: Expr, range: SourceRange) throws(Diagnostic) -> Value {
    let value = try evaluate(inner)
    switch (op, value) {
    case (.negate, .number(let n)): return .number(n.map { -$0 })
    case (.negate, .frame(let f)):
      guard !f.valueIsFlag else { break }
      return .frame(try mapValues(f) { -$0 })
    case (.not, .flag(let b)): return .flag(b.map { !$0 })
    default: break
    }
    throw error("'\(op.rawValue)' does not apply to \(value.kindName)", at: range)
  }

  func evaluateBinary(
    _ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, matching: LabelMatching?, operatorRange: SourceRange
  ) throws(Diagnostic) -> Value {
    let a = try evaluate(lhs)
    let b = try evaluate(rhs)
    if op == .and || op == .or {
      guard case .flag(let x) = a, case .flag(let y) = b else {
        throw error(
          "'\(op.rawValue)' combines conditions; here it has \(a.kindName) and \(b.kindName)", at: operatorRange,
          help: "use it inside where: x where value > 1 and value < 5")
      }
      return .flag(Self.logic(op, x, y))
    }
    switch (a, b) {
    case (.number(let x), .number(let y)):
      return op.isArithmetic ? .number(Self.decimalArithmetic(op, x, y)) : .flag(Self.compare(op, x, y))
    case (.text(let x), .text(let y)) where op.isComparison:
      return .flag(Self.compare(op, x, y))
    case (.flag(let x), .flag(let y)) where op == .equal || op == .notEqual:
      return .flag(x == nil || y == nil ? nil : (op == .equal) == (x == y))
    case (.frame(let f), .number(let n)):
      return .frame(try frameScalar(f, n, op, scalarOnLeft: false, at: operatorRange))
    case (.number(let n), .frame(let f)):
      return .frame(try frameScalar(f, n, op, scalarOnLeft: true, at: operatorRange))
    case (.frame(let f), .frame(let g)):
      return .frame(try frameFrame(f, g, op, matching: matching, at: operatorRange))
    default:
      break
    }
    throw error("cannot apply '\(op.rawValue)' to \(a.kindName) and \(b.kindName)", at: operatorRange)
  }

  static func logic(_ op: BinaryOperator, _ x: Bool?, _ y: Bool?) -> Bool? {
    // Three-valued logic: false and missing is false, true or missing is true.
    if op == .and {
      if x == false || y == false { return false }
      if let x, let y { return x && y }
      return nil
    }
    if x == true || y == true { return true }
    if let x, let y { return x || y }
    return nil
  }

  /// A table and a number: arithmetic maps the value column; a comparison
  /// keeps the rows where it holds (PromQL).
  func frameScalar(_ f: Frame, _ n: Double?, _ op: BinaryOperator, scalarOnLeft: Bool, at range: SourceRange)
    throws(Diagnostic) -> Frame
  {
    if f.valueIsFlag {
      throw error("'\(op.rawValue)' needs numbers; the \(f.valueName) column holds true/false", at: range)
    }
    if op.isComparison {
      return f.filtered { i in
        guard f.valid[i] else { return false }
        let v = f.values[i]
        return (scalarOnLeft ? Self.compare(op, n, v) : Self.compare(op, v, n)) ?? false
      }
    }
    var out = try mapValues(f) { v in scalarOnLeft ? Self.arithmetic(op, n, v) : Self.arithmetic(op, v, n) }
    out.valueName = "value"
    out.valueRole = .value
    if f.valueRole == .other && (op == .multiply || op == .divide) { out.valueRole = .other }
    // mapValues marks rows whose result is missing (division by zero) as
    // missing but keeps them.
    return out
  }

  /// Two tables: rows matched on shared labels (PromQL's one-to-one match).
  func frameFrame(_ a: Frame, _ b: Frame, _ op: BinaryOperator, matching: LabelMatching?, at range: SourceRange)
    throws(Diagnostic) -> Frame
  {
    if a.valueIsFlag || b.valueIsFlag {
      throw error("'\(op.rawValue)' needs numbers; a true/false column cannot take part", at: range)
    }
    let partner = try matchRows(a, b, matching: matching, at: range)
    if op.isComparison {
      return a.filtered { i in
        let j = partner[i]
        guard j >= 0 else { return false }
        return Self.compare(op, a.value(at: i), b.value(at: j)) ?? false
      }
    }
    var seriesOfRowB = [Int](repeating: 0, count: b.rowCount)
    for s in 0..<b.seriesCount { for r in b.rows(ofSeries: s) { seriesOfRowB[r] = s } }
    var out = a.emptyCopy()
    out.isPlain = false
    out.valueName = "value"
    out.valueRole = .value
    out.valueIsFlag = false
    out.extras = []
    var builder = FrameBuilder(out)
    var unmatched = 0
    for s in 0..<a.seriesCount {
      try checkCancelled()
      var header = a.series[s]
      var unitDecided = false
      builder.startSeries(header)
      for i in a.rows(ofSeries: s) {
        let j = partner[i]
        guard j >= 0 else { unmatched += 1; continue }
        if !unitDecided {
          let sb = seriesOfRowB[j]
          header.unit = Self.resultUnit(
            op, a.series[s].unit, b.series[sb].unit, rates: a.isRate(series: s) && b.isRate(series: sb))
          builder.setHeader(header)
          unitDecided = true
        }
        builder.append(period: a.periods[i], value: Self.arithmetic(op, a.value(at: i), b.value(at: j)), storeRow: a.storeRows?[i])
      }
    }
    out = builder.finish()
    out.notes = []
    if unmatched > 0 {
      out.notes.append("\(unmatched) row\(unmatched == 1 ? " on the left has" : "s on the left have") no matching row on the right")
    }
    return out
  }

  /// The unit of `a op b`: the difference of two rates is in pp.
  static func resultUnit(_ op: BinaryOperator, _ ua: String?, _ ub: String?, rates: Bool) -> String? {
    let ua = ua ?? "", ub = ub ?? ""
    switch op {
    case .add: return ua.isEmpty ? ub : ua
    case .subtract: return rates && ua != "pp" ? "pp" : (ua.isEmpty ? ub : ua)
    case .multiply:
      if ua.isEmpty { return ub }
      if ub.isEmpty { return ua }
      return "\(ua)·\(ub)"
    case .divide:
      if ua == ub { return "" }
      if ub.isEmpty { return ua }
      return "\(ua)/\(ub)"
    default: return ua
    }
  }

  /// For each row of `a`, the row of `b` it matches, or −1.
  ///
  /// Labels: all shared ones (and period) by default, minus any label that
  /// is one value on each side and differs between the sides (comparing two
  /// regions matches on the rest); `on(…)` / `ignoring(…)` override.
  func matchRows(_ a: Frame, _ b: Frame, matching: LabelMatching?, at range: SourceRange) throws(Diagnostic) -> [Int] {
    let shared = a.labels.intersection(b.labels)
    var match: LabelSet = []
    func constantDiffers(_ label: LabelSet) -> Bool {
      if label == .period {
        guard let pa = a.periods.first, let pb = b.periods.first, pa != pb else { return false }
        return !a.periods.contains { $0 != pa } && !b.periods.contains { $0 != pb }
      }
      let va = Set(a.series.map { $0.text(label) }), vb = Set(b.series.map { $0.text(label) })
      return va.count == 1 && vb.count == 1 && va != vb
    }
    if let matching {
      var listed: LabelSet = []
      for name in matching.labels {
        guard let label = LabelSet.named(name), shared.contains(label) else {
          let names = LabelSet.ordered.filter { shared.contains($0.1) }.map(\.0)
          throw error(
            "unknown label '\(name)' in \(matching.kind.rawValue)(…); both sides have \(names.joined(separator: ", "))",
            at: matching.range, help: Suggestions.didYouMean(Suggestions.closest(to: name, among: names)))
        }
        listed.insert(label)
      }
      if matching.kind == .on {
        match = listed
        if shared.contains(.period) && !constantDiffers(.period) { match.insert(.period) }
      } else {
        match = shared.subtracting(listed)
      }
    } else {
      match = shared
    }
    if matching?.kind != .on {
      for (_, label) in LabelSet.ordered where match.contains(label) && constantDiffers(label) {
        match.remove(label)
      }
    }
    let textLabels = LabelSet.ordered.filter { $0.1 != .period && match.contains($0.1) }.map(\.1)
    let usePeriod = match.contains(.period)
    var seriesKeys: [[String?]: Int] = [:]
    func key(_ h: SeriesHeader) -> Int {
      let k = textLabels.map { h.text($0) }
      if let id = seriesKeys[k] { return id }
      let id = seriesKeys.count
      seriesKeys[k] = id
      return id
    }
    struct RowKey: Hashable { var series: Int; var period: UInt32 }
    var right: [RowKey: Int] = [:]
    var clashes: [RowKey: [Int]] = [:]
    for s in 0..<b.seriesCount {
      try checkCancelled()
      let k = key(b.series[s])
      for r in b.rows(ofSeries: s) {
        let rk = RowKey(series: k, period: usePeriod ? b.periods[r].rawValue : 0)
        if let first = right[rk] {
          clashes[rk, default: [first]].append(r)
        } else {
          right[rk] = r
        }
      }
    }
    var partner = [Int](repeating: -1, count: a.rowCount)
    for s in 0..<a.seriesCount {
      try checkCancelled()
      let k = key(a.series[s])
      for r in a.rows(ofSeries: s) {
        let rk = RowKey(series: k, period: usePeriod ? a.periods[r].rawValue : 0)
        if let many = clashes[rk] {
          let described = many.prefix(3).map { describeRow(b, $0) }.joined(separator: "; ")
          let names = textLabels.compactMap { l in LabelSet.ordered.first { $0.1 == l }?.0 } + (usePeriod ? ["period"] : [])
          throw error(
            "ambiguous match: \(describeRow(a, r)) on the left matches \(many.count) rows on the right: \(described)",
            at: range,
            help: "matching on (\(names.joined(separator: ", "))); use on(…) or ignoring(…) to pick the labels that pair rows one to one")
        }
        if let j = right[rk] { partner[r] = j }
      }
    }
    return partner
  }

  func describeRow(_ f: Frame, _ row: Int) -> String {
    var s = 0
    while s + 1 < f.offsets.count - 1 && f.offsets[s + 1] <= row { s += 1 }
    let h = s < f.seriesCount ? f.series[s].description : ""
    return "\(h) \(row < f.rowCount ? f.periods[row].description : "")"
  }
}
