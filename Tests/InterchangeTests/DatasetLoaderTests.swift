import Diagnostics
import Foundation
import IndicatorStore
@testable import Interchange
import Testing

@Suite struct DatasetLoaderTests {
  /// A query's exported result loaded back by mistake says what it is.
  @Test func anExportedQueryResultIsNamedAsSuch() {
    let result = "region,indicator,measure,period,outcome,value,target,bound,gap,met,unit\n湘乡市,地区生产总值,level,2023,estimate,600,617,>=,-17,false,亿元\n"
    var builder = StoreBuilder()
    do {
      try DatasetLoader.load(bytes: Array(result.utf8), file: "gaps.csv", into: &builder)
      Issue.record("a query result loaded as observations")
    } catch {
      let missing = error.diagnostics.first { $0.message.contains("missing required column") }
      #expect(missing?.help?.contains("exported query result") == true, "\(error.diagnostics)")
      // One error says what the file is; its own columns are not listed one by one.
      #expect(error.diagnostics.count == 1, "\(error.diagnostics)")
    }
    // A plain bad header (no unknown columns) keeps the plain help.
    do {
      try DatasetLoader.load(bytes: Array("region,indicator\n".utf8), file: "a.csv", into: &builder)
    } catch {
      #expect(error.diagnostics.allSatisfy { $0.help?.contains("exported query result") != true })
    }
  }

  /// The store every malformed load is attempted on.
  static func baseStore() throws -> IndicatorStore {
    do { return try load([fixture("base.csv")]).store } catch { throw error }
  }

  @Test(arguments: malformedFixtures.map(\.name))
  func malformedFileIsLocatedAndLoadsNothing(name: String) throws {
    guard let expected = malformedFixtures.first(where: { $0.name == name }) else {
      Issue.record("no expectation for \(name)")
      return
    }
    let path = fixture("malformed/\(name).csv")
    let store = try Self.baseStore()
    let before = exported(store)
    do {
      let result = try load([path], into: store)
      Issue.record("\(name) loaded \(result.rowsLoaded) rows instead of failing")
    } catch {
      let first = try #require(error.diagnostics.first)
      let location = try #require(first.location, "\(first) has no location")
      #expect(location.file == path)
      #expect(location.line == expected.line, "\(first)")
      #expect(location.column == expected.column, "\(first)")
      #expect(first.message.contains(expected.fragment), "\(first)")
      #expect(first.severity == .error)
    }
    // The store a caller holds is untouched, and so is a builder.
    #expect(exported(store) == before)
    var builder = StoreBuilder(copying: store)
    let rowsBefore = builder.rowCount
    do {
      try DatasetLoader.load(path: path, into: &builder)
      // Whole-series faults (unit clash, conflict) pass parsing and fail in build().
      #expect(throws: DiagnosticList.self) { try builder.build() }
    } catch {
      #expect(builder.rowCount == rowsBefore)
      #expect(exported(try builder.build().store) == before)
    }
  }

  @Test func fixtureCorpusCoversEveryFault() {
    #expect(malformedFixtures.count >= 15)
  }

