import Diagnostics
import IndicatorStore

/// (region, indicator, measure): what outcomes and targets are paired on.
struct TargetKey: Hashable {
  var region: String
  var indicator: String
  var measure: Measure
}

/// One target of a period: a number with a bound, a range, or a relative
/// target that takes another indicator's outcome.
struct ResolvedTarget {
  var low: Double?
  var high: Double?
  var bound: Bound
  var isRange: Bool
  var reference: String?

  var boundText: String { isRange ? "range" : bound.text }
}

/// A series index per scenario: a fixed slot each, no hashing on the per-row path.
struct ScenarioSlots: ExpressibleByDictionaryLiteral {
  private var slots: (Int?, Int?, Int?) = (nil, nil, nil)

  init(dictionaryLiteral elements: (Scenario, Int)...) {
    for (scenario, s) in elements { self[scenario] = s }
  }

  subscript(scenario: Scenario) -> Int? {
    get {
      switch scenario {
      case .actual: slots.0
      case .target: slots.1
      case .estimate: slots.2
      }
    }
    set {
      switch scenario {
      case .actual: slots.0 = newValue
      case .target: slots.1 = newValue
      case .estimate: slots.2 = newValue
      }
    }
  }

  /// The first filled slot, in `Scenario.allCases` order.
  var first: Int? { slots.0 ?? slots.1 ?? slots.2 }
}

extension Frame {
  /// The first row of series `s` at `period` (binary search), nil when absent.
  func row(ofSeries s: Int, period: Period) -> Int? {
    let range = rows(ofSeries: s)
    var lo = range.lowerBound, hi = range.upperBound
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      if periods[mid] < period { lo = mid + 1 } else { hi = mid }
    }
    return lo < range.upperBound && periods[lo] == period ? lo : nil
  }
}

extension Interpreter {
  static let targetFunctionNames: Set<String> = ["gap", "met", "attain"]
  /// Outcome scenarios in order of preference.
  static let outcomeScenarios: [Scenario] = [.actual, .estimate]

  /// The value of (region, indicator, measure, scenario, period) in the store.
  func storeValue(_ key: TargetKey, _ scenario: Scenario, _ period: Period) -> Double? {
    guard let s = store.series(region: key.region, indicator: key.indicator, measure: key.measure, scenario: scenario),
      let r = store.row(ofSeries: s, period: period)
    else { return nil }
    return store.value(ofRow: r)
  }

  /// Groups a frame's series by (region, indicator, measure); each group
  /// maps scenarios to the frame's series index.
  func targetGroups(_ x: Frame, function: String, at range: SourceRange) throws(Diagnostic)
    -> [(TargetKey, ScenarioSlots)]
  {
    var result: [(TargetKey, ScenarioSlots)] = []
    var index: [TargetKey: Int] = [:]
    for s in 0..<x.seriesCount {
      let h = x.series[s]
      guard let region = h.region, let indicator = h.indicator, let measure = h.measure else {
        throw error(
          "\(function) pairs outcomes with targets by region, indicator and measure; this table has lost them (reduced with by?)",
          at: range)
      }
      let key = TargetKey(region: region, indicator: indicator, measure: measure)
      // A selection lists a key's scenarios next to each other: check the last group first.
      let g: Int
      if let last = result.last, last.0 == key {
        g = result.count - 1
      } else if let known = index[key] {
        g = known
      } else {
        g = result.count
        index[key] = g
        result.append((key, [:]))
      }
      let scenario = h.scenario ?? .actual
      if result[g].1[scenario] == nil { result[g].1[scenario] = s }
    }
    return result
  }

