import Foundation
import Testing

/// Drives a real interactive session through a pseudo-terminal (tmux), with
/// LANG unset, as a person would type it.
@Suite(.serialized) struct InteractiveSessionTests {
  struct Tmux {
    let session = "indsh-test-\(UUID().uuidString.prefix(8))"
    /// A private server socket: the tests never touch a user's tmux, and a
    /// server left behind by one run cannot confuse the next.
    let socket = "indsh-tests-\(getpid())"

    /// Runs one tmux client command and returns what it printed.
    ///
    /// `new-session` forks the tmux server, which inherits the client's
    /// descriptors and keeps them for its whole life. Foundation's `Process`
    /// gives each child a descriptor it watches to see the child end, and a
    /// pipe would never reach its end either: so the client starts from a
    /// shell that closes every descriptor above stderr, and writes to a file.
    @discardableResult
    func run(_ arguments: [String], timeout: Double = 20) throws -> String {
      let output = FileManager.default.temporaryDirectory.appendingPathComponent("indsh-tmux-\(UUID().uuidString)")
      FileManager.default.createFile(atPath: output.path, contents: nil)
      defer { try? FileManager.default.removeItem(at: output) }
      let handle = try FileHandle(forWritingTo: output)
      defer { try? handle.close() }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      let closeInheritedThenRunTmux = """
        for fd in /proc/$$/fd/*; do fd=${fd##*/}; if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi; done; exec tmux "$@"
        """
      process.arguments = ["-c", closeInheritedThenRunTmux, "tmux", "-L", socket] + arguments
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = handle
      process.standardError = FileHandle.nullDevice
      try process.run()
      let deadline = Date().addingTimeInterval(timeout)
      while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
      if process.isRunning {
        process.terminate()
        Issue.record("tmux \(arguments.first ?? "") did not finish within \(timeout) s")
      }
      return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// Ends the session and, with it, this test's private server.
    func close() { _ = try? run(["kill-server"]) }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", session]) }

    /// Waits until the screen satisfies `condition` (up to `timeout` seconds).
    func waitFor(_ what: String, timeout: Double = 15, _ condition: (String) -> Bool) throws -> String {
      let deadline = Date().addingTimeInterval(timeout)
      var last = ""
      while Date() < deadline {
        last = try screen()
        if condition(last) { return last }
        Thread.sleep(forTimeInterval: 0.1)
      }
      Issue.record("timed out waiting for \(what); screen:\n\(last)")
      return last
    }

    /// Starts indsh (with `arguments`) in a new session with no LANG or
    /// LC_ALL (env -i: Chinese must still work through the C.UTF-8 fallback),
    /// the history in `history`, and waits for the prompt. When indsh ends,
    /// the pane shows EXITED=<status>.
    static func startShell(
      arguments: String = "", home: URL, history: String, columns: Int = 150, rows: Int = 50
    ) throws -> Tmux {
      guard let binary = IndshBinary.path else { throw IndshBinary.Failure.notBuilt }
      let tmux = Tmux()
      let command =
        "env -i PATH=/usr/bin:/bin HOME=\(home.path) TERM=xterm INDSH_HISTORY=\(history) \(binary) \(arguments); echo EXITED=$?; sleep 30"
      do {
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "\(columns)", "-y", "\(rows)", command])
        _ = try tmux.waitFor("the prompt") { $0.contains("indsh>") }
      } catch {
        tmux.close()
        throw error
      }
      return tmux
    }

