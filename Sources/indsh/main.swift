import ArgumentParser
import Diagnostics
import LineEditing
import Shell

#if canImport(Glibc)
  import Glibc
#endif

/// The `indsh` command line: argv → Session → REPL, script or `-c`.
struct Indsh: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "indsh",
    abstract: "An analytics shell for economic indicator series: growth, targets, gaps, completion rates.",
    discussion: """
      Run modes:
        indsh                 interactive session on the default datasets
        indsh FILE.ind        run a saved script; stops at its first error
        indsh -c 'STATEMENT'  run statements and exit (repeatable)
        … | indsh             statements from standard input, no prompt; an
                              error is reported and the rest still runs
        indsh extract FILE    propose observations from a report's text as
                              CSV (see indsh extract --help)

      Exit status: 0 on success, 1 if a statement failed, 2 on a usage error.

      Examples:
        indsh -c 'gap(gdp{region="湘乡市"})[2023]'
        indsh --format csv -c 'gap(*)' > gaps.csv
        indsh --data my.csv --no-default-data report.ind
        echo 'attain(fai{region="湘乡市"})' | indsh
        indsh --data big.csv -c '.save big.indb'   # then: indsh --data big.indb

      Environment: INDSH_DATA (default datasets folder), INDSH_HISTORY
      (history file, default ~/.indsh_history), INDSH_THREADS (threads for
      large loads), NO_COLOR.
      """,
    version: version)

  @Argument(help: "A saved script (.ind) to run.")
  var script: String?

  @Option(name: .customShort("c"), help: "Run a statement or dot-command and exit (repeatable).")
  var commands: [String] = []

  @Option(name: .customLong("data"), help: "Load a CSV file, a folder of CSV files, or a .indb snapshot (repeatable).")
  var dataPaths: [String] = []

  @Flag(name: .customLong("no-default-data"), help: "Do not load the default datasets.")
  var noDefaultData = false

  @Option(help: "Output format: table, csv, markdown or json.")
  var format: String?

  @Flag(help: "Stop at the first error when reading statements from standard input.")
  var bail = false

  @Flag(help: "Write a UTF-8 byte-order mark in CSV exports.")
  var bom = false

  func validate() throws {
    if let format, OutputMode(rawValue: format) == nil {
      throw ValidationError("unknown format '\(format)': use table, csv, markdown or json")
    }
    if script != nil && !commands.isEmpty {
      throw ValidationError("give either a script or -c statements, not both")
    }
  }

  func run() throws {
    Terminal.setUpLocale()
    let console = Console.standard
    let session = Session(console: console)
    if let format, let mode = OutputMode(rawValue: format) { session.settings.mode = mode }
    session.settings.bom = bom

    var paths: [String] = []
    var origin = ""
    if !noDefaultData {
      if let defaults = DataLocation.defaultDatasets() {
        paths.append(defaults)
        origin = defaults
      } else {
        console.err("warning: default datasets not found (set INDSH_DATA to the Datasets folder)\n")
      }
    }
    paths += dataPaths
    if !paths.isEmpty {
      do throws(DiagnosticList) {
        try session.load(paths: paths)
      } catch {
        session.report(error)
        console.err("error: no data loaded\n")
        throw ExitCode(1)
      }
    }
    // Only now: the load's pieces are better handed back at once (a lower peak).
    keepFreedMemoryForReuse()
    let fileCount = session.store.dataFileNames.count
    session.dataDescription =
      paths.isEmpty ? "none (--no-default-data)" : "\(fileCount) file\(fileCount == 1 ? "" : "s") from \(([origin] + dataPaths).filter { !$0.isEmpty }.joined(separator: ", "))"

    let repl = REPL(session: session)
    if let script {
      throw ExitCode(session.runScript(path: script) ? 0 : 1)
    }
    if !commands.isEmpty {
      for (i, command) in commands.enumerated() {
        // A -c argument may hold several lines, dot-commands among them, as a script does.
        switch session.runText(command, name: "<command \(i + 1)>") {
        case .succeeded: continue
        case .failed: throw ExitCode(1)
        case .quit: throw ExitCode(0)
        }
      }
      return
    }
    if Terminal.isTerminal(0) && Terminal.isTerminal(1) {
      let banner =
        "indsh \(Indsh.version) — \(session.store.seriesCount) series, \(session.store.rowCount) observations from \(session.dataDescription). Type .help for help."
      let history = FileSystemPaths.historyPath()
      throw ExitCode(repl.runInteractive(historyPath: history, banner: banner))
    }
    throw ExitCode(repl.runPiped(bail: bail))
  }
}

/// Query results at 10M rows are columns of tens of MB, freed and allocated
/// again by the next query. glibc hands blocks above its mmap threshold
/// back to the kernel at once, so each query paid a page fault (and a
/// cleared page) per 4 KB again; keeping them (threshold at glibc's 32 MB
/// maximum, trimming only past 512 MB free) took the in-session yoy over
/// 10M rows from 0.14 s to 0.06 s. Set after the start-up load, whose
/// parse pieces are better handed back at once: set before it, T1's peak RSS
/// at 1M rows rose from 126 to 149 MB.
func keepFreedMemoryForReuse() {
  #if canImport(Glibc)
    // mallopt is in <malloc.h>, which the Glibc module does not import.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
    _ = mallopt(mmapThreshold, 32 << 20)
    _ = mallopt(trimThreshold, 512 << 20)
  #endif
}

enum FileSystemPaths {
  static func historyPath() -> String? {
    if let path = getenv("INDSH_HISTORY").map({ String(cString: $0) }), !path.isEmpty { return path }
    guard let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty else { return nil }
    return home + "/.indsh_history"
  }
}

/// Runs `command` and exits: usage errors exit 2 (like most Unix tools);
/// --help and --version exit 0; a failed run exits 1.
func runAndExit<Command: ParsableCommand>(_ command: Command.Type, arguments: [String]) -> Never {
  do {
    var parsed = try command.parseAsRoot(arguments)
    try parsed.run()
    exit(0)
  } catch {
    if let exitCode = error as? ExitCode { exit(exitCode.rawValue) }
    if command.exitCode(for: error) == .success {
      print(command.fullMessage(for: error))
      exit(0)
    }
    FileHandleStandardError.write(command.fullMessage(for: error) + "\n")
    exit(2)
  }
}

// `indsh extract FILE.txt…` is a subcommand; everything else is the shell.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "extract" {
  runAndExit(ExtractCommand.self, arguments: Array(arguments.dropFirst()))
}
runAndExit(Indsh.self, arguments: arguments)

enum FileHandleStandardError {
  static func write(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
  }
}
