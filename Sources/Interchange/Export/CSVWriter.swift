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
    var out: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
    out.reserveCapacity(64 * (table.rowCount + 1))
    for (i, column) in table.columns.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      appendField(column.name, to: &out)
    }
    out.append(0x0A)
    for row in 0..<table.rowCount {
      for (i, column) in table.columns.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        // A ragged table (a column shorter than the first) writes empty cells.
        if row < column.count { appendField(column.exactText(at: row), to: &out) }
      }
      out.append(0x0A)
    }
    return out
  }

  /// Appends one field, quoted when RFC 4180 requires it.
  public static func appendField(_ text: String, to out: inout [UInt8]) {
    var needsQuotes = false
    for b in text.utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
      needsQuotes = true
      break
    }
    guard needsQuotes else {
      out.append(contentsOf: text.utf8)
      return
    }
    out.append(UInt8(ascii: "\""))
    for b in text.utf8 {
      out.append(b)
      if b == UInt8(ascii: "\"") { out.append(b) }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Writes `table` to `path` through a temporary file in the same folder
  /// and rename(2): a failed write leaves an existing file untouched and no
  /// temporary file behind. An unwritable path throws a clear error.
  public static func write(_ table: ResultTable, to path: String, bom: Bool) throws(Diagnostic) {
    try FileIO.writeAtomically(csvBytes(table, bom: bom), to: path)
  }

  /// As `write(_:to:bom:)`, failing just before the rename (tests of atomicity).
  static func write(_ table: ResultTable, to path: String, bom: Bool, simulatingFailure: Bool)
    throws(Diagnostic)
  {
    try FileIO.writeAtomically(csvBytes(table, bom: bom), to: path, failBeforeRename: simulatingFailure)
  }
}
