/// The quote text of every row of a store, kept where it already is when
/// possible.
///
/// Two layouts:
/// - **bounds**: one run of bytes and a start and an end per row, as a
///   snapshot holds them (read in place from its mapping);
/// - **located**: a 64-bit locator per row (`QuoteLocator`), either an
///   (offset, length) into a data file mapped for the session — a quote
///   that needed no unescaping is not copied at load — or the offset of a
///   copy in the column's own bytes (a field with doubled quotes, a store
///   built row by row).
///
/// Either way a row's text reads the same, through `string(ofRow:)` or
/// `withUnsafeBytes(ofRow:_:)`.
///
/// A mapped data file must stay as it was while the store uses it: a file
/// cut short in place faults (SIGBUS) when a lost page is read, and one
/// rewritten in place shows its new bytes (docs/PERFORMANCE.md). Only large
/// files are mapped (`DatasetLoader`), so hand-edited ones are copied.
///
/// ```swift
/// var builder = QuoteColumn.Builder()
/// builder.append(copying: Array("增长7.8%左右".utf8))
/// let quotes = builder.gathering([0])
/// quotes.string(ofRow: 0)      // 增长7.8%左右
/// ```
public struct QuoteColumn: Sendable {
  enum Storage: Sendable {
    /// Row `r` is `bytes[start[r]..<end[r]]`.
    case bounds(bytes: StoreColumn<UInt8>, start: StoreColumn<UInt32>, end: StoreColumn<UInt32>)
    /// Row `r` is found by `locators[r]` in `owned` or in `segments`.
    case located(locators: StoreColumn<UInt64>, owned: [UInt8], segments: [ReadOnlyMemory])
  }
  var storage: Storage

  /// No rows.
  public init() { storage = .bounds(bytes: [], start: [], end: []) }

  /// Rows whose quotes are `bytes[start[r]..<end[r]]` (checked by the caller:
  /// every start ≤ end ≤ `bytes.count`).
  init(bytes: StoreColumn<UInt8>, start: StoreColumn<UInt32>, end: StoreColumn<UInt32>) {
    storage = .bounds(bytes: bytes, start: start, end: end)
  }

  init(locators: StoreColumn<UInt64>, owned: [UInt8], segments: [ReadOnlyMemory]) {
    storage = .located(locators: locators, owned: owned, segments: segments)
  }

  public var count: Int {
    switch storage {
    case .bounds(_, let start, _): start.count
    case .located(let locators, _, _): locators.count
    }
  }

  /// How many rows read their quote in place from a mapped data file
  /// (the rest are copies), for tests and `.describe`-style summaries.
  public var mappedRowCount: Int {
    guard case .located(let locators, _, _) = storage else { return 0 }
    return locators.withUnsafeBufferPointer { all in all.reduce(0) { $0 + (QuoteLocator.isMapped($1) ? 1 : 0) } }
  }

  /// The data files (or other memory) that rows read in place.
  public var mappedSegmentCount: Int {
    guard case .located(_, _, let segments) = storage else { return 0 }
    return segments.count
  }

  /// Whether the per-row bounds or locators are read in place from a snapshot mapping.
  public var isMapped: Bool {
    switch storage {
    case .bounds(_, let start, let end): start.isMapped && end.isMapped
    case .located(let locators, _, _): locators.isMapped
    }
  }

