import Diagnostics
import IndicatorStore

/// Running state of one reduction group.
struct Accumulator {
  var count = 0
  var skipped = 0
  var sum = 0.0
  var min = Double.infinity
  var max = -Double.infinity
  var first: (Period, Double)? = nil
  var last: (Period, Double)? = nil
  var start = Int.max
  var end = Int.min
  var firstPeriod: Period? = nil
  var lastPeriod: Period? = nil

  @inline(__always)
  mutating func add(period: Period, value: Double?) {
    if let f = firstPeriod, !(period < f) {} else { firstPeriod = period }
    if let l = lastPeriod, !(l < period) {} else { lastPeriod = period }
    start = Swift.min(start, period.startMonth)
    end = Swift.max(end, period.endMonth)
    guard let value else { skipped += 1; return }
    count += 1
    sum += value
    min = Swift.min(min, value)
    max = Swift.max(max, value)
    if let f = first, !(period < f.0) {} else { first = (period, value) }
    if let l = last, !(l.0 < period) {} else { last = (period, value) }
  }

  /// Adds rows `rows` of `x` in order: exactly `add(period:value:)` per
  /// row (the sum in the same order), without an optional or an array
  /// access to the accumulator per row.
  mutating func add(rows: Range<Int>, of x: Frame) {
    // The columns are taken once, not through a subscript per row.
    x.periods.withUnsafeBufferPointer { periods in
      x.values.withUnsafeBufferPointer { values in
        x.valid.words.withUnsafeBufferPointer { words in
          precondition(
            rows.upperBound <= Swift.min(periods.count, values.count, words.count * 64), "add: rows past the columns")
          for i in rows {
            let isValid = words[i >> 6] & (1 << UInt64(i & 63)) != 0
            add(period: periods[i], value: isValid ? values[i] : nil)
          }
        }
      }
    }
  }

  /// `add(rows:of:)` for `count`: only what count's value and period read
  /// (count, skipped, first/last period, span); no values are touched.
  mutating func addCounting(rows: Range<Int>, of x: Frame) {
    guard !rows.isEmpty else { return }
    // The columns are taken once, not through a subscript per row; the
    // periods are read as 32-bit integers and the valid rows counted a word
    // at a time, so the loops vectorise.
    var minRaw = UInt32.max, maxRaw = UInt32.min
    var lowest = Int32(clamping: start), highest = Int32(clamping: end)
    var valued = 0
    x.periods.withUnsafeBufferPointer { periods in
      x.valid.words.withUnsafeBufferPointer { words in
        precondition(rows.upperBound <= Swift.min(periods.count, words.count * 64), "count: rows past the columns")
        for i in rows {
          let raw = periods[i].rawValue
          minRaw = Swift.min(minRaw, raw)
          maxRaw = Swift.max(maxRaw, raw)
          // Period's endMonth and startMonth, in 32 bits.
          let endMonth = Int32(bitPattern: raw >> 15)
          lowest = Swift.min(lowest, endMonth - Int32(bitPattern: 4095 - ((raw >> 3) & 4095)))
          highest = Swift.max(highest, endMonth)
        }
        valued = ValidityBitmap.countSet(words: words, in: rows)
      }
    }
    // Periods order by raw value: the least is the first, the greatest the last.
    if let f = firstPeriod, !(Period(rawValue: minRaw) < f) {} else { firstPeriod = Period(rawValue: minRaw) }
    if let l = lastPeriod, !(l < Period(rawValue: maxRaw)) {} else { lastPeriod = Period(rawValue: maxRaw) }
    start = Int(lowest)
    end = Int(highest)
    count += valued
    skipped += rows.count - valued
  }

  /// The reduced value; nil when the group had no values.
  func result(_ function: String) -> Double? {
    switch function {
    case "count": return Double(count)
    case "sum": return count > 0 ? sum : nil
    case "avg": return count > 0 ? sum / Double(count) : nil
    case "min": return count > 0 ? min : nil
    case "max": return count > 0 ? max : nil
    case "first": return first?.1
    case "last": return last?.1
    default: return nil
    }
  }

