import Diagnostics
import Foundation
import IndicatorStore

extension Interpreter {
  /// The one kernel behind yoy, pct, diff, lag, lead and cagr: for each row
  /// at period p, find the row of the same series at p shifted by `years`
  /// (a merge over the sorted slice, never by position) and combine the two
  /// values. A missing partner or a nil result gives no row.
  func shiftKernel(
    _ x: Frame, years: Int, name: String, unit: (Int) -> String?, derivedRate: Bool,
    withBase: Bool = false, _ combine: (_ current: Double, _ base: Double) -> Double?
  ) throws(Diagnostic) -> Frame {
    try shiftKernel(
      SeriesView(x), shape: x.emptyCopy(), years: years, name: name, unit: unit, derivedRate: derivedRate,
      withBase: withBase, combine)
  }

  /// `shiftKernel` over a view; `shape` is the empty result frame to fill
  /// (labels, origin, flags of the input).
  func shiftKernel(
    _ x: SeriesView, shape: Frame, years: Int, name: String, unit: (Int) -> String?, derivedRate: Bool,
    withBase: Bool = false, _ combine: (_ current: Double, _ base: Double) -> Double?
  ) throws(Diagnostic) -> Frame {
    var out = shape
    out.isPlain = false
    out.valueName = name
    out.extras = []
    out.isDerivedRate = derivedRate
    out.valueIsFlag = false
    out.valueRole = .value
    // Many series are split into consecutive slices run on the worker
    // threads, each into its own columns, joined in order (the same table).
    try checkCancelled()
    let slices = withBase ? 1 : sliceCount(for: x.seriesCount)
    var outputs = Self.runSliced(x.seriesCount, slices: slices) {
      Self.shift(x, series: $0, years: years, withBase: withBase, combine)
    }
    try checkCancelled()
    var partStart = 0
    for output in outputs {
      for (s, end) in zip(output.series, output.ends) {
        var header = x.series[s]
        header.unit = unit(s)
        out.series.append(header)
        out.offsets.append(partStart + end)
      }
      partStart += output.values.count
    }
    // The first slice's columns are taken (its output lets go of them, so
    // appending the others does not copy them first).
    let base = outputs[0].base
    var outPeriods = outputs[0].periods, outValues = outputs[0].values, outRows = outputs[0].rows
    outputs[0] = ShiftOutput()
    for output in outputs.dropFirst() {
      outPeriods += output.periods
      outValues += output.values
      outRows += output.rows
    }
    let storeRows = x.storeRows
    out.valid = ValidityBitmap(count: outValues.count, allValid: true)
    out.periods = StoreColumn(outPeriods)
    out.values = StoreColumn(outValues)
    out.storeRows = storeRows == nil ? nil : StoreRows(rows32: outRows)
    if withBase {
      out.extras = [Extra(name: "base", placement: .afterUnit, role: .label, cells: base.cells)]
    }
    return out
  }

  /// The shift kernel over `series` of `x`: rows at p combined with the
  /// row of the same series at p shifted by `years`.
  static func shift(
    _ x: SeriesView, series: Range<Int>, years: Int, withBase: Bool, _ combine: (Double, Double) -> Double?
  ) -> ShiftOutput {
    // The columns are taken once, not through a subscript per row.
    x.periods.withUnsafeBufferPointer { periods in
      x.values.withUnsafeBufferPointer { values in
        x.valid.words.withUnsafeBufferPointer { words in
          shift(x, series: series, years: years, withBase: withBase, periods: periods, values: values, validWords: words, combine)
        }
      }
    }
  }

  private static func shift(
    _ x: SeriesView, series: Range<Int>, years: Int, withBase: Bool, periods: UnsafeBufferPointer<Period>,
    values: UnsafeBufferPointer<Double>, validWords: UnsafeBufferPointer<UInt64>, _ combine: (Double, Double) -> Double?
  ) -> ShiftOutput {
    var out = ShiftOutput()
    let storeRows = x.storeRows
    @inline(__always) func valid(_ i: Int) -> Bool { validWords[i >> 6] & (1 << UInt64(i & 63)) != 0 }
    // The first slice reserves room for every slice's rows (pages are
    // touched only when written), so that joining the others after it does
    // not copy it into a larger array first.
    let rowCount = series.lowerBound == 0 ? x.rowCount : series.reduce(0) { $0 + x.rows(ofSeries: $1).count }
    out.periods.reserveCapacity(rowCount)
    out.values.reserveCapacity(rowCount)
    if storeRows != nil { out.rows.reserveCapacity(rowCount) }
    for s in series {
      let first = out.values.count
      let range = x.rows(ofSeries: s)
      precondition(range.upperBound <= min(periods.count, values.count, validWords.count * 64), "shift: rows past the columns")
      var j = range.lowerBound
      for i in range {
        guard valid(i), let q = periods[i].shifted(years: years) else { continue }
        // Shifting keeps the order of periods, so `j` only moves forward.
        while j < range.upperBound && periods[j] < q { j += 1 }
        guard j < range.upperBound, periods[j] == q, valid(j) else { continue }
        guard let v = combine(values[i], values[j]), v.isFinite else { continue }
        out.periods.append(periods[i])
        out.values.append(v)
        if let storeRows { out.rows.append(Int32(clamping: storeRows[i])) }
        if withBase { out.base.append(q.description) }
      }
      if out.values.count > first {
        out.series.append(s)
        out.ends.append(out.values.count)
      }
    }
    return out
  }

