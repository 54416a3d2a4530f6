import IndicatorStore

/// Small result tables shaped like the interpreter's (label columns, a value
/// column, a unit column), built by hand so the goldens do not move when the
/// seed data does.
enum ChartFixtures {
  /// Rows of (region, scenario, period, value) for one indicator in 亿元.
  static func selection(_ rows: [(String, String, String, Double?)], unit: String = "亿元") -> ResultTable {
    var table = ResultTable()
    table.append(.text("region", rows.map(\.0)))
    table.append(.text("indicator", rows.map { _ in "地区生产总值" }))
    table.append(.text("measure", rows.map { _ in "level" }))
    table.append(.text("scenario", rows.map(\.1)))
    table.append(.text("period", rows.map(\.2)))
    table.append(.number("value", rows.map(\.3)))
    table.append(.text("unit", rows.map { _ in unit }))
    return table
  }

  /// Two regions over four years; 湘乡市 has a target for 2023 and an estimate for 2023.
  static var twoSeries: ResultTable {
    selection([
      ("湘潭市", "actual", "2020", 2343.1), ("湘潭市", "actual", "2021", 2548.1),
      ("湘潭市", "actual", "2022", 2696.4), ("湘潭市", "actual", "2023", 2800),
      ("湘乡市", "actual", "2020", 520), ("湘乡市", "actual", "2021", 560.5),
      ("湘乡市", "actual", "2022", 580), ("湘乡市", "estimate", "2023", 600),
      ("湘乡市", "target", "2023", 1617),
    ])
  }

  /// One period per region: bars, with a target and an estimate.
  static var oneYear: ResultTable {
    selection([
      ("湘潭市", "actual", "2023", 2800), ("湘乡市", "estimate", "2023", 600),
      ("湘乡市", "target", "2023", 617), ("韶山市", "actual", "2023", 102.4),
    ])
  }
}
