import Diagnostics
import IndicatorStore

/// Loads observation CSV files (docs/DATA-FORMAT.md) into a `StoreBuilder`
/// or, all-or-nothing, into a new `IndicatorStore`.
///
/// Every problem becomes a `Diagnostic` at `FILE:LINE:COL` naming the column,
/// the bad value and what is allowed; up to `maxErrorsPerFile` per file.
///
/// ```swift
/// do {
///   let result = try DatasetLoader.loading(paths: ["Datasets"], into: store)
///   store = result.store          // only on success: the old store stays otherwise
/// } catch {
///   for d in error.diagnostics { print(d) }   // Datasets/a.csv:12:31: error: …
/// }
/// ```
public enum DatasetLoader {
  /// The columns every data file must have, in the canonical order.
  public static let requiredColumns = [
    "region", "indicator", "measure", "scenario", "period", "value", "unit", "bound", "source", "quote",
  ]
  /// Optional columns.
  public static let optionalColumns = ["ref"]
  /// All columns in the order the store exports them.
  public static let allColumns = requiredColumns + optionalColumns
  /// The most errors reported for one file.
  public static let maxErrorsPerFile = 20
  /// The alias file inside a data folder, skipped by folder loads.
  public static let aliasFileName = "aliases.csv"

  /// Parses the file at `path` and appends its rows to `builder`. On any
  /// error nothing is appended (the builder keeps exactly its old rows) and
  /// every problem found (up to 20) is thrown. Whole-series checks (unit
  /// clash, conflicts) happen later in `StoreBuilder.build()`.
  public static func load(path: String, into builder: inout StoreBuilder) throws(DiagnosticList) {
    let bytes: [UInt8]
    do { bytes = try FileIO.readAll(path) } catch { throw DiagnosticList([error]) }
    try load(bytes: bytes, file: path, into: &builder)
  }

  /// As `load(path:into:)` for bytes already in memory; `file` names them.
  @discardableResult
  public static func load(
    bytes: [UInt8], file: String, into builder: inout StoreBuilder, progress: ((Int, Int) -> Void)? = nil
  ) throws(DiagnosticList)
    -> Int
  {
    var parser = FileParser(reader: CSVReader(bytes: bytes, file: file), maxErrors: maxErrorsPerFile)
    parser.progress = progress
    let before = builder.rowCount
    parser.parse(into: &builder)
    if !parser.errors.isEmpty {
      builder.removeRows(from: before)
      throw DiagnosticList(parser.errors)
    }
    return builder.rowCount - before
  }

  /// Files are read and parsed a piece of this size at a time, so a large
  /// file is never whole in memory (a small one is one piece).
  static let streamingChunkBytes = 16 << 20

  /// Files of at least this many bytes are mapped for the session, and
  /// their quotes that need no unescaping are read in place rather than
  /// copied (a large file's quotes are most of its store's memory). Smaller
  /// files — the hand-edited ones — are read and copied, so that editing
  /// one in place while a session runs cannot change or cut short its quotes.
  static let mappingThreshold = 8 << 20

