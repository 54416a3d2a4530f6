/// A result: a table of labelled rows with typed columns, what the shell
/// renders, `.export` writes and charts draw.
///
/// Columns are stored column-wise; text columns are dictionary encoded so a
/// million rows of the same region cost a million small integers.
///
/// ```swift
/// var table = ResultTable()
/// table.append(.text("region", ["湘潭市", "湘乡市"]))
/// table.append(.number("gap", [0.2, nil], role: .value))
/// table.cellText(row: 1, column: 1)   // ""  (missing)
/// ```
public struct ResultTable: Sendable {
  public enum Role: Sendable, Hashable {
    /// A label (region, indicator, measure, scenario, period, unit, bound …).
    case label
    /// A figure in the row's unit (value, target, gap …).
    case value
    /// A number with a fixed unit of its own (`count`, `attain` in %).
    case other
    /// Provenance text (source, quote): hidden on screen unless asked for.
    case provenance
  }

  public enum Cells: Sendable {
    /// Dictionary-encoded text; code −1 is empty.
    case text(codes: [Int32], dictionary: [String])
    /// Texts that are nearly all different (quotes), end to end as UTF-8:
    /// row i is `bytes[ends[i - 1]..<ends[i]]`; empty means missing. No
    /// String per row until one is shown.
    case rawText(bytes: [UInt8], ends: [Int])
    /// Numbers with a validity flag per row.
    case number(values: [Double], valid: ValidityBitmap)
    /// Booleans; nil is missing.
    case flag([Bool?])
  }

  public struct Column: Sendable {
    public var name: String
    public var role: Role
    public var cells: Cells
    /// A unit shared by every row (shown in the header), for columns whose
    /// unit does not vary by row: `attain` is always `%`.
    public var unit: String?

    public init(name: String, role: Role, cells: Cells, unit: String? = nil) {
      self.name = name
      self.role = role
      self.cells = cells
      self.unit = unit
    }

    public var count: Int {
      switch cells {
      case .text(let codes, _): return codes.count
      case .rawText(_, let ends): return ends.count
      case .number(let values, _): return values.count
      case .flag(let flags): return flags.count
      }
    }

    public var isNumeric: Bool {
      if case .number = cells { return true }
      return false
    }

    /// A text column from strings (nil or "" is empty).
    public static func text(_ name: String, _ strings: [String?], role: Role = .label) -> Column {
      var dictionary: [String] = []
      var index: [String: Int32] = [:]
      var codes: [Int32] = []
      codes.reserveCapacity(strings.count)
      for s in strings {
        guard let s, !s.isEmpty else { codes.append(-1); continue }
        if let c = index[s] { codes.append(c); continue }
        let c = Int32(dictionary.count)
        dictionary.append(s)
        index[s] = c
        codes.append(c)
      }
      return Column(name: name, role: role, cells: .text(codes: codes, dictionary: dictionary))
    }

    public static func number(_ name: String, _ numbers: [Double?], role: Role = .value, unit: String? = nil)
      -> Column
    {
      var valid = ValidityBitmap(count: numbers.count, allValid: true)
      var values = [Double](repeating: 0, count: numbers.count)
      for (i, n) in numbers.enumerated() {
        if let n { values[i] = n } else { valid[i] = false }
      }
      return Column(name: name, role: role, cells: .number(values: values, valid: valid), unit: unit)
    }

    public static func flag(_ name: String, _ flags: [Bool?]) -> Column {
      Column(name: name, role: .other, cells: .flag(flags))
    }

    /// The number in a row, nil when missing or not numeric.
    public func number(at row: Int) -> Double? {
      if case .number(let values, let valid) = cells, valid[row] { return values[row] }
      return nil
    }

    /// The text of a row, nil when empty or not text.
    public func text(at row: Int) -> String? {
      if case .text(let codes, let dictionary) = cells, codes[row] >= 0 { return dictionary[Int(codes[row])] }
      if case .rawText(let bytes, let ends) = cells {
        let start = row == 0 ? 0 : ends[row - 1]
        return start == ends[row] ? nil : String(decoding: bytes[start..<ends[row]], as: UTF8.self)
      }
      return nil
    }

    public func flag(at row: Int) -> Bool? {
      if case .flag(let flags) = cells { return flags[row] }
      return nil
    }

    /// The exact text of a cell: numbers in shortest round-trip form,
    /// flags as `true`/`false`, missing as "".
    public func exactText(at row: Int) -> String {
      switch cells {
      case .text(let codes, let dictionary):
        return codes[row] >= 0 ? dictionary[Int(codes[row])] : ""
      case .rawText:
        return text(at: row) ?? ""
      case .number(let values, let valid):
        return valid[row] ? DecimalText.shortest(values[row]) : ""
      case .flag(let flags):
        return flags[row].map { $0 ? "true" : "false" } ?? ""
      }
    }
  }

  public var columns: [Column] = []
  /// Lines shown under the table: "2 outcomes are estimates (预计)",
  /// "3 series had no target for the period".
  public var notes: [String] = []
  /// A one-line title (charts use it; tables may show it).
  public var title: String?

  public init(columns: [Column] = [], notes: [String] = [], title: String? = nil) {
    self.columns = columns
    self.notes = notes
    self.title = title
  }

  public mutating func append(_ column: Column) { columns.append(column) }

  public var rowCount: Int { columns.first?.count ?? 0 }

  public func column(named name: String) -> Column? { columns.first { $0.name == name } }
  public func columnIndex(named name: String) -> Int? { columns.firstIndex { $0.name == name } }

  public func cellText(row: Int, column: Int) -> String { columns[column].exactText(at: row) }

  /// A table of one number: what a scalar expression (`1 + 2`) shows.
  public static func scalar(_ value: Double?, name: String = "value", unit: String? = nil) -> ResultTable {
    ResultTable(columns: [.number(name, [value], role: .value, unit: unit)])
  }
}
