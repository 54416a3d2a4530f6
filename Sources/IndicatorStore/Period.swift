/// A reporting period: a year, a half, a quarter, a month, a range of months
/// (a year-to-date figure such as 1—9月) or a span of years (近三年).
///
/// Periods are 4-byte values ordered chronologically by their end, then by
/// their start (a longer range that ends in the same month sorts first).
///
/// ```swift
/// let ytd = try Period.parse("2024-01..2024-09")
/// ytd.shifted(years: -1).description   // "2023-01..2023-09"
/// Period.year(2023) < Period.year(2024)   // true
/// ```
public struct Period: Hashable, Comparable, Sendable, BitwiseCopyable, CustomStringConvertible {
  public enum Kind: UInt32, Sendable, CaseIterable {
    case year = 0, half, quarter, month, monthRange, yearSpan
  }

  /// `endMonth << 15 | (4095 − spanMonths) << 3 | kind`, so that comparing
  /// raw values orders by end, then start, then kind.
  public let rawValue: UInt32

  @usableFromInline static let maxSpan: UInt32 = 4095
  /// Months are counted from year 0: `year * 12 + (month − 1)`.
  @usableFromInline static let maxYear = 9999

  @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// A period from raw bits read from outside (a snapshot file): nil unless
  /// the kind exists and the span fits the years `parse` accepts.
  public init?(validatingRawValue raw: UInt32) {
    guard Period.isValid(rawValue: raw) else { return nil }
    self.init(rawValue: raw)
  }

  /// Whether `init(validatingRawValue:)` accepts `raw`: without branches,
  /// so a check of millions of periods (a snapshot's) vectorises.
  @inline(__always) static func isValid(rawValue raw: UInt32) -> Bool {
    let endMonth = Int(raw >> 15)
    let startMonth = endMonth - Int(Period.maxSpan - ((raw >> 3) & 4095))
    let kindOK = raw & 7 < UInt32(Kind.allCases.count)
    return kindOK && (startMonth >= 12) && (endMonth < (Period.maxYear + 1) * 12)
  }

  init(kind: Kind, startMonth: Int, endMonth: Int) {
    let span = UInt32(endMonth - startMonth)
    rawValue = UInt32(endMonth) << 15 | (Period.maxSpan - span) << 3 | kind.rawValue
  }

  public var kind: Kind { Kind(rawValue: rawValue & 7) ?? .year }
  /// Month index of the last month covered (year * 12 + month − 1).
  @inlinable public var endMonth: Int { Int(rawValue >> 15) }
  @inlinable public var startMonth: Int { endMonth - Int(Period.maxSpan - ((rawValue >> 3) & 4095)) }
  public var startYear: Int { startMonth / 12 }
  public var endYear: Int { endMonth / 12 }
  public var monthCount: Int { endMonth - startMonth + 1 }

  public static func year(_ y: Int) -> Period { Period(kind: .year, startMonth: y * 12, endMonth: y * 12 + 11) }
  public static func half(_ y: Int, _ h: Int) -> Period {
    Period(kind: .half, startMonth: y * 12 + (h - 1) * 6, endMonth: y * 12 + h * 6 - 1)
  }
  public static func quarter(_ y: Int, _ q: Int) -> Period {
    Period(kind: .quarter, startMonth: y * 12 + (q - 1) * 3, endMonth: y * 12 + q * 3 - 1)
  }
  public static func month(_ y: Int, _ m: Int) -> Period {
    Period(kind: .month, startMonth: y * 12 + m - 1, endMonth: y * 12 + m - 1)
  }
  public static func months(from start: (year: Int, month: Int), to end: (year: Int, month: Int)) -> Period {
    covering(startMonth: start.year * 12 + start.month - 1, endMonth: end.year * 12 + end.month - 1)
  }
  public static func years(_ first: Int, _ last: Int) -> Period {
    covering(startMonth: first * 12, endMonth: last * 12 + 11)
  }

  /// The period of the months `startMonth...endMonth` under its calendar
  /// name: a month, a quarter, a half, a year, a span of whole years, else a
  /// range of months. The same months are one period whatever a report
  /// calls them: 1—6月 is 上半年 (`2024-01..2024-06` reads as `2024H1`), 1—3月
  /// is 一季度, 1—12月 is the year. So a 1—6月 figure compares with the
  /// year before's 上半年, and one figure cannot sit in a series twice.
  public static func covering(startMonth: Int, endMonth: Int) -> Period {
    let sameYear = startMonth / 12 == endMonth / 12
    let span = endMonth - startMonth + 1
    let kind: Kind
    switch (span, startMonth % 12) {
    case (1, _): kind = .month
    case (3, let s) where sameYear && s % 3 == 0: kind = .quarter
    case (6, let s) where sameYear && s % 6 == 0: kind = .half
    case (_, 0) where endMonth % 12 == 11: kind = sameYear ? .year : .yearSpan
    default: kind = .monthRange
    }
    return Period(kind: kind, startMonth: startMonth, endMonth: endMonth)
  }

  /// "The same period one year earlier" (or later): both ends move.
  // Inlinable: the yoy kernel shifts every row. Moving whole years keeps
  // the span and the kind, so only the end month changes in the raw bits.
  @inlinable public func shifted(years: Int) -> Period? {
    let start = startMonth + 12 * years
    let end = endMonth + 12 * years
    // Years 1…9999, the range `parse` accepts, so every period prints and parses back.
    guard start >= 12, end < (Period.maxYear + 1) * 12 else { return nil }
    return Period(rawValue: UInt32(end) << 15 | rawValue & 0x7FFF)
  }

