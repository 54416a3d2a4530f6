import Foundation
import Testing

/// The run modes of the real binary: pipe, --bail, script, -c, --format, usage errors.
@Suite struct RunModeTests {
  /// Words from other shells piped in are errors (a script must not quit on
  /// a bare word), each with a hint of what indsh spells that way.
  @Test func otherShellsWordsGetAHint() throws {
    let r = try IndshBinary.run(["--no-default-data"], input: "exit\nclear\n-- a note\n.read s.ind\n.tables\n6*7\n")
    #expect(r.stdout.contains("42"), "the script went on: \(r.stdout)")
    #expect(r.stderr.contains(".exit"))
    #expect(r.stderr.contains("Ctrl-L"))
    #expect(r.stderr.contains("comments start with #"))
    // sqlite3's .read and .tables name indsh's .run and .series.
    #expect(r.stderr.contains("indsh's is .run"))
    #expect(r.stderr.contains("indsh's is .series"))
  }

  @Test func commandRunsAStatementAndPrintsTheResult() throws {
    let r = try IndshBinary.run(["--no-default-data", "-c", "1 + 2"])
    #expect(r.status == 0)
    #expect(r.stdout == "3\n")
  }

  @Test func commandMayHoldSeveralLinesWithDotCommands() throws {
    let r = try IndshBinary.run(["--no-default-data", "-c", "let x = 2\n.mode csv\nx * 21"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(r.stdout == "value\n42\n")
    let bad = try IndshBinary.run(["--no-default-data", "-c", "1 + 1\nyoyy(2)\n3"])
    #expect(bad.status == 1)
    #expect(bad.stdout == "2\n")
    #expect(bad.stderr.contains("<command 1>:2:1"), "stderr: \(bad.stderr)")
  }

  @Test func commandIsRepeatableAndStopsAtTheFirstError() throws {
    let r = try IndshBinary.run(["--no-default-data", "-c", "1 + 1", "-c", "yoyy(2)", "-c", "5 * 5"])
    #expect(r.status == 1)
    #expect(r.stdout == "2\n")
    #expect(r.stderr.contains("yoyy"))
  }

  @Test func pipedStatementsContinueAfterAnErrorAndExitOne() throws {
    let r = try IndshBinary.run(["--no-default-data"], input: "1 + 2\n(1 +\n 4)\nyoyy(1)\n2 * 3\n")
    #expect(r.status == 1)
    #expect(r.stdout == "3\n5\n6\n")
    #expect(r.stderr.contains("<stdin>:4:1"), "stderr: \(r.stderr)")
    #expect(!r.stdout.contains("indsh>"), "no prompt when piped")
  }

  @Test func pipedStatementsWithoutErrorsExitZero() throws {
    let r = try IndshBinary.run(["--no-default-data"], input: "# a comment\n\n1 + 2\n")
    #expect(r.status == 0)
    #expect(r.stdout == "3\n")
  }

  @Test func bailStopsAtTheFirstError() throws {
    let r = try IndshBinary.run(["--no-default-data", "--bail"], input: "1 + 2\nyoyy(1)\n2 * 3\n")
    #expect(r.status == 1)
    #expect(r.stdout == "3\n")
  }

  @Test func scriptStopsAtItsFirstErrorWithFileLineColumn() throws {
    let dir = try IndshBinary.temporaryDirectory()
    let script = dir.appendingPathComponent("report.ind")
    try "# question\n1 + 2\n\n2 * (3 +)\n10 / 2\n".write(to: script, atomically: true, encoding: .utf8)
    let r = try IndshBinary.run(["--no-default-data", script.path])
    #expect(r.status == 1)
    #expect(r.stdout == "3\n")
    #expect(r.stderr.contains("report.ind:4:9"), "stderr: \(r.stderr)")
  }

  @Test func formatCSVPrintsRFC4180WithAHeader() throws {
    let r = try IndshBinary.run(["--format", "csv", "-c", "gdp{region=\"湘潭市\", measure=\"growth\", scenario=\"target\"}[2020]"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.first == "region,indicator,measure,scenario,period,value,unit,bound,source,quote,ref")
    #expect(lines.count == 2)
    #expect(lines.last?.hasPrefix("湘潭市,地区生产总值,growth,target,2020,7.8,%,~,") == true)
  }

  @Test func usageErrorsExitTwo() throws {
    let r = try IndshBinary.run(["--format", "xml", "-c", "1"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("xml"))
    let unknown = try IndshBinary.run(["--frobnicate"])
    #expect(unknown.status == 2)
  }

  @Test func versionAndHelpExitZero() throws {
    let v = try IndshBinary.run(["--version"])
    #expect(v.status == 0)
    #expect(v.stdout.contains("0.1"))
    let h = try IndshBinary.run(["--help"])
    #expect(h.status == 0)
    #expect(h.stdout.contains("-c"))
    #expect(h.stdout.contains("--data"))
  }

  @Test func defaultDataIsFoundFromAnyWorkingDirectory() throws {
    let dir = try IndshBinary.temporaryDirectory()
    let r = try IndshBinary.run(["-c", ".regions"], in: dir)
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(r.stdout.contains("湘潭市"))
  }

  @Test func exportWritesCSVAtomically() throws {
    let dir = try IndshBinary.temporaryDirectory()
    let out = dir.appendingPathComponent("out.csv")
    let ok = try IndshBinary.run(["-c", ".export \(out.path) gdp{region=\"湘潭市\"}"])
    #expect(ok.status == 0, "stderr: \(ok.stderr)")
    let first = try String(contentsOf: out, encoding: .utf8)
    #expect(first.hasPrefix("region,indicator,measure,scenario,period,value,unit,bound,source,quote,ref\n"))
    // A failed evaluation leaves the old file untouched and no temporary file.
    let bad = try IndshBinary.run(["-c", ".export \(out.path) yoyy(gdp)"])
    #expect(bad.status == 1)
    #expect(try String(contentsOf: out, encoding: .utf8) == first)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(leftovers == ["out.csv"])
  }
}

/// A golden result in csv mode through the real binary: exact values, every column.
@Suite struct CSVGoldenTests {
  @Test func gapOfXiangxiang2023InCSV() throws {
    let r = try IndshBinary.run(["--format", "csv", "-c", "gap(*{region=\"湘乡市\", measure=\"growth\"})[2023]"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(
      r.stdout == """
        region,indicator,measure,period,outcome,value,target,target_high,bound,ref,gap,met,unit,gap_unit
        湘乡市,固定资产投资,growth,2023,estimate,8,9,,>=,,-1,false,%,pp
        湘乡市,城乡居民人均可支配收入,growth,2023,estimate,6.7,,,=ref,地区生产总值,,,%,pp

        """)
  }

  @Test func attainUsesTheReportsGrowthConvention() throws {
    let r = try IndshBinary.run(["--format", "csv", "-c", "attain(fai{region=\"湘乡市\"})[2023]"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(r.stdout.contains(",99.08256880733946,"), "(1+8%)/(1+9%): \(r.stdout)")
  }

  @Test func calculatorResult() throws {
    let r = try IndshBinary.run(["--no-default-data", "--format", "csv", "-c", "(1.08/1.09)*100"])
    #expect(r.stdout == "value\n99.08256880733946\n")
  }
}
