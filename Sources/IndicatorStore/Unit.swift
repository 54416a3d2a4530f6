/// A unit as written in a report, split into a Chinese magnitude prefix and a
/// base: `万人` is 10⁴ × 人, `亿元` is 10⁸ × 元, `万亿元` is 10¹² × 元.
///
/// Two units convert exactly when their bases are equal; the conversion is a
/// power of ten, applied to the decimal text of a value so it stays exact.
///
/// ```swift
/// let wan = Unit("万人"), ren = Unit("人")
/// wan.powerOfTen(to: ren)          // 4
/// Unit("家").powerOfTen(to: Unit("个"))   // nil: no conversion
/// ```
public struct Unit: Hashable, Sendable, CustomStringConvertible {
  /// The unit exactly as written.
  public let text: String
  public let base: String
  public let exponent: Int

  /// Magnitude prefixes, longest first.
  static let prefixes: [(String, Int)] = [
    ("万亿", 12), ("千万", 7), ("百万", 6), ("十万", 5), ("亿", 8), ("万", 4), ("千", 3),
  ]

  public init(_ text: String) {
    self.text = text
    var rest = Substring(text)
    var exponent = 0
    stripping: while true {
      for (prefix, power) in Unit.prefixes where rest.hasPrefix(prefix) && rest.count > prefix.count {
        rest = rest.dropFirst(prefix.count)
        exponent += power
        continue stripping
      }
      break
    }
    self.base = String(rest)
    self.exponent = exponent
  }

  /// The power of ten that turns a value in `self` into a value in `other`,
  /// or nil when the units do not convert.
  public func powerOfTen(to other: Unit) -> Int? {
    guard base == other.base else { return nil }
    return exponent - other.exponent
  }

  public var description: String { text }

  /// Whether the unit is a percentage (values of growth, ratio, completion).
  public var isPercent: Bool { text == "%" || text == "％" }
}

/// Exact decimal helpers: values are parsed from decimal text, and scaling
/// by a power of ten is done on the text so that 5.4万人 becomes exactly
/// 54000人.
public enum DecimalText {
  /// Parses a finite decimal (`-12.5`, `3`, `1.5e3`); nil for anything else
  /// (NaN, inf, thousands separators, text).
  @inlinable
  public static func parse(_ bytes: some Collection<UInt8>) -> Double? {
    if let fast = parseShort(bytes) { return fast }
    guard isFiniteDecimal(bytes), let value = Double(String(decoding: bytes, as: UTF8.self)) else { return nil }
    // 1e999 is well-formed but overflows to infinity: not a finite figure.
    return value.isFinite ? value : nil
  }

  /// Powers of ten that are exact doubles.
  @usableFromInline
  static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

  /// `[-+]digits[.digits]` with at most 15 significant digits, without
  /// making a String: the digits form an integer below 2⁵³ and 10^k (k ≤ 22)
  /// is exact, so one division is the correctly rounded result (Clinger's
  /// fast path). nil for anything else, which then takes the general path.
  @inlinable
  static func parseShort(_ bytes: some Collection<UInt8>) -> Double? {
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    var seenPoint = false
    var negative = false
    var first = true
    for b in bytes {
      defer { first = false }
      if b &- 48 < 10 {
        if mantissa != 0 || b != 48 { digits += 1 }
        mantissa = mantissa &* 10 &+ UInt64(b &- 48)
        if seenPoint { fraction += 1 }
      } else if b == UInt8(ascii: ".") && !seenPoint {
        seenPoint = true
      } else if first && (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) {
        negative = b == UInt8(ascii: "-")
      } else {
        return nil
      }
    }
    // Digits must exist on some side of the point (".5" and "5." are decimals, "." is not).
    guard digits <= 15, fraction <= 22, !bytes.isEmpty else { return nil }
    var sawDigit = false
    for b in bytes where b &- 48 < 10 { sawDigit = true; break }
    guard sawDigit else { return nil }
    let magnitude = Double(mantissa) / exactPowersOfTen[fraction]
    return negative ? -magnitude : magnitude
  }

  /// Whether `bytes` is `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit.
  @inlinable
  public static func isFiniteDecimal(_ bytes: some Collection<UInt8>) -> Bool {
    var it = bytes.makeIterator()
    var c = it.next()
    if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { c = it.next() }
    var digits = 0
    while let d = c, d >= 48 && d <= 57 { digits += 1; c = it.next() }
    if c == UInt8(ascii: ".") {
      c = it.next()
      while let d = c, d >= 48 && d <= 57 { digits += 1; c = it.next() }
    }
    guard digits > 0 else { return false }
    if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
      c = it.next()
      if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { c = it.next() }
      var expDigits = 0
      while let d = c, d >= 48 && d <= 57 { expDigits += 1; c = it.next() }
      guard expDigits > 0 && expDigits <= 4 else { return false }
    }
    return c == nil
  }

  /// The value of decimal `text` times 10^`power`, correctly rounded.
  public static func scaled(_ text: String, byPowerOfTen power: Int) -> Double? {
    guard isFiniteDecimal(text.utf8) else { return nil }
    if power == 0 { return Double(text) }
    // Appending an exponent keeps the conversion a single correctly rounded
    // decimal-to-binary step.
    var mantissa = Substring(text)
    var exp = 0
    if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exp = Int(mantissa[mantissa.index(after: e)...]) ?? 0
      mantissa = mantissa[..<e]
    }
    return Double("\(mantissa)e\(exp + power)")
  }

  /// The shortest decimal text that reads back as exactly `value`, without an
  /// exponent for ordinary magnitudes and without a trailing ".0".
  public static func shortest(_ value: Double) -> String {
    if value == 0 { return "0" }
    var s = value.description
    // Byte checks: this runs once per number written.
    let utf8 = s.utf8
    if utf8.count >= 2, utf8.last == UInt8(ascii: "0"), utf8[utf8.index(utf8.endIndex, offsetBy: -2)] == UInt8(ascii: ".") {
      s.removeLast(2)
    }
    if s.utf8.contains(UInt8(ascii: "e")) {
      let magnitude = abs(value)
      if magnitude >= 1e-7 && magnitude < 1e21 {
        // Expand the exponent form into plain digits.
        let parts = s.split(separator: "e")
        guard parts.count == 2, let exp = Int(parts[1]) else { return s }
        var digits = String(parts[0])
        var negative = false
        if digits.hasPrefix("-") { negative = true; digits.removeFirst() }
        let pointIndex = digits.firstIndex(of: ".").map { digits.distance(from: digits.startIndex, to: $0) } ?? digits.count
        digits.removeAll { $0 == "." }
        var point = pointIndex + exp
        if point <= 0 {
          digits = String(repeating: "0", count: -point + 1) + digits
          point = 1
        } else if point > digits.count {
          digits += String(repeating: "0", count: point - digits.count)
        }
        var result = String(digits.prefix(point))
        let frac = digits.dropFirst(point)
        if !frac.isEmpty { result += "." + frac }
        return (negative ? "-" : "") + result
      }
    }
    return s
  }
}
