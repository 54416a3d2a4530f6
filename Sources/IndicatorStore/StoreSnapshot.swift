import Diagnostics

/// The store as one binary file (`.indb`): written by `.save`, opened by
/// `--data FILE.indb` or `.load FILE.indb` far faster than its CSV parses.
///
/// Layout: an 8-byte magic `INDSHDB\0`, a format version, the payload's
/// length and a 64-bit checksum of it, then the payload: every dictionary
/// and column of the store, each as a byte count and its raw little-endian
/// bytes padded to 8, so every column starts 8-byte aligned in the file.
/// Version 2 (written by `.save`) has a checksum computed in lanes and
/// chunks on all worker threads (`LaneChecksum`), and its columns are read
/// in place from the mapped file (`StoreColumn`), not copied; version 1
/// files still open, through a reader that copies. Opening checks the
/// magic, the version, the length, the checksum and every cross-reference
/// (codes within their dictionaries, offsets ordered, quote ends in range),
/// so a corrupt or truncated file is a clear error, never a crash or a
/// wrong store.
///
/// ```swift
/// let bytes = StoreSnapshot.encode(store)
/// let same = try StoreSnapshot.decode(bytes, file: "panel.indb")
/// ```
public enum StoreSnapshot {
  public static let magic: [UInt8] = Array("INDSHDB".utf8) + [0]
  /// The version `.save` writes.
  public static let version: UInt32 = 2
  /// The versions this indsh opens.
  public static let readableVersions: ClosedRange<UInt32> = 1...2
  /// The file name extension that marks a snapshot.
  public static let fileExtension = ".indb"
  static let headerSize = 8 + 4 + 4 + 8 + 8

  /// Whether `path` names a snapshot (by its extension).
  public static func isSnapshot(_ path: String) -> Bool { path.lowercased().hasSuffix(fileExtension) }

  // MARK: - Writing

  /// Where a snapshot's bytes go, in order.
  protocol Output {
    mutating func write(_ bytes: UnsafeRawBufferPointer)
  }

  /// The snapshot as one array (tests, small stores); `version` 1 writes
  /// the old format (tests of the version 1 reader).
  public static func encode(_ store: IndicatorStore, version: UInt32 = version) -> [UInt8] {
    var bytes: [UInt8] = []
    withoutActuallyEscaping({ (piece: UnsafeRawBufferPointer) in bytes.append(contentsOf: piece) }) { sink in
      var output = SinkOutput(sink: sink)
      write(store, version: version, to: &output)
    }
    return bytes
  }

  /// Writes `store` as a snapshot, handing `sink` its bytes in order a
  /// megabyte at a time: the payload is walked three times (its length, its
  /// checksum, its bytes) and never held whole in memory.
  public static func write(_ store: IndicatorStore, to sink: (UnsafeRawBufferPointer) -> Void) {
    withoutActuallyEscaping(sink) { sink in
      var output = SinkOutput(sink: sink)
      write(store, to: &output)
    }
  }

  static func write(_ store: IndicatorStore, version: UInt32 = version, to output: inout SinkOutput) {
    var length = Writer(out: CountingOutput())
    payload(of: store, version: version, into: &length)
    let count = length.finish().count
    let checksum: UInt64
    if version == 1 {
      var sum = Writer(out: ChecksumOutput(checksum: Checksum(length: count)))
      payload(of: store, version: version, into: &sum)
      checksum = sum.finish().checksum.value
    } else {
      var sum = Writer(out: LaneChecksum.Output(length: count))
      payload(of: store, version: version, into: &sum)
      checksum = sum.finish().value
    }
    var header = magic
    append(version, to: &header)
    append(UInt32(0), to: &header)
    append(UInt64(count), to: &header)
    append(checksum, to: &header)
    header.withUnsafeBytes { output.write($0) }
    var bytes = Writer(out: output)
    payload(of: store, version: version, into: &bytes)
    output = bytes.finish()
  }

