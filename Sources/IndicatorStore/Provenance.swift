/// Where a figure came from: the report file and the exact sentence that
/// shows it, plus the data file it was loaded from.
///
/// ```swift
/// let p = store.provenance(ofRow: row)
/// print(p.source, p.quote)   // 001_….txt 地区生产总值增长7.8%左右
/// ```
public struct Provenance: Sendable, Hashable {
  public var source: String
  public var quote: String
  /// The reference indicator of a relative (`>ref`/`=ref`) target.
  public var reference: String?
  /// The data file (CSV) the row was loaded from.
  public var dataFile: String
  /// 1-based line of the row in `dataFile`.
  public var line: Int

  public init(source: String, quote: String, reference: String?, dataFile: String, line: Int) {
    self.source = source
    self.quote = quote
    self.reference = reference
    self.dataFile = dataFile
    self.line = line
  }
}
