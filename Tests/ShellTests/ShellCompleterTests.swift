import Diagnostics
import IndicatorStore
import Testing

@testable import Shell

/// Tab completion by context, on a small store.
@Suite struct ShellCompleterTests {
  static func session() throws -> Session {
    let (console, _) = Console.collecting()
    let session = Session(console: console)
    let dir = FileManagerShim.temporaryDirectory()
    let csv = dir + "/data.csv"
    try FileManagerShim.write(
      """
      region,indicator,measure,scenario,period,value,unit,bound,source,quote
      湘潭市,地区生产总值,growth,actual,2022,4.6,%,,a.txt,增长4.6%
      湘乡市,地区生产总值,growth,target,2023,6.5,%,~,a.txt,增长6.5%左右
      湘乡市,固定资产投资,growth,actual,2023,8,%,,a.txt,增长8%

      """, to: csv)
    try FileManagerShim.write("alias,indicator\ngdp,地区生产总值\nfai,固定资产投资\n", to: dir + "/aliases.csv")
    try session.load(paths: [dir])
    return session
  }

  func complete(_ line: String, _ session: Session) -> (Int, [String]) {
    let c = ShellCompleter(session: session).completions(line: line, cursor: line.count)
    return (c.start, c.candidates)
  }

  @Test func dotCommands() throws {
    let s = try Self.session()
    #expect(complete(".he", s) == (0, [".help"]))
    #expect(Set(complete(".e", s).1) == [".exit", ".export", ".extract"])
  }

  @Test func commandArguments() throws {
    let s = try Self.session()
    #expect(complete(".mode c", s) == (6, ["csv"]))
    #expect(complete(".timer o", s).1 == ["on", "off"])
    #expect(complete(".help ga", s).1 == ["gap"])
    #expect(complete(".set tol", s).1 == ["tolerance"])
  }

  @Test func functionsIndicatorsAndAliases() throws {
    let s = try Self.session()
    #expect(complete("ya", s).1.isEmpty)
    #expect(complete("yo", s) == (0, ["yoy("]))
    #expect(complete("gap(地区", s) == (4, ["地区生产总值"]))
    #expect(complete("1 + g", s).1.contains("gdp"))
    #expect(complete("1 + g", s).1.contains("gap("))
  }

  @Test func labelNamesInsideBraces() throws {
    let s = try Self.session()
    #expect(complete("gdp{reg", s) == (4, ["region="]))
    #expect(complete("gdp{region=\"湘潭市\", sc", s).1 == ["scenario="])
  }

  @Test func labelValuesAfterAnOpenQuote() throws {
    let s = try Self.session()
    #expect(complete("gdp{region=\"湘", s) == (12, ["湘乡市\"", "湘潭市\""]))
    #expect(complete("gdp{measure=\"gr", s).1 == ["growth\""])
    #expect(complete("gdp{scenario=\"t", s).1 == ["target\""])
  }

  @Test func pathsAfterLoad() throws {
    let s = try Self.session()
    let dir = FileManagerShim.temporaryDirectory()
    try FileManagerShim.write("x", to: dir + "/report-2024.csv")
    let (start, candidates) = complete(".load \(dir)/rep", s)
    #expect(start == 6)
    #expect(candidates == ["\(dir)/report-2024.csv"])
  }
}

/// Small file helpers for the tests (no Foundation needed in Shell).
enum FileManagerShim {
  static func temporaryDirectory() -> String {
    var template = Array("/tmp/indsh-shell-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { buffer -> String in
      guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return "/tmp" }
      return String(cString: base)
    }
    return path
  }

  static func write(_ text: String, to path: String) throws {
    guard let file = fopen(path, "wb") else { throw Diagnostic.error("cannot write \(path)") }
    defer { fclose(file) }
    let bytes = Array(text.utf8)
    _ = fwrite(bytes, 1, bytes.count, file)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