  /// The target of `key` at `period`: from x's target series when x has one,
  /// else from the store.
  func resolveTarget(
    _ key: TargetKey, _ x: Frame, _ xTarget: Int?, _ period: Period, storeSeries: ScenarioSlots? = nil
  ) -> ResolvedTarget? {
    // At most two rows share a period (a range target); kept in locals so
    // the per-row path allocates nothing.
    typealias TargetRow = (value: Double?, bound: Bound, reference: String?)
    var first: TargetRow? = nil
    var second: TargetRow? = nil
    func add(_ row: TargetRow) {
      if first == nil { first = row } else if second == nil { second = row }
    }
    if let s = xTarget {
      guard let firstRow = x.row(ofSeries: s, period: period) else { return nil }
      var r = firstRow
      let end = x.rows(ofSeries: s).upperBound
      while r < end && x.periods[r] == period {
        var bound = Bound.exactly
        var reference: String? = nil
        // x.origin is read in place, not bound to a copy (a store copy per row is costly).
        if let storeRow = x.storeRows.flatMap({ r < $0.count ? $0[r] : nil }), storeRow >= 0,
          storeRow < (x.origin?.rowCount ?? 0), let b = x.origin?.bound(ofRow: storeRow)
        {
          bound = b
          if bound.isRelative { reference = x.origin?.reference(ofRow: storeRow) }
        }
        add((x.value(at: r), bound, reference))
        r += 1
      }
    } else {
      guard
        let s = storeSeries.map({ $0[.target] })
          ?? store.series(region: key.region, indicator: key.indicator, measure: key.measure, scenario: .target),
        let firstRow = store.row(ofSeries: s, period: period)
      else { return nil }
      var r = firstRow
      let end = store.rows(ofSeries: s).upperBound
      while r < end && store.period(ofRow: r) == period {
        let bound = store.bound(ofRow: r)
        add((store.value(ofRow: r), bound, bound.isRelative ? store.reference(ofRow: r) : nil))
        r += 1
      }
    }
    guard let first else { return nil }
    if let second {
      let pair = [first, second]
      if let low = pair.first(where: { $0.bound == .atLeast }), let high = pair.first(where: { $0.bound == .atMost }) {
        return ResolvedTarget(low: low.value, high: high.value, bound: .atLeast, isRange: true, reference: nil)
      }
    }
    let bound = first.bound == .none ? .exactly : first.bound
    return ResolvedTarget(low: first.value, high: nil, bound: bound, isRange: false, reference: first.reference)
  }

  /// The outcome of `key` at `period`: actual, falling back to estimate;
  /// each from x when x has that scenario, else from the store.
  func resolveOutcome(
    _ key: TargetKey, _ x: Frame, _ group: ScenarioSlots, _ period: Period, storeSeries: ScenarioSlots? = nil
  ) -> (Double, Scenario)? {
    for scenario in Self.outcomeScenarios {
      if let s = group[scenario] {
        if let r = x.row(ofSeries: s, period: period), let v = x.value(at: r) { return (v, scenario) }
      } else if let storeSeries {
        // Series ids looked up once per group, not per row.
        if let s = storeSeries[scenario], let r = store.row(ofSeries: s, period: period), let v = store.value(ofRow: r) {
          return (v, scenario)
        }
      } else if let v = storeValue(key, scenario, period) {
        return (v, scenario)
      }
    }
    return nil
  }

  /// The store's series of a key, for the scenarios `group` does not have
  /// (the others are never looked up in the store).
  func storeSeries(_ key: TargetKey, missingFrom group: ScenarioSlots = [:]) -> ScenarioSlots {
    var ids: ScenarioSlots = [:]
    for scenario in Scenario.allCases where group[scenario] == nil {
      ids[scenario] = store.series(region: key.region, indicator: key.indicator, measure: key.measure, scenario: scenario)
    }
    return ids
  }

