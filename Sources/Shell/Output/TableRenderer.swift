import IndicatorStore

/// Renders a `ResultTable` as an aligned text table for the terminal.
///
/// Alignment is by display width (`DisplayWidth`), so Chinese region names
/// line up. Borders are plain ASCII (`+`, `-`, `|`): the box-drawing
/// characters (U+2500…) are East Asian *Ambiguous* and a terminal set to
/// "ambiguous = wide" (common with CJK fonts and locales) draws them two
/// columns wide, which would break every line of the table.
///
/// What the screen shows differs from the data on purpose (csv, markdown,
/// json and `.export` always carry everything exactly):
/// - numbers right-aligned with sensible precision (`NumberText.display`),
///   text left-aligned, flags as `yes`/`no`;
/// - a `unit` column with one value on every row is folded into the headers
///   of the value columns (`value (亿元)`); `Column.unit` shows the same way
///   (`attain (%)`);
/// - provenance columns (source, quote) are hidden unless `showProvenance`;
/// - value cells of rows whose `scenario` or `outcome` is `estimate` get a
///   `*` suffix, explained under the table;
/// - more rows than `maxRows` are cut, with a line saying how many are left
///   out and how to see them; text wider than `terminalWidth` is cut with
///   `…` (the quote column first), numbers never are;
/// - a one-number result (`1 + 2`) prints as just the number.
///
/// ```swift
/// var table = ResultTable()
/// table.append(.text("region", ["湘潭市", "韶山市"]))
/// table.append(.number("value", [2548.1, 102.36]))
/// table.append(.text("unit", ["亿元", "亿元"]))
/// print(TableRenderer(maxRows: 40, terminalWidth: 100).render(table))
/// // +--------+--------------+
/// // | region | value (亿元) |
/// // +--------+--------------+
/// // | 湘潭市 |       2548.1 |
/// // | 韶山市 |       102.36 |
/// // +--------+--------------+
/// ```
///
/// The result has no trailing newline.
public struct TableRenderer: Sendable {
  /// Rows shown before the rest is summarised; nil shows all.
  public var maxRows: Int?
  /// The terminal's width in columns; nil never cuts text.
  public var terminalWidth: Int?
  /// Whether provenance columns (source, quote) are shown.
  public var showProvenance: Bool

  public init(maxRows: Int? = nil, terminalWidth: Int? = nil, showProvenance: Bool = false) {
    self.maxRows = maxRows
    self.terminalWidth = terminalWidth
    self.showProvenance = showProvenance
  }

  /// The narrowest a text column is cut to when the terminal is too narrow.
  static let minimumTextWidth = 4
  /// The suffix on estimated values (plain ASCII: superscripts such as ᵉ
  /// are missing from many CJK fonts).
  static let estimateMarker = "*"

  public func render(_ table: ResultTable) -> String {
    var lines: [String] = []
    if let title = table.title, !title.isEmpty { lines.append(Self.clean(title)) }

    let rowCount = table.rowCount
    if table.columns.isEmpty || rowCount == 0 {
      lines.append("(no rows)")
      lines += table.notes.map(Self.clean)
      return lines.joined(separator: "\n")
    }
    if table.columns.count == 1 && rowCount == 1, table.columns[0].isNumeric {
      // A scalar: just the number, as a calculator would print it.
      lines.append(table.columns[0].number(at: 0).map(NumberText.display) ?? "(missing)")
      lines += table.notes.map(Self.clean)
      return lines.joined(separator: "\n")
    }

    var shownRows = rowCount
    if let maxRows, rowCount > maxRows {
      // Leave one line of the budget for the "… N more rows" line.
      shownRows = max(1, maxRows - 1)
    }

    let layout = Layout(table: table, rows: shownRows, showProvenance: showProvenance)
    var widths = layout.columns.map { column in
      column.cells.reduce(DisplayWidth.of(column.header)) { max($0, DisplayWidth.of($1)) }
    }
    if let terminalWidth { fit(&widths, columns: layout.columns, into: terminalWidth) }

    let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
    func line(_ texts: [String]) -> String {
      var parts: [String] = []
      for (i, column) in layout.columns.enumerated() {
        let cut = DisplayWidth.truncate(texts[i], toWidth: widths[i])
        parts.append(DisplayWidth.pad(cut, toWidth: widths[i], alignRight: column.alignRight))
      }
      return "| " + parts.joined(separator: " | ") + " |"
    }
    lines.append(rule)
    lines.append(line(layout.columns.map(\.header)))
    lines.append(rule)
    for row in 0..<shownRows { lines.append(line(layout.columns.map { $0.cells[row] })) }
    lines.append(rule)

    if shownRows < rowCount {
      let more = rowCount - shownRows
      lines.append(
        "… \(more) more \(more == 1 ? "row" : "rows") (of \(rowCount)) — see all with .mode csv or .export FILE")
    }
    if layout.markedEstimates { lines.append("\(Self.estimateMarker) estimate (预计)") }
    lines += table.notes.map(Self.clean)
    if !layout.hiddenProvenance.isEmpty {
      lines.append(layout.hiddenProvenance.joined(separator: ", ") + " hidden (.set provenance on)")
    }
    return lines.joined(separator: "\n")
  }