  /// Calls `body` with the quote of `row` (valid only during the call).
  @inline(__always)
  public func withUnsafeBytes<R>(ofRow row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    switch storage {
    case .bounds(let bytes, let start, let end):
      let (s, e) = (Int(start[row]), Int(end[row]))
      return try bytes.withUnsafeBufferPointer { all in try body(UnsafeBufferPointer(rebasing: all[s..<e])) }
    case .located(let locators, let owned, let segments):
      let locator = locators[row]
      if QuoteLocator.isMapped(locator) {
        let (segment, offset, length) = QuoteLocator.mapped(locator)
        return try segments[segment].withUnsafeBytes { raw in
          // SAFETY: the builder checked offset + length against this
          // segment's size when it made the locator; the slice is checked again.
          try body(UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[offset..<offset + length]))
        }
      }
      return try owned.withUnsafeBufferPointer { all in
        let (start, length) = QuoteLocator.ownedBounds(locator, in: all)
        return try body(UnsafeBufferPointer(rebasing: all[start..<start + length]))
      }
    }
  }

  /// The quote of `row` as a String.
  public func string(ofRow row: Int) -> String {
    withUnsafeBytes(ofRow: row) { String(decoding: $0, as: UTF8.self) }
  }

  /// Bytes in the quote of `row`.
  public func length(ofRow row: Int) -> Int {
    switch storage {
    case .bounds(_, let start, let end): return Int(end[row]) - Int(start[row])
    case .located(let locators, let owned, _):
      let locator = locators[row]
      if QuoteLocator.isMapped(locator) { return QuoteLocator.mapped(locator).length }
      return owned.withUnsafeBufferPointer { QuoteLocator.ownedBounds(locator, in: $0).length }
    }
  }

  /// Appends the quotes of `rows` to `bytes`, and after each one the count
  /// of `bytes` to `ends` (a row below 0 or past the end adds nothing).
  public func append(rows: some Sequence<Int>, to bytes: inout [UInt8], ends: inout [Int]) {
    let n = count
    var read = 0
    withUnsafeReader { reader in
      for row in rows {
        if row >= 0 && row < n { bytes.append(contentsOf: reader.bytes(ofRow: row)) }
        ends.append(bytes.count)
        read &+= 1
        if read & Self.rowsBetweenDrops == 0 { dropResidentPagesOfMappedFiles() }
      }
    }
    if read >= Self.rowsBetweenDrops { dropResidentPagesOfMappedFiles() }
  }

  /// A long read of quotes hands back the mapped files' pages every this
  /// many rows (a mask: a power of two, less one), so that it never holds a
  /// whole data file resident: the rows of a store are mostly in file
  /// order, so few pages are faulted in twice.
  public static let rowsBetweenDrops = 1 << 16 - 1

  /// Calls `body` with a reader of every row's bytes, its buffers taken
  /// once (a read of many rows then costs no reference counting per row).
  /// The reader and the buffers it gives are valid only during the call.
  func withUnsafeReader<R>(_ body: (UnsafeReader) -> R) -> R {
    switch storage {
    case .bounds(let bytes, let start, let end):
      return bytes.withUnsafeBufferPointer { b in
        start.withUnsafeBufferPointer { s in
          end.withUnsafeBufferPointer { e in
            body(UnsafeReader(bytes: b, start: s, end: e, locators: .init(start: nil, count: 0), owned: b, segments: []))
          }
        }
      }
    case .located(let locators, let owned, let segments):
      // SAFETY: each segment's bytes stay valid while `segments` (which holds
      // them) lives, and it outlives the call.
      let bases = segments.map { $0.withUnsafeBytes { $0 } }
      return withExtendedLifetime(segments) {
        locators.withUnsafeBufferPointer { l in
          owned.withUnsafeBufferPointer { o in
            body(UnsafeReader(bytes: o, start: .init(start: nil, count: 0), end: .init(start: nil, count: 0), locators: l, owned: o, segments: bases))
          }
        }
      }
    }
  }

  /// The rows' bytes through buffers taken once; exists only inside
  /// `withUnsafeReader`.
  struct UnsafeReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let start: UnsafeBufferPointer<UInt32>
    let end: UnsafeBufferPointer<UInt32>
    /// Empty for the bounds layout.
    let locators: UnsafeBufferPointer<UInt64>
    let owned: UnsafeBufferPointer<UInt8>
    let segments: [UnsafeRawBufferPointer]

    /// The quote of `row` (0 ≤ row < count).
    @inline(__always) func bytes(ofRow row: Int) -> UnsafeBufferPointer<UInt8> {
      if locators.isEmpty {
        let (s, e) = (Int(start[row]), Int(end[row]))
        precondition(s <= e && e <= bytes.count, "quote bounds out of range")
        return UnsafeBufferPointer(rebasing: bytes[s..<e])
      }
      precondition(row >= 0 && row < locators.count, "row out of range")
      let locator = locators[row]
      if QuoteLocator.isMapped(locator) {
        let (segment, offset, length) = QuoteLocator.mapped(locator)
        let raw = segments[segment]
        precondition(offset + length <= raw.count, "quote outside its segment")
        return UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length]).assumingMemoryBound(to: UInt8.self)
      }
      let (start, length) = QuoteLocator.ownedBounds(locator, in: owned)
      return UnsafeBufferPointer(rebasing: owned[start..<start + length])
    }
  }

  /// After a large read, which faulted in much of the mapped data files:
  /// hands their pages back (they stay in the page cache and fault in again
  /// when read), so that reading quotes does not keep whole files resident.
  public func dropResidentPagesOfMappedFiles() {
    guard case .located(_, _, let segments) = storage else { return }
    for segment in segments { segment.dropResidentPages() }
  }
}

/// The 64-bit locator of one row's quote in a `QuoteColumn`.
///
/// - Top bit set: mapped, `segment` (10 bits) · `offset` (37 bits) ·
///   `length` (16 bits) into the column's segment.
/// - Top bit clear: the byte offset, in the column's own bytes, of an
///   unsigned LEB128 length followed by that many bytes (any length).
enum QuoteLocator {
  static let mappedFlag: UInt64 = 1 << 63
  static let segmentLimit = 1 << 10
  static let offsetLimit = 1 << 37
  static let lengthLimit = 1 << 16

  @inline(__always) static func isMapped(_ locator: UInt64) -> Bool { locator & mappedFlag != 0 }

  /// nil when the fields do not fit: the quote is then copied.
  @inline(__always) static func mapped(segment: Int, offset: Int, length: Int) -> UInt64? {
    guard segment >= 0, segment < segmentLimit, offset >= 0, offset < offsetLimit, length >= 0, length < lengthLimit
    else { return nil }
    return mappedFlag | UInt64(segment) << 53 | UInt64(offset) << 16 | UInt64(length)
  }

  @inline(__always) static func mapped(_ locator: UInt64) -> (segment: Int, offset: Int, length: Int) {
    (Int(locator >> 53 & 0x3FF), Int(locator >> 16 & (1 << 37 - 1)), Int(locator & 0xFFFF))
  }

  /// The same locator in segment `segment`.
  @inline(__always) static func moved(_ locator: UInt64, toSegment segment: Int) -> UInt64 {
    locator & ~(UInt64(0x3FF) << 53) | UInt64(segment) << 53
  }

  /// Where an owned quote's bytes start and how many there are.
  @inline(__always) static func ownedBounds(_ locator: UInt64, in owned: UnsafeBufferPointer<UInt8>) -> (
    start: Int, length: Int
  ) {
    var i = Int(locator)
    var length = 0
    var shift = 0
    while true {
      let b = owned[i]
      i += 1
      length |= Int(b & 0x7F) << shift
      if b < 0x80 { break }
      shift += 7
    }
    return (i, length)
  }

  /// Appends `count` as unsigned LEB128.
  @inline(__always) static func appendLength(_ count: Int, to owned: inout [UInt8]) {
    var v = UInt(count)
    while v >= 0x80 {
      owned.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    owned.append(UInt8(v))
  }
}
