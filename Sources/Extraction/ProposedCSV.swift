import IndicatorStore

/// Proposed rows as the store's CSV (the data-file columns, ready for
/// `--data`) or as a `ResultTable` for the shell (with the `note` column).
///
/// ```swift
/// let csv = ProposedCSV.text(result.rows, source: "report.txt")
/// let table = ProposedCSV.table(result.rows, source: "report.txt")
/// ```
public enum ProposedCSV {
  public static let header = ["region", "indicator", "measure", "scenario", "period", "value", "unit", "bound", "source", "quote", "ref"]

  /// RFC 4180 text with the store's header; `note` is left out because the
  /// loader accepts only the data-file columns.
  public static func text(_ rows: [ProposedRow], source: String, includeHeader: Bool = true) -> String {
    var out = includeHeader ? header.joined(separator: ",") + "\n" : ""
    for r in rows {
      let fields = [r.region, r.indicator, r.measure, r.scenario, r.period, r.value, r.unit, r.bound, source, r.quote, r.ref]
      out += fields.map(field).joined(separator: ",") + "\n"
    }
    return out
  }

  static func field(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
  }

  /// The rows as a result table: the data-file columns plus `note`.
  public static func table(_ rows: [ProposedRow], source: String) -> ResultTable {
    func col(_ name: String, _ f: (ProposedRow) -> String, role: ResultTable.Role = .label) -> ResultTable.Column {
      .text(name, rows.map { f($0) }, role: role)
    }
    return ResultTable(columns: [
      col("region", \.region), col("indicator", \.indicator), col("measure", \.measure), col("scenario", \.scenario),
      col("period", \.period), .number("value", rows.map { Double($0.value) }, role: .value), col("unit", \.unit),
      col("bound", \.bound), col("source", { _ in source }, role: .provenance), col("quote", \.quote, role: .provenance),
      col("ref", \.ref), col("note", \.note),
    ])
  }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}

extension ProposedCSV {
  /// The rows as a result table with exactly the data-file columns (what
  /// `.export` writes and the loader accepts).
  public static func loadableTable(_ rows: [ProposedRow], source: String) -> ResultTable {
    var table = self.table(rows, source: source)
    table.columns.removeAll { $0.name == "note" }
    return table
  }
}
