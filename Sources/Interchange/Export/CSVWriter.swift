import Diagnostics
import IndicatorStore

/// Writes a `ResultTable` as RFC 4180 CSV: UTF-8, a header row of the
/// column names, LF line ends, fields quoted only when they hold a comma,
/// quote, CR or LF (quotes doubled), numbers in shortest round-trip form.
///
/// ```swift
/// try CSVWriter.write(table, to: "out.csv", bom: false)   // temp file + rename
/// print(CSVWriter.csvText(table), terminator: "")         // --format csv
/// ```
public enum CSVWriter {
  /// The whole table as CSV text (header plus one line per row).
  public static func csvText(_ table: ResultTable) -> String {
    String(decoding: csvBytes(table, bom: false), as: UTF8.self)
  }

  /// The whole table as CSV bytes, with a UTF-8 BOM first when `bom`.
  public static func csvBytes(_ table: ResultTable, bom: Bool) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(64 * (table.rowCount + 1))
    appendHeader(table, bom: bom, to: &out)
    appendRows(CellWriter.make(table.columns), 0..<table.rowCount, to: &out)
    return out
  }

  static func appendHeader(_ table: ResultTable, bom: Bool, to out: inout [UInt8]) {
    if bom { out += [0xEF, 0xBB, 0xBF] }
    for (i, column) in table.columns.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      appendField(column.name, to: &out)
    }
    out.append(0x0A)
  }

  /// Each column's cells are prepared once (a text column's strings are
  /// encoded and quoted once, not once per row); each cell is written with
  /// the comma or line end after it.
  static func appendRows(_ cells: [CellWriter], _ rows: Range<Int>, to out: inout [UInt8]) {
    // `cells` keeps the writers alive; unretained references spare a
    // retain and release per cell.
    let writers = cells.map { Unmanaged.passUnretained($0) }
    withExtendedLifetime(cells) {
      for row in rows {
        for writer in writers {
          writer._withUnsafeGuaranteedRef { $0.write(row: row, to: &out) }
        }
      }
    }
  }

  /// Writes the cells of one column; a ragged table (a column shorter than
  /// the first) writes empty cells.
  class CellWriter {
    /// The byte after the cell: a comma, or a line end after the last column.
    var terminator = UInt8(ascii: ",")

    /// One writer per column, the last one ending the line.
    static func make(_ columns: [ResultTable.Column]) -> [CellWriter] {
      columns.enumerated().map { i, column in
        make(column, terminator: i == columns.count - 1 ? 0x0A : UInt8(ascii: ","))
      }
    }

    static func make(_ column: ResultTable.Column, terminator: UInt8) -> CellWriter {
      let writer: CellWriter
      switch column.cells {
      case .text(let codes, let dictionary): writer = TextCells(codes: codes, dictionary: dictionary, terminator: terminator)
      case .rawText(let bytes, let ends): writer = RawTextCells(bytes: bytes, ends: ends)
      case .number(let values, let valid): writer = NumberCells(values: values, valid: valid)
      case .flag: writer = OtherCells(column)
      }
      writer.terminator = terminator
      return writer
    }
    /// Writes the cell of `row` (empty past the column's end), then the terminator.
    func write(row: Int, to out: inout [UInt8]) { out.append(terminator) }
  }

  final class TextCells: CellWriter {
    let codes: [Int32]
    /// Every dictionary entry, quoted as needed, end to end; entry k is
    /// `encoded[ends[k - 1]..<ends[k]]`.
    let encoded: [UInt8]
    let ends: [Int]
    /// Entries are encoded with the terminator after them, so a cell is one append.
    init(codes: [Int32], dictionary: [String], terminator: UInt8) {
      self.codes = codes
      var encoded: [UInt8] = []
      var ends: [Int] = []
      ends.reserveCapacity(dictionary.count)
      for text in dictionary {
        CSVWriter.appendField(text, to: &encoded)
        encoded.append(terminator)
        ends.append(encoded.count)
      }
      (self.encoded, self.ends) = (encoded, ends)
    }
    override func write(row: Int, to out: inout [UInt8]) {
      guard row < codes.count, codes[row] >= 0, Int(codes[row]) < ends.count else {
        out.append(terminator)
        return
      }
      let k = Int(codes[row])
      let start = k == 0 ? 0 : ends[k - 1]
      encoded.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<ends[k]])) }
    }
  }

  final class RawTextCells: CellWriter {
    let bytes: [UInt8]
    let ends: [Int]
    init(bytes: [UInt8], ends: [Int]) {
      self.bytes = bytes
      self.ends = ends
    }
    override func write(row: Int, to out: inout [UInt8]) {
      if row < ends.count {
        let start = row == 0 ? 0 : ends[row - 1]
        bytes.withUnsafeBufferPointer { all in
          CSVWriter.appendField(bytes: UnsafeBufferPointer(rebasing: all[start..<ends[row]]), to: &out)
        }
      }
      out.append(terminator)
    }
  }

  final class NumberCells: CellWriter {
    let values: [Double]
    let valid: ValidityBitmap
    init(values: [Double], valid: ValidityBitmap) {
      self.values = values
      self.valid = valid
    }
    override func write(row: Int, to out: inout [UInt8]) {
      // Numbers never need quotes.
      if row < values.count, valid[row] { DecimalBytes.append(values[row], to: &out) }
      out.append(terminator)
    }
  }

  final class OtherCells: CellWriter {
    let column: ResultTable.Column
    init(_ column: ResultTable.Column) { self.column = column }
    override func write(row: Int, to out: inout [UInt8]) {
      if row < column.count { CSVWriter.appendField(column.exactText(at: row), to: &out) }
      out.append(terminator)
    }
  }

  /// Appends one field, quoted when RFC 4180 requires it.
  public static func appendField(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendField(bytes: $0, to: &out) }
  }

  /// Appends one field given as UTF-8 bytes, quoted when RFC 4180 requires it.
  static func appendField(bytes field: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    guard field.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
    else {
      out.append(contentsOf: field)
      return
    }
    out.append(UInt8(ascii: "\""))
    for b in field {
      out.append(b)
      if b == UInt8(ascii: "\"") { out.append(b) }
    }
    out.append(UInt8(ascii: "\""))
  }


  /// Writes `table` to `path` through a temporary file in the same folder
  /// and rename(2): a failed write leaves an existing file untouched and no
  /// temporary file behind. An unwritable path throws a clear error.
  public static func write(_ table: ResultTable, to path: String, bom: Bool) throws(Diagnostic) {
    try write(table, to: path, bom: bom, simulatingFailure: false)
  }

  /// As `write(_:to:bom:)`, failing just before the rename when asked (tests
  /// of atomicity). Rows go out in pieces of a few megabytes, so a large
  /// export never holds its whole text in memory.
  static func write(_ table: ResultTable, to path: String, bom: Bool, simulatingFailure: Bool)
    throws(Diagnostic)
  {
    let file = try AtomicFile(path: path)
    var out: [UInt8] = []
    out.reserveCapacity(chunkBytes + 4096)
    appendHeader(table, bom: bom, to: &out)
    let cells = CellWriter.make(table.columns)
    var row = 0
    while row < table.rowCount {
      let end = min(table.rowCount, row + 4096)
      appendRows(cells, row..<end, to: &out)
      row = end
      if out.count >= chunkBytes {
        try file.write(out)
        out.removeAll(keepingCapacity: true)
      }
    }
    try file.write(out)
    try file.commit(failBeforeRename: simulatingFailure)
  }

  static let chunkBytes = 4 << 20
}