  /// Every dictionary and column of the store, in the file's order.
  /// Version 2 lists quote bounds as `rows + 1` offsets from 0 (the starts
  /// and the ends are the same column, shifted by one); version 1 lists
  /// only the ends.
  static func payload<O: Output>(of store: IndicatorStore, version: UInt32, into payload: inout Writer<O>) {
    for dictionary in [store.regions, store.indicators, store.units, store.sources, store.dataFiles] {
      payload.strings(dictionary.strings)
    }
    payload.array(store.seriesKeys.map(\.region))
    payload.array(store.seriesKeys.map(\.indicator))
    payload.array(store.seriesKeys.map { $0.measure.ordinal })
    payload.array(store.seriesKeys.map { $0.scenario.ordinal })
    payload.array(store.seriesUnit)
    payload.array(store.offsets)
    payload.array(store.periods)
    payload.array(store.values)
    payload.array(store.validity.words)
    payload.array(store.lineAndBound)
    payload.array(store.originOf)
    payload.array(store.originSource)
    payload.array(store.originDataFile)
    // Quotes are written in row order, one after another (the store may hold them in load order).
    var quoteEnds: [UInt32] = version == 1 ? [] : [0]
    quoteEnds.reserveCapacity(store.rowCount + 1)
    var total = 0
    let quotes = store.quotes
    quotes.withUnsafeReader { reader in
      for row in 0..<store.rowCount {
        total += reader.bytes(ofRow: row).count
        quoteEnds.append(UInt32(clamping: total))
      }
      payload.integer(UInt64(total))
      // Copied in, from wherever the store reads them (a mapped data file
      // too): the snapshot stands alone.
      for row in 0..<store.rowCount {
        payload.raw(UnsafeRawBufferPointer(reader.bytes(ofRow: row)))
        if row & QuoteColumn.rowsBetweenDrops == QuoteColumn.rowsBetweenDrops { quotes.dropResidentPagesOfMappedFiles() }
      }
    }
    quotes.dropResidentPagesOfMappedFiles()
    payload.pad(after: total)
    payload.array(quoteEnds)
    let references = store.references.sorted { $0.key < $1.key }
    payload.array(references.map { Int64($0.key) })
    payload.array(references.map(\.value))
  }

