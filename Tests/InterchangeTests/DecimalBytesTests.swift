import IndicatorStore
import Testing

@testable import Interchange

/// `DecimalBytes.append` must write exactly `DecimalText.shortest`'s text.
@Suite struct DecimalBytesTests {
  static func text(_ v: Double) -> String {
    var out: [UInt8] = []
    DecimalBytes.append(v, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  @Test func edgeValues() {
    let values: [Double] = [
      0, -0.0, 1, -1, 0.1, 0.05, -0.05, 4437.66, 1e-7, 9.99999e-8, 1.5e-7, 1e15, 999999999999999, 1e14 + 0.5,
      123456789012345, 0x1p50, 0x1p50 - 1, 0x1p53, 1e21, 1e22, 7.3, 6.8, 7.3 - 6.8, -11.100000000000001,
      1.1999567339543882, 99.08256880733946, 0.3, 0.1 + 0.2, 100, 1200, 1e9, 1.000000001, 123.456789,
      .greatestFiniteMagnitude, .leastNonzeroMagnitude, -2.5e-5, 33.333333333333336,
    ]
    for v in values {
      #expect(Self.text(v) == DecimalText.shortest(v), "value \(v)")
    }
  }

  @Test func decimalsWithFewDigits() {
    // Figures as loaded: up to six decimals, many magnitudes.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    for _ in 0..<200_000 {
      let digits = Int(next() % 7)
      let mantissa = Double(Int64(next() % 2_000_000_000_000) - 1_000_000_000_000) / Double(next() % 1_000_000 + 1)
      let decimal = (mantissa * DecimalBytes.powersOfTen[digits]).rounded() / DecimalBytes.powersOfTen[digits]
      #expect(Self.text(decimal) == DecimalText.shortest(decimal), "value \(decimal)")
      let raw = Double(bitPattern: next())
      if raw.isFinite {
        #expect(Self.text(raw) == DecimalText.shortest(raw), "value \(raw)")
      }
    }
  }
}
