import Diagnostics

#if canImport(Glibc)
  import Glibc
#endif

/// An RFC 4180 record scanner over the bytes of a whole file.
///
/// Fields are byte ranges into `bytes`; no `String` is made unless a caller
/// asks for one, so the loader can parse enums, periods and numbers straight
/// from the buffer. Quoted fields may hold commas, doubled quotes and line
/// breaks; CRLF and LF both end a record; a leading UTF-8 BOM is skipped;
/// lines that are completely empty are skipped (a trailing blank line is
/// common in hand-edited files and carries no record).
///
/// ```swift
/// var reader = try CSVReader(bytes: Array("a,b\n1,\"x,y\"\n".utf8), file: "t.csv")
/// var record = CSVReader.Record()
/// while try reader.next(into: &record) {
///   print(record.line, record.count, reader.string(record[1]))   // 1 2 b, then 2 2 x,y
/// }
/// ```
public struct CSVReader: Sendable {
  /// One field of the current record: a byte range plus what is needed to
  /// report its place and to unescape it.
  public struct Field: Sendable, Hashable {
    /// Content bytes (inside the quotes for a quoted field).
    public var start: Int
    public var end: Int
    /// Whether the content contains doubled quotes that must be collapsed.
    public var hasDoubledQuotes: Bool
    /// 1-based line of the field's first byte (the opening quote if quoted).
    public var line: Int
    /// Byte offset where that line starts (for the column of messages).
    public var lineStart: Int
    /// Byte offset of the field's first byte (the opening quote if quoted).
    public var offset: Int

    public var isEmpty: Bool { start == end }
  }

  /// The fields of one record; reused between records to avoid allocation.
  public struct Record: Sendable {
    public var fields: [Field] = []
    /// 1-based line where the record starts.
    public var line: Int = 0
    /// Byte offset just past the record's last byte (before its line break).
    public var endOffset: Int = 0
    public var endLine: Int = 0
    public var endLineStart: Int = 0
    public init() {}
    public var count: Int { fields.count }
    public subscript(i: Int) -> Field { fields[i] }
  }

