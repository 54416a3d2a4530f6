import Foundation
import IndicatorStore
import Interchange
import Testing

/// The seed datasets: every row loads, every quote is verbatim in its
/// source, and the first half of each report is covered figure by figure.
@Suite struct DatasetTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let datasets = root.appendingPathComponent("Datasets")

  struct Row {
    var file: String
    var line: Int
    var fields: [String: String]
    subscript(_ name: String) -> String { fields[name] ?? "" }
  }

  static func dataFiles() throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: datasets, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "csv" && $0.lastPathComponent != "aliases.csv" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  static func readRows(_ url: URL) throws -> [Row] {
    let bytes = Array(try Data(contentsOf: url))
    var reader = CSVReader(bytes: bytes, file: url.lastPathComponent)
    var record = CSVReader.Record()
    var header: [String] = []
    var rows: [Row] = []
    while try reader.next(into: &record) {
      let values = record.fields.map { reader.string($0) }
      if header.isEmpty {
        header = values
        continue
      }
      var fields: [String: String] = [:]
      for (name, value) in zip(header, values) { fields[name] = value }
      rows.append(Row(file: url.lastPathComponent, line: record.line, fields: fields))
    }
    return rows
  }

  static func sourceText(_ name: String) throws -> String {
    try String(contentsOf: datasets.appendingPathComponent("sources").appendingPathComponent(name), encoding: .utf8)
  }

  @Test func thereIsOneDataFilePerReport() throws {
    let sources = try FileManager.default.contentsOfDirectory(
      atPath: Self.datasets.appendingPathComponent("sources").path
    ).filter { $0.hasSuffix(".txt") }.sorted()
    #expect(sources.count == 5)
    let data = try Self.dataFiles().map { $0.deletingPathExtension().lastPathComponent }
    #expect(data == sources.map { String($0.dropLast(4)) })
  }

  @Test func everyRowLoadsWithoutConflicts() throws {
    let result = try DatasetLoader.loading(paths: [Self.datasets.path], into: IndicatorStore())
    #expect(result.rowsLoaded > 500)
    #expect(result.store.rowCount > 500)
    let aliases = try AliasTable.load(path: Self.datasets.appendingPathComponent("aliases.csv").path)
    let indicators = Set(result.store.indicatorNames)
    for (alias, canonical) in aliases.aliases {
      #expect(indicators.contains(canonical), "alias \(alias) names \(canonical), which no row uses")
    }
  }

  @Test func everyQuoteIsVerbatimInItsSourceAndShowsTheValue() throws {
    var failures: [String] = []
    var sources: [String: String] = [:]
    for file in try Self.dataFiles() {
      let expectedSource = file.deletingPathExtension().lastPathComponent + ".txt"
      for row in try Self.readRows(file) {
        let at = "\(row.file):\(row.line)"
        if row["source"] != expectedSource { failures.append("\(at): source \(row["source"]) is not \(expectedSource)") }
        if sources[row["source"]] == nil { sources[row["source"]] = try? Self.sourceText(row["source"]) }
        guard let text = sources[row["source"]] else {
          failures.append("\(at): source file \(row["source"]) missing")
          continue
        }
        let quote = row["quote"]
        if quote.isEmpty || !text.contains(quote) { failures.append("\(at): quote not found verbatim: \(quote)") }
        let value = row["value"]
        let relative = row["bound"] == "=ref" || row["bound"] == ">ref"
        if relative { continue }
        var digits = value.hasPrefix("-") ? String(value.dropFirst()) : value
        if digits == "0" { continue }  // 持平 (unchanged) is written without a digit.
        if digits.hasSuffix(".0") { digits.removeLast(2) }
        if !quote.contains(digits) && !Self.chineseNumeralWritten(value: digits, in: quote) {
          failures.append("\(at): quote does not show the value \(value): \(quote)")
        }
      }
    }
    #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) problems:\n" + failures.prefix(40).joined(separator: "\n")))
  }

  /// Figures the reports write in Chinese numerals (千亿, 百亿, 一倍) are
  /// accepted when the quote holds that numeral.
  static func chineseNumeralWritten(value: String, in quote: String) -> Bool {
    let numerals: [String: [String]] = [
      "1000": ["千"], "100": ["百", "倍"], "10": ["十"], "1": ["一"], "2": ["两", "二"], "3": ["三"],
      "4": ["四"], "5": ["五"], "6": ["六"], "7": ["七"], "8": ["八"], "9": ["九"], "10000": ["万"],
    ]
    return numerals[value]?.contains { quote.contains($0) } ?? false
  }

  @Test func firstHalfOfEveryReportIsCoveredOrExcluded() throws {
    let pattern = try NSRegularExpression(pattern: "[0-9]+(\\.[0-9]+)?(%|％|亿元|万元|元|个百分点)")
    var quotesBySource: [String: [String]] = [:]
    for file in try Self.dataFiles() {
      for row in try Self.readRows(file) { quotesBySource[row["source"], default: []].append(row["quote"]) }
    }
    var excluded = Set<String>()
    for row in try Self.readRows(Self.datasets.appendingPathComponent("curation/excluded-figures.csv")) {
      excluded.insert(row["source"] + "|" + row["figure"])
    }
    var missing: [String] = []
    for file in try Self.dataFiles() {
      let source = file.deletingPathExtension().lastPathComponent + ".txt"
      let text = try Self.sourceText(source)
      let half = String(text.prefix(text.count / 2))
      let ns = half as NSString
      let quotes = quotesBySource[source] ?? []
      for match in pattern.matches(in: half, range: NSRange(location: 0, length: ns.length)) {
        let figure = ns.substring(with: match.range)
        if excluded.contains(source + "|" + figure) { continue }
        if quotes.contains(where: { $0.contains(figure) }) { continue }
        missing.append("\(source): \(figure)")
      }
    }
    #expect(missing.isEmpty, Comment(rawValue: "figures neither in a quote nor excluded:\n" + missing.joined(separator: "\n")))
  }
}
