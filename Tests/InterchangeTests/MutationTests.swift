import Diagnostics
import IndicatorStore
@testable import Interchange
import Testing

/// ≥ 10,000 deterministic mutations of a valid file: none may crash; each
/// either loads every record or throws located errors and loads nothing.
@Suite struct MutationTests {
  static let mutationCount = 12_000

  enum Mutation: CaseIterable { case flip, truncate, quote, comma, newline, crlf, invalidUTF8, delete, duplicateLine }

  static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    var out = bytes
    let rounds = Int.random(in: 1...3, using: &rng)
    for _ in 0..<rounds {
      guard !out.isEmpty else { break }
      let at = Int.random(in: 0..<out.count, using: &rng)
      switch Mutation.allCases.randomElement(using: &rng) ?? .flip {
      case .flip: out[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
      case .truncate: out.removeLast(out.count - at)
      case .quote: out.insert(UInt8(ascii: "\""), at: at)
      case .comma: out.insert(UInt8(ascii: ","), at: at)
      case .newline: out.insert(0x0A, at: at)
      case .crlf: out.insert(contentsOf: [0x0D, 0x0A], at: at)
      case .invalidUTF8: out.insert([0xFF, 0xC3, 0x80, 0xE4, 0xED].randomElement(using: &rng) ?? 0xFF, at: at)
      case .delete: out.remove(at: at)
      case .duplicateLine:
        if let end = out[at...].firstIndex(of: 0x0A) {
          let start = out[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
          out.insert(contentsOf: out[start...end], at: start)
        }
      }
    }
    return out
  }

  /// Records after the header, as the scanner sees them (nil if it fails).
  static func recordCount(_ bytes: [UInt8]) -> Int? {
    var reader = CSVReader(bytes: bytes, file: "m.csv")
    var record = CSVReader.Record()
    var n = 0
    do {
      while try reader.next(into: &record) { n += 1 }
    } catch { return nil }
    return max(0, n - 1)
  }

  @Test func mutatedFilesNeverCrashAndLoadAllOrNothing() throws {
    let valid = try FileIO.readAll(fixture("roundtrip.csv"))
    var base = StoreBuilder()
    try DatasetLoader.load(bytes: try FileIO.readAll(fixture("base.csv")), file: "base.csv", into: &base)
    let baseRows = base.rowCount
    var rng = SplitMix64(seed: 0x1D5_4A11)
    var loaded = 0, rejected = 0
    for i in 0..<Self.mutationCount {
      let bytes = Self.mutate(valid, &rng)
      var builder = base
      do {
        let rows = try DatasetLoader.load(bytes: bytes, file: "m.csv", into: &builder)
        // Loaded completely: every record became a row.
        #expect(rows == Self.recordCount(bytes), "mutation \(i)")
        #expect(builder.rowCount == baseRows + rows)
        do {
          _ = try builder.build()
          loaded += 1
        } catch {
          rejected += 1
          for d in error.diagnostics { #expect(d.location != nil, "mutation \(i): \(d)") }
        }
      } catch {
        rejected += 1
        #expect(builder.rowCount == baseRows, "mutation \(i) left rows behind")
        #expect(!error.diagnostics.isEmpty)
        for d in error.diagnostics {
          let location = d.location
          #expect(location?.file == "m.csv", "mutation \(i): \(d)")
          #expect((location?.line ?? 0) >= 1 && (location?.column ?? 0) >= 1, "mutation \(i): \(d)")
        }
      }
    }
    // Both outcomes must occur, or the mutations test nothing.
    #expect(loaded > 100)
    #expect(rejected > 1000)
  }
}