    func type(_ text: String) throws { try run(["send-keys", "-t", session, "-l", text]) }
    func press(_ key: String) throws { try run(["send-keys", "-t", session, key]) }
  }

  static var tmuxAvailable: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
  }

  @Test(.enabled(if: tmuxAvailable, "tmux is installed by Scripts/test"))
  func chineseHistoryCompletionInterruptAndExit() throws {
    let home = try IndshBinary.temporaryDirectory()
    let history = home.appendingPathComponent("history").path
    let tmux = try Tmux.startShell(home: home, history: history)
    defer { tmux.close() }

    // A Chinese statement and its result.
    try tmux.type("地区生产总值{region=\"湘潭市\", measure=\"growth\", scenario=\"target\"}[2020]")
    try tmux.press("Enter")
    let first = try tmux.waitFor("the GDP target") { $0.contains("7.8") }
    #expect(first.contains("地区生产总值{region=\"湘潭市\""), "typed Chinese echoed intact")

    // Up recalls it; Enter runs it again.
    try tmux.press("Up")
    try tmux.press("Enter")
    _ = try tmux.waitFor("the recalled statement's result") { screen in
      screen.components(separatedBy: "7.8").count - 1 >= 2
    }

    // Tab completes a dot-command.
    try tmux.type(".hel")
    try tmux.press("Tab")
    _ = try tmux.waitFor("completion to .help") { $0.contains("indsh> .help") }
    try tmux.press("Enter")
    _ = try tmux.waitFor("the help text") { $0.contains("Functions:") }

    // Ctrl-C clears the line; the shell goes on.
    try tmux.press("C-l")
    try tmux.type("1 + 1000")
    try tmux.press("C-c")
    try tmux.type("6 * 7")
    try tmux.press("Enter")
    let afterInterrupt = try tmux.waitFor("the product") { $0.contains("42") }
    #expect(!afterInterrupt.contains("1001"), "the interrupted line did not run")

    // Ctrl-D on an empty line exits.
    try tmux.press("C-d")
    _ = try tmux.waitFor("the shell to exit with status 0") { $0.contains("EXITED=0") }

    // History: mode 0600, Chinese intact, one entry per statement.
    let attributes = try FileManager.default.attributesOfItem(atPath: history)
    let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    #expect(mode == 0o600)
    let saved = try String(contentsOfFile: history, encoding: .utf8)
    #expect(saved.contains("地区生产总值"))
    #expect(saved.contains("6"))
    #expect(!saved.contains("1000"))
  }

  @Test(.enabled(if: tmuxAvailable, "tmux is installed by Scripts/test"))
  func multiLineStatementContinuesAndIsOneHistoryEntry() throws {
    let home = try IndshBinary.temporaryDirectory()
    let history = home.appendingPathComponent("history").path
    let tmux = try Tmux.startShell(arguments: "--no-default-data", home: home, history: history, columns: 120, rows: 40)
    defer { tmux.close() }
    try tmux.type("(100 +")
    try tmux.press("Enter")
    _ = try tmux.waitFor("the continuation prompt") { $0.contains("...>") }
    try tmux.type("23)")
    try tmux.press("Enter")
    _ = try tmux.waitFor("the sum") { $0.contains("123") }
    try tmux.press("C-d")
    Thread.sleep(forTimeInterval: 0.5)
    let saved = try String(contentsOfFile: history, encoding: .utf8)
    let entries = saved.split(separator: "\n").filter { !$0.hasPrefix("_HiStOrY_V2_") }
    #expect(entries.count == 1, "one entry for the two-line statement: \(entries)")
  }

  /// At the prompt, help and quit do what they do in psql; a name bound with let is still the binding.
  @Test(.enabled(if: tmuxAvailable, "tmux is installed by Scripts/test"))
  func helpAndQuitWordsAtThePrompt() throws {
    let home = try IndshBinary.temporaryDirectory()
    let tmux = try Tmux.startShell(
      arguments: "--no-default-data", home: home, history: home.path + "/h", columns: 120, rows: 40)
    defer { tmux.close() }
    try tmux.type("help")
    try tmux.press("Enter")
    _ = try tmux.waitFor("the help text") { $0.contains("Functions:") }
    try tmux.press("C-l")
    try tmux.type("let exit = 41 + 1")
    try tmux.press("Enter")
    try tmux.type("exit")
    try tmux.press("Enter")
    _ = try tmux.waitFor("the binding's value") { $0.contains("42") }
    try tmux.type("quit")
    try tmux.press("Enter")
    _ = try tmux.waitFor("the shell to exit with status 0") { $0.contains("EXITED=0") }
  }
}
