import Dispatch
import IndicatorStore

#if canImport(Glibc)
  import Glibc
#endif

/// The loader's fast path: the body of a well-formed data file, parsed in
/// one pass over the bytes straight into columns.
///
/// Each record is scanned, checked and stored in one go through a raw
/// pointer: no `String` or slice per field, text columns interned by their
/// bytes, decimals through the exact fast path, UTF-8 checked only in text
/// fields (every other byte is matched against ASCII). It accepts exactly
/// what the general path (`FileParser`) accepts and gives the same rows; at
/// the first thing the general path would report (a wrong field count, a
/// stray quote, an unknown measure, invalid UTF-8 …) it gives up and the
/// loader parses the piece again with the general path, which locates and
/// words every error. So the fast path never has to report anything.
///
/// A large piece is split across threads speculatively: each part starts
/// after the first line break past its nominal start and parses until it
/// reaches the next part's start. The parse of part k is right only if
/// part k − 1, which began at a true record boundary, ended exactly where
/// part k began; otherwise (a quoted line break at a cut) the piece is
/// parsed again on one thread. No pass over the bytes precedes the parse.
///
/// ```swift
/// if let layout = FastBodyParser.Layout(index: header.index, fieldCount: header.count),
///    let piece = FastBodyParser.parsePiece(bytes, from: bodyStart, atEndOfFile: true,
///                                          layout: layout, file: "a.csv") {
///   for part in piece.parts { builder.append(contentsOf: StoreBuilder(columns: part)) }
/// }
/// ```
enum FastBodyParser {
  /// Where each known column is in a file's records.
  struct Layout: Sendable {
    let region, indicator, measure, scenario, period, value, unit, bound, source, quote: Int
    let ref: Int?
    let fieldCount: Int

    /// nil unless every required column is present (the header was checked).
    init?(index: [String: Int], fieldCount: Int) {
      guard let region = index["region"], let indicator = index["indicator"], let measure = index["measure"],
        let scenario = index["scenario"], let period = index["period"], let value = index["value"],
        let unit = index["unit"], let bound = index["bound"], let source = index["source"],
        let quote = index["quote"], fieldCount <= 64
      else { return nil }
      (self.region, self.indicator, self.measure) = (region, indicator, measure)
      (self.scenario, self.period) = (scenario, period)
      (self.value, self.unit, self.bound, self.source, self.quote) = (value, unit, bound, source, quote)
      ref = index["ref"]
      self.fieldCount = fieldCount
    }
  }

  /// The rows of one piece of a file, in file order.
  struct Piece {
    /// One set of columns per part, lines already those of the whole file.
    var parts: [StoreBuilder.Columns]
    /// Offset of the first byte not parsed: the piece's end, or the start of
    /// a record cut off by it (to be read again with the following bytes).
    var end: Int
    /// Line breaks between the body's start and `end`.
    var lines: Int
    var rowCount: Int { parts.reduce(0) { $0 + $1.rowCount } }
  }

  /// The rows of `bytes[start...]` (which starts a record on line
  /// `firstLine`), or nil when the general path must parse the piece.
  /// Unless `atEndOfFile`, a last record without its line break is left for
  /// the next piece.
  static func parsePiece(
    _ bytes: [UInt8], from start: Int, firstLine: Int = 1, atEndOfFile: Bool, layout: Layout, file: String,
    threads: Int = ParallelParse.threadCount, minimumPartSize: Int = ParallelParse.minimumBytesPerPart,
    reusing spare: [StoreBuilder.Columns] = [], progress: ((Int, Int) -> Void)? = nil
  ) -> Piece? {
    bytes.withUnsafeBufferPointer { buffer -> Piece? in
      parsePiece(
        buffer, from: start, firstLine: firstLine, atEndOfFile: atEndOfFile, layout: layout, file: file,
        threads: threads, minimumPartSize: minimumPartSize, reusing: spare, progress: progress)
    }
  }

  /// Where the bytes being parsed lie in a mapped data file: quotes that
  /// need no unescaping are then kept as (offset, length) into `memory`
  /// instead of copies. `offset` is that of the buffer's first byte.
  struct QuoteSource: Sendable {
    var memory: ReadOnlyMemory
    var offset: Int
  }

