import Testing

@testable import Extraction

/// Plain-text tables of indicators at the end of a release.
struct PlainTableTests {
  let extractor = Extractor(lexicon: Lexicon())

  @Test func cellsSplitAtRunsOfSpaces() {
    #expect(PlainTable.cells(Array("  其中：出口      亿元      14.32      19.6")) == ["其中：出口", "亿元", "14.32", "19.6"])
    #expect(PlainTable.cells(Array("指标名称\u{3000}单位\t1—9月")) == ["指标名称", "单位", "1—9月"])
    // One space is part of a cell.
    #expect(PlainTable.cells(Array("PM 2.5  微克  30")) == ["PM 2.5", "微克", "30"])
  }

  @Test func theHeaderSaysWhatEachColumnIs() throws {
    let table = try #require(PlainTable.header(Array("指标名称      单位      1—9月      同比增长（%）"), year: 2030, period: "2030"))
    #expect(table.unitColumn == 1)
    #expect(table.columns.compactMap { $0?.measure } == ["level", "growth"])
    #expect(table.columns.compactMap { $0?.period } == ["2030-01..2030-09"])
    #expect(PlainTable.header(Array("全县地区生产总值增长5.8%。"), year: 2030, period: "2030") == nil)
  }

  /// Each number of a line is a row quoting the line; a figure the text gave
  /// is not repeated; a bracket after a name dates its numbers; a dash is no figure.
  @Test func aReleasesTableGivesRows() {
    let text = """
      某县2030年前三季度经济运行简况
      前三季度，全县地区生产总值216.48亿元，同比增长5.8%。

      附表：2030年1—9月主要经济指标
      指标名称                    单位        1—9月        同比增长（%）
      地区生产总值                亿元        216.48       5.8
      规模以上工业总产值          亿元        402.16       6.9
      规模以上服务业营业收入（1—8月）  亿元    36.95        9.8
      固定资产投资                亿元        —            4.4
      城镇新增就业                人          4860         3.4

      注：部分数据因四舍五入存在误差。
      """
    let r = extractor.extract(text, region: "某县").rows
    #expect(r.filter { $0.value == "216.48" }.count == 1, "\(r)")
    let output = r.first { $0.value == "402.16" }
    #expect(output?.indicator == "规模以上工业总产值" && output?.period == "2030-01..2030-09" && output?.unit == "亿元")
    #expect(output?.quote == "规模以上工业总产值          亿元        402.16       6.9")
    #expect(r.first { $0.value == "6.9" }?.measure == "growth")
    #expect(r.first { $0.value == "36.95" }?.period == "2030-01..2030-08", "\(r)")
    #expect(r.first { $0.value == "4.4" }?.measure == "growth", "\(r)")
    #expect(r.first { $0.value == "3.4" }?.indicator == "城镇新增就业", "\(r)")
  }
}
