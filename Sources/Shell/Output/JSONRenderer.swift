import IndicatorStore

/// Renders a `ResultTable` as JSON: an array with one object per row, keys
/// in column order.
///
/// Numbers are JSON numbers written as their shortest round-trip text (so
/// `7.8` stays `7.8`), missing values and non-finite numbers are `null`,
/// flags are `true`/`false`, text is a string with every control character
/// escaped. All columns, provenance included; never truncated. A column
/// name that repeats gets a `_2`, `_3` … suffix so every key is unique.
///
/// ```swift
/// JSONRenderer().render(table)
/// // [
/// //   {"region": "湘潭市", "value": 2548.1, "met": true},
/// //   {"region": "韶山市", "value": null, "met": null}
/// // ]
/// ```
public struct JSONRenderer: Sendable {
  public init() {}

  /// The JSON text, one row object per line, without a trailing newline.
  public func render(_ table: ResultTable) -> String {
    let rowCount = table.rowCount
    guard rowCount > 0, !table.columns.isEmpty else { return "[]" }
    let keys = Self.uniqueKeys(table.columns.map(\.name)).map(Self.quote)
    var lines: [String] = []
    lines.reserveCapacity(rowCount + 2)
    lines.append("[")
    for row in 0..<rowCount {
      var fields: [String] = []
      for (i, column) in table.columns.enumerated() {
        fields.append(keys[i] + ": " + Self.value(column, row: row))
      }
      lines.append("  {" + fields.joined(separator: ", ") + "}" + (row + 1 < rowCount ? "," : ""))
    }
    lines.append("]")
    return lines.joined(separator: "\n")
  }

  static func value(_ column: ResultTable.Column, row: Int) -> String {
    switch column.cells {
    case .text, .rawText:
      return column.text(at: row).map(quote) ?? "null"
    case .number:
      // JSON has no NaN or infinity.
      guard let n = column.number(at: row), n.isFinite else { return "null" }
      return column.exactText(at: row)
    case .flag:
      return column.flag(at: row).map { $0 ? "true" : "false" } ?? "null"
    }
  }

  /// A JSON string literal: quotes, backslashes and every character below
  /// U+0020 escaped (RFC 8259 §7); U+2028/2029 too, for JavaScript.
  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16, uppercase: false)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// Column names made unique: `a, a, b` → `a, a_2, b`.
  static func uniqueKeys(_ names: [String]) -> [String] {
    var used = Set<String>()
    var result: [String] = []
    for name in names {
      var key = name
      var n = 2
      while used.contains(key) {
        key = "\(name)_\(n)"
        n += 1
      }
      used.insert(key)
      result.append(key)
    }
    return result
  }
}
