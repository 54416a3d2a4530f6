import Charts
import Foundation
import IndicatorStore
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Collects elements, attributes and text of an SVG through Foundation's XML parser.
final class SVGCollector: NSObject, XMLParserDelegate {
  var elements: [(name: String, attributes: [String: String])] = []
  var texts: [String] = []
  private var current = ""

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    elements.append((name, attributes))
    current = ""
  }
  func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    if name == "text" || name == "title" { texts.append(current) }
    current = ""
  }

  static func parse(_ svg: String) -> (ok: Bool, collector: SVGCollector) {
    let collector = SVGCollector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    return (parser.parse(), collector)
  }
}

@Suite("SVG charts")
struct SVGChartTests {
  @Test func lineChartParsesAndHoldsTheSeriesPointsLabelsAndLegend() throws {
    let svg = try SVGChart.render(ChartFixtures.twoSeries)
    let (ok, xml) = SVGCollector.parse(svg)
    #expect(ok)
    #expect(xml.elements.first?.name == "svg")
    #expect(xml.elements.first?.attributes["font-family"]?.contains("Noto Sans CJK SC") == true)
    let points = xml.elements.filter { $0.name == "circle" && $0.attributes["data-series"] != nil }
    #expect(points.count == 8)
    #expect(points.contains { $0.attributes["data-series"] == "湘潭市" && $0.attributes["data-period"] == "2021" && $0.attributes["data-value"] == "2548.1" })
    #expect(points.filter { $0.attributes["class"] == "point estimate" }.map { $0.attributes["data-value"] } == ["600"])
    let targets = xml.elements.filter { $0.attributes["class"] == "target" }
    #expect(targets.map { $0.attributes["data-value"] } == ["1617"])
    for label in ["地区生产总值, level", "亿元", "2020", "2023", "湘潭市", "湘乡市", "estimate (预计)", "target"] {
      #expect(xml.texts.contains(label), "missing text \(label)")
    }
    #expect(xml.elements.contains { $0.attributes["class"] == "legend" })
  }

  @Test func barChartParsesWithTargetsAndEstimates() throws {
    let (ok, xml) = SVGCollector.parse(try SVGChart.render(ChartFixtures.oneYear))
    #expect(ok)
    let bars = xml.elements.filter { $0.name == "rect" && $0.attributes["data-series"] != nil }
    #expect(bars.map { $0.attributes["data-series"] } == ["湘潭市", "湘乡市", "韶山市"])
    #expect(bars.map { $0.attributes["class"] } == ["bar", "bar estimate", "bar"])
    #expect(xml.elements.contains { $0.attributes["class"] == "target" && $0.attributes["data-value"] == "617" })
  }

  @Test func textIsEscaped() throws {
    var table = ChartFixtures.selection([("A&B <区>", "actual", "2021", 1), ("\"C\"", "actual", "2021", 2)])
    table.title = "x < y & z"
    let svg = try SVGChart.render(table)
    let (ok, xml) = SVGCollector.parse(svg)
    #expect(ok)
    #expect(xml.texts.contains("A&B <区>"))
    #expect(xml.texts.contains { $0.hasPrefix("x < y & z") })
  }

  /// Renders with a real SVG renderer and checks the picture is not blank:
  /// the PNG of the chart must be clearly larger than the PNG of an empty
  /// white SVG of the same size (PNG compresses a blank image to almost nothing).
  @Test func rendersToANonBlankImage() throws {
    guard let rsvg = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert", "/opt/homebrew/bin/rsvg-convert"]
      .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else {
      print("skipping SVG render test: rsvg-convert not installed (Scripts/test installs librsvg2-bin)")
      return
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("indsh-svg-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func png(_ svg: String, _ name: String) throws -> Data {
      let input = folder.appendingPathComponent("\(name).svg")
      let output = folder.appendingPathComponent("\(name).png")
      try svg.write(to: input, atomically: true, encoding: .utf8)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: rsvg)
      process.arguments = ["-f", "png", "-o", output.path, input.path]
      process.standardInput = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "rsvg-convert failed on \(name)")
      return try Data(contentsOf: output)
    }
    let chart = try png(try SVGChart.render(ChartFixtures.twoSeries), "chart")
    let blank = try png(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"420\"><rect width=\"800\" height=\"420\" fill=\"#ffffff\"/></svg>",
      "blank")
    #expect(chart.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    #expect(chart.count > blank.count * 5, "chart \(chart.count) bytes, blank \(blank.count) bytes")
    let bars = try png(try SVGChart.render(ChartFixtures.oneYear), "bars")
    #expect(bars.count > blank.count * 5)
  }
}
