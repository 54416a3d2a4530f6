import Foundation
import Testing

/// Every function's example in docs/LANGUAGE.md runs on the seed data, and
/// the "Examples on the seed data" section shows exactly what it prints.
/// With `RECORD_SNAPSHOTS=1` the section is rewritten (and the test fails,
/// so a new baseline is looked at before it is accepted).
@Suite struct LanguageDocExamplesTests {
  static let doc = IndshBinary.root.appendingPathComponent("docs/LANGUAGE.md")
  static let begin = "<!-- EXAMPLES -->"
  static let end = "<!-- /EXAMPLES -->"

  /// The one-line examples of the function reference: lines that are a
  /// single code span between the FUNCTIONS markers.
  static func examples(in text: String) -> [String] {
    guard let start = text.range(of: "<!-- FUNCTIONS -->"), let stop = text.range(of: "<!-- /FUNCTIONS -->") else {
      return []
    }
    return text[start.upperBound..<stop.lowerBound].split(separator: "\n").compactMap { line in
      line.count > 2 && line.hasPrefix("`") && line.hasSuffix("`") && !line.dropFirst().dropLast().contains("`")
        ? String(line.dropFirst().dropLast()) : nil
    }
  }

  static func section(for examples: [String]) throws -> String {
    var text = "\(begin)\n## Examples on the seed data\n\n"
    text += "Each function's example above, run on the default datasets (`indsh -c '…'`).\n\n"
    for example in examples {
      let r = try IndshBinary.run(["-c", example])
      text += "#### `\(example)`\n\n```text\n"
      text += r.status == 0 ? r.stdout : r.stderr
      if !text.hasSuffix("\n") { text += "\n" }
      text += "```\n\n"
    }
    return text + end
  }

  @Test func functionExamplesRunAndTheirResultsAreDocumented() throws {
    let text = try String(contentsOf: Self.doc, encoding: .utf8)
    let examples = Self.examples(in: text)
    #expect(examples.count >= 20)
    for example in examples {
      let r = try IndshBinary.run(["-c", example])
      #expect(r.status == 0, "example fails on the seed data: \(example)\n\(r.stderr)")
    }
    let wanted = try Self.section(for: examples)
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    if let a = text.range(of: Self.begin), let b = text.range(of: Self.end) {
      let current = String(text[a.lowerBound..<b.upperBound])
      if record && current != wanted {
        try text.replacingCharacters(in: a.lowerBound..<b.upperBound, with: wanted)
          .write(to: Self.doc, atomically: true, encoding: .utf8)
        Issue.record("rewrote the examples section of docs/LANGUAGE.md; check it and run again")
      } else {
        #expect(current == wanted, "docs/LANGUAGE.md's examples section is stale: run the tests with RECORD_SNAPSHOTS=1")
      }
    } else if record {
      try (text + "\n" + wanted + "\n").write(to: Self.doc, atomically: true, encoding: .utf8)
      Issue.record("added the examples section to docs/LANGUAGE.md")
    } else {
      Issue.record("docs/LANGUAGE.md has no \(Self.begin) section: run the tests with RECORD_SNAPSHOTS=1")
    }
  }
}