  /// As `load(bytes:file:into:progress:)`, reading `path` in pieces of about
  /// `chunkBytes`, each cut after its last complete record. Rows, errors and
  /// their lines and columns are those of a whole-file load; on any error
  /// nothing is appended.
  ///
  /// A file of `mapFrom` bytes or more is mapped instead of read: pieces are
  /// parsed where they lie, each piece's pages handed back to the kernel once
  /// parsed, and the fast path keeps quotes as offsets into the mapping
  /// (which the store then holds for as long as it reads them).
  @discardableResult
  static func loadInPieces(
    path: String, into builder: inout StoreBuilder, chunkBytes: Int = streamingChunkBytes,
    mapFrom: Int = mappingThreshold, progress: ((Int, Int) -> Void)? = nil
  ) throws(DiagnosticList) -> Int {
    let input: FileReader
    do { input = try FileReader(path: path) } catch { throw DiagnosticList([error]) }
    var fileSize = FileIO.size(of: path)
    // The mapping, when the file is large enough and can be mapped (else read).
    var mapped: ReadOnlyMemory? = nil
    if fileSize >= max(1, mapFrom), let memory = input.mapping(), memory.count >= max(1, mapFrom) {
      mapped = memory
      fileSize = memory.count
    }
    /// Mapped: bytes from the piece's start already known to hold no whole
    /// record (the next piece must reach further), as `carry` when reading.
    var carryCount = 0
    let before = builder.rowCount
    var errors: [Diagnostic] = []
    var header: (index: [String: Int], count: Int)? = nil
    var carry: [UInt8] = []
    var spare: [StoreBuilder.Columns] = []
    var firstLine = 1
    var bytesBefore = 0
    var rowsBefore = 0
    var atEnd = false
    /// From the first piece (`rows` rows, `quoteBytes` of quotes in
    /// `pieceBytes`), room for the whole file at its rows per byte, less what
    /// is already appended: the columns then grow once, not by doubling and copying.
    func reserveForWholeFile(rows: Int, quoteBytes: Int, pieceBytes: Int) {
      guard bytesBefore == 0, rows > 0, pieceBytes > 0 else { return }
      let scale = Double(fileSize) / Double(pieceBytes) * 1.02
      let appended = builder.rowCount - before
      let more = Int(Double(rows) * scale) - appended
      guard more > 0 else { return }
      let moreQuotes = Int(Double(quoteBytes) * scale) - (appended > 0 ? quoteBytes : 0)
      builder.reserveCapacity(rows: more, quoteBytes: max(0, moreQuotes), exact: true)
    }
    while !atEnd && errors.count < maxErrorsPerFile {
      var piece: [UInt8] = []
      /// Mapped: the piece's bytes in the file (`piece` stays empty unless the general path needs it).
      var window = 0..<0
      if let mapped {
        window = bytesBefore..<min(fileSize, bytesBefore + carryCount + chunkBytes)
        atEnd = window.upperBound == fileSize
        carryCount = 0
      } else {
        piece = carry
        carry = []
        // A small file is read in one piece of its own size.
        let count = min(chunkBytes, max(1, fileSize - bytesBefore - piece.count + 1))
        do { atEnd = try input.read(appendingTo: &piece, count: count) } catch { throw DiagnosticList([error]) }
        // An empty file still goes through the parser once, which says so.
        if piece.isEmpty && header != nil { break }
      }
      let pieceCount = mapped == nil ? piece.count : window.count
      let report = progress.map { callback in
        { [rowsBefore, bytesBefore] (rows: Int, bytes: Int) in callback(rowsBefore + rows, bytesBefore + bytes) }
      }
      // The fast path; anything it cannot take is parsed again below, by the general path.
      let fastHeader =
        header.flatMap { h in
          FastBodyParser.Layout(index: h.index, fieldCount: h.count).map {
            FastBodyParser.Header(layout: $0, index: h.index, fieldCount: h.count, bodyStart: 0, bodyLine: firstLine)
          }
        }
        ?? (mapped.map { memory in
          // The header from the piece's first bytes (it is a line or two).
          let head = memory.copyBytes(in: window.lowerBound..<min(window.upperBound, window.lowerBound + (1 << 20)))
          return FastBodyParser.header(
            of: head, file: path, atEndOfFile: atEnd && head.count == window.count)
        } ?? FastBodyParser.header(of: piece, file: path, atEndOfFile: atEnd))
      let fastParsed = fastHeader.flatMap { fast in
        guard let mapped else {
          return FastBodyParser.parsePiece(
            piece, from: fast.bodyStart, firstLine: fast.bodyLine, atEndOfFile: atEnd, layout: fast.layout, file: path,
            reusing: spare, progress: report)
        }
        return mapped.withUnsafeBytes { raw in
          FastBodyParser.parsePiece(
            UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[window]), from: fast.bodyStart,
            firstLine: fast.bodyLine, atEndOfFile: atEnd, layout: fast.layout, file: path,
            quoteSource: FastBodyParser.QuoteSource(memory: mapped, offset: window.lowerBound), reusing: spare,
            progress: report)
        }
      }
      if let fast = fastHeader, let parsed = fastParsed {
        if parsed.end == fast.bodyStart && !atEnd {
          // One record longer than a piece: read on.
          if mapped != nil { carryCount = pieceCount } else { carry = piece }
          continue
        }
        header = (fast.index, fast.fieldCount)
        if builder.rowCount == 0 && parsed.parts.count == 1 && atEnd && bytesBefore == 0 {
          builder = StoreBuilder(columns: parsed.parts[0])  // a whole file in one part: taken, not copied
        } else {
          reserveForWholeFile(
            rows: parsed.rowCount, quoteBytes: parsed.parts.reduce(0) { $0 + $1.quotes.ownedByteCount }, pieceBytes: parsed.end)
          for part in parsed.parts { builder.append(columns: part) }
          // The next piece's parts are written into these columns' memory.
          spare = parsed.parts
          for k in spare.indices { spare[k].removeAllRows() }
        }
        if parsed.end < pieceCount {
          if mapped != nil { carryCount = pieceCount - parsed.end } else { carry = Array(piece[parsed.end...]) }
        }
        firstLine = fast.bodyLine + parsed.lines
        // The parsed bytes' pages go back to the kernel: quotes fault them in again when read.
        mapped?.dropResidentPages(in: window.lowerBound..<window.lowerBound + parsed.end)
        bytesBefore += parsed.end
        rowsBefore = builder.rowCount - before
        continue
      }
      // The general path reads an array (its quotes are copied).
      if let mapped { piece = mapped.copyBytes(in: window) }
      // Cut after the last line break outside quotes; the rest starts the next piece.
      let boundary = ParallelParse.lastRecordEnd(in: piece)
      let cut = atEnd ? piece.count : boundary.offset
      if cut == 0 && !atEnd {
        // One record longer than a piece: read on.
        if mapped != nil { carryCount = piece.count } else { carry = piece }
        continue
      }
      if cut < piece.count {
        if mapped != nil { carryCount = piece.count - cut } else { carry = Array(piece[cut...]) }
        piece.removeLast(piece.count - cut)
      }
      mapped?.dropResidentPages(in: window.lowerBound..<window.lowerBound + cut)
      let pieceBytes = piece.count
      let pieceLines = boundary.lines
      var parser: FileParser
      if let header {
        parser = FileParser(
          reader: CSVReader(bytes: piece, file: path, range: 0..<pieceBytes, firstLine: firstLine),
          maxErrors: maxErrorsPerFile - errors.count)
        parser.index = header.index
        parser.headerCount = header.count
        parser.progress = report
        if parser.checkUTF8() { parser.parseBody(into: &builder) }
      } else {
        parser = FileParser(reader: CSVReader(bytes: piece, file: path), maxErrors: maxErrorsPerFile)
        parser.progress = report
        parser.parse(into: &builder)
        header = (parser.index, parser.headerCount)
      }
      errors += parser.errors
      firstLine += pieceLines
      let pieceRows = builder.rowCount - before
      reserveForWholeFile(
        rows: pieceRows, quoteBytes: pieceRows * builder.quoteBytesCount / max(1, builder.rowCount), pieceBytes: pieceBytes)
      bytesBefore += pieceBytes
      rowsBefore = builder.rowCount - before
    }
    if !errors.isEmpty {
      builder.removeRows(from: before)
      throw DiagnosticList(Array(errors.prefix(maxErrorsPerFile)))
    }
    return builder.rowCount - before
  }

  /// The data files named by `paths`: a file as given, or every `*.csv` of a
  /// folder sorted by name (except `aliases.csv`). Each file once.
  public static func dataFiles(in paths: [String]) throws(DiagnosticList) -> [String] {
    var files: [String] = []
    var errors: [Diagnostic] = []
    var seen = Set<String>()
    for path in paths {
      if FileIO.isDirectory(path) {
        let names: [String]
        do { names = try FileIO.directoryEntries(path) } catch {
          errors.append(error)
          continue
        }
        let csvs = names.filter { $0.lowercased().hasSuffix(".csv") && $0 != aliasFileName && !$0.hasPrefix(".") }
          .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        if csvs.isEmpty {
          errors.append(.error("no .csv data files in folder '\(path)'"))
          continue
        }
        let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
        for name in csvs {
          let file = folder + "/" + name
          if seen.insert(FileIO.canonicalPath(file)).inserted { files.append(file) }
        }
      } else if seen.insert(FileIO.canonicalPath(path)).inserted {
        files.append(path)
      }
    }
    if !errors.isEmpty { throw DiagnosticList(errors) }
    return files
  }

  /// Loads a file, or every `*.csv` of a folder (sorted by name), into a new
  /// store holding `store`'s rows plus the new ones. Loading a data file that
  /// `store` already holds replaces its rows (the same file under another
  /// spelling, `./a.csv` for `a.csv`, counts as the same). All or nothing:
  /// on any error this throws and the caller keeps `store`.
  ///
  /// - Returns: the new store, notes (identical duplicates merged), and the
  ///   number of rows read from the files.
  ///
  /// `progress`, when given, is called every few thousand rows with the
  /// rows and bytes read so far (all files together); the caller decides
  /// whether and how often to show it (the shell: on a terminal, after a second).
  public static func loading(
    paths: [String], into store: IndicatorStore, progress: ((LoadProgress) -> Void)? = nil
  ) throws(DiagnosticList)
    -> (store: IndicatorStore, notes: [Diagnostic], rowsLoaded: Int)
  {
    try loading(paths: paths, into: store, mapFrom: mappingThreshold, progress: progress)
  }

  /// As `loading(paths:into:progress:)`, mapping data files of `mapFrom` bytes or more.
  static func loading(
    paths: [String], into store: IndicatorStore, mapFrom: Int, progress: ((LoadProgress) -> Void)? = nil
  ) throws(DiagnosticList)
    -> (store: IndicatorStore, notes: [Diagnostic], rowsLoaded: Int)
  {
    let files = try dataFiles(in: paths)
    // Snapshots (.indb) are opened first: their rows replace rows of the same data files.
    var snapshots: [String: IndicatorStore] = [:]
    var errors: [Diagnostic] = []
    for file in files where StoreSnapshot.isSnapshot(file) {
      do throws(Diagnostic) {
        snapshots[file] = try FileIO.openSnapshot(file)
      } catch {
        errors.append(error)
      }
    }
    if !errors.isEmpty { throw DiagnosticList(errors) }
    // One snapshot into an empty store is the store: no parsing, no sorting.
    if store.rowCount == 0, files.count == 1, let snapshot = snapshots[files[0]] {
      return (snapshot, [], snapshot.rowCount)
    }
    let incoming = Set(files.map(FileIO.canonicalPath))
    let snapshotDataFiles = Set(snapshots.values.flatMap(\.dataFileNames))
    let replaced = Set(
      store.dataFileNames.filter {
        incoming.contains(FileIO.canonicalPath($0)) || files.contains($0) || snapshotDataFiles.contains($0)
      })
    var builder = StoreBuilder(copying: store, excludingDataFiles: replaced)
    var rows = 0
    var bytesDone = 0
    var skipped: [Diagnostic] = []
    let snapshotCanonical = Set(snapshotDataFiles.map(FileIO.canonicalPath))
    for file in files {
      if let snapshot = snapshots[file] {
        builder.append(rowsOf: snapshot)
        rows += snapshot.rowCount
        continue
      }
      // A snapshot of this load already holds the file's rows: loading both would double them.
      if snapshotDataFiles.contains(file) || snapshotCanonical.contains(FileIO.canonicalPath(file)) {
        skipped.append(
          Diagnostic(severity: .note, message: "\(file) skipped: a snapshot loaded with it holds its rows", fileLocation: nil))
        continue
      }
      let rowsBefore = rows, bytesBefore = bytesDone
      let report = progress.map { callback in
        { (fileRows: Int, fileBytes: Int) in
          callback(LoadProgress(file: file, rows: rowsBefore + fileRows, bytes: bytesBefore + fileBytes))
        }
      }
      do throws(DiagnosticList) {
        rows += try loadInPieces(path: file, into: &builder, mapFrom: mapFrom, progress: report)
        bytesDone += FileIO.size(of: file)
      } catch {
        errors += error.diagnostics
      }
    }
    if !errors.isEmpty { throw DiagnosticList(errors) }
    let built = try builder.buildEmptying(threads: ParallelParse.threadCount)
    return (built.store, skipped + built.notes, rows)
  }
}

