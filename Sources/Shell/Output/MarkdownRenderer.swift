import IndicatorStore

/// Renders a `ResultTable` as a GitHub-flavoured Markdown pipe table, for
/// pasting into reports.
///
/// Every row and every column (provenance included) with exact values
/// (`Column.exactText`); number columns are right-aligned (`---:`). A `|`
/// inside a cell is escaped as `\|` and a line break becomes `<br>`, so a
/// quote from a source document stays in its cell. Notes follow the table
/// after a blank line.
///
/// ```swift
/// MarkdownRenderer().render(table)
/// // | region | value |
/// // | --- | ---: |
/// // | 湘潭市 | 2548.1 |
/// ```
public struct MarkdownRenderer: Sendable {
  public init() {}

  /// The Markdown text, without a trailing newline.
  public func render(_ table: ResultTable) -> String {
    guard !table.columns.isEmpty else { return "(no columns)" }
    var lines: [String] = []
    lines.append(row(table.columns.map { Self.escape($0.name) }))
    lines.append(row(table.columns.map { $0.isNumeric ? "---:" : "---" }))
    for r in 0..<table.rowCount {
      lines.append(row(table.columns.map { Self.escape($0.exactText(at: r)) }))
    }
    if !table.notes.isEmpty {
      lines.append("")
      lines += table.notes.map(Self.escape)
    }
    return lines.joined(separator: "\n")
  }

  private func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

  /// Cell text safe inside a pipe table: `|` and `\` escaped (so a cell
  /// ending in a backslash cannot escape the next pipe), line breaks as
  /// `<br>`, other control characters as spaces.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    var lastWasCR = false
    for scalar in s.unicodeScalars {
      defer { lastWasCR = scalar == "\r" }
      switch scalar {
      case "|": out += "\\|"
      case "\\": out += "\\\\"
      case "\r": out += "<br>"
      case "\n": if !lastWasCR { out += "<br>" }
      default:
        if scalar.properties.generalCategory == .control {
          out += " "
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
