import Foundation

/// Runs the real `indsh` binary for end-to-end tests.
///
/// The binary is `$INDSH_BINARY` (Scripts/test sets it to the release
/// build), else `.build/release/indsh` or `.build/debug/indsh` of this checkout.
enum IndshBinary {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var path: String? {
    if let env = ProcessInfo.processInfo.environment["INDSH_BINARY"], FileManager.default.isExecutableFile(atPath: env) {
      return env
    }
    for candidate in [".build/release/indsh", ".build/debug/indsh"] {
      let p = root.appendingPathComponent(candidate).path
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  enum Failure: Error, CustomStringConvertible {
    case notBuilt
    var description: String { "indsh binary not found: run swift build -c release (or set INDSH_BINARY)" }
  }

  /// Runs indsh with `arguments`, feeding `input` on standard input (a pipe);
  /// a run longer than `timeout` seconds is terminated (status 15).
  static func run(
    _ arguments: [String], input: String = "", environment: [String: String] = [:], in directory: URL? = nil,
    timeout: Double = 120
  ) throws -> Result
  {
    guard let path else { throw Failure.notBuilt }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["INDSH_HISTORY"] = "/dev/null"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // A hung binary fails its test instead of stalling the whole run.
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    defer { watchdog.cancel() }
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    // Read both pipes fully before waiting, so a large output cannot block.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = stderr.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("indsh-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
