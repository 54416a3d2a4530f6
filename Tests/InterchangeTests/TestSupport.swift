import Diagnostics
import Foundation
import IndicatorStore
@testable import Interchange

/// Path of a fixture file copied into the test bundle.
func fixture(_ name: String) -> String {
  guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
    return "Tests/InterchangeTests/Fixtures/" + name  // running from the package root
  }
  return url.appendingPathComponent(name).path
}

/// A fresh empty folder under the temporary directory.
func temporaryFolder(_ label: String = #function) -> String {
  let base = FileManager.default.temporaryDirectory.path + "/indsh-interchange-\(getpid())-"
  let clean = label.filter { $0.isLetter || $0.isNumber }
  let path = base + clean + "-\(UInt32.random(in: 0...UInt32.max))"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

func files(in folder: String) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}

/// The CSV bytes of every observation of a store: the strongest equality.
func exported(_ store: IndicatorStore) -> [UInt8] {
  CSVWriter.csvBytes(ObservationTable.table(store), bom: false)
}

func load(_ paths: [String], into store: IndicatorStore = IndicatorStore()) throws(DiagnosticList)
  -> (store: IndicatorStore, notes: [Diagnostic], rowsLoaded: Int)
{
  try DatasetLoader.loading(paths: paths, into: store)
}

/// A small deterministic generator (SplitMix64) for property-style tests.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
