import ArgumentParser
import Extraction
import Interchange
import Shell

/// `indsh extract FILE.txt… [--region R] [--year Y] [-o OUT.csv]`: proposes
/// observations from report text as the store's CSV.
struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "indsh extract",
    abstract: "Propose observations from a report's plain text, as the store's CSV.",
    discussion: "Uncertain rows and the region found are reported on standard error as notes.")

  @Argument(help: "Report text files.")
  var files: [String] = []

  @Option(help: "The region of every figure (default: found in the title or first lines).")
  var region: String?

  @Option(help: "The year the report's outcomes are about, when its headings do not say.")
  var year: Int?

  @Option(name: .shortAndLong, help: "Write the CSV here instead of standard output.")
  var output: String?

  func run() throws {
    guard !files.isEmpty else { throw ValidationError("no report file given") }
    // The lexicon comes from the default data folder (aliases and indicator names).
    let extractor = Extractor(lexicon: Lexicon.load(dataFolder: DataLocation.defaultDatasets()))
    var csv = ProposedCSV.header.joined(separator: ",") + "\n"
    for file in files {
      let bytes: [UInt8]
      do { bytes = try FileIO.readAll(file) } catch { throw fail(error.message) }
      let source = file.split(separator: "/").last.map(String.init) ?? file
      let result = extractor.extract(String(decoding: bytes, as: UTF8.self), region: region, year: year)
      if let regionNote = result.regionNote { note(file, regionNote) }
      for row in result.rows where !row.note.isEmpty { note(file, "\(row.quote): \(row.note)") }
      csv += ProposedCSV.text(result.rows, source: source, includeHeader: false)
    }
    if let output {
      do { try FileIO.writeAtomically(Array(csv.utf8), to: output) } catch {
        throw fail(error.message)
      }
    } else {
      print(csv, terminator: "")
    }
  }

  /// Reports a file that cannot be read or written; exit status 1, not a usage error.
  func fail(_ message: String) -> ExitCode {
    FileHandleStandardError.write("error: \(message)\n")
    return ExitCode(1)
  }

  func note(_ file: String, _ text: String) {
    FileHandleStandardError.write("\(file): note: \(text)\n")
  }
}
