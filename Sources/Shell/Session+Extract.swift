import Diagnostics
import IndicatorStore

// `.extract FILE.txt [--region R] [--year Y] [--load]`
extension Session {
  func extractCommand(_ command: DotCommandLine, source: SourceText, usage: String) -> Outcome {
    report(Diagnostic.error("extraction is not available yet", at: SourceRange(0, source.text.utf8.count), in: source))
    return .failed
  }
}
