import Diagnostics
import IndicatorStore

/// Short names for indicators, loaded from `aliases.csv` (header
/// `alias,indicator`): `gdp` → 地区生产总值.
///
/// Errors are located like data-file errors (`aliases.csv:7:5`): missing
/// header columns, unknown extra columns, empty fields, wrong field counts,
/// invalid UTF-8, and an alias given twice for different indicators (both
/// lines named; an identical repeat is accepted).
///
/// ```swift
/// let aliases = try AliasTable.load(path: "Datasets/aliases.csv")
/// aliases.canonical(for: "gdp")          // "地区生产总值"
/// aliases.aliases(of: "地区生产总值")      // ["dqsczz", "gdp", "grp"]
/// ```
public struct AliasTable: Sendable, Hashable {
  /// alias → canonical indicator name.
  public private(set) var canonicalByAlias: [String: String] = [:]

  public init() {}
  public init(_ canonicalByAlias: [String: String]) { self.canonicalByAlias = canonicalByAlias }

  /// alias → canonical indicator name (the form the interpreter takes).
  public var aliases: [String: String] { canonicalByAlias }

  public var isEmpty: Bool { canonicalByAlias.isEmpty }
  public var count: Int { canonicalByAlias.count }

  /// The canonical indicator an alias stands for, nil when `name` is no alias.
  public func canonical(for name: String) -> String? { canonicalByAlias[name] }

  /// The aliases of a canonical indicator, sorted.
  public func aliases(of indicator: String) -> [String] {
    canonicalByAlias.filter { $0.value == indicator }.map(\.key).sorted()
  }

  /// Every alias, sorted (for completion).
  public var allAliases: [String] { canonicalByAlias.keys.sorted() }

  /// Reads an alias file.
  public static func load(path: String) throws(DiagnosticList) -> AliasTable {
    let bytes: [UInt8]
    do { bytes = try FileIO.readAll(path) } catch { throw DiagnosticList([error]) }
    return try parse(bytes: bytes, file: path)
  }

  /// Parses alias-file bytes; `file` names them in messages.
  public static func parse(bytes: [UInt8], file: String) throws(DiagnosticList) -> AliasTable {
    var reader = CSVReader(bytes: bytes, file: file)
    var errors: [Diagnostic] = []
    let limit = DatasetLoader.maxErrorsPerFile
    func fail(_ message: String, line: Int, column: Int, help: String? = nil) {
      if errors.count < limit { errors.append(.error(message, file: file, line: line, column: column, help: help)) }
    }
    if reader.isBlank {
      throw DiagnosticList([.error("empty file: expected a header line 'alias,indicator'", file: file, line: 1, column: 1)])
    }
    let invalid = reader.invalidUTF8(limit: limit)
    if !invalid.isEmpty {
      throw DiagnosticList(
        invalid.map { .error("invalid UTF-8", file: file, line: $0.line, column: $0.column, help: "save the file as UTF-8") })
    }
    var record = CSVReader.Record()
    var aliasColumn: Int? = nil
    var indicatorColumn: Int? = nil
    var width = 0
    let hasHeader: Bool
    do { hasHeader = try reader.next(into: &record) } catch {
      throw DiagnosticList([.error(error.message, file: file, line: error.line, column: error.column, help: error.help)])
    }
    guard hasHeader else {
      throw DiagnosticList([.error("empty file: expected a header line 'alias,indicator'", file: file, line: 1, column: 1)])
    }
    width = record.count
    for (i, field) in record.fields.enumerated() {
      switch reader.string(field) {
      case "alias": aliasColumn = i
      case "indicator": indicatorColumn = i
      case let other:
        fail("unknown column '\(other)' in the header", line: field.line, column: reader.column(of: field),
             help: "an alias file has the columns alias,indicator")
      }
    }
    guard let aliasColumn, let indicatorColumn else {
      fail("missing required column 'alias' or 'indicator' in the header", line: 1, column: 1,
           help: "an alias file has the columns alias,indicator")
      throw DiagnosticList(errors)
    }
    var table = AliasTable()
    var lineOf: [String: Int] = [:]
    while errors.count < limit {
      do {
        guard try reader.next(into: &record) else { break }
      } catch {
        fail(error.message, line: error.line, column: error.column, help: error.help)
        continue
      }
      guard record.count == width else {
        fail("wrong number of fields: \(record.count) here, \(width) in the header", line: record.line, column: 1)
        continue
      }
      let aliasField = record[aliasColumn], indicatorField = record[indicatorColumn]
      let alias = reader.string(aliasField), indicator = reader.string(indicatorField)
      if alias.isEmpty {
        fail("empty alias", line: aliasField.line, column: reader.column(of: aliasField))
        continue
      }
      if indicator.isEmpty {
        fail("empty indicator for alias '\(alias)'", line: indicatorField.line, column: reader.column(of: indicatorField))
        continue
      }
      if let existing = table.canonicalByAlias[alias], existing != indicator {
        fail(
          "alias '\(alias)' stands for '\(indicator)' here and for '\(existing)' at line \(lineOf[alias] ?? 0)",
          line: aliasField.line, column: reader.column(of: aliasField), help: "an alias names one indicator")
        continue
      }
      table.canonicalByAlias[alias] = indicator
      if lineOf[alias] == nil { lineOf[alias] = record.line }
    }
    if !errors.isEmpty { throw DiagnosticList(errors) }
    return table
  }
}
