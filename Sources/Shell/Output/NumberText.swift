import IndicatorStore

/// Number text for the screen: "sensible precision", never an exponent.
///
/// - A number whose shortest round-trip text has at most 4 decimals is shown
///   exactly: `7.8`, `103.72`, `0.0001`.
/// - Otherwise numbers of magnitude 0.1 and up are rounded to 2 decimals
///   (`99.0825688` → `99.08`), and smaller ones keep 3 significant digits
///   (`0.0123456` → `0.0123`), so a tiny rate never shows as `0`.
/// - Rounding is done on the decimal text (half away from zero), so what
///   the user reads as `0.125` rounds to `0.13`; trailing zeros are dropped.
///
/// ```swift
/// NumberText.display(99.0825688)   // "99.08"
/// NumberText.display(1e-9)         // "0.000000001"
/// ```
public enum NumberText {
  /// Screen text for `value`.
  public static func display(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return "0" }
    guard var decimal = DecimalDigits(value) else { return DecimalText.shortest(value) }
    if decimal.fractionDigits > 4 {
      let keep = abs(value) >= 0.1 ? decimal.point + 2 : 3
      decimal.round(keepingDigits: keep)
    }
    return decimal.text
  }
}

/// A finite non-zero number as decimal digits: value = ±0.d₀d₁… × 10^point.
struct DecimalDigits {
  var negative: Bool
  /// Significant digits, no leading or trailing zeros.
  var digits: [UInt8]
  /// Digits before the decimal point (may be ≤ 0 or more than `digits.count`).
  var point: Int

  /// Parses Swift's shortest round-trip description ("12.5", "1.25e-08").
  init?(_ value: Double) {
    let description = "\(value)"
    var mantissa = Substring(description)
    var exponent = 0
    if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = description[..<e]
      guard let parsed = Int(description[description.index(after: e)...]) else { return nil }
      exponent = parsed
    }
    negative = mantissa.hasPrefix("-")
    if negative { mantissa = mantissa.dropFirst() }
    var all: [UInt8] = []
    var beforePoint = 0
    var seenPoint = false
    for c in mantissa {
      if c == "." {
        seenPoint = true
        continue
      }
      guard let d = c.wholeNumberValue else { return nil }
      all.append(UInt8(d))
      if !seenPoint { beforePoint += 1 }
    }
    var point = beforePoint + exponent
    while let first = all.first, first == 0 {
      all.removeFirst()
      point -= 1
    }
    while let last = all.last, last == 0 { all.removeLast() }
    guard !all.isEmpty else { return nil }
    digits = all
    self.point = point
  }

  /// How many digits follow the decimal point.
  var fractionDigits: Int { max(0, digits.count - point) }

  /// Rounds half away from zero so that only the first `keep` digits remain.
  mutating func round(keepingDigits keep: Int) {
    guard keep < digits.count else { return }
    guard keep >= 0 else {
      digits = []
      return
    }
    let roundUp = digits[keep] >= 5
    digits.removeSubrange(keep...)
    if roundUp {
      var i = digits.count - 1
      while i >= 0 {
        if digits[i] == 9 {
          digits[i] = 0
          i -= 1
        } else {
          digits[i] += 1
          break
        }
      }
      if i < 0 {
        // 9.99 → 10.0: a new leading digit.
        digits.insert(1, at: 0)
        point += 1
      }
    }
    while let last = digits.last, last == 0 { digits.removeLast() }
  }

  /// Plain decimal text, no exponent.
  var text: String {
    if digits.isEmpty { return "0" }
    let body = digits.map { String($0) }.joined()
    var result: String
    if point <= 0 {
      result = "0." + String(repeating: "0", count: -point) + body
    } else if point >= digits.count {
      result = body + String(repeating: "0", count: point - digits.count)
    } else {
      let cut = body.index(body.startIndex, offsetBy: point)
      result = body[..<cut] + "." + body[cut...]
    }
    return (negative ? "-" : "") + result
  }
}