/// How far a load has got, for a progress line.
///
/// ```swift
/// try DatasetLoader.loading(paths: ["big.csv"], into: store) { p in print(p.rows, p.bytes) }
/// ```
public struct LoadProgress: Sendable {
  /// The file being read.
  public var file: String
  /// Records read so far, over all files of this load.
  public var rows: Int
  /// Bytes read so far, over all files of this load.
  public var bytes: Int
}

/// Turns the records of one file into builder rows, collecting errors.
struct FileParser {
  var reader: CSVReader
  let maxErrors: Int
  var errors: [Diagnostic] = []
  var file: String { reader.file }
  /// Called every `progressInterval` records with (records, bytes) read so far.
  var progress: ((Int, Int) -> Void)? = nil
  static let progressInterval = 16_384
  /// Threads for a large file's records, and the least bytes worth a thread.
  var threads = ParallelParse.threadCount
  var minimumPartSize = ParallelParse.minimumBytesPerPart

  /// Column index of each known column in this file's header.
  var index: [String: Int] = [:]
  var headerCount = 0

  init(reader: CSVReader, maxErrors: Int) {
    self.reader = reader
    self.maxErrors = maxErrors
  }

  var isFull: Bool { errors.count >= maxErrors }

  mutating func error(_ message: String, line: Int, column: Int, help: String? = nil) {
    guard errors.count < maxErrors else { return }
    errors.append(.error(message, file: file, line: line, column: column, help: help))
  }

