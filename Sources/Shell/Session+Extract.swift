import Diagnostics
import Extraction
import IndicatorStore
import Interchange

#if canImport(Glibc)
  import Glibc
#endif

// `.extract FILE.txt [--region R] [--year Y] [--load]`
extension Session {
  func extractCommand(_ command: DotCommandLine, source: SourceText, usage: String) -> Outcome {
    func fail(_ message: String) -> Outcome {
      report(Diagnostic.error(message, at: SourceRange(command.restOffset, source.text.utf8.count), in: source, help: usage))
      return .failed
    }
    // Arguments: one file, then options in any order.
    let words = command.rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    var path: String?
    var region: String?
    var year: Int?
    var loadRows = false
    var i = 0
    while i < words.count {
      switch words[i] {
      case "--region":
        guard i + 1 < words.count else { return fail("--region needs a value") }
        region = words[i + 1]; i += 2
      case "--year":
        guard i + 1 < words.count, let y = Int(words[i + 1]) else { return fail("--year needs a year like 2024") }
        year = y; i += 2
      case "--load":
        loadRows = true; i += 1
      default:
        if words[i].hasPrefix("--") { return fail("unknown option \(words[i])") }
        guard path == nil else { return fail("one report file at a time") }
        path = words[i].trimmingQuotes(); i += 1
      }
    }
    guard let path else { return fail("missing FILE.txt") }
    let text: String
    switch FileSystem.readText(path) {
    case .success(let t): text = t
    case .failure: return fail("cannot read \(path): \(FileSystem.lastError())")
    }
    // The lexicon comes from the default data folder, wherever this session's data is.
    let extractor = Extractor(lexicon: Lexicon.load(dataFolder: DataLocation.defaultDatasets()))
    let result = extractor.extract(text, region: region, year: year)
    let name = FileSystem.baseName(path)
    if let note = result.regionNote { console.err("note: \(note); use --region to change it\n") }
    let uncertain = result.rows.filter { !$0.note.isEmpty }.count
    console.err("\(result.rows.count) rows proposed from \(name) (\(uncertain) with a note)\n")
    show(ProposedCSV.table(result.rows, source: name))
    // The last result is the loadable part (no note column), so `.export` writes a data file.
    let loadable = ProposedCSV.loadableTable(result.rows, source: name)
    lastResult = loadable
    guard loadRows else { return .succeeded }
    // Load through the normal validation: a data file named after the report.
    let directory = "/tmp/indsh-extract-\(getpid())"
    mkdir(directory, 0o700)
    let base = name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
    let csvPath = FileSystem.join(directory, base + ".csv")
    do {
      try CSVWriter.write(loadable, to: csvPath, bom: false)
    } catch {
      report(error)
      return .failed
    }
    return loadReporting(csvPath, shownAs: name)
  }
}

extension String {
  /// Without one pair of surrounding quotes.
  fileprivate func trimmingQuotes() -> String {
    if count >= 2, let f = first, let l = last, f == l, f == "\"" || f == "'" { return String(dropFirst().dropLast()) }
    return self
  }
}
