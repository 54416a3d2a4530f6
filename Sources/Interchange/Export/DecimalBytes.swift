import IndicatorStore

/// Writes numbers as the exact text `DecimalText.shortest` gives, straight
/// into a byte buffer: most figures (a few decimals) never become a String.
///
/// The fast path finds the fewest fraction digits k ≤ 9 whose decimal reads
/// back as the value. While |value| · 10^k < 2^50 the test is exact: the
/// product's rounding error and the value's rounding interval are each
/// below 1/8 of a unit, so at most one integer m can read back as the
/// value, and `m / 10^k` (both exact doubles) is the correctly rounded
/// reading of that decimal. The fewest fraction digits is the shortest
/// round-trip text, which is what `shortest` prints for magnitudes from
/// 1e-7 up to 1e15. Anything else takes `shortest` itself.
///
/// ```swift
/// var out: [UInt8] = []
/// DecimalBytes.append(4437.66, to: &out)   // "4437.66"
/// DecimalBytes.append(-0.05, to: &out)     // "-0.05"
/// ```
enum DecimalBytes {
  static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

  static func append(_ value: Double, to out: inout [UInt8]) {
    if value == 0 {
      out.append(UInt8(ascii: "0"))
      return
    }
    let magnitude = abs(value)
    if magnitude >= 1e-7 && magnitude < 1e15 {
      for k in 0..<powersOfTen.count {
        let scaled = magnitude * powersOfTen[k]
        guard scaled < 0x1p50 else { break }
        // Nearest integer, halves up: `scaled + 0.5` is exact below 2⁵⁰ and
        // the conversion truncates (no call into libm).
        let m = UInt64(scaled + 0.5)
        if Double(m) / powersOfTen[k] == magnitude {
          appendDigits(m, fractionDigits: k, negative: value < 0, to: &out)
          return
        }
      }
    }
    // Swift's shortest digits; `shortest`'s own changes are a trailing
    // ".0" dropped and an exponent spelled out (then it runs itself).
    let bytes = value.description.utf8
    guard !bytes.contains(UInt8(ascii: "e")) else {
      out.append(contentsOf: DecimalText.shortest(value).utf8)
      return
    }
    let n = bytes.count
    let dropPoint = n >= 2 && bytes.last == UInt8(ascii: "0") && bytes.dropLast().last == UInt8(ascii: ".")
    out.append(contentsOf: bytes.prefix(dropPoint ? n - 2 : n))
  }

  /// `m · 10^−k` in plain digits: at least one digit before the point, no
  /// point when k is 0.
  static func appendDigits(_ m: UInt64, fractionDigits k: Int, negative: Bool, to out: inout [UInt8]) {
    // Least significant digit first, then reversed in place.
    let start = out.count
    var rest = m
    for _ in 0..<k {
      out.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    }
    if k > 0 { out.append(UInt8(ascii: ".")) }
    repeat {
      out.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    if negative { out.append(UInt8(ascii: "-")) }
    // Reversed in place (reversing a slice would copy it).
    var i = start, j = out.count - 1
    while i < j {
      out.swapAt(i, j)
      i += 1
      j -= 1
    }
  }
}
