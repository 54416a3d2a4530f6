import Foundation
import Testing

/// `indsh extract REPORT.txt… [-o OUT.csv]` through the real binary.
@Suite struct ExtractCommandTests {

  /// Any seed report: the test needs a real report, not a particular one.
  static var anyReport: String? {
    let folder = IndshBinary.root.appendingPathComponent("Datasets/sources").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".txt") }.sorted()
    return names?.first.map { folder + "/" + $0 }
  }

  @Test func extractWritesACSVThatLoads() throws {
    guard let report = Self.anyReport else { throw IndshBinary.Failure.notBuilt }
    let dir = try IndshBinary.temporaryDirectory()
    let out = dir.appendingPathComponent("proposed.csv").path
    let r = try IndshBinary.run(["extract", report, "-o", out])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(r.stderr.contains("region"), "the region found is reported: \(r.stderr)")
    let csv = try String(contentsOfFile: out, encoding: .utf8)
    #expect(csv.hasPrefix("region,indicator,measure,scenario,period,value,unit,bound,source,quote"))
    #expect(csv.split(separator: "\n").count > 20)
    let load = try IndshBinary.run(["--no-default-data", "--data", out, "-c", "count(*) by ()"])
    #expect(load.status == 0, "the proposal loads through the normal validation: \(load.stderr)")
  }

  @Test func extractUsageAndMissingFiles() throws {
    let none = try IndshBinary.run(["extract"])
    #expect(none.status == 2)
    #expect(none.stderr.contains("no report file"))
    let missing = try IndshBinary.run(["extract", "/nonexistent/report.txt"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("/nonexistent/report.txt"))
  }
}
