import Charts
import IndicatorStore
import Testing

@Suite("Terminal charts")
struct TextChartTests {
  let plain = ChartStyle(useColor: false, width: 60, height: 8)

  @Test func lineChartWithTwoSeriesLegendTargetAndEstimate() throws {
    let text = try TextChart.render(ChartFixtures.twoSeries, style: plain)
    let golden = """
      地区生产总值, level
           (亿元)
      3000 +                              ⣀⣀⣀⣀o⣀⣀⣀⣀⣀⣀⣀⡠⠤⠤⠤⠤⠤⠤⠤o
           | o⣀⣀⣀⡠⠤⠤⠤⠤⠤⠤⠤⠔⠒⠒⠒o⠒⠒⠒⠒⠉⠉⠉⠉⠉⠉⠉⠉
      2000 +
           |                                                  T
           |
      1000 +
           | +⠤⠤⠤⠤⠤⠤⠤⠔⠒⠒⠒⠒⠒⠒⠒+⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒+⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒*
         0 +
           +-+---------------+----------------+---------------+-
           2020            2021             2022            2023
        o 湘潭市    + 湘乡市
        * estimate (预计)   T target (dashed: targets over time)
      """
    #expect(text == golden, "\n\(text)")
  }

  @Test func barChartWithChineseLabelsTargetAndEstimate() throws {
    let text = try TextChart.render(ChartFixtures.oneYear, style: plain)
    let golden = """
      地区生产总值, level (2023, 亿元)
      湘潭市 |################################## 2800
      湘乡市 |======T                            600* (target 617)
      韶山市 |#                                  102.4
        # actual  = estimate (预计)   T target
      """
    #expect(text == golden, "\n\(text)")
  }

  @Test func everyLineFitsTheWidthAndPlainModeHasNoEscapes() throws {
    for width in [40, 60, 80] {
      let style = ChartStyle(useColor: false, width: width, height: 10)
      for table in [ChartFixtures.twoSeries, ChartFixtures.oneYear] {
        let text = try TextChart.render(table, style: style)
        #expect(!text.contains("\u{1B}"))
        for line in text.split(separator: "\n") {
          #expect(DisplayWidth.of(String(line)) <= width, "\(width): \(line)")
        }
      }
    }
  }

  @Test func colourOnlyWhenAsked() throws {
    let text = try TextChart.render(ChartFixtures.twoSeries, style: ChartStyle(useColor: true, width: 60, height: 8))
    #expect(text.contains("\u{1B}[34m"))
  }

  @Test func legendNamesAreAlignedByDisplayWidth() throws {
    // A Latin and a Chinese name: the second marker starts at the same column on both legend entries.
    let table = ChartFixtures.selection([
      ("湘潭市经开区", "actual", "2021", 1), ("湘潭市经开区", "actual", "2022", 2),
      ("Xiangtan", "actual", "2021", 3), ("Xiangtan", "actual", "2022", 4),
      ("韶山", "actual", "2021", 2), ("韶山", "actual", "2022", 1),
    ])
    let text = try TextChart.render(table, style: ChartStyle(useColor: false, width: 80, height: 6))
    let legend = text.split(separator: "\n").first { $0.hasPrefix("  o ") }.map(String.init) ?? ""
    let plus = legend.range(of: " + ").map { DisplayWidth.of(String(legend[..<$0.lowerBound])) }
    let x = legend.range(of: " x ").map { DisplayWidth.of(String(legend[..<$0.lowerBound])) }
    let o = legend.range(of: " o ").map { DisplayWidth.of(String(legend[..<$0.lowerBound])) }
    #expect(o == 1)
    #expect(plus.map { $0 - 1 } == x.map { ($0 - 1) / 2 }, "\(legend)")
  }

  @Test func tooManySeriesIsAnErrorThatSaysHowToNarrow() {
    let rows = (0..<9).flatMap { i in [("区\(i)", "actual", "2021", Double?(Double(i))), ("区\(i)", "actual", "2022", Double?(1))] }
    #expect(throws: ChartError.self) { try TextChart.render(ChartFixtures.selection(rows), style: plain) }
    do {
      _ = try TextChart.render(ChartFixtures.selection(rows), style: plain)
    } catch {
      #expect(error.message.contains("at most 8 series"))
      #expect(error.message.contains("narrow the selector"))
    }
  }

  @Test func nothingNumericAndMixedUnitsAreErrors() {
    var labels = ResultTable()
    labels.append(.text("region", ["湘潭市"]))
    #expect(throws: ChartError.self) { try TextChart.render(labels, style: plain) }
    var mixed = ChartFixtures.selection([("湘潭市", "actual", "2021", 1), ("湘潭市", "actual", "2022", 2)])
    mixed.columns[6] = .text("unit", ["亿元", "%"])
    #expect(throws: ChartError.self) { try TextChart.render(mixed, style: plain) }
  }

  @Test func gapTablesPlotOutcomeAndTarget() throws {
    // The shape gap() returns: outcome column, value and target on one row.
    var table = ResultTable()
    table.append(.text("region", ["湘乡市", "湘乡市"]))
    table.append(.text("indicator", ["地区生产总值", "地区生产总值"]))
    table.append(.text("period", ["2022", "2023"]))
    table.append(.text("outcome", ["actual", "estimate"]))
    table.append(.number("value", [580, 600]))
    table.append(.number("target", [575, 617]))
    table.append(.number("gap", [5, -17]))
    table.append(.text("unit", ["亿元", "亿元"]))
    let data = try ChartData(table)
    #expect(data.series.count == 1)
    #expect(data.series[0].points.map(\.isEstimate) == [false, true])
    #expect(data.series[0].targets.map(\.value) == [575, 617])
    let text = try TextChart.render(data, style: plain)
    #expect(text.contains("T"))
    #expect(text.contains("*"))
  }

  @Test func periodsAreOrderedChronologically() throws {
    let table = ChartFixtures.selection([
      ("湘潭市", "actual", "2023", 3), ("湘潭市", "actual", "2021", 1), ("湘潭市", "actual", "2023-01..2023-09", 2),
    ])
    #expect(try ChartData(table).periods == ["2021", "2023-01..2023-09", "2023"])
  }
}

@Suite("Sparklines")
struct SparklineTests {
  @Test func scalesFromMinimumToMaximum() {
    #expect(Sparkline.line([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
    #expect(Sparkline.line([10, 0]) == "█▁")
  }

  @Test func constantSeriesSitsInTheMiddle() {
    #expect(Sparkline.line([5, 5, 5]) == "▄▄▄")
  }

  @Test func missingValuesAreGaps() {
    #expect(Sparkline.line([1, nil, 8]) == "▁ █")
    #expect(Sparkline.line([nil, nil]) == "  ")
    #expect(Sparkline.line([]) == "")
  }

  @Test func tableHasOneRowPerSeriesWithFirstAndLast() throws {
    let table = try Sparkline.table(from: ChartFixtures.twoSeries)
    #expect(table.rowCount == 2)
    #expect(table.column(named: "series")?.text(at: 1) == "湘乡市")
    #expect(table.column(named: "spark")?.text(at: 0) == "▁▄▆█")
    #expect(table.column(named: "first")?.number(at: 1) == 520)
    #expect(table.column(named: "last")?.number(at: 1) == 600)
    #expect(table.column(named: "last_period")?.text(at: 1) == "2023")
    #expect(table.column(named: "first")?.unit == "亿元")
  }
}
