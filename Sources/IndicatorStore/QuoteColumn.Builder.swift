extension QuoteColumn {
  /// Quotes collected row by row before a store is built: a locator per
  /// row, copies in `owned`, and the mapped files quotes are read from.
  ///
  /// ```swift
  /// var quotes = QuoteColumn.Builder()
  /// let file = quotes.segment(for: memory)           // a mapped data file
  /// memory.withUnsafeBytes { raw in                  // its bytes 10..<22
  ///   quotes.append(inPlace: UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[10..<22]),
  ///                 offset: 10, segment: file)
  /// }
  /// quotes.append(copying: Array("“强县”战略".utf8))  // unescaped: a copy
  /// ```
  public struct Builder: Sendable {
    var locators: [UInt64] = []
    /// Copied quotes, each an LEB128 length and its bytes.
    var owned: [UInt8] = []
    var segments: [ReadOnlyMemory] = []

    public init() {}

    /// Rows so far.
    public var count: Int { locators.count }
    /// Bytes of copied quotes (with their length prefixes).
    public var ownedByteCount: Int { owned.count }
    /// How many rows read their quote in place.
    public var mappedRowCount: Int { locators.reduce(0) { $0 + (QuoteLocator.isMapped($1) ? 1 : 0) } }

    /// Room for `rows` rows and `ownedBytes` bytes of copies in all.
    public mutating func reserveCapacity(rows: Int, ownedBytes: Int) {
      if rows > locators.capacity { locators.reserveCapacity(rows) }
      if ownedBytes > owned.capacity { owned.reserveCapacity(ownedBytes) }
    }

    /// Empties the rows, keeping their memory and the segments (the next
    /// piece of the same file).
    public mutating func removeAllRows() {
      locators.removeAll(keepingCapacity: true)
      owned.removeAll(keepingCapacity: true)
    }

    /// The segment number of `memory` (added when new), nil when the
    /// builder already reads from as many segments as a locator can name.
    public mutating func segment(for memory: ReadOnlyMemory) -> Int? {
      if let k = segments.firstIndex(where: { $0 === memory }) { return k }
      guard segments.count < QuoteLocator.segmentLimit else { return nil }
      segments.append(memory)
      return segments.count - 1
    }

    /// Appends a copy of `bytes`.
    @inline(__always)
    public mutating func append(copying bytes: UnsafeBufferPointer<UInt8>) {
      locators.append(UInt64(owned.count))
      QuoteLocator.appendLength(bytes.count, to: &owned)
      owned.append(contentsOf: bytes)
    }

    /// Appends a copy of `bytes`.
    public mutating func append(copying bytes: some Collection<UInt8>) {
      locators.append(UInt64(owned.count))
      QuoteLocator.appendLength(bytes.count, to: &owned)
      owned.append(contentsOf: bytes)
    }

    /// Appends a quote read in place: `bytes`, which are the segment's
    /// bytes from `offset`. When a locator cannot name them (a quote of
    /// 64 KiB or more, an offset past 128 GiB) they are copied instead.
    @inline(__always)
    public mutating func append(inPlace bytes: UnsafeBufferPointer<UInt8>, offset: Int, segment: Int) {
      precondition(
        segment >= 0 && segment < segments.count && offset >= 0 && bytes.count <= segments[segment].count - offset,
        "quote outside its segment")
      guard let locator = QuoteLocator.mapped(segment: segment, offset: offset, length: bytes.count) else {
        append(copying: bytes)
        return
      }
      locators.append(locator)
    }

    /// Appends the quotes of `other`, in its order (its segments joining these).
    public mutating func append(contentsOf other: Builder) {
      let ownedBase = UInt64(owned.count)
      let map = other.segments.map { segment(for: $0) }
      if ownedBase == 0 && map.indices.allSatisfy({ map[$0] == $0 }) {
        owned.append(contentsOf: other.owned)
        locators.append(contentsOf: other.locators)
        return
      }
      if !map.contains(nil) {
        owned.append(contentsOf: other.owned)
        let targets = map.map { $0 ?? 0 }
        locators.append(
          contentsOf: other.locators.lazy.map { locator in
            QuoteLocator.isMapped(locator)
              ? QuoteLocator.moved(locator, toSegment: targets[QuoteLocator.mapped(locator).segment])
              : locator + ownedBase
          })
        return
      }
      // More segments than a locator can name: those quotes are copied, and
      // every copy is made row by row, so that copies stay in row order.
      locators.reserveCapacity(locators.count + other.locators.count)
      let column = QuoteColumn(locators: StoreColumn(other.locators), owned: other.owned, segments: other.segments)
      for (row, locator) in other.locators.enumerated() {
        if QuoteLocator.isMapped(locator), let target = map[QuoteLocator.mapped(locator).segment] {
          locators.append(QuoteLocator.moved(locator, toSegment: target))
        } else {
          column.withUnsafeBytes(ofRow: row) { append(copying: $0) }
        }
      }
    }

    /// Appends the quote of `row` of `column`: in place when it is read in
    /// place there, else a copy. `segmentMap` caches `column`'s segments'
    /// numbers here across calls (start with an empty dictionary).
    public mutating func append(row: Int, of column: QuoteColumn, segmentMap: inout [Int: Int?]) {
      if case .located(let locators, _, let from) = column.storage, QuoteLocator.isMapped(locators[row]) {
        let locator = locators[row]
        let s = QuoteLocator.mapped(locator).segment
        let target: Int?
        if let known = segmentMap[s] {
          target = known
        } else {
          target = segment(for: from[s])
          segmentMap[s] = target
        }
        if let target {
          self.locators.append(QuoteLocator.moved(locator, toSegment: target))
          return
        }
      }
      column.withUnsafeBytes(ofRow: row) { append(copying: $0) }
    }

    /// Drops the rows from index `count` on (and their copies).
    public mutating func removeRows(from count: Int) {
      guard count >= 0, count < locators.count else { return }
      locators.removeLast(locators.count - count)
      // Copies are made in row order (every append keeps it so): the last
      // owned row left ends the bytes kept.
      var end = 0
      if let last = locators.lastIndex(where: { !QuoteLocator.isMapped($0) }) {
        end = owned.withUnsafeBufferPointer { all in
          let (start, length) = QuoteLocator.ownedBounds(locators[last], in: all)
          return start + length
        }
      }
      owned.removeLast(owned.count - end)
    }

    /// The quote of row `row` so far, as a String (for tests and messages).
    public func string(ofRow row: Int) -> String {
      QuoteColumn(locators: StoreColumn([locators[row]]), owned: owned, segments: segments).string(ofRow: 0)
    }

    /// The frozen column of the rows in `order` (builder row numbers),
    /// leaving this builder empty. `threads` share the gather.
    public mutating func gathering(_ order: [Int32], threads: Int = 1) -> QuoteColumn {
      let all = locators
      locators = []
      let gathered = StoreBuilder.gather(order, threads: threads) { all[$0] }
      let column = QuoteColumn(locators: StoreColumn(gathered), owned: owned, segments: segments)
      (owned, segments) = ([], [])
      return column
    }
  }
}