  /// Narrows text columns until the table fits `limit` columns: the quote
  /// column first (long and least needed at a glance), then always the
  /// widest remaining text column. Numbers and flags are never narrowed; a
  /// table of numbers alone wider than the terminal is left as it is.
  func fit(_ widths: inout [Int], columns: [Layout.Column], into limit: Int) {
    // "| " + cells joined by " | " + " |"
    var total = widths.reduce(1) { $0 + $1 + 3 }
    guard total > limit else { return }
    if let quote = columns.firstIndex(where: { $0.name == "quote" && $0.truncatable }) {
      let target = max(Self.minimumTextWidth, widths[quote] - (total - limit))
      if target < widths[quote] {
        total -= widths[quote] - target
        widths[quote] = target
      }
    }
    while total > limit {
      var widest: Int? = nil
      for (i, column) in columns.enumerated() where column.truncatable && widths[i] > Self.minimumTextWidth {
        if let w = widest, widths[w] >= widths[i] { continue }
        widest = i
      }
      guard let i = widest else { return }
      widths[i] -= 1
      total -= 1
    }
  }

  /// Screen-safe text: control characters (line breaks, tabs, ESC) become
  /// spaces, so data cannot break the layout or send terminal escapes.
  static func clean(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return s }
    var out = String.UnicodeScalarView()
    for scalar in s.unicodeScalars {
      out.append(scalar.properties.generalCategory == .control ? " " : scalar)
    }
    return String(out)
  }
}

extension TableRenderer {
  /// The visible columns with their screen text, decided once per render.
  struct Layout {
    struct Column {
      var name: String
      var header: String
      var cells: [String]
      var alignRight: Bool
      /// Text columns may be cut to fit the terminal; numbers and flags not.
      var truncatable: Bool
    }

    var columns: [Column] = []
    var hiddenProvenance: [String] = []
    var markedEstimates = false

    init(table: ResultTable, rows: Int, showProvenance: Bool) {
      let foldedUnit = Self.sharedUnit(of: table)
      let estimates = Self.estimateRows(of: table, rows: rows)

      for column in table.columns {
        if column.role == .provenance && !showProvenance {
          hiddenProvenance.append(column.name)
          continue
        }
        if foldedUnit != nil && column.name == "unit" && !column.isNumeric { continue }
        // `gap_unit` and the like: a uniform per-column unit moves into
        // the header of the column it belongs to.
        if column.name.hasSuffix("_unit"), table.column(named: String(column.name.dropLast(5))) != nil,
          Self.uniformText(of: column, rows: table.rowCount) != nil
        {
          continue
        }

        var header = TableRenderer.clean(column.name)
        if let unit = column.unit, !unit.isEmpty {
          header += " (\(TableRenderer.clean(unit)))"
        } else if let own = table.column(named: column.name + "_unit"),
          let unit = Self.uniformText(of: own, rows: table.rowCount)
        {
          header += " (\(TableRenderer.clean(unit)))"
        } else if column.role == .value, let foldedUnit {
          header += " (\(TableRenderer.clean(foldedUnit)))"
        }

        var cells: [String] = []
        cells.reserveCapacity(rows)
        switch column.cells {
        case .text, .rawText:
          for row in 0..<rows { cells.append(TableRenderer.clean(column.text(at: row) ?? "")) }
          columns.append(Column(name: column.name, header: header, cells: cells, alignRight: false, truncatable: true))
        case .flag:
          for row in 0..<rows {
            cells.append(column.flag(at: row).map { $0 ? "yes" : "no" } ?? "")
          }
          columns.append(Column(name: column.name, header: header, cells: cells, alignRight: false, truncatable: false))
        case .number:
          // Only the figure itself is an estimate; targets and results
          // computed from it are shown plainly (the outcome column says so).
          let marks = column.role == .value && column.name == "value"
            && (0..<rows).contains { estimates[$0] && column.number(at: $0) != nil }
          for row in 0..<rows {
            guard let value = column.number(at: row) else {
              cells.append("")
              continue
            }
            var text = NumberText.display(value)
            // In a column with any marker, unmarked numbers get a space in
            // its place so the digits stay aligned.
            if marks { text += estimates[row] ? TableRenderer.estimateMarker : " " }
            cells.append(text)
          }
          if marks { markedEstimates = true }
          columns.append(Column(name: column.name, header: header, cells: cells, alignRight: true, truncatable: false))
        }
      }
    }

    /// The text of a column when it is the same non-empty text on every row.
    static func uniformText(of column: ResultTable.Column, rows: Int) -> String? {
      guard rows > 0, !column.isNumeric, let first = column.text(at: 0) else { return nil }
      for row in 1..<rows where column.text(at: row) != first { return nil }
      return first
    }

    /// The value of a text `unit` column when it is the same non-empty text
    /// on every row and there is a value column to carry it; nil otherwise.
    static func sharedUnit(of table: ResultTable) -> String? {
      guard let unitColumn = table.column(named: "unit"), !unitColumn.isNumeric,
        table.columns.contains(where: { $0.role == .value && $0.name != "unit" }),
        table.rowCount > 0, let first = unitColumn.text(at: 0)
      else { return nil }
      for row in 1..<table.rowCount where unitColumn.text(at: row) != first { return nil }
      return first
    }

    /// Which of the first `rows` rows are estimates: their `scenario` or
    /// `outcome` says `estimate` (or 预计, as the source documents do).
    static func estimateRows(of table: ResultTable, rows: Int) -> [Bool] {
      var result = [Bool](repeating: false, count: rows)
      for name in ["scenario", "outcome"] {
        guard let column = table.column(named: name) else { continue }
        for row in 0..<rows {
          if let text = column.text(at: row), text.lowercased() == "estimate" || text == "预计" {
            result[row] = true
          }
        }
      }
      return result
    }
  }
}