  /// As `parsePiece(_:from:…)` over `buffer`; with `quoteSource`, the
  /// quotes are read in place from it.
  static func parsePiece(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, firstLine: Int = 1, atEndOfFile: Bool, layout: Layout,
    file: String, quoteSource: QuoteSource? = nil, threads: Int = ParallelParse.threadCount,
    minimumPartSize: Int = ParallelParse.minimumBytesPerPart, reusing spare: [StoreBuilder.Columns] = [],
    progress: ((Int, Int) -> Void)? = nil
  ) -> Piece? {
    do {
      nonisolated(unsafe) let buffer = buffer
      nonisolated(unsafe) let progress = progress
      nonisolated(unsafe) let spare = spare
      // Speculative part starts: just after a line break past each nominal cut.
      let count = min(threads, max(1, (buffer.count - start) / max(1, minimumPartSize)))
      var starts = [start]
      if count > 1, let base = buffer.baseAddress {
        let size = (buffer.count - start) / count
        for k in 1..<count {
          let from = max(start + k * size, starts[starts.count - 1])
          guard let found = memchr(base + from, 0x0A, buffer.count - from) else { break }
          let next = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1
          if next < buffer.count && next > starts[starts.count - 1] { starts.append(next) }
        }
      }
      let bounds = starts
      nonisolated(unsafe) var results = [PartResult?](repeating: nil, count: bounds.count)
      let scale = Double(buffer.count - start) / Double(max(1, (bounds.count > 1 ? bounds[1] : buffer.count) - start))
      results.withUnsafeMutableBufferPointer { out in
        nonisolated(unsafe) let out = out
        DispatchQueue.concurrentPerform(iterations: bounds.count) { k in
          let stop = k + 1 < bounds.count ? bounds[k + 1] : buffer.count
          // Only the first part reports, scaled to the whole piece.
          let report = k == 0 ? progress.map { p in
            { (rows: Int, at: Int) in p(Int(Double(rows) * scale), Int(Double(at - start) * scale)) }
          } : nil
          out[k] = parsePart(
            buffer, from: bounds[k], stopAt: stop, atEndOfFile: atEndOfFile, layout: layout, file: file,
            quoteSource: quoteSource, into: k < spare.count ? spare[k] : nil, progress: report)
        }
      }
      var parts: [StoreBuilder.Columns] = []
      var lines = 0
      var trueStart = start
      for k in results.indices {
        let stop = k + 1 < bounds.count ? bounds[k + 1] : buffer.count
        // Part k is right only if it began where part k − 1 really ended;
        // else (its cut fell inside quotes) it is parsed again from there.
        if trueStart != bounds[k] {
          results[k] =
            trueStart < stop
            ? parsePart(
              buffer, from: trueStart, stopAt: stop, atEndOfFile: atEndOfFile, layout: layout, file: file,
              quoteSource: quoteSource, progress: nil)
            : PartResult(columns: StoreBuilder.Columns(dataFile: file), end: trueStart, lines: 0, incomplete: false)
        }
        guard var part = results[k] else { return nil }
        // Only the last part may stop at a record cut off by the end of the bytes.
        if part.incomplete && k + 1 < results.count { return nil }
        part.columns.shiftLines(by: Int32(clamping: firstLine + lines))
        lines += part.lines
        if part.columns.rowCount > 0 { parts.append(part.columns) }
        trueStart = part.end
      }
      return Piece(parts: parts, end: trueStart, lines: lines)
    }
  }

  struct PartResult {
    var columns: StoreBuilder.Columns
    /// Where parsing stopped: the start of the first record not parsed.
    var end: Int
    /// Line breaks from the part's start to `end`.
    var lines: Int
    /// Whether it stopped at a record cut off by the end of the bytes.
    var incomplete: Bool
  }