  /// A fast 64-bit checksum over 8-byte words (the tail byte by byte).
  static func checksum(_ bytes: [UInt8], from start: Int, to end: Int) -> UInt64 {
    var sum = Checksum(length: end - start)
    bytes.withUnsafeBytes { sum.add(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    return sum.value
  }

  /// The checksum computed piece by piece, as the bytes arrive: the same
  /// value as over the whole payload at once.
  struct Checksum {
    private var h: UInt64
    /// Bytes of an unfinished word, low byte first.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init(length: Int) { h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(length) }

    @inline(__always) private mutating func word(_ w: UInt64) {
      h = (h ^ w) &* 0x0000_0100_0000_01B3
      h ^= h >> 29
    }

    mutating func add(_ raw: UnsafeRawBufferPointer) {
      var i = 0
      let n = raw.count
      while pendingCount > 0 && pendingCount < 8 && i < n {
        pending |= UInt64(raw[i]) << UInt64(8 * pendingCount)
        pendingCount += 1
        i += 1
      }
      if pendingCount == 8 {
        word(pending)
        (pending, pendingCount) = (0, 0)
      }
      while i + 8 <= n {
        word(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
        i += 8
      }
      while i < n {
        pending |= UInt64(raw[i]) << UInt64(8 * pendingCount)
        pendingCount += 1
        i += 1
      }
    }

    /// The checksum of everything added (a last unfinished word byte by byte).
    var value: UInt64 {
      var h = self.h
      for k in 0..<pendingCount {
        h = (h ^ (pending >> UInt64(8 * k) & 0xFF)) &* 0x0000_0100_0000_01B3
      }
      return h
    }
  }

  static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
  }

  /// Payload pieces gathered in a buffer (a quote is a few bytes) and
  /// handed on a megabyte at a time; a large column goes straight through.
  struct Writer<O: Output> {
    var out: O
    private var buffer: [UInt8] = []
    static var capacity: Int { 1 << 20 }

    init(out: O) {
      self.out = out
      buffer.reserveCapacity(Self.capacity)
    }

    mutating func raw(_ bytes: UnsafeRawBufferPointer) {
      if buffer.count + bytes.count > Self.capacity {
        flush()
        if bytes.count >= Self.capacity {
          out.write(bytes)
          return
        }
      }
      buffer.append(contentsOf: bytes)
    }

    mutating func integer<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { raw($0) }
    }

    /// A column: its byte count, its bytes, zeros to the next multiple of 8.
    mutating func array<T: BitwiseCopyable>(_ values: [T]) {
      let count = values.count * MemoryLayout<T>.stride
      integer(UInt64(count))
      values.withUnsafeBytes { raw($0) }
      pad(after: count)
    }

    mutating func array<T: BitwiseCopyable>(_ values: StoreColumn<T>) {
      let count = values.count * MemoryLayout<T>.stride
      integer(UInt64(count))
      values.withUnsafeBytes { raw($0) }
      pad(after: count)
    }

    mutating func pad(after count: Int) {
      let zeros: UInt64 = 0
      let padding = (8 - count % 8) % 8
      if padding > 0 { withUnsafeBytes(of: zeros) { raw(UnsafeRawBufferPointer(rebasing: $0[0..<padding])) } }
    }

    mutating func strings(_ strings: [String]) {
      var text: [UInt8] = []
      var ends: [UInt32] = []
      for s in strings {
        text.append(contentsOf: s.utf8)
        ends.append(UInt32(clamping: text.count))
      }
      array(ends)
      array(text)
    }

    mutating func flush() {
      if !buffer.isEmpty { buffer.withUnsafeBytes { out.write($0) } }
      buffer.removeAll(keepingCapacity: true)
    }

    /// The output, with everything written.
    mutating func finish() -> O {
      flush()
      return out
    }
  }

  struct CountingOutput: Output {
    var count = 0
    mutating func write(_ bytes: UnsafeRawBufferPointer) { count += bytes.count }
  }

  struct ChecksumOutput: Output {
    var checksum: Checksum
    mutating func write(_ bytes: UnsafeRawBufferPointer) { checksum.add(bytes) }
  }

  struct SinkOutput: Output {
    let sink: (UnsafeRawBufferPointer) -> Void
    mutating func write(_ bytes: UnsafeRawBufferPointer) { sink(bytes) }
  }

  // MARK: - Reading

  /// A dictionary from its strings' end offsets and their bytes, as both
  /// snapshot versions store it; overlapping or repeated strings are corrupt.
  static func dictionary(
    ends: some Sequence<UInt32>, text: UnsafeBufferPointer<UInt8>, file: String
  ) throws(Diagnostic) -> StringDictionary {
    var dictionary = StringDictionary()
    var start = 0
    for end in ends {
      guard Int(end) >= start, Int(end) <= text.count else { throw corrupt(file, "a dictionary's strings overlap") }
      let s = String(decoding: UnsafeBufferPointer(rebasing: text[start..<Int(end)]), as: UTF8.self)
      guard dictionary.intern(s) == Int32(dictionary.count - 1) else { throw corrupt(file, "a dictionary repeats a string") }
      start = Int(end)
    }
    return dictionary
  }

  /// Where a snapshot's bytes come from, in order: a byte array, or a file
  /// read piece by piece straight into the columns (no copy of the whole
  /// file in memory).
  public protocol Input {
    /// Total bytes, header included.
    var byteCount: Int { get }
    /// Fills `buffer` with the next bytes; false when they cannot be read
    /// (the file shrank or failed).
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool
  }

  /// A snapshot held in memory.
  public struct BytesInput: Input {
    let bytes: [UInt8]
    var position = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var byteCount: Int { bytes.count }
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
      guard buffer.count <= bytes.count - position else { return false }
      bytes.withUnsafeBytes { raw in
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[position..<position + buffer.count]))
      }
      position += buffer.count
      return true
    }
  }

  /// A snapshot in memory that columns can read in place (version 2) or
  /// that is read like a file (version 1).
  struct MemoryInput: Input {
    let memory: ReadOnlyMemory
    var position = 0
    var byteCount: Int { memory.count }
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
      guard buffer.count <= memory.count - position else { return false }
      memory.withUnsafeBytes { raw in
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[position..<position + buffer.count]))
      }
      position += buffer.count
      return true
    }
  }

  public static func decode(_ bytes: [UInt8], file: String) throws(Diagnostic) -> IndicatorStore {
    try decode(memory: ReadOnlyMemory(copying: bytes), file: file)
  }

  static func corrupt(_ file: String, _ why: String) -> Diagnostic {
    Diagnostic.error(
      "'\(file)' is not a usable indsh snapshot: \(why)",
      help: "write it again with .save FILE.indb, or load the CSV files it was made from")
  }

  /// The header's fields, once its magic, version and length are checked
  /// against a file of `byteCount` bytes.
  struct Header {
    let version: UInt32
    let length: UInt64
    let checksum: UInt64

    /// `bytes`: the file's first `headerSize` bytes (fewer when it is shorter).
    init(_ bytes: [UInt8], byteCount: Int, file: String) throws(Diagnostic) {
      guard bytes.count >= headerSize, byteCount >= headerSize, bytes.prefix(8).elementsEqual(magic) else {
        throw corrupt(file, "it does not start with the snapshot header")
      }
      func field<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
      }
      (version, length, checksum) = (field(UInt32.self, at: 8), field(UInt64.self, at: 16), field(UInt64.self, at: 24))
      guard readableVersions.contains(version) else {
        throw corrupt(
          file,
          "format version \(version); this indsh reads versions \(readableVersions.lowerBound)–\(readableVersions.upperBound)")
      }
      guard UInt64(byteCount - headerSize) == length else {
        throw corrupt(file, "it is \(byteCount) bytes, the header says \(UInt64(headerSize) + length) (truncated or extended)")
      }
    }
  }

  /// The store in `memory` (a mapped file, say): a version 2 snapshot's
  /// columns are read in place, a version 1 snapshot's copied. Every check
  /// of the layout, the checksum and the cross-references passes, or
  /// nothing is returned.
  public static func decode(memory: ReadOnlyMemory, file: String) throws(Diagnostic) -> IndicatorStore {
    let first = memory.withUnsafeBytes { Array($0.prefix(headerSize)) }
    let header = try Header(first, byteCount: memory.count, file: file)
    if header.version == 1 {
      var input = MemoryInput(memory: memory)
      return try decode(&input, file: file)
    }
    return try decodeInPlace(memory, header: header, file: file)
  }

  /// The store in `input`; every check of the layout, the checksum and the
  /// cross-references passes, or nothing is returned. A version 2 snapshot
  /// is read whole into memory its columns then use in place.
  public static func decode(_ input: inout some Input, file: String) throws(Diagnostic) -> IndicatorStore {
    func corrupt(_ why: String) -> Diagnostic { StoreSnapshot.corrupt(file, why) }
    var headerBytes = [UInt8](repeating: 0, count: headerSize)
    guard input.byteCount >= headerSize, headerBytes.withUnsafeMutableBytes({ input.read(into: $0) }) else {
      throw corrupt("it does not start with the snapshot header")
    }
    let header = try Header(headerBytes, byteCount: input.byteCount, file: file)
    let length = header.length, sum = header.checksum
    if header.version == 2 {
      var complete = true
      let memory = ReadOnlyMemory(count: input.byteCount) { buffer in
        headerBytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[0..<headerSize]).copyMemory(from: $0) }
        complete = input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[headerSize...]))
        return buffer.count
      }
      guard complete else { throw corrupt("it could not be read to its end") }
      return try decodeInPlace(memory, header: header, file: file)
    }
    var reader = Reader(input: input, remaining: Int(length), checksum: Checksum(length: Int(length)))
    defer { input = reader.input }

    var store = IndicatorStore()
    var dictionaries: [StringDictionary] = []
    for _ in 0..<5 {
      guard let ends = reader.array(UInt32.self), let text = reader.array(UInt8.self) else {
        throw corrupt("a dictionary is cut short")
      }
      dictionaries.append(try text.withUnsafeBufferPointer { bytes throws(Diagnostic) in
        try StoreSnapshot.dictionary(ends: ends, text: bytes, file: file)
      })
    }
    (store.regions, store.indicators, store.units, store.sources, store.dataFiles) =
      (dictionaries[0], dictionaries[1], dictionaries[2], dictionaries[3], dictionaries[4])

    guard let keyRegion = reader.array(Int32.self), let keyIndicator = reader.array(Int32.self),
      let keyMeasure = reader.array(UInt8.self), let keyScenario = reader.array(UInt8.self),
      let seriesUnit = reader.array(Int32.self), let offsets = reader.array(Int32.self),
      let periods = reader.array(Period.self), let values = reader.array(Double.self),
      let validityWords = reader.array(UInt64.self), let lineAndBound = reader.array(UInt32.self),
      let originOf = reader.array(Int32.self), let originSource = reader.array(Int32.self),
      let originDataFile = reader.array(Int32.self), let quoteBytes = reader.array(UInt8.self),
      let quoteEnd = reader.array(UInt32.self), let referenceRows = reader.array(Int64.self),
      let referenceCodes = reader.array(Int32.self), reader.remaining == 0
    else { throw corrupt(reader.failed ? "it could not be read to its end" : "a column is cut short") }
    guard reader.checksum.value == sum else {
      throw corrupt("the checksum does not match its contents")
    }

    // Every cross-reference is checked: a bad file must not index out of range later.
    let seriesCount = keyRegion.count, rows = values.count
    func within(_ codes: [Int32], _ count: Int) -> Bool { codes.allSatisfy { $0 >= 0 && Int($0) < count } }
    guard keyIndicator.count == seriesCount, keyMeasure.count == seriesCount, keyScenario.count == seriesCount,
      seriesUnit.count == seriesCount, offsets.count == seriesCount + 1,
      within(keyRegion, store.regions.count), within(keyIndicator, store.indicators.count),
      within(seriesUnit, store.units.count),
      keyMeasure.allSatisfy({ Int($0) < Measure.allCases.count }),
      keyScenario.allSatisfy({ Int($0) < Scenario.allCases.count })
    else { throw corrupt("the series table is inconsistent") }
    guard offsets.first == 0, offsets.last.map(Int.init) == rows, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 })
    else { throw corrupt("series offsets are out of order") }
    guard periods.count == rows, lineAndBound.count == rows, originOf.count == rows, quoteEnd.count == rows,
      validityWords.count == (rows + 63) / 64,
      within(originOf, originSource.count), originSource.count == originDataFile.count,
      within(originSource, store.sources.count), within(originDataFile, store.dataFiles.count),
      lineAndBound.allSatisfy({ Bound(rawValue: UInt8($0 & 7)) != nil }),
      zip(quoteEnd, quoteEnd.dropFirst()).allSatisfy({ $0 <= $1 }), (quoteEnd.last.map(Int.init) ?? 0) <= quoteBytes.count,
      referenceRows.count == referenceCodes.count, within(referenceCodes, store.indicators.count),
      referenceRows.allSatisfy({ $0 >= 0 && $0 < rows })
    else { throw corrupt("the fact columns are inconsistent") }
    guard periods.allSatisfy({ Period.isValid(rawValue: $0.rawValue) }) else {
      throw corrupt("a period is invalid")
    }

    var seriesIndex: [SeriesKey: Int32] = [:]
    seriesIndex.reserveCapacity(seriesCount)
    store.seriesKeys.reserveCapacity(seriesCount)
    for s in 0..<seriesCount {
      let key = SeriesKey(
        region: keyRegion[s], indicator: keyIndicator[s], measure: Measure.allCases[Int(keyMeasure[s])],
        scenario: Scenario.allCases[Int(keyScenario[s])])
      guard seriesIndex.updateValue(Int32(s), forKey: key) == nil else { throw corrupt("a series appears twice") }
      store.seriesKeys.append(key)
    }
    store.seriesIndex = SeriesIndex(index: seriesIndex)
    store.seriesUnit = seriesUnit
    store.offsets = offsets
    store.periods = StoreColumn(periods)
    store.values = StoreColumn(values)
    store.validity = ValidityBitmap(words: validityWords, count: rows)
    store.lineAndBound = StoreColumn(lineAndBound)
    store.originOf = StoreColumn(originOf)
    store.originSource = originSource
    store.originDataFile = originDataFile
    store.quotes = QuoteColumn(
      bytes: StoreColumn(quoteBytes), start: StoreColumn(quoteEnd.indices.map { $0 == 0 ? 0 : quoteEnd[$0 - 1] }),
      end: StoreColumn(quoteEnd))
    for (row, code) in zip(referenceRows, referenceCodes) { store.references[Int(row)] = code }
    return store
  }

  /// Reads the payload's columns in order, checksumming as it goes.
  struct Reader<Source: Input> {
    var input: Source
    /// Payload bytes not read yet.
    var remaining: Int
    var checksum: Checksum
    /// Whether the input failed to deliver bytes it announced.
    var failed = false

    /// Reads `buffer.count` bytes, in pieces that are checksummed while in cache.
    mutating func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
      guard buffer.count <= remaining else { return false }
      var done = 0
      while done < buffer.count {
        let piece = UnsafeMutableRawBufferPointer(rebasing: buffer[done..<min(buffer.count, done + (1 << 20))])
        guard input.read(into: piece) else {
          failed = true
          return false
        }
        checksum.add(UnsafeRawBufferPointer(piece))
        done += piece.count
      }
      remaining -= buffer.count
      return true
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
      var value = T.zero
      guard withUnsafeMutableBytes(of: &value, { fill($0) }) else { return nil }
      return T(littleEndian: value)
    }

    /// A column: its byte count, its bytes straight into the array, its padding.
    mutating func array<T: BitwiseCopyable>(_: T.Type) -> [T]? {
      guard let count = integer(UInt64.self), count <= UInt64(remaining),
        Int(count) % MemoryLayout<T>.stride == 0
      else { return nil }
      let n = Int(count) / MemoryLayout<T>.stride
      var ok = true
      let result = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
        ok = fill(UnsafeMutableRawBufferPointer(buffer))
        initialized = ok ? n : 0
      }
      guard ok else { return nil }
      let padding = (8 - Int(count) % 8) % 8
      if padding > 0 {
        var pad: UInt64 = 0
        guard withUnsafeMutableBytes(of: &pad, { fill(UnsafeMutableRawBufferPointer(rebasing: $0[0..<padding])) }) else {
          return nil
        }
      }
      return result
    }
  }
}