  /// gap, met and attain: one row per (region, indicator, measure, period)
  /// of x that has a target.
  func targetFunction(_ x: Frame, function: String, at range: SourceRange) throws(Diagnostic) -> Frame {
    let view = SeriesView(x)
    if let keys = storeKeys(view) { return try targetFunctionByCodes(view, keys: keys, function: function) }
    let groups = try targetGroups(x, function: function, at: range)
    var out = Frame.targetResult(function)
    var builder = FrameBuilder(out)
    var outcomeKind = TextColumnBuilder()
    var outcomeValue: [Double?] = []
    var targetLow: [Double?] = []
    var targetHigh: [Double?] = []
    var boundText = TextColumnBuilder()
    var refText = TextColumnBuilder()
    var metFlags: [Bool?] = []
    var gapUnits = TextColumnBuilder()
    var anyRelative = false
    var counts = TargetCounts()

    for (key, group) in groups {
      try checkCancelled()
      // The periods of the group, in order, without repeats.
      var periods: [Period] = []
      for scenario in Scenario.allCases {
        if let s = group[scenario] { periods.append(contentsOf: x.periods[x.rows(ofSeries: s)]) }
      }
      periods.sort()
      let ids = storeSeries(key, missingFrom: group)
      // The unit of the outcomes: x's actual series, else the store's, else any of x's.
      var unit = group.first.flatMap { x.series[$0].unit } ?? ""
      if let s = group[.actual], let u = x.series[s].unit {
        unit = u
      } else if let s = ids[.actual] {
        unit = store.unit(ofSeries: s)
      }
      // The unit column is the unit of the figures (value, target); a gap
      // of rates is in percentage points, shown in its own gap_unit column.
      let gapUnit = key.measure.isRate ? "pp" : unit
      // (The store gives an indicator's scenarios one unit when theirs convert.)
      let targetUnit = group[.target].map { x.series[$0].unit ?? "" } ?? ids[.target].map { store.unit(ofSeries: $0) }
      let otherUnit = targetUnit.flatMap { $0 != unit && !$0.isEmpty && !unit.isEmpty ? $0 : nil }
      builder.startSeries(
        SeriesHeader(region: key.region, indicator: key.indicator, measure: key.measure, scenario: nil, unit: unit))
      var previous: Period? = nil
      for p in periods {
        if p == previous { continue }
        previous = p
        let outcome = resolveOutcome(key, x, group, p, storeSeries: ids)
        guard var target = resolveTarget(key, x, group[.target], p, storeSeries: ids) else {
          if outcome != nil { counts.noTarget += 1 }
          continue
        }
        if target.bound.isRelative {
          anyRelative = true
          if let ref = target.reference {
            let refKey = TargetKey(region: key.region, indicator: ref, measure: key.measure)
            target.low = storeValue(refKey, .actual, p) ?? storeValue(refKey, .estimate, p)
          }
          if target.low == nil { counts.noReference += 1 }
        }
        if outcome == nil { counts.noOutcome += 1 }
        if outcome?.1 == .estimate { counts.estimates += 1 }
        let o = outcome?.0
        // A target in a unit its outcome's does not convert to is not compared.
        if let otherUnit { counts.countOtherUnit(target: otherUnit, outcome: unit) }
        let compared = otherUnit == nil ? o : nil
        let met = isMet(compared, target, measure: key.measure)
        let result: Double?
        switch function {
        case "gap": result = gapValue(compared, target)
        case "met": result = met.map { $0 ? 1 : 0 }
        default: result = attainValue(compared, target.low, measure: key.measure)
        }
        builder.append(period: p, value: result)
        outcomeKind.append(outcome?.1.rawValue)
        outcomeValue.append(o)
        targetLow.append(target.low)
        targetHigh.append(target.isRange ? target.high : nil)
        boundText.append(target.boundText)
        refText.append(target.reference)
        metFlags.append(met)
        gapUnits.append(gapUnit)
      }
    }
    out = builder.finish()
    out.extras = [
      Extra(name: "outcome", placement: .beforeValue, role: .label, cells: outcomeKind.cells),
      Extra(name: "value", placement: .beforeValue, role: .value, cells: .numbers(outcomeValue)),
      Extra(name: "target", placement: .beforeValue, role: .value, cells: .numbers(targetLow)),
      Extra(name: "target_high", placement: .beforeValue, role: .value, cells: .numbers(targetHigh)),
      Extra(name: "bound", placement: .beforeValue, role: .label, cells: boundText.cells),
    ]
    if anyRelative { out.extras.append(Extra(name: "ref", placement: .beforeValue, role: .label, cells: refText.cells)) }
    if function == "gap" {
      out.extras.append(Extra(name: "met", placement: .afterValue, role: .other, cells: .flags(metFlags)))
      out.extras.append(Extra(name: "gap_unit", placement: .afterUnit, role: .label, cells: gapUnits.cells))
    }
    if function == "attain" { out.valueUnit = "%" }
    out.notes = targetNotes(function: function, counts)
    return out
  }

  /// Positive is better than the target.
  func gapValue(_ o: Double?, _ t: ResolvedTarget) -> Double? { Self.gapValue(o, t) }

  @inline(__always) static func gapValue(_ o: Double?, _ t: ResolvedTarget) -> Double? {
    guard let o, let low = t.low else { return nil }
    if !t.isRange && t.bound == .atMost { return low - o }
    return o - low
  }

  /// Whether the outcome meets the target; nil when either is missing.
  func isMet(_ o: Double?, _ t: ResolvedTarget, measure: Measure) -> Bool? {
    Self.isMet(o, t, measure: measure, tolerance: settings.tolerance)
  }

  /// `isMet` with the tolerance of `~` rate targets given.
  @inline(__always) static func isMet(_ o: Double?, _ t: ResolvedTarget, measure: Measure, tolerance rateTolerance: Double) -> Bool? {
    guard let o, let low = t.low else { return nil }
    // A margin so that a difference of exactly the tolerance in decimal
    // (7.3 vs 6.8) counts despite binary rounding.
    let margin = 1e-9 * max(1, abs(low))
    let tolerance = measure == .level ? 0.01 * abs(low) : rateTolerance
    if t.isRange { return o >= low - margin }
    switch t.bound {
    case .atMost: return o <= low + margin
    case .about, .withReference: return abs(o - low) <= tolerance + margin
    case .aboveReference: return o > low + margin
    case .atLeast, .exactly, .none: return o >= low - margin
    }
  }

  /// Completion in %: o/t for levels, (1+o)/(1+t) for growth rates.
  func attainValue(_ o: Double?, _ t: Double?, measure: Measure) -> Double? { Self.attainValue(o, t, measure: measure) }

