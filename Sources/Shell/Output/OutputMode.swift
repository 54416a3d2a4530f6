/// How results are printed: `.mode MODE` at the prompt, `--format MODE` on
/// the command line.
///
/// `table` is for people (aligned, rounded, long results cut short); the
/// other three are for programs and reports and always carry every row and
/// every column with exact values.
///
/// ```swift
/// OutputMode(rawValue: "csv")               // .csv
/// OutputMode.allCases.map(\.rawValue)       // ["table", "csv", "markdown", "json"]
/// ```
public enum OutputMode: String, CaseIterable, Sendable {
  /// An aligned text table (`TableRenderer`).
  case table
  /// RFC 4180 CSV with exact values (`CSVWriter.csvText` in Interchange).
  case csv
  /// A GitHub pipe table with exact values (`MarkdownRenderer`).
  case markdown
  /// An array of objects, one per row (`JSONRenderer`).
  case json
}