  @Test func manyErrorsAreReportedNotJustTheFirst() throws {
    var text = DatasetLoader.allColumns.joined(separator: ",") + "\n"
    for i in 0..<30 { text += "湘潭市,x\(i),growth,actual,2022,bad,%,,a.txt,q,\n" }
    var builder = StoreBuilder()
    #expect(throws: DiagnosticList.self) {
      try DatasetLoader.load(bytes: Array(text.utf8), file: "many.csv", into: &builder)
    }
    do {
      try DatasetLoader.load(bytes: Array(text.utf8), file: "many.csv", into: &builder)
    } catch {
      #expect(error.diagnostics.count == DatasetLoader.maxErrorsPerFile)
      #expect(error.diagnostics.map { $0.location?.line } == (2..<22).map { Optional($0) })
      #expect(error.diagnostics[0].description.hasPrefix("many.csv:2:27: error: value 'bad' in column value"))
    }
    #expect(builder.rowCount == 0)
  }

  @Test func messagesSayWhatIsAllowed() throws {
    do {
      _ = try load([fixture("malformed/unknown_measure.csv")])
      Issue.record("should fail")
    } catch {
      let help = try #require(error.diagnostics.first?.help)
      #expect(help.contains(Measure.allowedText))
    }
  }

  @Test func identicalDuplicatesMergeWithANote() throws {
    let result = try load([fixture("duplicate_identical.csv")])
    #expect(result.rowsLoaded == 3)
    #expect(result.store.rowCount == 2)
    #expect(result.notes.count == 1)
    #expect(result.notes.first?.severity == .note)
    #expect(result.notes.first?.location?.line == 4)
    #expect(result.notes.first?.message.contains("line 2") == true)
  }

  @Test func rangeTargetPairLoads() throws {
    let store = try load([fixture("range_target.csv")]).store
    #expect(store.rowCount == 2)
    #expect(store.bounds.map { $0 } == [.atLeast, .atMost])
    #expect(store.values == [5, 5.5])
  }

  @Test func loadingTheSameFileAgainReplacesItsRows() throws {
    let first = try load([fixture("base.csv")])
    let again = try load([fixture("base.csv")], into: first.store)
    #expect(again.store.rowCount == first.store.rowCount)
    #expect(again.notes.isEmpty)
    #expect(exported(again.store) == exported(first.store))
    // Another file adds; a conflict with another file names that file.
    let both = try load([fixture("range_target.csv")], into: first.store)
    #expect(both.store.rowCount == first.store.rowCount + 2)
    #expect(both.store.dataFileNames.count == 2)
  }

  @Test func conflictAcrossFilesNamesBothFiles() throws {
    let folder = temporaryFolder()
    let header = DatasetLoader.allColumns.joined(separator: ",")
    try (header + "\n湘潭市,地区生产总值,growth,actual,2022,4.6,%,,a.txt,q,\n").write(
      toFile: folder + "/a.csv", atomically: true, encoding: .utf8)
    try (header + "\n湘潭市,地区生产总值,growth,actual,2022,4.7,%,,b.txt,q,\n").write(
      toFile: folder + "/b.csv", atomically: true, encoding: .utf8)
    do {
      _ = try load([folder])
      Issue.record("should conflict")
    } catch {
      let d = try #require(error.diagnostics.first)
      #expect(d.location?.file == folder + "/b.csv")
      #expect(d.message.contains(folder + "/a.csv:2"))
    }
  }

  /// A report's 1—6月 is another's 上半年: the same months are one period,
  /// so the two years line up and one figure cannot be loaded twice.
  @Test func sameMonthsUnderTwoNamesAreOnePeriod() throws {
    let folder = temporaryFolder()
    let header = DatasetLoader.allColumns.joined(separator: ",")
    try (header + "\n甲市,地区生产总值,level,actual,2024-01..2024-06,100,亿元,,a.txt,1—6月完成100亿元,\n"
      + "甲市,地区生产总值,level,actual,2025H1,110,亿元,,a.txt,上半年完成110亿元,\n").write(
        toFile: folder + "/a.csv", atomically: true, encoding: .utf8)
    let store = try load([folder + "/a.csv"]).store
    #expect((0..<store.rowCount).map { store.period(ofRow: $0).description } == ["2024H1", "2025H1"])
    try (header + "\n甲市,地区生产总值,level,actual,2024H1,101,亿元,,b.txt,上半年完成101亿元,\n").write(
      toFile: folder + "/b.csv", atomically: true, encoding: .utf8)
    #expect(throws: (any Error).self) { try load([folder + "/a.csv", folder + "/b.csv"]) }
  }

  @Test func folderLoadsEveryCSVSortedAndSkipsAliases() throws {
    let folder = temporaryFolder()
    for name in ["base.csv", "range_target.csv", "aliases.csv"] {
      try FileManager.default.copyItem(atPath: fixture(name), toPath: folder + "/" + name)
    }
    #expect(try DatasetLoader.dataFiles(in: [folder]) == [folder + "/base.csv", folder + "/range_target.csv"])
    let result = try load([folder])
    #expect(result.rowsLoaded == 5)
    let empty = temporaryFolder()
    #expect(throws: DiagnosticList.self) { try load([empty]) }
  }

  @Test func missingFileIsAClearError() {
    do {
      _ = try load(["/nonexistent/indsh/x.csv"])
      Issue.record("should fail")
    } catch {
      #expect(error.diagnostics.first?.message.contains("cannot open '/nonexistent/indsh/x.csv'") == true)
    }
  }

  @Test func unitsNormaliseExactlyOnLoad() throws {
    let store = try load([fixture("base.csv")]).store
    let s = try #require(store.series(region: "湖南省", indicator: "常住人口", measure: .level, scenario: .actual))
    #expect(store.unit(ofSeries: s) == "万人" || store.unit(ofSeries: s) == "人")
    let values = store.rows(ofSeries: s).compactMap { store.value(ofRow: $0) }
    if store.unit(ofSeries: s) == "万人" { #expect(values == [6604, 6568]) } else { #expect(values == [66_040_000, 65_680_000]) }
  }

  @Test func seedDatasetsLoad() throws {
    // The curated seed data must load cleanly (run from the package root).
    let datasets = "Datasets"
    guard FileIO.isDirectory(datasets) else { return }
    let result = try load([datasets])
    #expect(result.store.rowCount > 0)
  }

  @Test func headerColumnsInAnyOrder() throws {
    let text = "ref,quote,source,bound,unit,value,period,scenario,measure,indicator,region\n,q,a.txt,,%,4.6,2022,actual,growth,地区生产总值,湘潭市\n"
    var builder = StoreBuilder()
    try DatasetLoader.load(bytes: Array(text.utf8), file: "r.csv", into: &builder)
    let store = try builder.build().store
    #expect(store.labels(ofSeries: 0).region == "湘潭市")
    #expect(store.value(ofRow: 0) == 4.6)
  }
}