  /// Parses records from `start` until one begins at or after `stop`; lines
  /// in the columns count from 0 at `start`. nil: the general path must decide.
  static func parsePart(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, stopAt stop: Int, atEndOfFile: Bool, layout: Layout,
    file: String, quoteSource: QuoteSource? = nil, into spare: StoreBuilder.Columns? = nil,
    progress: ((Int, Int) -> Void)?
  ) -> PartResult? {
    guard let base = buffer.baseAddress, start < stop else {
      return PartResult(columns: StoreBuilder.Columns(dataFile: file), end: start, lines: 0, incomplete: false)
    }
    let n = buffer.count
    let fieldCount = layout.fieldCount
    let fieldStart = UnsafeMutablePointer<Int>.allocate(capacity: fieldCount)
    let fieldEnd = UnsafeMutablePointer<Int>.allocate(capacity: fieldCount)
    defer {
      fieldStart.deallocate()
      fieldEnd.deallocate()
    }
    var rows = RowWriter(
      base: base, layout: layout, columns: spare ?? StoreBuilder.Columns(dataFile: file), quoteSource: quoteSource)
    var pos = start
    var lines = 0
    var records = 0

    /// Where the record being read started, and the line breaks before it.
    var recordStart = start
    var recordLine = 0
    /// Stops before the record being read: the bytes end inside it.
    func cutOff() -> PartResult {
      PartResult(columns: rows.finish(), end: recordStart, lines: recordLine, incomplete: true)
    }

    while pos < stop {
      // Empty lines carry no record.
      if base[pos] == 0x0A {
        pos += 1
        lines += 1
        continue
      }
      if base[pos] == 0x0D {
        guard pos + 1 < n else {
          if atEndOfFile { return nil }
          (recordStart, recordLine) = (pos, lines)
          return cutOff()
        }
        guard base[pos + 1] == 0x0A else { return nil }
        pos += 2
        lines += 1
        continue
      }
      (recordStart, recordLine) = (pos, lines)
      var doubled: UInt64 = 0
      // 1. Field boundaries.
      for f in 0..<fieldCount {
        if pos < n && base[pos] == UInt8(ascii: "\"") {
          pos += 1
          fieldStart[f] = pos
          while true {
            if pos + 8 <= n {
              // To the first quote or line break among eight bytes (the lowest flag is exact).
              let word = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
              let quotes = word ^ 0x2222_2222_2222_2222, breaks = word ^ 0x0A0A_0A0A_0A0A_0A0A
              let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
              let found = ((quotes &- ones) & ~quotes | (breaks &- ones) & ~breaks) & highs
              if found == 0 {
                pos += 8
                continue
              }
              pos += found.trailingZeroBitCount >> 3
            }
            guard pos < n else { if atEndOfFile { return nil } else { return cutOff() } }
            let b = base[pos]
            if b == UInt8(ascii: "\"") {
              guard pos + 1 < n || atEndOfFile else { return cutOff() }
              if pos + 1 < n && base[pos + 1] == UInt8(ascii: "\"") {
                doubled |= 1 << UInt64(f)
                pos += 2
                continue
              }
              break
            }
            if b == 0x0A { lines += 1 }
            pos += 1
          }
          fieldEnd[f] = pos
          pos += 1
        } else {
          fieldStart[f] = pos
          while pos < n {
            // Eight bytes at a time to the first byte below '-' (0x2D): only
            // those may be a separator, line break or quote (UTF-8 lead and
            // continuation bytes are above). The lowest flagged byte is exact.
            if pos + 8 <= n {
              let word = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
              let below = (word &- 0x2D2D_2D2D_2D2D_2D2D) & ~word & 0x8080_8080_8080_8080
              if below == 0 {
                pos += 8
                continue
              }
              pos += below.trailingZeroBitCount >> 3
            }
            let b = base[pos]
            // Bytes above ',' (0x2C) are never special: the bulk of the text.
            if b > UInt8(ascii: ",") {
              pos += 1
              continue
            }
            if b == UInt8(ascii: ",") || b == 0x0A || b == 0x0D { break }
            if b == UInt8(ascii: "\"") { return nil }
            pos += 1
          }
          fieldEnd[f] = pos
        }
        if f + 1 < fieldCount {
          guard pos < n else { if atEndOfFile { return nil } else { return cutOff() } }
          guard base[pos] == UInt8(ascii: ",") else { return nil }
          if pos + 1 == n && !atEndOfFile { return cutOff() }
          pos += 1
        } else if pos < n {
          if base[pos] == 0x0A {
            pos += 1
          } else if base[pos] == 0x0D {
            guard pos + 1 < n else { if atEndOfFile { return nil } else { return cutOff() } }
            guard base[pos + 1] == 0x0A else { return nil }
            pos += 2
          } else {
            return nil
          }
          lines += 1
        } else if !atEndOfFile {
          return cutOff()
        }
      }

      // 2. The row.
      guard rows.append(fieldStart, fieldEnd, doubled: doubled, line: recordLine) else { return nil }
      records += 1
      // After a sample of records, room for the rest of the part at the sample's size.
      if records == 256 {
        let perRow = Double(pos - start) / 256
        rows.reserve(rows: Int(Double(stop - start) / max(1, perRow) * 1.03) + 16)
      }
      if let progress, records % FileParser.progressInterval == 0 { progress(records, pos) }
    }
    return PartResult(columns: rows.finish(), end: pos, lines: lines, incomplete: false)
  }

