import Foundation

/// A value axis with "nice" tick values (steps of 1, 2, 2.5 or 5 × 10ⁿ).
///
/// ```swift
/// let s = Scale(values: [3.2, 7.8])
/// s.ticks            // [3, 4, 5, 6, 7, 8]
/// s.fraction(5.5)    // 0.5
/// ```
public struct Scale: Sendable, Equatable {
  public var low: Double
  public var high: Double
  public var step: Double

  /// A scale covering `values` with about `tickCount` ticks; `includeZero`
  /// for bars (a bar's length is only meaningful from zero).
  public init(values: [Double], tickCount: Int = 5, includeZero: Bool = false) {
    var lo = values.min() ?? 0
    var hi = values.max() ?? 1
    if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
    if lo == hi {
      // A flat series still needs a range to be drawn in the middle of.
      let pad = lo == 0 ? 1 : abs(lo) * 0.1
      lo -= pad
      hi += pad
    }
    let raw = (hi - lo) / Double(max(1, tickCount - 1))
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let normalized = raw / magnitude
    let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10
    step = nice * magnitude
    low = (lo / step).rounded(.down) * step
    high = (hi / step).rounded(.up) * step
    if high == low { high = low + step }
  }

  /// The tick values from low to high.
  public var ticks: [Double] {
    let n = Int(((high - low) / step).rounded())
    return (0...max(0, n)).map { low + Double($0) * step }
  }

  /// Where `value` lies, 0 at low and 1 at high.
  public func fraction(_ value: Double) -> Double { (value - low) / (high - low) }

  /// Tick labels with as many decimals as the step needs, so 2.5-steps show "2.5" and 10-steps "10".
  public func label(_ value: Double) -> String {
    // The fewest decimals that show the step exactly (2.5 needs 1, 10 needs 0).
    let decimals = (0...6).first { d in
      let scaled = step * pow(10, Double(d))
      return abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled))
    } ?? 6
    return ChartNumber.format(value, decimals: decimals)
  }
}

/// Number text for charts (the shell's NumberText lives in Shell, which
/// Charts cannot import).
///
/// ```swift
/// ChartNumber.format(2548.1)   // "2548.1"
/// ChartNumber.format(617)      // "617"
/// ```
public enum ChartNumber {
  /// Up to 4 significant decimals, trailing zeros removed; integers plain.
  public static func format(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    var text = String(format: "%.4f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// Exactly `decimals` decimals (tick labels line up).
  public static func format(_ value: Double, decimals: Int) -> String {
    let text = String(format: "%.\(decimals)f", value)
    // "-0" and "-0.0" from rounding read as a sign error.
    return text.allSatisfy { $0 == "-" || $0 == "0" || $0 == "." } ? String(text.drop { $0 == "-" }) : text
  }
}
