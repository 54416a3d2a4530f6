/// One bit per row; a set bit means the row has a value.
///
/// Missing is a bit, not a sentinel NaN, so a real NaN can never be mistaken
/// for "no figure".
///
/// ```swift
/// var bits = ValidityBitmap(count: 3, allValid: true)
/// bits[1] = false
/// bits[1]   // false
/// ```
public struct ValidityBitmap: Sendable, Hashable {
  public private(set) var words: StoreColumn<UInt64>
  public private(set) var count: Int

  public init(count: Int, allValid: Bool) {
    self.count = count
    let wordCount = (count + 63) / 64
    words = StoreColumn(repeating: allValid ? ~0 : 0, count: wordCount)
    if allValid, count % 64 != 0, !words.isEmpty {
      words[words.count - 1] = (1 << UInt64(count % 64)) - 1
    }
  }

  public init() { self.init(count: 0, allValid: true) }

  /// Bits stored elsewhere (a snapshot): `words` holds at least `count` bits;
  /// bits past `count` are cleared.
  public init(words: [UInt64], count: Int) { self.init(words: StoreColumn(words), count: count) }

  /// Bits stored elsewhere, maybe read in place from a mapped snapshot
  /// (whose reader has checked that the bits past `count` are clear, so
  /// none is written here).
  public init(words: StoreColumn<UInt64>, count: Int) {
    precondition(words.count == (count + 63) / 64, "ValidityBitmap: \(words.count) words for \(count) bits")
    self.words = words
    self.count = count
    if count % 64 != 0 {
      let mask: UInt64 = (1 << UInt64(count % 64)) - 1
      if self.words[self.words.count - 1] & ~mask != 0 { self.words[self.words.count - 1] &= mask }
    }
  }

  public subscript(i: Int) -> Bool {
    get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
    set {
      if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
    }
  }

  public mutating func append(_ valid: Bool) {
    if count & 63 == 0 { words.append(0) }
    count += 1
    self[count - 1] = valid
  }

  /// Appends every bit of `other` (a word at a time when this bitmap ends on a word boundary).
  public mutating func append(contentsOf other: ValidityBitmap) {
    if count & 63 == 0 {
      words.append(contentsOf: other.words)
      count += other.count
      return
    }
    for i in 0..<other.count { append(other[i]) }
  }

  /// How many bits of `words` in `range` are set: whole words by popcount,
  /// the partial words at either end masked.
  public static func countSet(words: UnsafeBufferPointer<UInt64>, in range: Range<Int>) -> Int {
    guard !range.isEmpty else { return 0 }
    let first = range.lowerBound >> 6, last = (range.upperBound - 1) >> 6
    precondition(last < words.count, "ValidityBitmap.countSet: range past the words")
    let low: UInt64 = ~0 << UInt64(range.lowerBound & 63)
    let high: UInt64 = ~0 >> UInt64(63 - ((range.upperBound - 1) & 63))
    if first == last { return (words[first] & low & high).nonzeroBitCount }
    var total = (words[first] & low).nonzeroBitCount + (words[last] & high).nonzeroBitCount
    for w in first + 1..<last { total += words[w].nonzeroBitCount }
    return total
  }

  /// Number of rows without a value.
  public var nullCount: Int {
    let valid = words.withUnsafeBufferPointer { $0.reduce(0) { $0 + $1.nonzeroBitCount } }
    return count - valid
  }
}