  /// Refuses anything but level series for yoy/pct/cagr.
  func requireLevels(_ x: Frame, function: String, at range: SourceRange) throws(Diagnostic) {
    try requireLevels(x.series, isDerivedRate: x.isDerivedRate, function: function, at: range)
  }

  func requireLevels(_ series: [SeriesHeader], isDerivedRate: Bool, function: String, at range: SourceRange)
    throws(Diagnostic)
  {
    if isDerivedRate {
      throw error(
        "\(function) needs a level series; this is already a rate in %", at: range,
        help: "use diff(x) for a change in percentage points")
    }
    for h in series {
      if let m = h.measure, m != .level {
        throw error(
          "\(function) needs a level series, but \(h.description) is a \(m.rawValue) series", at: range,
          help: "use diff(x) for a change in percentage points, or select measure=\"level\"")
      }
    }
  }

  /// `pct(x, n)`: % change vs the same period n years earlier; `yoy` is n = 1.
  func percentChange(_ x: Frame, years n: Int, name: String, at range: SourceRange) throws(Diagnostic) -> Frame {
    try percentChange(SeriesView(x), shape: x.emptyCopy(), years: n, name: name, at: range)
  }

  /// `percentChange` over a view (a selector read in place).
  func percentChange(_ x: SeriesView, shape: Frame, years n: Int, name: String, at range: SourceRange)
    throws(Diagnostic) -> Frame
  {
    try requireLevels(x.series, isDerivedRate: x.isDerivedRate, function: name, at: range)
    var out = try shiftKernel(x, shape: shape, years: -n, name: name, unit: { _ in "%" }, derivedRate: true) {
      cur, base in
      base == 0 ? nil : (cur / base - 1) * 100
    }
    out.notes.append("\(name): a period without the same period \(n == 1 ? "a year" : "\(n) years") earlier, or with a zero base, gives no row")
    return out
  }

  func difference(_ x: Frame, years n: Int) throws(Diagnostic) -> Frame {
    try shiftKernel(
      x, years: -n, name: "diff", unit: { s in x.isRate(series: s) || x.isDerivedRate ? "pp" : x.series[s].unit },
      derivedRate: false
    ) { cur, base in cur - base }
  }

  func shifted(_ x: Frame, years n: Int, name: String) throws(Diagnostic) -> Frame {
    // lag: the value n years earlier shown at p, so look n years back.
    var out = try shiftKernel(
      x, years: name == "lag" ? -n : n, name: name, unit: { s in x.series[s].unit }, derivedRate: x.isDerivedRate
    ) { _, base in base }
    out.isDerivedRate = x.isDerivedRate
    return out
  }

  func cagr(_ x: Frame, years n: Int, at range: SourceRange) throws(Diagnostic) -> Frame {
    try requireLevels(x, function: "cagr", at: range)
    return try shiftKernel(x, years: -n, name: "cagr", unit: { _ in "%" }, derivedRate: true, withBase: true) {
      cur, base in
      guard base > 0, cur >= 0 else { return nil }
      return (Foundation.pow(cur / base, 1 / Double(n)) - 1) * 100
    }
  }

  /// Applies `f` to every value; keeps labels, name and rows.
  func mapValues(_ x: Frame, _ f: (Double) -> Double?) throws(Diagnostic) -> Frame {
    var out = x
    out.isPlain = false
    for s in 0..<x.seriesCount {
      try checkCancelled()
      for i in x.rows(ofSeries: s) where x.valid[i] {
        if let v = f(x.values[i]), v.isFinite {
          out.values[i] = v
        } else {
          out.valid[i] = false
        }
      }
    }
    if out.isPlain == false && x.isPlain {
      // A transformed selector keeps its provenance rows but not the CSV shape.
      out.extras = []
    }
    return out
  }

  /// round half away from zero to `digits` decimals (negative: tens, hundreds).
  static func rounded(_ v: Double, digits: Int) -> Double {
    let factor = Foundation.pow(10, Double(digits))
    let scaled = v * factor
    guard scaled.isFinite, factor.isFinite, factor != 0 else { return v }
    let r = (scaled).rounded(.toNearestOrAwayFromZero) / factor
    return r.isFinite ? r : v
  }
}

/// What the shift kernel made for a slice of series: result columns, and
/// per result series its index in the input and the end of its rows.
struct ShiftOutput {
  var periods: [Period] = []
  var values: [Double] = []
  var rows: [Int32] = []
  var series: [Int] = []
  var ends: [Int] = []
  var base = TextColumnBuilder()
}