  mutating func error(_ message: String, at field: CSVReader.Field, help: String? = nil) {
    error(message, line: field.line, column: reader.column(of: field), help: help)
  }

  /// A field's text for a message: shortened, with control characters shown.
  func shown(_ field: CSVReader.Field) -> String {
    var text = reader.string(field)
    if text.count > 40 { text = String(text.prefix(40)) + "…" }
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  mutating func parse(into builder: inout StoreBuilder) {
    if reader.isBlank {
      error(
        "empty file: expected a header line '\(DatasetLoader.allColumns.joined(separator: ","))'",
        line: 1, column: 1)
      return
    }
    guard checkUTF8() else { return }
    var record = CSVReader.Record()
    do {
      guard try reader.next(into: &record) else {
        error("empty file: expected a header line", line: 1, column: 1)
        return
      }
    } catch {
      self.error(error.message, line: error.line, column: error.column, help: error.help)
      return
    }
    guard readHeader(record) else { return }
    parseBody(into: &builder)
  }

  /// Invalid UTF-8 anywhere makes every later text suspect: reports each
  /// place and returns false. (A quick check first; places are worked out
  /// only when something is wrong.)
  mutating func checkUTF8() -> Bool {
    let valid = ParallelParse.isValidUTF8(reader.bytes, in: reader.contentStart..<reader.end)
    let invalid = valid ? [] : reader.invalidUTF8(limit: maxErrors)
    for place in invalid {
      let byte = reader.bytes[place.offset]
      let hex = String(byte, radix: 16, uppercase: true)
      error(
        "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex))", line: place.line, column: place.column,
        help: "save the file as UTF-8")
    }
    return invalid.isEmpty
  }

  /// Parses the records from the reader's position on: in parts on several
  /// threads when there are enough bytes, else on this one.
  mutating func parseBody(into builder: inout StoreBuilder) {
    let bodyStart = reader.nextRecordStart
    let parts = ParallelParse.parts(
      of: reader.bytes, from: bodyStart.offset, to: reader.end, firstLine: bodyStart.line, threads: threads,
      minimumPartSize: minimumPartSize)
    if parts.count > 1 {
      parseInParallel(parts, into: &builder)
    } else {
      parseRecords(into: &builder)
    }
  }

  /// Parses the records after the header (this parser's reader is positioned there).
  mutating func parseRecords(into builder: inout StoreBuilder) {
    var record = CSVReader.Record()
    var rows = RowParser(columns: index)
    var records = 0
    var reserved = false
    let (partStart, partEnd) = (reader.nextRecordStart.offset, reader.end)
    while !isFull {
      // After a sample of records, room for the rest at the sample's bytes per row.
      if !reserved && records == 1024 {
        reserved = true
        let perRow = Double(record.endOffset - partStart) / 1024
        let quoteShare = Double(builder.quoteBytesCount) / Double(max(1, builder.rowCount))
        let expected = Int(Double(partEnd - partStart) / max(1, perRow) * 1.02)
        builder.reserveCapacity(rows: expected, quoteBytes: Int(Double(expected) * quoteShare * 1.02))
      }
      do {
        guard try reader.next(into: &record) else { break }
        records += 1
        if let progress, records % Self.progressInterval == 0 { progress(records, record.endOffset) }
      } catch {
        self.error(error.message, line: error.line, column: error.column, help: error.help)
        continue
      }
      if record.count != headerCount {
        let message =
          "wrong number of fields: \(record.count) here, \(headerCount) in the header"
        if record.count > headerCount {
          error(
            message + "; extra field '\(shown(record[headerCount]))'", at: record[headerCount],
            help: "quote a field that contains a comma (\"1,234\"), or remove the extra comma")
        } else {
          error(
            message + "; missing \(DatasetHeader.name(ofIndex: record.count, in: index) ?? "fields")",
            line: record.endLine, column: reader.column(of: record.endOffset, lineStart: record.endLineStart),
            help: "every line has one field per header column; an empty field is still separated by a comma")
        }
        continue
      }
      rows.parse(record, parser: &self, into: &builder)
    }
  }

  /// Maps header names to indices; false (with errors) when the header is bad.
  mutating func readHeader(_ record: CSVReader.Record) -> Bool {
    headerCount = record.count
    var unknown: [(String, CSVReader.Field)] = []
    for (i, field) in record.fields.enumerated() {
      let name = reader.string(field)
      if DatasetLoader.allColumns.contains(name) {
        if index[name] != nil {
          error("column '\(name)' appears twice in the header", at: field)
        }
        index[name] = i
      } else {
        unknown.append((name, field))
      }
    }
    let missing = DatasetLoader.requiredColumns.filter { index[$0] == nil }
    // Columns of its own and none of the observation ones: most likely a
    // query's result exported with .export (gap, attain …), which is no data
    // file. One error says so; its columns are not listed one by one.
    let looksLikeAResult = !unknown.isEmpty && missing.contains("quote")
    for (name, field) in unknown where !looksLikeAResult {
      let close = Suggestions.closest(to: name, among: DatasetLoader.allColumns)
      error(
        "unknown column '\(name)' in the header",
        at: field,
        help: (Suggestions.didYouMean(close).map { $0 + "; " } ?? "")
          + "the columns are \(DatasetLoader.allColumns.joined(separator: ",")) (ref optional)")
    }
    if !missing.isEmpty {
      error(
        "missing required column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")) in the header",
        line: record.line, column: 1,
        help: "the header is \(DatasetLoader.allColumns.joined(separator: ",")) in any order (ref optional)"
          + (looksLikeAResult
            ? "; an exported query result (gap, attain, yoy …) is not a data file: `.export FILE.csv *` or a selector writes observations that load back"
            : ""))
    }
    return errors.isEmpty
  }
}

