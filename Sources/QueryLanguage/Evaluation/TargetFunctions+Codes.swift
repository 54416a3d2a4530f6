import Diagnostics
import IndicatorStore

/// (region, indicator, measure) as dictionary codes: what outcomes and
/// targets are paired on, hashed as three integers.
struct TargetCodeKey: Hashable {
  var region: Int32
  var indicator: Int32
  var measure: Measure
}

/// A cursor over one period-sorted run of rows: `seek(p)` moves to the first
/// row at or after `p`. Periods are visited in increasing order, so a
/// lookup is an amortised step forward instead of a binary search.
struct PeriodCursor {
  var position: Int
  let end: Int

  init(_ rows: Range<Int>) {
    position = rows.lowerBound
    end = rows.upperBound
  }

  /// The period of the current row, nil past the end.
  func head(in periods: [Period]) -> Period? { position < end ? periods[position] : nil }

  /// Moves past the rows at `p` (the cursor stands at or before them).
  mutating func skip(_ p: Period, in periods: [Period]) {
    while position < end && periods[position] <= p { position += 1 }
  }

  /// The first row at `p`, nil when the run has none.
  mutating func seek(_ p: Period, in periods: [Period]) -> Int? {
    while position < end && periods[position] < p { position += 1 }
    return position < end && periods[position] == p ? position : nil
  }
}

/// Dictionary codes handed out on first use, for a column of a few known
/// texts (outcome kinds, bounds), so the dictionary lists them in order of
/// first appearance as `TextColumnBuilder` does.
struct FirstUseCodes {
  var builder = TextColumnBuilder()
  private var codes: [Int32]
  private let texts: [String]

  init(_ texts: [String], capacity: Int) {
    self.texts = texts
    codes = Array(repeating: -1, count: texts.count)
    builder.codes.reserveCapacity(capacity)
  }

  @inline(__always) mutating func append(_ k: Int) {
    if codes[k] < 0 { codes[k] = builder.intern(texts[k]) }
    builder.append(code: codes[k])
  }
  @inline(__always) mutating func appendEmpty() { builder.append(code: -1) }
  var cells: ExtraCells { builder.cells }
}

extension Interpreter {
  /// The store key of every series of `x`, when every header came straight
  /// from `x.origin` and that store's region and indicator codes are the
  /// interpreter store's; nil otherwise (the string path then runs).
  func storeKeys(_ x: Frame) -> [SeriesKey]? {
    guard useCodeKernels, let origin = x.origin, origin.regions.strings == store.regions.strings,
      origin.indicators.strings == store.indicators.strings
    else { return nil }
    var keys: [SeriesKey] = []
    keys.reserveCapacity(x.seriesCount)
    for h in x.series {
      guard let id = h.storeSeries, id >= 0, Int(id) < origin.seriesCount, h.region != nil, h.indicator != nil,
        h.measure != nil
      else { return nil }
      keys.append(origin.seriesKeys[Int(id)])
    }
    return keys
  }

