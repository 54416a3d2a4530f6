import Foundation
import Testing

/// `.save FILE.indb`, then `--data FILE.indb` or `.load FILE.indb`: the same data, no CSV parsing.
@Suite struct SnapshotCommandTests {
  @Test func savedSnapshotReopensToTheSameObservations() throws {
    let dir = try IndshBinary.temporaryDirectory()
    let snapshot = dir.appendingPathComponent("seed.indb").path
    let fromCSV = dir.appendingPathComponent("csv.csv").path
    let fromSnapshot = dir.appendingPathComponent("indb.csv").path
    let save = try IndshBinary.run(["-c", ".save \(snapshot)", "-c", ".export \(fromCSV) *"])
    #expect(save.status == 0, "stderr: \(save.stderr)")
    let reopen = try IndshBinary.run(["--no-default-data", "--data", snapshot, "-c", ".export \(fromSnapshot) *"])
    #expect(reopen.status == 0, "stderr: \(reopen.stderr)")
    let a = try String(contentsOfFile: fromCSV, encoding: .utf8)
    let b = try String(contentsOfFile: fromSnapshot, encoding: .utf8)
    #expect(a.split(separator: "\n").count > 600)
    #expect(a == b)
  }

  @Test func loadingASnapshotInASessionAndADamagedOne() throws {
    let dir = try IndshBinary.temporaryDirectory()
    let snapshot = dir.appendingPathComponent("s.indb").path
    _ = try IndshBinary.run(["-c", ".save \(snapshot)"])
    let r = try IndshBinary.run(["--no-default-data"], input: ".load \(snapshot)\ncount(地区生产总值{region=\"湘潭市\"}) by ()\n")
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(r.stdout.contains("count"))
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshot)))
    bytes.removeLast(10)
    let damaged = dir.appendingPathComponent("cut.indb")
    try Data(bytes).write(to: damaged)
    let bad = try IndshBinary.run(["--no-default-data", "--data", damaged.path, "-c", "1"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("cut.indb"))
    #expect(bad.stderr.contains("truncated"))
    // A flipped bit anywhere in the payload, read from the file column by column.
    var flipped = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshot)))
    for at in [40, flipped.count / 3, flipped.count / 2, flipped.count - 3] {
      flipped[at] ^= 0x10
      let path = dir.appendingPathComponent("flip\(at).indb")
      try Data(flipped).write(to: path)
      flipped[at] ^= 0x10
      let r = try IndshBinary.run(["--no-default-data", "--data", path.path, "-c", "1"])
      #expect(r.status == 1, "a flipped bit at \(at) was not caught")
      #expect(r.stderr.contains("not a usable indsh snapshot"))
    }
  }

  /// A store read in place from a snapshot saves to the same bytes, and
  /// more data loads into it as into a store loaded from CSV.
  @Test func aReopenedSnapshotSavesTheSameBytesAndTakesMoreData() throws {
    let dir = try IndshBinary.temporaryDirectory()
    let datasets = IndshBinary.root.appendingPathComponent("Datasets")
    let first = datasets.appendingPathComponent("000_f412abf5a3e5c8d2.csv").path
    let second = datasets.appendingPathComponent("001_6734cc391de7877c.csv").path
    let saved = dir.appendingPathComponent("a.indb").path, again = dir.appendingPathComponent("b.indb").path
    let save = try IndshBinary.run(["--no-default-data", "--data", first, "-c", ".save \(saved)"])
    #expect(save.status == 0, "stderr: \(save.stderr)")
    let resave = try IndshBinary.run(["--no-default-data", "--data", saved, "-c", ".save \(again)"])
    #expect(resave.status == 0, "stderr: \(resave.stderr)")
    let a = try Data(contentsOf: URL(fileURLWithPath: saved)), b = try Data(contentsOf: URL(fileURLWithPath: again))
    #expect(a.count > 1000)
    #expect(a == b)

    let fromSnapshot = dir.appendingPathComponent("s.csv").path, fromCSV = dir.appendingPathComponent("c.csv").path
    let more = try IndshBinary.run(
      ["--no-default-data", "--data", saved], input: ".load \(second)\n.export \(fromSnapshot) *\n")
    #expect(more.status == 0, "stderr: \(more.stderr)")
    let both = try IndshBinary.run(
      ["--no-default-data", "--data", first], input: ".load \(second)\n.export \(fromCSV) *\n")
    #expect(both.status == 0, "stderr: \(both.stderr)")
    let x = try String(contentsOfFile: fromSnapshot, encoding: .utf8), y = try String(contentsOfFile: fromCSV, encoding: .utf8)
    #expect(x.split(separator: "\n").count > 10)
    #expect(x == y)
  }

  @Test func saveNeedsTheSnapshotExtension() throws {
    let r = try IndshBinary.run(["-c", ".save out.csv"])
    #expect(r.status == 1)
    #expect(r.stderr.contains(".indb"))
  }
}