enum DatasetHeader {
  static func name(ofIndex i: Int, in index: [String: Int]) -> String? {
    index.first { $0.value == i }.map { "'\($0.key)'" }
  }
}

/// Parses one record's fields; keeps the last string of each repeating text
/// column so that runs of equal regions/indicators make no new `String`.
struct RowParser {
  let region: Int, indicator: Int, measure: Int, scenario: Int, period: Int, value: Int
  let unit: Int, bound: Int, source: Int, quote: Int
  let ref: Int?
  var cache: [TextCache] = Array(repeating: TextCache(), count: 5)
  /// The data file's code, interned once per file.
  var dataFileCode: Int32? = nil

  /// The last text seen in one column and its code: runs of equal regions,
  /// indicators, units and sources make no String and no hash lookup.
  struct TextCache {
    var bytes: ArraySlice<UInt8> = []
    var string = ""
    var code: Int32 = 0
    var valid = false
  }

  static let measureTexts = Measure.allCases.map { (Array($0.rawValue.utf8), $0) }
  static let scenarioTexts = Scenario.allCases.map { (Array($0.rawValue.utf8), $0) }
  static let boundTexts = Bound.allCases.map { (Array($0.text.utf8), $0) }

  init(columns index: [String: Int]) {
    // readHeader checked that every required column is present.
    region = index["region"] ?? 0
    indicator = index["indicator"] ?? 0
    measure = index["measure"] ?? 0
    scenario = index["scenario"] ?? 0
    period = index["period"] ?? 0
    value = index["value"] ?? 0
    unit = index["unit"] ?? 0
    bound = index["bound"] ?? 0
    source = index["source"] ?? 0
    quote = index["quote"] ?? 0
    ref = index["ref"]
  }