  /// Checks the fields of one record and appends them as a row: the second
  /// half of the fast path, a struct so that its state is plain stored
  /// properties (no captured variables in the per-row code).
  struct RowWriter {
    let base: UnsafePointer<UInt8>
    let layout: Layout
    var columns: StoreBuilder.Columns
    var regions = ByteInterner(), indicators = ByteInterner(), units = ByteInterner(), sources = ByteInterner()
    /// Unescaped text of a field with doubled quotes.
    var scratch: [UInt8] = []
    /// The quotes' segment in `columns` and the offset there of `base`,
    /// when quotes are read in place; else they are copied.
    let quoteSegment: Int?
    let quoteOffset: Int

    /// `columns` are empty (perhaps with room kept from an earlier piece).
    init(base: UnsafePointer<UInt8>, layout: Layout, columns: StoreBuilder.Columns, quoteSource: QuoteSource? = nil) {
      self.base = base
      self.layout = layout
      var columns = columns
      quoteSegment = quoteSource.flatMap { columns.quotes.segment(for: $0.memory) }
      quoteOffset = quoteSource?.offset ?? 0
      self.columns = columns
    }

    mutating func reserve(rows: Int) {
      let quotePerRow = Double(columns.quotes.ownedByteCount) / Double(max(1, columns.rowCount))
      columns.reserveCapacity(rows: rows, quoteBytes: Int(quotePerRow * Double(rows)))
    }

    /// The columns, with each text column's strings.
    mutating func finish() -> StoreBuilder.Columns {
      columns.regions = regions.strings
      columns.indicators = indicators.strings
      columns.units = units.strings
      columns.sources = sources.strings
      return columns
    }

    @inline(__always)
    func field(_ f: Int, _ start: UnsafeMutablePointer<Int>, _ end: UnsafeMutablePointer<Int>)
      -> UnsafeBufferPointer<UInt8>
    {
      UnsafeBufferPointer(start: base + start[f], count: end[f] - start[f])
    }

    @inline(__always)
    static func match<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ table: [([UInt8], T)]) -> T? {
      for (text, value) in table where text.count == bytes.count {
        if bytes.isEmpty { return value }
        let same = text.withUnsafeBufferPointer { t in
          guard let a = t.baseAddress, let b = bytes.baseAddress else { return false }
          return memcmp(a, b, bytes.count) == 0
        }
        if same { return value }
      }
      return nil
    }

    /// The code of text field `f` in `interner` (doubled quotes collapsed first); nil when invalid.
    @inline(__always)
    static func code(
      _ bytes: UnsafeBufferPointer<UInt8>, doubled: Bool, in interner: inout ByteInterner, scratch: inout [UInt8],
      rejectingFullwidth: Bool = false
    ) -> Int32? {
      if !doubled {
        if rejectingFullwidth && FastBodyParser.hasFullwidthASCII(bytes) { return nil }
        return interner.code(of: bytes)
      }
      FastBodyParser.unescape(bytes, into: &scratch)
      return scratch.withUnsafeBufferPointer { text in
        rejectingFullwidth && FastBodyParser.hasFullwidthASCII(text) ? nil : interner.code(of: text)
      }
    }