  /// The period a row shows: the chosen figure's for first/last, else the
  /// span from the first to the last period.
  func period(_ function: String) -> Period? {
    if function == "first", let first { return first.0 }
    if function == "last", let last { return last.0 }
    guard let firstPeriod, let lastPeriod else { return nil }
    if firstPeriod == lastPeriod { return firstPeriod }
    guard start <= end else { return nil }
    // Several periods of one year (the year and its 1—9月) span that year.
    return Period.covering(startMonth: start, endMonth: end)
  }
}

extension Interpreter {
  static let reductionNames: Set<String> = ["avg", "sum", "min", "max", "count", "first", "last"]

  /// `avg sum min max count first last`: per series over time without `by`,
  /// across series grouped by the `by` labels otherwise.
  func reduce(_ x: Frame, function: String, call: Call) throws(Diagnostic) -> Frame {
    var groupLabels: LabelSet = []
    if let grouping = call.grouping {
      for name in grouping {
        guard let label = LabelSet.named(name), x.labels.contains(label) else {
          let present = LabelSet.ordered.filter { x.labels.contains($0.1) }.map(\.0)
          throw error(
            "cannot group by '\(name)': the table's labels are \(present.joined(separator: ", "))",
            at: call.groupingRange ?? call.nameRange,
            help: Suggestions.didYouMean(Suggestions.closest(to: name, among: present)))
        }
        groupLabels.insert(label)
      }
    }
    let counting = function == "count"
    var keys: [SeriesHeader] = []
    var groupPeriods: [Period?] = []
    var accumulators: [Accumulator] = []
    /// Up to two distinct units per group: all that is read is whether it has one.
    var groupUnits: [[String]] = []
    var lastUnit: [String?] = []
    var index: [GroupKey: Int] = [:]

    var lastGroup: (key: GroupKey, group: Int)? = nil
    func group(_ key: GroupKey, header: SeriesHeader, unit: String?) -> Int {
      // Neighbouring series often share a group (`by ()`): compare before hashing.
      if let lastGroup, lastGroup.key == key { return lastGroup.group }
      if let g = index[key] {
        lastGroup = (key, g)
        return g
      }
      let g = accumulators.count
      index[key] = g
      lastGroup = (key, g)
      keys.append(header)
      groupPeriods.append(key.period.map { Period(rawValue: $0) })
      accumulators.append(Accumulator())
      groupUnits.append([])
      lastUnit.append(nil)
      return g
    }

    // `by ()` or `by (period)`: every series has the same (empty) labels,
    // made once instead of once per series.
    let noLabels = SeriesHeader(region: nil, indicator: nil, measure: nil, scenario: nil, unit: nil)
    let keepsNoLabel = groupLabels.subtracting(.period).isEmpty
    // Neighbouring series of one group are added as one run of rows
    // (accumulating is row by row): one call instead of one per series.
    var run: (group: Int, rows: Range<Int>)? = nil
    func addRun() {
      guard let run else { return }
      if counting {
        accumulators[run.group].addCounting(rows: run.rows, of: x)
      } else {
        accumulators[run.group].add(rows: run.rows, of: x)
      }
    }
    for s in 0..<x.seriesCount {
      try checkCancelled()
      let header: SeriesHeader
      if call.grouping == nil {
        header = x.series[s]
      } else if keepsNoLabel {
        header = noLabels
      } else {
        let h = x.series[s]
        header = SeriesHeader(
          region: groupLabels.contains(.region) ? h.region : nil,
          indicator: groupLabels.contains(.indicator) ? h.indicator : nil,
          measure: groupLabels.contains(.measure) ? h.measure : nil,
          scenario: groupLabels.contains(.scenario) ? h.scenario : nil,
          unit: groupLabels.contains(.unit) ? h.unit : nil)
      }
      let unit = x.series[s].unit
      let range = x.rows(ofSeries: s)
      if call.grouping == nil {
        // Each series is a group of its own: no key to hash.
        let g = accumulators.count
        keys.append(header)
        groupPeriods.append(nil)
        accumulators.append(Accumulator())
        groupUnits.append([])  // only read when grouping
        lastUnit.append(nil)
        if counting { accumulators[g].addCounting(rows: range, of: x) } else { accumulators[g].add(rows: range, of: x) }
      } else if !groupLabels.contains(.period) {
        let g = group(GroupKey(header: header, period: nil, series: -1), header: header, unit: unit)
        // Series of a group mostly share a unit: compare with the last one first.
        if let unit, unit != lastUnit[g] {
          if groupUnits[g].count < 2 && !groupUnits[g].contains(unit) { groupUnits[g].append(unit) }
          lastUnit[g] = unit
        }
        if let current = run, current.group == g, current.rows.upperBound == range.lowerBound {
          run = (g, current.rows.lowerBound..<range.upperBound)
        } else {
          addRun()
          run = (g, range)
        }
      } else {
        for i in range {
          let g = group(GroupKey(header: header, period: x.periods[i].rawValue, series: -1), header: header, unit: unit)
          if let unit, groupUnits[g].count < 2 && !groupUnits[g].contains(unit) { groupUnits[g].append(unit) }
          accumulators[g].add(period: x.periods[i], value: x.value(at: i))
        }
      }
    }
    addRun()

    var out = Frame()
    out.origin = x.origin
    out.valueName = function
    out.valueRole = function == "count" ? .other : .value
    out.isDerivedRate = x.isDerivedRate
    if call.grouping == nil {
      out.labels = x.labels
    } else {
      out.labels = groupLabels.union(.period)
      if function != "count" { out.labels.insert(.unit) }
    }
    if function == "count" { out.labels.remove(.unit) }
    var skipped = 0
    var mixedUnits = 0
    var builder = FrameBuilder(out)
    for g in 0..<accumulators.count {
      let acc = accumulators[g]
      skipped += acc.skipped
      var header = keys[g]
      // A count has no unit, whatever it counted (so sum(count(x)) has none either).
      if function == "count" { header.unit = "" }
      if call.grouping != nil, function != "count", !groupLabels.contains(.unit) {
        // The group's unit when its series agree; mixing units is noted.
        if groupUnits[g].count == 1 { header.unit = groupUnits[g].first } else if groupUnits[g].count > 1 { mixedUnits += 1 }
      }
      guard let period = groupPeriods[g] ?? acc.period(function) else { continue }
      builder.startSeries(header)
      builder.append(period: period, value: acc.result(function))
    }
    out = builder.finish()
    if skipped > 0 {
      out.notes.append("\(skipped) missing value\(skipped == 1 ? " was" : "s were") skipped")
    }
    if mixedUnits > 0 {
      out.notes.append("\(mixedUnits) group\(mixedUnits == 1 ? " mixes" : "s mix") units; group by unit to separate them")
    }
    return out
  }