  mutating func text(_ slot: Int, _ field: CSVReader.Field, _ reader: CSVReader) -> String {
    if cache[slot].valid && !field.hasDoubledQuotes && reader.bytesEqual(field, cache[slot].bytes) {
      return cache[slot].string
    }
    let s = reader.string(field)
    cache[slot] = TextCache(bytes: reader.bytes[field.start..<field.end], string: s, valid: !field.hasDoubledQuotes)
    return s
  }

  /// The dictionary code of a text field, through the column's cache.
  mutating func code(
    _ slot: Int, _ field: CSVReader.Field, _ reader: CSVReader, _ column: StoreBuilder.TextColumn,
    _ builder: inout StoreBuilder
  ) -> Int32 {
    if cache[slot].valid && !field.hasDoubledQuotes && reader.bytesEqual(field, cache[slot].bytes) {
      return cache[slot].code
    }
    let s = reader.string(field)
    let code = builder.code(of: s, in: column)
    cache[slot] = TextCache(
      bytes: reader.bytes[field.start..<field.end], string: s, code: code, valid: !field.hasDoubledQuotes)
    return code
  }

  static func lookup<T>(_ table: [([UInt8], T)], _ field: CSVReader.Field, _ reader: CSVReader) -> T? {
    for (text, value) in table where reader.bytesEqual(field, text[...]) { return value }
    return nil
  }