  /// gap, met and attain over dictionary codes: the same rows, columns and
  /// notes as the string path (`targetFunction`), with series grouped by
  /// integer keys, store series found by integer lookups once per group,
  /// and each group's periods walked with cursors in one merge.
  ///
  /// - Complexity: O(rows of x + rows of the store series looked up).
  func targetFunctionByCodes(_ x: Frame, keys: [SeriesKey], function: String) throws(Diagnostic) -> Frame {
    // Groups in order of first appearance; scenarios to x's series.
    var groups: [(key: TargetCodeKey, first: Int, slots: ScenarioSlots)] = []
    var index: [TargetCodeKey: Int] = [:]
    index.reserveCapacity(x.seriesCount)
    for s in 0..<x.seriesCount {
      let k = keys[s]
      let key = TargetCodeKey(region: k.region, indicator: k.indicator, measure: k.measure)
      let g: Int
      if let last = groups.last, last.key == key {
        g = groups.count - 1
      } else if let known = index[key] {
        g = known
      } else {
        g = groups.count
        index[key] = g
        groups.append((key, s, [:]))
      }
      if groups[g].slots[k.scenario] == nil { groups[g].slots[k.scenario] = s }
    }

    // One copy of the store for the whole pass: reading the interpreter's
    // property per lookup copies (retains) every column each time.
    let store = self.store
    let tolerance = settings.tolerance
    let xPeriods = x.periods, xValues = x.values, xValid = ValidBits(x.valid)
    let storePeriods = store.periods, storeValues = store.values, storeValid = ValidBits(store.validity)
    let storeBounds = store.bounds
    // The origin's columns read in place: binding the optional store per
    // row would copy (retain) every one of its arrays.
    let originRowCount = x.origin?.rowCount ?? 0
    let originBounds = x.origin?.bounds ?? IndicatorStore().bounds
    let storeRows = x.storeRows ?? []

    var out = Frame()
    out.labels = [.region, .indicator, .measure, .period, .unit]
    out.valueName = function
    out.valueIsFlag = function == "met"
    out.valueRole = function == "attain" || function == "gap" ? .other : .value
    out.isDerivedRate = function == "attain"
    // At most one row per row of x: every column is reserved once.
    let capacity = x.rowCount
    var periods: [Period] = [], values: [Double] = [], valid: [Bool] = []
    var outcomeKind = FirstUseCodes([Scenario.actual.rawValue, Scenario.estimate.rawValue], capacity: capacity)
    var outcomeValue: [Double] = [], outcomeValid: [Bool] = []
    var targetLow: [Double] = [], targetLowValid: [Bool] = []
    var targetHigh: [Double] = [], targetHighValid: [Bool] = []
    // Bound texts by raw value, then "range".
    var boundText = FirstUseCodes(Bound.allCases.map(\.text) + ["range"], capacity: capacity)
    var refText = TextColumnBuilder()
    var metFlags: [Bool?] = []
    var gapUnits = TextColumnBuilder()
    do {
      periods.reserveCapacity(capacity)
      values.reserveCapacity(capacity)
      valid.reserveCapacity(capacity)
      outcomeValue.reserveCapacity(capacity)
      outcomeValid.reserveCapacity(capacity)
      targetLow.reserveCapacity(capacity)
      targetLowValid.reserveCapacity(capacity)
      targetHigh.reserveCapacity(capacity)
      targetHighValid.reserveCapacity(capacity)
      refText.codes.reserveCapacity(capacity)
      metFlags.reserveCapacity(capacity)
      gapUnits.codes.reserveCapacity(capacity)
    }
    var anyRelative = false
    var estimates = 0, noOutcome = 0, noTarget = 0, noReference = 0

    for group in groups {
      try checkCancelled()
      let slots = group.slots
      let h = x.series[group.first]
      let region = h.region ?? "", indicator = h.indicator ?? ""
      let measure = group.key.measure
      // The store's series for the scenarios x lacks.
      var ids: ScenarioSlots = [:]
      for scenario in Scenario.allCases where slots[scenario] == nil {
        ids[scenario] = store.series(
          key: SeriesKey(region: group.key.region, indicator: group.key.indicator, measure: measure, scenario: scenario))
      }
      var unit = slots.first.flatMap { x.series[$0].unit } ?? ""
      if let s = slots[.actual], let u = x.series[s].unit {
        unit = u
      } else if let s = ids[.actual] {
        unit = store.unit(ofSeries: s)
      }
      let gapUnitCode = gapUnits.intern(measure.isRate ? "pp" : unit)
      let firstRow = values.count

      // Cursors over x's series of the group (the periods walked) and the store's.
      var xActual = slots[.actual].map { PeriodCursor(x.rows(ofSeries: $0)) }
      var xTarget = slots[.target].map { PeriodCursor(x.rows(ofSeries: $0)) }
      var xEstimate = slots[.estimate].map { PeriodCursor(x.rows(ofSeries: $0)) }
      var sActual = ids[.actual].map { PeriodCursor(store.rows(ofSeries: $0)) }
      var sTarget = ids[.target].map { PeriodCursor(store.rows(ofSeries: $0)) }
      var sEstimate = ids[.estimate].map { PeriodCursor(store.rows(ofSeries: $0)) }

      while true {
        // The next period of any of x's series: the sorted union, without repeats.
        var next = xActual?.head(in: xPeriods)
        if let q = xTarget?.head(in: xPeriods), next.map({ q < $0 }) ?? true { next = q }
        if let q = xEstimate?.head(in: xPeriods), next.map({ q < $0 }) ?? true { next = q }
        guard let p = next else { break }

        // The outcome: actual, else estimate; each from x when x has that scenario.
        var outcome: (Double, Scenario)? = nil
        if xActual != nil {
          if let r = xActual?.seek(p, in: xPeriods), xValid[r] { outcome = (xValues[r], .actual) }
        } else if let r = sActual?.seek(p, in: storePeriods), storeValid[r] {
          outcome = (storeValues[r], .actual)
        }
        if outcome == nil {
          if xEstimate != nil {
            if let r = xEstimate?.seek(p, in: xPeriods), xValid[r] { outcome = (xValues[r], .estimate) }
          } else if let r = sEstimate?.seek(p, in: storePeriods), storeValid[r] {
            outcome = (storeValues[r], .estimate)
          }
        }

        // The target rows at p (at most two count: a range).
        typealias TargetRow = (value: Double?, bound: Bound, reference: String?)
        var first: TargetRow? = nil
        var second: TargetRow? = nil
        if xTarget != nil {
          if let r0 = xTarget?.seek(p, in: xPeriods) {
            var r = r0
            let end = xTarget?.end ?? r0
            while r < end && xPeriods[r] == p {
              var bound = Bound.exactly
              var reference: String? = nil
              if r < storeRows.count, storeRows[r] >= 0, storeRows[r] < originRowCount {
                bound = originBounds[storeRows[r]]
                if bound.isRelative { reference = x.origin?.reference(ofRow: storeRows[r]) }
              }
              let row: TargetRow = (xValid[r] ? xValues[r] : nil, bound, reference)
              if first == nil { first = row } else if second == nil { second = row }
              r += 1
            }
          }
        } else if let r0 = sTarget?.seek(p, in: storePeriods) {
          var r = r0
          let end = sTarget?.end ?? r0
          while r < end && storePeriods[r] == p {
            let bound = storeBounds[r]
            let row: TargetRow = (
              storeValid[r] ? storeValues[r] : nil, bound, bound.isRelative ? store.reference(ofRow: r) : nil
            )
            if first == nil { first = row } else if second == nil { second = row }
            r += 1
          }
        }

        // Past p in every series of x.
        xActual?.skip(p, in: xPeriods)
        xTarget?.skip(p, in: xPeriods)
        xEstimate?.skip(p, in: xPeriods)

        guard let firstTarget = first else {
          if outcome != nil { noTarget += 1 }
          continue
        }
        var target: ResolvedTarget
        if let second, let low = [firstTarget, second].first(where: { $0.bound == .atLeast }),
          let high = [firstTarget, second].first(where: { $0.bound == .atMost })
        {
          target = ResolvedTarget(low: low.value, high: high.value, bound: .atLeast, isRange: true, reference: nil)
        } else {
          let bound = firstTarget.bound == .none ? .exactly : firstTarget.bound
          target = ResolvedTarget(
            low: firstTarget.value, high: nil, bound: bound, isRange: false, reference: firstTarget.reference)
        }
        if target.bound.isRelative {
          anyRelative = true
          if let ref = target.reference {
            let refKey = TargetKey(region: region, indicator: ref, measure: measure)
            target.low = storeValue(refKey, .actual, p) ?? storeValue(refKey, .estimate, p)
          }
          if target.low == nil { noReference += 1 }
        }
        if outcome == nil { noOutcome += 1 }
        if outcome?.1 == .estimate { estimates += 1 }
        let o = outcome?.0
        let met = Self.isMet(o, target, measure: measure, tolerance: tolerance)
        let result: Double?
        switch function {
        case "gap": result = gapValue(o, target)
        case "met": result = met.map { $0 ? 1 : 0 }
        default: result = attainValue(o, target.low, measure: measure)
        }
        periods.append(p)
        values.append(result ?? 0)
        valid.append(result != nil)
        switch outcome?.1 {
        case .actual: outcomeKind.append(0)
        case .estimate: outcomeKind.append(1)
        default: outcomeKind.appendEmpty()
        }
        outcomeValue.append(o ?? 0)
        outcomeValid.append(o != nil)
        targetLow.append(target.low ?? 0)
        targetLowValid.append(target.low != nil)
        let high = target.isRange ? target.high : nil
        targetHigh.append(high ?? 0)
        targetHighValid.append(high != nil)
        if target.isRange { boundText.append(Bound.allCases.count) } else { boundText.append(Int(target.bound.rawValue)) }
        if let reference = target.reference { refText.append(reference) } else { refText.append(code: -1) }
        metFlags.append(met)
        gapUnits.append(code: gapUnitCode)
      }
      if values.count > firstRow {
        out.series.append(
          SeriesHeader(region: region, indicator: indicator, measure: measure, scenario: nil, unit: unit))
        out.offsets.append(values.count)
      }
    }
    out.periods = periods
    out.values = values
    out.valid = ValidityBitmap(valid)
    out.extras = [
      Extra(name: "outcome", placement: .beforeValue, role: .label, cells: outcomeKind.cells),
      Extra(name: "value", placement: .beforeValue, role: .value, cells: .numbers(outcomeValue, ValidityBitmap(outcomeValid))),
      Extra(name: "target", placement: .beforeValue, role: .value, cells: .numbers(targetLow, ValidityBitmap(targetLowValid))),
      Extra(name: "target_high", placement: .beforeValue, role: .value, cells: .numbers(targetHigh, ValidityBitmap(targetHighValid))),
      Extra(name: "bound", placement: .beforeValue, role: .label, cells: boundText.cells),
    ]
    if anyRelative { out.extras.append(Extra(name: "ref", placement: .beforeValue, role: .label, cells: refText.cells)) }
    if function == "gap" {
      out.extras.append(Extra(name: "met", placement: .afterValue, role: .other, cells: .flags(metFlags)))
      out.extras.append(Extra(name: "gap_unit", placement: .afterUnit, role: .label, cells: gapUnits.cells))
    }
    if function == "attain" { out.valueUnit = "%" }
    out.notes = targetNotes(
      function: function, estimates: estimates, noOutcome: noOutcome, noReference: noReference, noTarget: noTarget)
    return out
  }

  /// The notes under a gap/met/attain result.
  func targetNotes(function: String, estimates: Int, noOutcome: Int, noReference: Int, noTarget: Int) -> [String] {
    var notes: [String] = []
    if estimates > 0 {
      notes.append("\(estimates) outcome\(estimates == 1 ? " is an estimate" : "s are estimates") (预计)")
    }
    if noOutcome > 0 {
      notes.append("\(noOutcome) target\(noOutcome == 1 ? " has" : "s have") no outcome (actual or estimate); outcome and \(function) are empty")
    }
    if noReference > 0 {
      notes.append("\(noReference) relative target\(noReference == 1 ? " has" : "s have") no outcome of the reference indicator")
    }
    if noTarget > 0 {
      notes.append("\(noTarget) outcome\(noTarget == 1 ? " has" : "s have") no target for the same period and \(noTarget == 1 ? "is" : "are") not shown")
    }
    return notes
  }
}