  @inline(__always) static func attainValue(_ o: Double?, _ t: Double?, measure: Measure) -> Double? {
    guard let o, let t else { return nil }
    let result: Double
    // One division last, so that exact decimal operands give the correctly
    // rounded result: (100 + 8) * 100 / (100 + 9) = 99.08256880733946.
    if measure == .growth || measure == .avgGrowth {
      let denominator = 100 + t
      guard denominator != 0 else { return nil }
      result = (100 + o) * 100 / denominator
    } else {
      guard t != 0 else { return nil }
      result = o * 100 / t
    }
    return result.isFinite ? result : nil
  }

  /// `check(x)`: recompute every reported completion figure of x's
  /// (region, indicator, period) keys from the level or growth figures.
  func check(_ x: Frame, at range: SourceRange) throws(Diagnostic) -> Frame {
    // Completion rows: x's own, else the store's for x's keys and periods.
    var rows: [(region: String, indicator: String, scenario: Scenario, period: Period, reported: Double?)] = []
    let hasCompletion = x.series.contains { $0.measure == .completion }
    for s in 0..<x.seriesCount {
      try checkCancelled()
      let h = x.series[s]
      guard let region = h.region, let indicator = h.indicator else {
        throw error("check needs region and indicator labels; this table has lost them", at: range)
      }
      if hasCompletion {
        guard h.measure == .completion else { continue }
        for r in x.rows(ofSeries: s) {
          rows.append((region, indicator, h.scenario ?? .actual, x.periods[r], x.value(at: r)))
        }
      } else {
        for scenario in Scenario.allCases {
          guard
            let cs = store.series(region: region, indicator: indicator, measure: .completion, scenario: scenario)
          else { continue }
          for r in x.rows(ofSeries: s) {
            if let cr = store.row(ofSeries: cs, period: x.periods[r]) {
              rows.append((region, indicator, scenario, x.periods[r], store.value(ofRow: cr)))
            }
          }
        }
      }
    }
    // The same completion row may come from several series of x.
    var seen = Set<String>()
    var out = Frame()
    out.labels = [.region, .indicator, .scenario, .period, .unit]
    out.valueName = "difference"
    var builder = FrameBuilder(out)
    var reported: [Double?] = []
    var computed: [Double?] = []
    var basis = TextColumnBuilder()
    var agrees: [Bool?] = []
    var noBasis = 0
    for row in rows {
      let id = "\(row.region)\u{1}\(row.indicator)\u{1}\(row.scenario.rawValue)\u{1}\(row.period.rawValue)"
      guard seen.insert(id).inserted else { continue }
      var value: Double? = nil
      var how: String? = nil
      for measure in [Measure.level, .growth] {
        let key = TargetKey(region: row.region, indicator: row.indicator, measure: measure)
        guard let outcome = resolveOutcome(key, Frame(), [:], row.period),
          let target = resolveTarget(key, Frame(), nil, row.period), !target.bound.isRelative,
          let c = attainValue(outcome.0, target.low, measure: measure)
        else { continue }
        value = c
        how = measure.rawValue
        break
      }
      if value == nil { noBasis += 1 }
      builder.startSeries(
        SeriesHeader(region: row.region, indicator: row.indicator, measure: .completion, scenario: row.scenario, unit: "pp"))
      var difference: Double? = nil
      if let r = row.reported, let v = value { difference = r - v }
      builder.append(period: row.period, value: difference)
      reported.append(row.reported)
      computed.append(value)
      basis.append(how)
      agrees.append(difference.map { abs($0) <= 0.5 + 1e-9 })
    }
    out = builder.finish()
    out.extras = [
      Extra(name: "reported", placement: .beforeValue, role: .other, cells: .numbers(reported), unit: "%"),
      Extra(name: "computed", placement: .beforeValue, role: .other, cells: .numbers(computed), unit: "%"),
      Extra(name: "basis", placement: .beforeValue, role: .label, cells: basis.cells),
      Extra(name: "agrees", placement: .afterValue, role: .other, cells: .flags(agrees)),
    ]
    if noBasis > 0 {
      out.notes.append("\(noBasis) completion figure\(noBasis == 1 ? " has" : "s have") no level or growth outcome and target to recompute from")
    }
    if rows.isEmpty { out.notes.append("no reported completion figures for these series") }
    return out
  }
}

extension Frame {
  /// An empty result of `gap`, `met` or `attain`: its labels and value column.
  static func targetResult(_ function: String) -> Frame {
    var out = Frame()
    out.labels = [.region, .indicator, .measure, .period, .unit]
    out.valueName = function
    out.valueIsFlag = function == "met"
    out.valueRole = function == "attain" || function == "gap" ? .other : .value
    out.isDerivedRate = function == "attain"
    return out
  }
}