    /// Appends the record whose fields are `start[f]..<end[f]`; false when
    /// the general path must report on it.
    mutating func append(
      _ start: UnsafeMutablePointer<Int>, _ end: UnsafeMutablePointer<Int>, doubled: UInt64, line: Int
    ) -> Bool {
      let l = layout
      func isDoubled(_ f: Int) -> Bool { doubled & (1 << UInt64(f)) != 0 }
      guard !isDoubled(l.measure), !isDoubled(l.scenario), !isDoubled(l.bound), !isDoubled(l.period),
        !isDoubled(l.value),
        let measure = Self.match(field(l.measure, start, end), RowParser.measureTexts),
        let scenario = Self.match(field(l.scenario, start, end), RowParser.scenarioTexts),
        let bound = Self.match(field(l.bound, start, end), RowParser.boundTexts),
        let period = FastBodyParser.parsePeriod(field(l.period, start, end))
      else { return false }
      let valueBytes = field(l.value, start, end)
      var value: Double? = nil
      if valueBytes.isEmpty {
        guard bound.isRelative else { return false }
      } else {
        guard let v = DecimalText.parse(valueBytes), v.isFinite else { return false }
        value = v
      }
      // A relative target names its reference; nothing else may.
      var reference: String? = nil
      if let ref = l.ref {
        let refBytes = field(ref, start, end)
        guard refBytes.isEmpty != bound.isRelative else { return false }
        if bound.isRelative {
          if isDoubled(ref) { FastBodyParser.unescape(refBytes, into: &scratch) } else { scratch = Array(refBytes) }
          guard let name = String(validating: scratch, as: UTF8.self) else { return false }
          reference = name
        }
      } else if bound.isRelative {
        return false
      }
      guard end[l.region] > start[l.region], end[l.indicator] > start[l.indicator], end[l.unit] > start[l.unit],
        let region = Self.code(
          field(l.region, start, end), doubled: isDoubled(l.region), in: &regions, scratch: &scratch),
        let indicator = Self.code(
          field(l.indicator, start, end), doubled: isDoubled(l.indicator), in: &indicators, scratch: &scratch),
        let unit = Self.code(
          field(l.unit, start, end), doubled: isDoubled(l.unit), in: &units, scratch: &scratch,
          rejectingFullwidth: true),
        let source = Self.code(
          field(l.source, start, end), doubled: isDoubled(l.source), in: &sources, scratch: &scratch)
      else { return false }
      // The quote: validated, then read in place from the mapped file or copied.
      let quote = field(l.quote, start, end)
      if isDoubled(l.quote) {
        FastBodyParser.unescape(quote, into: &scratch)
        let valid = scratch.withUnsafeBufferPointer { text in
          guard FastBodyParser.isValidUTF8(text) else { return false }
          columns.appendRow(
            region: region, indicator: indicator, measure: measure, scenario: scenario, period: period, value: value,
            unit: unit, bound: bound, source: source, line: Int32(clamping: line), quote: text)
          return true
        }
        guard valid else { return false }
      } else {
        guard FastBodyParser.isValidUTF8(quote) else { return false }
        if let quoteSegment {
          columns.appendRow(
            region: region, indicator: indicator, measure: measure, scenario: scenario, period: period, value: value,
            unit: unit, bound: bound, source: source, line: Int32(clamping: line), quoteInPlace: quote,
            offset: quoteOffset + start[l.quote], segment: quoteSegment)
        } else {
          columns.appendRow(
            region: region, indicator: indicator, measure: measure, scenario: scenario, period: period, value: value,
            unit: unit, bound: bound, source: source, line: Int32(clamping: line), quote: quote)
        }
      }
      if let reference { columns.reference[columns.rowCount - 1] = reference }
      return true
    }
  }

  /// `yyyy` directly; any other form through `Period.parse`. nil when invalid.
  @inline(__always)
  static func parsePeriod(_ bytes: UnsafeBufferPointer<UInt8>) -> Period? {
    if bytes.count == 4 {
      var year = 0
      for b in bytes {
        guard b &- 48 < 10 else { return nil }
        year = year * 10 + Int(b &- 48)
      }
      return year >= 1 ? .year(year) : nil
    }
    return try? Period.parse(bytes: Array(bytes)[...])
  }

  @inline(__always)
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    return CSVReader.isValidUTF8(base, count: bytes.count, readable: bytes.count)
  }

  /// A fullwidth digit, sign, point or percent (EF BC 81…BF): the general path reports it.
  static func hasFullwidthASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i + 2 < bytes.count {
      if bytes[i] == 0xEF && bytes[i + 1] == 0xBC && (0x81...0xBF).contains(bytes[i + 2]) { return true }
      i += 1
    }
    return false
  }

  /// The content of a quoted field with each doubled quote made one.
  static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    out.removeAll(keepingCapacity: true)
    var i = 0
    while i < bytes.count {
      out.append(bytes[i])
      if bytes[i] == UInt8(ascii: "\"") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { i += 1 }
      i += 1
    }
  }
}

