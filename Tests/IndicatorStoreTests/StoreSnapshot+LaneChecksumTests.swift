import Testing

@testable import IndicatorStore

/// The version 2 checksum: the same in pieces, on any number of threads,
/// and changed by any flipped bit.
@Suite struct LaneChecksumTests {
  typealias Lanes = StoreSnapshot.LaneChecksum

  static func payload(words: Int) -> [UInt8] {
    var rng = SplitMix64(seed: 3)
    var bytes: [UInt8] = []
    for _ in 0..<words { withUnsafeBytes(of: rng.next().littleEndian) { bytes.append(contentsOf: $0) } }
    return bytes
  }

  @Test func piecesAndThreadsGiveTheSameSum() {
    // Several chunks and a short last one.
    let bytes = Self.payload(words: (2 * Lanes.chunkSize + 8 * 13 + 40) / 8)
    let whole = bytes.withUnsafeBytes { Lanes.sum($0, threads: 1) }
    for threads in [2, 3, 8] { #expect(bytes.withUnsafeBytes { Lanes.sum($0, threads: threads) } == whole) }
    for piece in [1, 7, 8, 4096, Lanes.chunkSize + 3] {
      var output = Lanes.Output(length: bytes.count)
      var at = 0
      while at < bytes.count {
        let end = min(bytes.count, at + piece)
        bytes.withUnsafeBytes { output.write(UnsafeRawBufferPointer(rebasing: $0[at..<end])) }
        at = end
      }
      #expect(output.value == whole, "pieces of \(piece) bytes")
    }
  }

  @Test func everyFlippedBitChangesTheSum() {
    var bytes = Self.payload(words: 37)
    let sum = bytes.withUnsafeBytes { Lanes.sum($0, threads: 1) }
    for bit in 0..<(bytes.count * 8) {
      bytes[bit / 8] ^= 1 << UInt8(bit % 8)
      #expect(bytes.withUnsafeBytes { Lanes.sum($0, threads: 1) } != sum, "bit \(bit)")
      bytes[bit / 8] ^= 1 << UInt8(bit % 8)
    }
  }

  @Test func swappedWordsChangeTheSum() {
    var bytes = Self.payload(words: 16)
    let sum = bytes.withUnsafeBytes { Lanes.sum($0, threads: 1) }
    // Words 0 and 1 go to different lanes; words 0 and 8 to the same one.
    for (a, b) in [(0, 1), (0, 8), (3, 12)] {
      var swapped = bytes
      for k in 0..<8 { swapped.swapAt(8 * a + k, 8 * b + k) }
      #expect(swapped.withUnsafeBytes { Lanes.sum($0, threads: 1) } != sum)
    }
    bytes.removeAll()
    #expect(bytes.withUnsafeBytes { Lanes.sum($0, threads: 2) } == Lanes.Output(length: 0).value)
  }
}