  /// `rank(x)`: across series within each period, 1 = highest; ties share
  /// a rank (1, 2, 2, 4). Missing values get no rank.
  func rank(_ x: Frame) throws(Diagnostic) -> Frame {
    var byPeriod: [UInt32: [Int]] = [:]
    for s in 0..<x.seriesCount {
      try checkCancelled()
      for i in x.rows(ofSeries: s) where x.valid[i] { byPeriod[x.periods[i].rawValue, default: []].append(i) }
    }
    var ranks = [Double](repeating: 0, count: x.rowCount)
    var valid = ValidityBitmap(count: x.rowCount, allValid: false)
    for (_, rows) in byPeriod {
      try checkCancelled()
      let sorted = rows.sorted { x.values[$0] > x.values[$1] }
      var previous: Double? = nil
      var currentRank = 0
      for (k, r) in sorted.enumerated() {
        if previous != x.values[r] { currentRank = k + 1 }
        previous = x.values[r]
        ranks[r] = Double(currentRank)
        valid[r] = true
      }
    }
    var out = x
    out.isPlain = false
    out.extras = x.extras + [Extra(name: x.valueName, placement: .beforeValue, role: x.valueRole, cells: .numbers(x.values.arrayValue, x.valid))]
    out.values = StoreColumn(ranks)
    out.valid = valid
    out.valueName = "rank"
    out.valueRole = .other
    out.valueIsFlag = false
    return out
  }
}

/// A reduction group: the kept labels, plus the period when grouping by it,
/// plus the series index when reducing per series.
struct GroupKey: Hashable {
  var header: SeriesHeader
  var period: UInt32?
  var series: Int
}
