import Diagnostics
import IndicatorStore
@testable import Interchange
import Testing

@Suite struct CatalogTests {
  static func store() throws -> IndicatorStore {
    try load([fixture("roundtrip.csv"), fixture("base.csv")]).store
  }

  @Test func seriesListsLabelsCountAndPeriods() throws {
    let store = try Self.store()
    let all = Catalog.series(in: store)
    #expect(all.rowCount == store.seriesCount)
    #expect(all.columns.map(\.name) == ["region", "indicator", "measure", "scenario", "unit", "count", "first", "last"])
    let filtered = Catalog.series(in: store, matching: "湖南")
    #expect(filtered.rowCount == 2)
    let regex = Catalog.series(in: store, matching: "^常住")
    #expect(regex.rowCount == 2)
    let pop = Catalog.series(in: store, matching: "常住人口")
    let row = try #require((0..<pop.rowCount).first { pop.cellText(row: $0, column: 0) == "湘潭市" })
    #expect(pop.cellText(row: row, column: 5) == "3")
    #expect(pop.cellText(row: row, column: 6) == "2021")
    #expect(pop.cellText(row: row, column: 7) == "2023")
    #expect(Catalog.series(in: store, matching: "[unclosed").rowCount == 0)
  }

  @Test func indicatorsCarryAliases() throws {
    let store = try Self.store()
    let aliases = try AliasTable.load(path: fixture("aliases.csv"))
    let table = Catalog.indicators(in: store, aliases: aliases)
    let row = try #require((0..<table.rowCount).first { table.cellText(row: $0, column: 0) == "地区生产总值" })
    #expect(table.cellText(row: row, column: 1) == "gdp, grp")
  }

  @Test func regionsAndDescribe() throws {
    let store = try Self.store()
    let regions = Catalog.regions(in: store)
    #expect((0..<regions.rowCount).map { regions.cellText(row: $0, column: 0) } == ["湖南省", "湘潭市"])
    let gdp = store.series { $0.indicator == "地区生产总值" && $0.region == "湘潭市" && $0.scenario == .target }
    let described = Catalog.describe(store, series: gdp)
    #expect(described.rowCount == 1)
    #expect(described.column(named: "periods")?.text(at: 0) == "2020, 2024")
    #expect(described.column(named: "count")?.number(at: 0) == 3)
    #expect(described.column(named: "missing")?.number(at: 0) == 0)
    let income = store.series { $0.indicator == "城乡居民人均可支配收入" }
    #expect(Catalog.describe(store, series: income).column(named: "missing")?.number(at: 0) == 1)
  }
}

@Suite struct AliasTableTests {
  @Test func loadsAliases() throws {
    let table = try AliasTable.load(path: fixture("aliases.csv"))
    #expect(table.canonical(for: "gdp") == "地区生产总值")
    #expect(table.canonical(for: "nope") == nil)
    #expect(table.aliases(of: "地区生产总值") == ["gdp", "grp"])
  }

  @Test func conflictingAliasNamesBothLines() {
    do {
      _ = try AliasTable.load(path: fixture("malformed_aliases.csv"))
      Issue.record("should fail")
    } catch {
      let d = error.diagnostics.first
      #expect(d?.location?.line == 3)
      #expect(d?.location?.column == 1)
      #expect(d?.message.contains("at line 2") == true)
    }
  }

  @Test func badHeaderAndInvalidUTF8() {
    #expect(throws: DiagnosticList.self) { try AliasTable.parse(bytes: Array("a,b\n".utf8), file: "x.csv") }
    #expect(throws: DiagnosticList.self) { try AliasTable.parse(bytes: [], file: "x.csv") }
    do {
      _ = try AliasTable.parse(bytes: Array("alias,indicator\ngdp,".utf8) + [0xFF], file: "x.csv")
      Issue.record("should fail")
    } catch {
      #expect(error.diagnostics.first?.location == FileLocation(file: "x.csv", line: 2, column: 5))
    }
  }

  @Test func seedAliasesLoad() throws {
    guard FileIO.isDirectory("Datasets") else { return }
    let table = try AliasTable.load(path: "Datasets/aliases.csv")
    #expect(table.canonical(for: "gdp") == "地区生产总值")
  }
}

@Suite struct DescribeResultTests {
  @Test func describeGroupsAResultTableByLabels() throws {
    let store = try load([fixture("roundtrip.csv")]).store
    let rows = store.series { $0.indicator == "地区生产总值" }.flatMap { Array(store.rows(ofSeries: $0)) }
    let described = Catalog.describe(ObservationTable.table(store, rows: rows))
    #expect(described.columns.map(\.name) == ["region", "indicator", "measure", "scenario", "unit", "count", "missing", "periods", "sources"])
    let target = try #require((0..<described.rowCount).first { described.cellText(row: $0, column: 3) == "target" })
    #expect(described.cellText(row: target, column: 5) == "3")
    #expect(described.cellText(row: target, column: 7) == "2020, 2024")
    #expect(described.cellText(row: target, column: 8) == "a.txt")
    #expect(Catalog.indicators(in: store, aliases: ["gdp": "地区生产总值"]).rowCount == store.indicatorNames.count)
  }
}
