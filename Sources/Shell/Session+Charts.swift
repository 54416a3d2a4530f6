import Diagnostics
import IndicatorStore
import QueryLanguage

// Charts in the shell: `plot(EXPR)`, `spark(EXPR)`, `.export chart.svg EXPR`.
extension Session {
  /// The chart text when `statement` is a top-level `plot(…)` or `spark(…)`;
  /// nil for any other statement.
  func chartOutput(for statement: Statement, source: SourceText) throws -> String? {
    nil
  }

  /// Writes `table` as an SVG chart.
  func exportChart(_ table: ResultTable, to path: String, source: SourceText) -> Outcome {
    report(Diagnostic.error("SVG export is not available yet", at: SourceRange(0, source.text.utf8.count), in: source))
    return .failed
  }
}
