import IndicatorStore
import Testing

// The suite is declared with the builder's tests.
extension ValidityBitmapTests {
  /// Counting set bits a word at a time agrees with testing them one by one.
  @Test func countSetMatchesBitByBit() {
    var rng = SplitMix64(seed: 11)
    var bits = ValidityBitmap(count: 300, allValid: true)
    for i in 0..<300 where rng.next() % 3 == 0 { bits[i] = false }
    let words = Array(bits.words)
    for lower in [0, 1, 63, 64, 65, 130, 299] {
      for upper in [lower, lower + 1, 64, 128, 129, 200, 300] where upper >= lower && upper <= 300 {
        let expected = (lower..<upper).filter { bits[$0] }.count
        #expect(words.withUnsafeBufferPointer { ValidityBitmap.countSet(words: $0, in: lower..<upper) } == expected)
      }
    }
  }
}