/// Codes for the distinct byte strings of one text column, looked up by
/// their bytes (no `String` unless the text is new), with the last code
/// kept for the usual run of equal values.
///
/// ```swift
/// var regions = ByteInterner()
/// let code = Array("湘潭市".utf8).withUnsafeBufferPointer { regions.code(of: $0) }   // 0
/// regions.strings   // ["湘潭市"]
/// ```
struct ByteInterner {
  /// Code → text.
  private(set) var strings: [String] = []
  private var stored: [UInt8] = []
  private var ends: [Int] = []
  /// Open addressing: code, or −1 for an empty slot.
  private var slots = [Int32](repeating: -1, count: 64)
  private var last: Int32 = -1

  /// The code of `bytes`; nil when they are not valid UTF-8.
  @inline(__always)
  mutating func code(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    if last >= 0 && holds(last, bytes) { return last }
    let mask = slots.count - 1
    var slot = Self.hash(bytes) & mask
    while slots[slot] >= 0 {
      if holds(slots[slot], bytes) {
        last = slots[slot]
        return last
      }
      slot = (slot + 1) & mask
    }
    guard FastBodyParser.isValidUTF8(bytes) else { return nil }
    let code = Int32(strings.count)
    strings.append(String(decoding: bytes, as: UTF8.self))
    stored.append(contentsOf: bytes)
    ends.append(stored.count)
    slots[slot] = code
    if strings.count * 2 > slots.count { grow() }
    last = code
    return code
  }

  private func holds(_ code: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let end = ends[Int(code)]
    let start = code == 0 ? 0 : ends[Int(code) - 1]
    guard end - start == bytes.count else { return false }
    guard let b = bytes.baseAddress, bytes.count > 0 else { return true }
    return stored.withUnsafeBufferPointer { all in
      guard let a = all.baseAddress else { return false }
      return Self.equal(a + start, b, bytes.count)
    }
  }

  private mutating func grow() {
    slots = [Int32](repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    stored.withUnsafeBufferPointer { all in
      for code in strings.indices {
        let start = code == 0 ? 0 : ends[code - 1]
        var slot = Self.hash(UnsafeBufferPointer(rebasing: all[start..<ends[code]])) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(code)
      }
    }
  }

  /// Byte equality, eight at a time: the texts are short, a call to memcmp costs more.
  @inline(__always)
  static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    while i + 8 <= count {
      let x = UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
      if x != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
      i += 8
    }
    while i < count {
      if a[i] != b[i] { return false }
      i += 1
    }
    return true
  }

  /// Eight bytes at a time, multiply and fold (the texts are short; no
  /// need for a keyed hash: a table per column of one file).
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(bytes.count &+ 1)
    var i = 0
    while i + 8 <= bytes.count {
      h = (h ^ UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      i += 8
    }
    var tail: UInt64 = 0
    while i < bytes.count {
      tail = tail << 8 | UInt64(base[i])
      i += 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    return Int(truncatingIfNeeded: h ^ (h >> 29))
  }
}

extension FastBodyParser {
  /// A file's header, read from its first piece by the general reader.
  struct Header {
    var layout: Layout
    var index: [String: Int]
    var fieldCount: Int
    /// Where the first record starts, and its line.
    var bodyStart: Int
    var bodyLine: Int
  }

  /// The header at the start of `bytes` when it is well-formed and complete
  /// in them; nil lets the general path read (and report on) it.
  static func header(of bytes: [UInt8], file: String, atEndOfFile: Bool) -> Header? {
    var parser = FileParser(reader: CSVReader(bytes: bytes, file: file), maxErrors: 1)
    guard !parser.reader.isBlank else { return nil }
    var record = CSVReader.Record()
    guard (try? parser.reader.next(into: &record)) == true else { return nil }
    let body = parser.reader.nextRecordStart
    // Its line break must be in these bytes, or the header may go on in the next piece.
    guard atEndOfFile || (body.offset > 0 && bytes[body.offset - 1] == 0x0A) else { return nil }
    guard parser.readHeader(record), let layout = Layout(index: parser.index, fieldCount: parser.headerCount) else {
      return nil
    }
    return Header(
      layout: layout, index: parser.index, fieldCount: parser.headerCount, bodyStart: body.offset, bodyLine: body.line)
  }
}