  /// Whether this period lies within `other` (inclusive).
  public func isWithin(_ other: Period) -> Bool {
    startMonth >= other.startMonth && endMonth <= other.endMonth
  }

  @inlinable public static func < (a: Period, b: Period) -> Bool { a.rawValue < b.rawValue }

  public var description: String {
    let sy = startYear, ey = endYear
    let sm = startMonth % 12 + 1, em = endMonth % 12 + 1
    switch kind {
    case .year: return Period.pad4(ey)
    case .half: return "\(Period.pad4(ey))H\(em / 6)"
    case .quarter: return "\(Period.pad4(ey))Q\(em / 3)"
    case .month: return "\(Period.pad4(ey))-\(Period.pad2(em))"
    case .monthRange: return "\(Period.pad4(sy))-\(Period.pad2(sm))..\(Period.pad4(ey))-\(Period.pad2(em))"
    case .yearSpan: return "\(Period.pad4(sy))..\(Period.pad4(ey))"
    }
  }

  static func pad4(_ n: Int) -> String {
    let s = String(n)
    return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
  }
  static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Why a period failed to parse; the message says what is allowed.
public struct PeriodError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

extension Period {
  /// The accepted forms, for error messages.
  public static let formsHelp = "expected a period like 2023, 2023H1, 2023Q3, 2023-09, 2023-01..2023-09 or 2021..2023"

  /// Parses `2023`, `2023H1`, `2023Q3`, `2023-09`, `2023-01..2023-09`, `2021..2023`.
  public static func parse(_ text: some StringProtocol) throws(PeriodError) -> Period {
    let bytes = Array(text.utf8)
    return try parse(bytes: bytes[...])
  }

  /// Byte-level parse (the CSV reader calls this without making a String).
  public static func parse(bytes: ArraySlice<UInt8>) throws(PeriodError) -> Period {
    let text = bytes
    // Find ".."
    var dots: Int? = nil
    var i = text.startIndex
    while i + 1 < text.endIndex {
      if text[i] == UInt8(ascii: ".") && text[i + 1] == UInt8(ascii: ".") { dots = i; break }
      i += 1
    }
    if let dots {
      let left = text[text.startIndex..<dots]
      let right = text[(dots + 2)..<text.endIndex]
      let a = try parseSingle(left, whole: text)
      let b = try parseSingle(right, whole: text)
      switch (a.kind, b.kind) {
      case (.year, .year):
        guard a.startMonth <= b.startMonth else {
          throw PeriodError(message: "reversed period range '\(str(text))': the first year must not be after the last")
        }
        guard b.endMonth - a.startMonth <= Int(Period.maxSpan) else { throw tooLong(text) }
        return covering(startMonth: a.startMonth, endMonth: b.endMonth)
      case (.month, .month):
        guard a.startMonth <= b.startMonth else {
          throw PeriodError(message: "reversed period range '\(str(text))': the first month must not be after the last")
        }
        guard b.endMonth - a.startMonth <= Int(Period.maxSpan) else { throw tooLong(text) }
        return covering(startMonth: a.startMonth, endMonth: b.endMonth)
      default:
        throw PeriodError(message: "bad period '\(str(text))': a range joins two years (2021..2023) or two months (2023-01..2023-09)")
      }
    }
    return try parseSingle(text, whole: text)
  }

  /// The 4-byte layout holds spans of up to 4096 months (341 years).
  private static func tooLong(_ text: ArraySlice<UInt8>) -> PeriodError {
    PeriodError(message: "period range '\(str(text))' is too long: at most 341 years")
  }

  private static func str(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

  private static func parseSingle(_ t: ArraySlice<UInt8>, whole: ArraySlice<UInt8>) throws(PeriodError) -> Period {
    func bad() -> PeriodError { PeriodError(message: "bad period '\(str(whole))': \(formsHelp)") }
    func digits(_ s: ArraySlice<UInt8>) -> Int? {
      guard !s.isEmpty, s.count <= 4 else { return nil }
      var n = 0
      for b in s {
        guard b >= 48 && b <= 57 else { return nil }
        n = n * 10 + Int(b - 48)
      }
      return n
    }
    guard t.count >= 4, let year = digits(t.prefix(4)), t.prefix(4).count == 4 else { throw bad() }
    guard year >= 1 else { throw bad() }
    let rest = t.dropFirst(4)
    if rest.isEmpty { return .year(year) }
    guard let first = rest.first else { throw bad() }
    let tail = rest.dropFirst()
    switch first {
    case UInt8(ascii: "H"), UInt8(ascii: "h"):
      guard tail.count == 1, let h = digits(tail), (1...2).contains(h) else {
        throw PeriodError(message: "bad period '\(str(whole))': a half is H1 or H2")
      }
      return .half(year, h)
    case UInt8(ascii: "Q"), UInt8(ascii: "q"):
      guard tail.count == 1, let q = digits(tail), (1...4).contains(q) else {
        throw PeriodError(message: "bad period '\(str(whole))': a quarter is Q1 to Q4")
      }
      return .quarter(year, q)
    case UInt8(ascii: "-"):
      guard tail.count == 2, let m = digits(tail) else { throw bad() }
      guard (1...12).contains(m) else {
        throw PeriodError(message: "bad period '\(str(whole))': month must be 01 to 12")
      }
      return .month(year, m)
    default:
      throw bad()
    }
  }
}
