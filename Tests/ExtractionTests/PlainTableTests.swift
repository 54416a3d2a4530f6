import Testing

@testable import Extraction

/// Plain-text tables of indicators at the end of a release.
struct PlainTableTests {
  let extractor = Extractor(lexicon: Lexicon())

  @Test func cellsSplitAtRunsOfSpaces() {
    #expect(PlainTable.cells(Array("  其中：出口      亿元      14.32      19.6"), bars: false) == ["其中：出口", "亿元", "14.32", "19.6"])
    #expect(PlainTable.cells(Array("指标名称\u{3000}单位\t1—9月"), bars: false) == ["指标名称", "单位", "1—9月"])
    // One space is part of a cell.
    #expect(PlainTable.cells(Array("PM 2.5  微克  30"), bars: false) == ["PM 2.5", "微克", "30"])
    #expect(PlainTable.cells(Array("15｜城镇登记失业率｜%｜2.8｜3.5以内"), bars: true) == ["15", "城镇登记失业率", "%", "2.8", "3.5以内"])
  }

  @Test func theHeaderSaysWhatEachColumnIs() throws {
    let table = try #require(PlainTable.header(Array("指标名称      单位      1—9月      同比增长（%）"), year: 2030, period: "2030"))
    #expect(table.unitColumn == 1)
    #expect(table.columns.compactMap { $0 }.map { $0.measure ?? "by unit" } == ["by unit", "growth"])
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

  /// A ｜ table of a plan's evaluation: year columns, a target column with bound
  /// words, an estimate in brackets, text columns ignored.
  @Test func aPlanEvaluationTable() {
    let text = """
      某县第十四个五年规划纲要实施情况总结评估报告
      （2031年3月）
      一、主要指标完成情况
      序号｜指标名称｜单位｜2025年｜2030年规划目标｜2030年实际｜指标属性｜评估结论
      15｜城镇登记失业率｜%｜2.8｜3.5以内｜2.9｜预期性｜完成
      21｜单位地区生产总值能耗降低（五年累计）｜%｜—｜14｜15.6（预计）｜约束性｜完成
      26｜粮食综合生产能力｜万吨｜21.6｜22以上｜22.9｜约束性｜完成
      """
    let r = extractor.extract(text, region: "某县").rows
    let target = r.first { $0.value == "3.5" }
    #expect(target?.scenario == "target" && target?.bound == "<=" && target?.period == "2030" && target?.measure == "ratio", "\(r)")
    #expect(r.first { $0.value == "2.8" }?.period == "2025", "\(r)")
    let energy = r.first { $0.value == "-15.6" }
    #expect(energy?.scenario == "estimate" && energy?.period == "2026..2030" && energy?.measure == "growth", "\(r)")
    #expect(r.first { $0.value == "22" }?.bound == ">=", "\(r)")
    #expect(!r.contains { $0.value == "15" || $0.value == "21" }, "\(r)")
  }

  /// A monthly bulletin's columns (5月, 1—5月) with rule lines; a % unit is a growth
  /// unless the name is a rate.
  @Test func aMonthlyBulletinTable() {
    let text = """
      某市统计月报
      2030年5月全市统计月报
      指标名称              计量单位      5月       1—5月     同比增长（%）
      --------------------------------------------------------------
      规模以上工业增加值    %             7.4       6.9       —
      规模以上工业产品销售率  %           97.2      97.6      —
      商品房销售额          亿元          16.38     72.64     -11.2
      --------------------------------------------------------------
      """
    let r = extractor.extract(text, region: "某市").rows
    #expect(r.first { $0.value == "7.4" }.map { ($0.measure, $0.period) } ?? ("", "") == ("growth", "2030-05"), "\(r)")
    #expect(r.first { $0.value == "6.9" }?.period == "2030-01..2030-05", "\(r)")
    #expect(r.first { $0.value == "97.6" }?.measure == "ratio", "\(r)")
    let sales = r.first { $0.value == "-11.2" }
    #expect(sales?.measure == "growth" && sales?.period == "2030-01..2030-05", "\(r)")
  }

  /// A target column without a year (年度目标) is the year's; a progress column is a completion.
  @Test func targetAndProgressColumns() {
    let text = """
      某区2030年1—8月经济运行情况
      指标名称              单位      1—8月     同比增长（％）   年度目标    完成进度（％）
      规模以上工业总产值    亿元      812.6     9.4             1250        65.0
      """
    let r = extractor.extract(text, region: "某区").rows
    let target = r.first { $0.value == "1250" }
    #expect(target?.scenario == "target" && target?.period == "2030", "\(r)")
    let progress = r.first { $0.value == "65.0" }
    #expect(progress?.measure == "completion" && progress?.unit == "%", "\(r)")
  }
}