  /// A problem found by the scanner: unterminated quote, stray quote,
  /// invalid UTF-8.
  public struct ScanError: Error, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
    public var help: String?
  }

  public let bytes: [UInt8]
  public let file: String
  /// Offset of the first byte after the BOM.
  public let contentStart: Int
  /// Offset just past the last byte this reader reads (the file's end, or
  /// the end of its part of the file).
  public let end: Int
  /// The line of the first byte read.
  public let firstLine: Int
  private var position: Int
  private var line = 1
  private var lineStart: Int

  /// Wraps the bytes of a file; `file` names it in messages.
  public init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    contentStart = hasBOM ? 3 : 0
    end = bytes.count
    firstLine = 1
    position = contentStart
    lineStart = contentStart
  }

  /// Reads only `range` of the file's bytes, which starts a record on line
  /// `firstLine` (so a part of a file can be read on its own thread, with
  /// lines and columns as in the whole file).
  public init(bytes: [UInt8], file: String, range: Range<Int>, firstLine: Int) {
    self.bytes = bytes
    self.file = file
    contentStart = range.lowerBound
    end = range.upperBound
    position = range.lowerBound
    lineStart = range.lowerBound
    line = firstLine
    self.firstLine = firstLine
  }

  /// Where the next record starts, and its line.
  public var nextRecordStart: (offset: Int, line: Int) { (position, line) }

  /// Whether the file holds nothing but a BOM and white space.
  public var isBlank: Bool {
    for b in bytes[contentStart..<end] where !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) { return false }
    return true
  }

  /// The 1-based column (in characters) of `offset` on a line starting at
  /// `lineStart`: UTF-8 continuation bytes do not count.
  public func column(of offset: Int, lineStart: Int) -> Int {
    var column = 1
    var i = lineStart
    let stop = min(offset, bytes.count)
    while i < stop {
      if bytes[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return column
  }

  public func column(of field: Field) -> Int { column(of: field.offset, lineStart: field.lineStart) }

  /// The field's text with doubled quotes collapsed.
  public func string(_ field: Field) -> String {
    if !field.hasDoubledQuotes { return String(decoding: bytes[field.start..<field.end], as: UTF8.self) }
    return String(decoding: unescaped(field), as: UTF8.self)
  }

  /// The field's bytes with doubled quotes collapsed (a copy only when needed).
  public func unescaped(_ field: Field) -> ArraySlice<UInt8> {
    if !field.hasDoubledQuotes { return bytes[field.start..<field.end] }
    var out: [UInt8] = []
    out.reserveCapacity(field.end - field.start)
    var i = field.start
    while i < field.end {
      out.append(bytes[i])
      // A doubled quote inside a quoted field stands for one quote.
      if bytes[i] == UInt8(ascii: "\"") && i + 1 < field.end && bytes[i + 1] == UInt8(ascii: "\"") { i += 1 }
      i += 1
    }
    return out[...]
  }

  /// Whether two fields hold the same bytes (cheap check before interning).
  public func bytesEqual(_ field: Field, _ other: ArraySlice<UInt8>) -> Bool {
    let count = field.end - field.start
    guard count == other.count else { return false }
    if count == 0 { return true }
    return bytes.withUnsafeBufferPointer { mine in
      other.withUnsafeBufferPointer { theirs in
        guard let a = mine.baseAddress, let b = theirs.baseAddress else { return false }
        return memcmp(a + field.start, b, count) == 0
      }
    }
  }

  /// Reads the next record into `record`; false at the end of the file.
  /// After a `ScanError` the reader has moved past the bad record where it
  /// can (a stray quote), or to the end (an unterminated quote).
  public mutating func next(into record: inout Record) throws(ScanError) -> Bool {
    record.fields.removeAll(keepingCapacity: true)
    if let found = nextWellFormed(into: &record) { return found }
    record.fields.removeAll(keepingCapacity: true)
    let n = end
    // Skip completely empty lines.
    while position < n && (bytes[position] == 0x0A || bytes[position] == 0x0D) {
      if bytes[position] == 0x0D && position + 1 < n && bytes[position + 1] == 0x0A { position += 1 }
      position += 1
      line += 1
      lineStart = position
    }
    if position >= n { return false }
    record.line = line
    while true {
      let fieldOffset = position
      let fieldLine = line, fieldLineStart = lineStart
      if position < n && bytes[position] == UInt8(ascii: "\"") {
        // Quoted field: runs to the closing quote, across commas and lines.
        position += 1
        let start = position
        var doubled = false
        var closed = false
        while position < n {
          let b = bytes[position]
          if b == UInt8(ascii: "\"") {
            if position + 1 < n && bytes[position + 1] == UInt8(ascii: "\"") {
              doubled = true
              position += 2
              continue
            }
            closed = true
            break
          }
          if b == 0x0A {
            line += 1
            lineStart = position + 1
          }
          position += 1
        }
        guard closed else {
          let column = column(of: fieldOffset, lineStart: fieldLineStart)
          throw ScanError(
            message: "unterminated quoted field: the quote opened at line \(fieldLine), column \(column) is never closed",
            line: fieldLine, column: column,
            help: "close the field with '\"' and write a quote inside a field as '\"\"'")
        }
        let end = position
        position += 1  // past the closing quote
        record.fields.append(
          Field(start: start, end: end, hasDoubledQuotes: doubled, line: fieldLine, lineStart: fieldLineStart,
                offset: fieldOffset))
        if position < n && bytes[position] != UInt8(ascii: ",") && bytes[position] != 0x0A
          && !(bytes[position] == 0x0D && (position + 1 == n || bytes[position + 1] == 0x0A))
        {
          let errorLine = line, errorColumn = column(of: position, lineStart: lineStart)
          skipRestOfLine()
          throw ScanError(
            message: "unexpected text after the closing quote of a field",
            line: errorLine, column: errorColumn,
            help: "a quoted field ends at its closing quote; write a quote inside it as '\"\"'")
        }
      } else {
        let start = position
        while position < n {
          let b = bytes[position]
          if b == UInt8(ascii: ",") || b == 0x0A { break }
          if b == 0x0D && (position + 1 == n || bytes[position + 1] == 0x0A) { break }
          if b == UInt8(ascii: "\"") {
            let errorLine = line, errorColumn = column(of: position, lineStart: lineStart)
            skipRestOfLine()
            throw ScanError(
              message: "quote character inside an unquoted field",
              line: errorLine, column: errorColumn,
              help: "quote the whole field and double the quote: \"a \"\"b\"\" c\"")
          }
          position += 1
        }
        record.fields.append(
          Field(start: start, end: position, hasDoubledQuotes: false, line: fieldLine,
                lineStart: fieldLineStart, offset: fieldOffset))
      }
      // Separator or end of record.
      if position < n && bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      record.endOffset = position
      record.endLine = line
      record.endLineStart = lineStart
      if position < n && bytes[position] == 0x0D { position += 1 }
      if position < n && bytes[position] == 0x0A {
        position += 1
        line += 1
        lineStart = position
      }
      return true
    }
  }

  /// The common case at full speed: a record with no stray quote, read
  /// through a raw pointer. nil (with the reader unmoved) for anything else,
  /// which the general path then reads and reports on.
  @inline(__always)
  private mutating func nextWellFormed(into record: inout Record) -> Bool? {
    let n = end
    var pos = position, line = self.line, lineStart = self.lineStart
    let found: Bool? = bytes.withUnsafeBufferPointer { buffer -> Bool? in
      guard let base = buffer.baseAddress else { return nil }
      // Empty lines carry no record.
      while pos < n && (base[pos] == 0x0A || base[pos] == 0x0D) {
        if base[pos] == 0x0D {
          guard pos + 1 < n && base[pos + 1] == 0x0A else { return nil }
          pos += 1
        }
        pos += 1
        line += 1
        lineStart = pos
      }
      if pos >= n { return false }
      record.line = line
      while true {
        let fieldOffset = pos, fieldLine = line, fieldLineStart = lineStart
        if base[pos] == UInt8(ascii: "\"") {
          pos += 1
          let start = pos
          var doubled = false
          while true {
            guard pos < n else { return nil }  // unterminated: the general path reports it
            let b = base[pos]
            if b == UInt8(ascii: "\"") {
              if pos + 1 < n && base[pos + 1] == UInt8(ascii: "\"") {
                doubled = true
                pos += 2
                continue
              }
              break
            }
            if b == 0x0A {
              line += 1
              lineStart = pos + 1
            }
            pos += 1
          }
          record.fields.append(
            Field(start: start, end: pos, hasDoubledQuotes: doubled, line: fieldLine, lineStart: fieldLineStart,
                  offset: fieldOffset))
          pos += 1
        } else {
          let start = pos
          while pos < n {
            let b = base[pos]
            // Bytes above ',' (0x2C) are never special: the bulk of the text.
            if b > UInt8(ascii: ",") { pos += 1; continue }
            if b == UInt8(ascii: ",") || b == 0x0A || b == 0x0D { break }
            if b == UInt8(ascii: "\"") { return nil }
            pos += 1
          }
          record.fields.append(
            Field(start: start, end: pos, hasDoubledQuotes: false, line: fieldLine, lineStart: fieldLineStart,
                  offset: fieldOffset))
        }
        if pos < n && base[pos] == UInt8(ascii: ",") {
          pos += 1
          if pos == n { return nil }  // a trailing comma at the very end: let the general path decide
          continue
        }
        record.endOffset = pos
        record.endLine = line
        record.endLineStart = lineStart
        if pos < n && base[pos] == 0x0D {
          guard pos + 1 < n ? base[pos + 1] == 0x0A : true else { return nil }
          pos += 1
        }
        if pos < n {
          guard base[pos] == 0x0A else { return nil }
          pos += 1
          line += 1
          lineStart = pos
        }
        return true
      }
    }
    if found != nil {
      position = pos
      self.line = line
      self.lineStart = lineStart
    }
    return found
  }

  /// Moves to the start of the next physical line (recovery after an error).
  private mutating func skipRestOfLine() {
    let n = end
    while position < n && bytes[position] != 0x0A { position += 1 }
    if position < n {
      position += 1
      line += 1
      lineStart = position
    }
  }

  /// Every place where the bytes are not valid UTF-8 (up to `limit`), as
  /// (line, column, offset). Overlong forms, surrogates and code points above
  /// U+10FFFF are invalid too.
  public func invalidUTF8(limit: Int) -> [(line: Int, column: Int, offset: Int)] {
    var found: [(line: Int, column: Int, offset: Int)] = []
    var line = firstLine
    var lineStart = contentStart
    var i = contentStart
    let n = end
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        if b == 0x0A {
          line += 1
          lineStart = i + 1
        }
        i += 1
        continue
      }
      let length = CSVReader.validSequenceLength(bytes, at: i)
      if length == 0 {
        found.append((line, column(of: i, lineStart: lineStart), i))
        if found.count >= limit { return found }
        i += 1
      } else {
        i += length
      }
    }
    return found
  }

  /// Whether `bytes[range]` is valid UTF-8 (the same rules as
  /// `invalidUTF8`), checked through a raw pointer, eight ASCII bytes at a
  /// time: the quick answer for the common case, before any positions are needed.
  public static func isValidUTF8(_ bytes: [UInt8], in range: Range<Int>) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, !range.isEmpty else { return true }
      // A sequence may run past the range into the rest of the buffer (as before: parts are cut before lead bytes).
      return isValidUTF8(base + range.lowerBound, count: range.count, readable: buffer.count - range.lowerBound)
    }
  }

  /// Whether the `count` bytes at `start` are valid UTF-8; a sequence that
  /// starts inside them may read up to `readable` bytes from `start`.
  @inline(__always)
  static func isValidUTF8(_ start: UnsafePointer<UInt8>, count n: Int, readable: Int) -> Bool {
    var i = 0
    while i < n {
      if i + 8 <= n {
        let word = UnsafeRawPointer(start + i).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 {
          i += 8
          continue
        }
      }
      let b0 = start[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      @inline(__always) func cont(_ k: Int) -> Bool { i + k < readable && start[i + k] & 0xC0 == 0x80 }
      // Three-byte sequences (all of CJK) first: the common case in these files.
      if b0 & 0xF0 == 0xE0 {
        guard cont(1), cont(2) else { return false }
        let b1 = start[i + 1]
        if (b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0) { return false }
        i += 3
        continue
      }
      switch b0 {
      case 0xC2...0xDF:
        guard cont(1) else { return false }
        i += 2
      case 0xF0...0xF4:
        guard cont(1), cont(2), cont(3) else { return false }
        let b1 = start[i + 1]
        if (b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90) { return false }
        i += 4
      default:
        return false
      }
    }
    return true
  }

  /// Length of the valid UTF-8 sequence starting at `i` (lead byte ≥ 0x80),
  /// or 0 when it is invalid.
  static func validSequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
    let n = bytes.count
    let b0 = bytes[i]
    func cont(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
    switch b0 {
    case 0xC2...0xDF:
      return cont(1) ? 2 : 0
    case 0xE0...0xEF:
      guard cont(1), cont(2) else { return 0 }
      let b1 = bytes[i + 1]
      if b0 == 0xE0 && b1 < 0xA0 { return 0 }  // overlong
      if b0 == 0xED && b1 >= 0xA0 { return 0 }  // surrogate
      return 3
    case 0xF0...0xF4:
      guard cont(1), cont(2), cont(3) else { return 0 }
      let b1 = bytes[i + 1]
      if b0 == 0xF0 && b1 < 0x90 { return 0 }  // overlong
      if b0 == 0xF4 && b1 >= 0x90 { return 0 }  // above U+10FFFF
      return 4
    default:
      return 0
    }
  }
}