  /// Whether the bytes hold a fullwidth digit, point, sign or percent (U+FF05,
  /// U+FF0B, U+FF0D, U+FF0E, U+FF10–FF19): EF BC xx.
  static func fullwidthASCII(_ bytes: ArraySlice<UInt8>) -> String? {
    guard bytes.contains(0xEF) else { return nil }
    var out = ""
    var found = false
    var i = bytes.startIndex
    while i < bytes.endIndex {
      if bytes[i] == 0xEF, i + 2 < bytes.endIndex, bytes[i + 1] == 0xBC, (0x81...0xBF).contains(bytes[i + 2]) {
        // U+FF01..U+FF3F map to ASCII 0x21..0x5F.
        out.append(Character(Unicode.Scalar(bytes[i + 2] - 0x81 + 0x21)))
        found = true
        i += 3
      } else {
        out.append(Character(Unicode.Scalar(bytes[i] < 0x80 ? bytes[i] : 0x3F)))
        i += 1
      }
    }
    return found ? out : nil
  }

  mutating func parse(_ record: CSVReader.Record, parser: inout FileParser, into builder: inout StoreBuilder) {
    let reader = parser.reader
    let errorsBefore = parser.errors.count
    func required(_ i: Int, _ name: String, _ what: String, parser: inout FileParser) {
      if record[i].isEmpty { parser.error("empty \(name): \(what)", at: record[i]) }
    }
    required(region, "region", "every row names the region its figure is about", parser: &parser)
    required(indicator, "indicator", "every row names its canonical indicator", parser: &parser)
    required(unit, "unit", "write the unit as in the report (%, 亿元, 万人, 家 …)", parser: &parser)

    let m = RowParser.lookup(RowParser.measureTexts, record[measure], reader)
    if m == nil {
      parser.error(
        "unknown measure '\(parser.shown(record[measure]))' in column measure", at: record[measure],
        help: "allowed: \(Measure.allowedText)")
    }
    let s = RowParser.lookup(RowParser.scenarioTexts, record[scenario], reader)
    if s == nil {
      parser.error(
        "unknown scenario '\(parser.shown(record[scenario]))' in column scenario", at: record[scenario],
        help: "allowed: \(Scenario.allowedText)")
    }
    let b = RowParser.lookup(RowParser.boundTexts, record[bound], reader)
    if b == nil {
      parser.error(
        "unknown bound '\(parser.shown(record[bound]))' in column bound", at: record[bound],
        help: "allowed: \(Bound.allowedText)")
    }
    var p: Period? = nil
    do {
      p = try Period.parse(bytes: reader.unescaped(record[period]))
    } catch {
      parser.error("\(error.message) (column period)", at: record[period], help: Period.formsHelp)
    }
    // Value: a finite ASCII decimal, or empty for a relative target.
    var v: Double? = nil
    let valueField = record[value]
    if valueField.isEmpty {
      if let b, !b.isRelative {
        parser.error(
          "empty value in column value", at: valueField,
          help: "only a relative target (bound >ref or =ref) may leave value empty")
      }
    } else {
      let bytes = reader.unescaped(valueField)
      if let ascii = RowParser.fullwidthASCII(bytes) {
        parser.error(
          "value '\(parser.shown(valueField))' in column value uses fullwidth characters", at: valueField,
          help: "write ASCII digits: '\(ascii)'; the unit goes in column unit")
      } else if let d = DecimalText.parse(bytes), d.isFinite {
        v = d
      } else {
        parser.error(
          "value '\(parser.shown(valueField))' in column value is not a finite decimal", at: valueField,
          help: "expected a number like 7.8, -0.5 or 1.2e3: no thousands separators, %, units, NaN or inf")
      }
    }
    let unitBytes = reader.unescaped(record[unit])
    if RowParser.fullwidthASCII(unitBytes) != nil {
      parser.error(
        "unit '\(parser.shown(record[unit]))' in column unit uses fullwidth characters", at: record[unit],
        help: "write '\(RowParser.fullwidthASCII(unitBytes) ?? "%")' in ASCII")
    }
    var reference: String? = nil
    if let ref {
      let refField = record[ref]
      if let b, b.isRelative, refField.isEmpty {
        parser.error(
          "empty ref for a '\(b.text)' target", at: refField,
          help: "a relative target names the indicator it is compared with in column ref (地区生产总值)")
      } else if let b, !b.isRelative, !refField.isEmpty {
        parser.error(
          "ref '\(parser.shown(refField))' on a row whose bound is '\(b.text)'", at: refField,
          help: "ref is only for bound >ref or =ref; leave it empty")
      } else if !refField.isEmpty {
        reference = text(4, refField, reader)
      }
    } else if let b, b.isRelative {
      parser.error(
        "a '\(b.text)' target needs column ref", at: record[bound],
        help: "add a 'ref' column naming the reference indicator")
    }
    guard parser.errors.count == errorsBefore, !parser.isFull, let m, let s, let b, let p else { return }
    let fileCode = dataFileCode ?? builder.code(of: parser.file, in: .dataFile)
    dataFileCode = fileCode
    let codes = StoreBuilder.TextCodes(
      region: code(0, record[region], reader, .region, &builder),
      indicator: code(1, record[indicator], reader, .indicator, &builder),
      unit: code(2, record[unit], reader, .unit, &builder),
      source: code(3, record[source], reader, .source, &builder), dataFile: fileCode)
    builder.append(
      codes: codes, measure: m, scenario: s, period: p, value: v, bound: b, quote: reader.unescaped(record[quote]),
      reference: reference, line: record.line)
  }
}
