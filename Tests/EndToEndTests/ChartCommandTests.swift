import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Charts through the real binary: `plot`, `spark` and `.export FILE.svg`.
@Suite struct ChartCommandTests {
  static let xiangtanGrowth = "地区生产总值{region=\"湘潭市\", measure=\"growth\"}"

  @Test func plotWhenPipedIsPlainTextWithLegendAndPeriods() throws {
    let r = try IndshBinary.run(["-c", "plot(\(Self.xiangtanGrowth))"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(!r.stdout.contains("\u{1B}["), "no colour codes when piped")
    #expect(r.stdout.contains("湘潭市"))
    #expect(r.stdout.contains("2019"))
    #expect(r.stdout.contains("(%)"), "the unit labels the axis")
    #expect(r.stdout.contains("target"), "targets are told apart in the legend")
    // Fits an 80-column terminal.
    for line in r.stdout.split(separator: "\n") {
      let width = line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.value < 0x2800 || $1.value >= 0x2E80 ? 2 : 1) }
      #expect(width <= 80, "too wide: \(line)")
    }
  }

  @Test func plotOfTooManySeriesSaysToNarrowTheSelector() throws {
    let r = try IndshBinary.run(["-c", "plot(*)"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("narrow"), "stderr: \(r.stderr)")
  }

  @Test func sparkGivesOneLinePerSeriesWithFirstAndLast() throws {
    let r = try IndshBinary.run(["-c", "spark(地区生产总值{measure=\"growth\", scenario=\"actual\"})"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(r.stdout.contains("first"))
    #expect(r.stdout.contains("last"))
    #expect(r.stdout.unicodeScalars.contains { (0x2581...0x2588).contains($0.value) }, "block characters")
  }

  @Test func exportSVGOfAPlotWritesAChartThatParses() throws {
    let dir = try IndshBinary.temporaryDirectory()
    let path = dir.appendingPathComponent("chart.svg").path
    let r = try IndshBinary.run(["-c", ".export \(path) plot(\(Self.xiangtanGrowth))"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.hasPrefix("<?xml"))
    #expect(svg.contains("湘潭市"))
    #expect(svg.contains("Noto Sans CJK"), "a CJK-capable font list")
    #if canImport(FoundationXML) || os(macOS)
      let document = try XMLDocument(data: Data(svg.utf8))
      #expect(document.rootElement()?.name == "svg")
    #endif
  }

  @Test func exportSVGOfNothingIsAnErrorAndWritesNothing() throws {
    let dir = try IndshBinary.temporaryDirectory()
    let path = dir.appendingPathComponent("empty.svg").path
    let r = try IndshBinary.run(["-c", ".export \(path) 地区生产总值{region=\"湘潭市\"}[1990]"])
    #expect(r.status == 1)
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func loadingWhenPipedShowsNoProgressLine() throws {
    let r = try IndshBinary.run(["-c", "1"])
    #expect(r.status == 0)
    #expect(!r.stderr.contains("loading"), "stderr: \(r.stderr)")
  }
}
