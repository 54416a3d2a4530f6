import Foundation
import Testing

/// The saved example scripts answer their questions: each
/// `Scripts/examples/NAME.ind` runs through the real binary and its output
/// must equal `Scripts/examples/NAME.out`. A missing expectation (or
/// `RECORD_SNAPSHOTS=1`) records one and fails, so a new baseline is never
/// accepted silently.
@Suite struct ExampleScriptTests {
  static let examples = IndshBinary.root.appendingPathComponent("Scripts/examples")

  static var scripts: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? [])
      .filter { $0.hasSuffix(".ind") }.sorted()
  }

  @Test func thereAreAtLeastSixExamples() {
    #expect(Self.scripts.count >= 6)
  }

  @Test(arguments: scripts)
  func exampleOutputMatches(_ name: String) throws {
    let script = Self.examples.appendingPathComponent(name)
    let expected = Self.examples.appendingPathComponent(String(name.dropLast(4)) + ".out")
    let text = try String(contentsOf: script, encoding: .utf8)
    #expect(text.hasPrefix("#"), "\(name) starts with a comment saying its question")
    // Run from the examples folder so relative export paths stay there.
    let workDir = try IndshBinary.temporaryDirectory()
    let r = try IndshBinary.run([script.path], in: workDir)
    #expect(r.status == 0, "\(name) failed: \(r.stderr)")
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    if record || !FileManager.default.fileExists(atPath: expected.path) {
      try r.stdout.write(to: expected, atomically: true, encoding: .utf8)
      Issue.record("recorded \(expected.lastPathComponent); check it and run again")
      return
    }
    let want = try String(contentsOf: expected, encoding: .utf8)
    #expect(r.stdout == want, "output of \(name) differs from \(expected.lastPathComponent)")
  }
}
