import Charts
import Diagnostics
import IndicatorStore
import Interchange
import LineEditing
import QueryLanguage

// Charts in the shell: `plot(EXPR)`, `spark(EXPR)`, `.export chart.svg EXPR`.
extension Session {
  /// The chart text when `statement` is a top-level `plot(…)` or `spark(…)`;
  /// nil for any other statement.
  func chartOutput(for statement: Statement, source: SourceText) throws -> String? {
    guard case .expression(.call(let call)) = statement, call.name == "plot" || call.name == "spark" else {
      return nil
    }
    guard call.arguments.count == 1, call.grouping == nil else {
      throw Diagnostic.error(
        "\(call.name) takes one argument", at: call.range, in: source,
        help: "e.g. \(Builtins.doc(named: call.name)?.example ?? "plot(gdp{region=\"湘潭市\"})")")
    }
    guard let table = try interpreter.run(.expression(call.arguments[0]), source: source) else { return nil }
    do throws(ChartError) {
      if call.name == "spark" {
        let sparks = try Sparkline.table(from: table)
        lastResult = sparks
        return render(sparks)
      }
      lastResult = table
      return try TextChart.render(table, style: chartStyle)
    } catch {
      throw Diagnostic.error(error.message, at: call.range, in: source, help: error.help)
    }
  }

  /// Width from the terminal (80 when piped, so output is reproducible);
  /// colour only when stdout is a terminal and the console allows colour
  /// (a colour terminal with NO_COLOR unset).
  var chartStyle: ChartStyle {
    ChartStyle(
      useColor: console.isTerminal && console.useColor,
      width: console.isTerminal ? min(Terminal.columns(1), 160) : 80,
      height: 12)
  }

  /// Writes `table` as an SVG chart.
  func exportChart(_ table: ResultTable, to path: String, source: SourceText) -> Outcome {
    let svg: String
    do throws(ChartError) {
      svg = try SVGChart.render(table)
    } catch {
      report(Diagnostic.error(error.message, at: SourceRange(0, source.text.utf8.count), in: source, help: error.help))
      return .failed
    }
    do throws(Diagnostic) {
      // Temporary file and rename, as CSV export does: never a half-written chart.
      try FileIO.writeAtomically(Array(svg.utf8), to: path)
    } catch {
      report(error)
      return .failed
    }
    if isInteractive { console.err("wrote chart of \(table.rowCount) rows to \(path)\n") }
    return .succeeded
  }
}

/// The "loading …: N rows, X MB/s" line on stderr while a large load runs:
/// shown only after a second (small loads stay silent) and only on a
/// terminal (never in piped output or logs), rewritten in place with `\r`,
/// and cleared when the load ends.
final class LoadProgressLine {
  let console: Console
  let enabled: Bool
  private let started = Clock.now()
  private var lastShown = 0.0
  private var shown = false

  init(console: Console, enabled: Bool) {
    self.console = console
    self.enabled = enabled
  }

  func update(_ progress: LoadProgress) {
    let elapsed = Clock.now() - started
    // After a second, at most four times a second.
    guard enabled, elapsed >= 1, elapsed - lastShown >= 0.25 else { return }
    lastShown = elapsed
    shown = true
    let rate = Double(progress.bytes) / 1_048_576 / elapsed
    let name = FileSystem.baseName(progress.file)
    console.err("\r\u{1B}[Kloading \(name): \(progress.rows) rows, \(String(format: "%.1f", rate)) MB/s")
  }

  func finish() {
    if shown { console.err("\r\u{1B}[K") }
  }
}
