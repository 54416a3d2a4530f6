import ArgumentParser

/// `indsh extract FILE.txt… [--region R] [--year Y] [-o OUT.csv]`: proposes
/// observations from report text as the store's CSV.
struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "indsh extract",
    abstract: "Propose observations from a report's plain text, as the store's CSV.")

  @Argument(help: "Report text files.")
  var files: [String] = []

  func run() throws {
    throw ValidationError("extraction is not available yet")
  }
}
