import Dispatch

extension StoreSnapshot {
  /// The version 2 checksum: fast enough to check half a gigabyte in a few
  /// hundredths of a second.
  ///
  /// The payload (a whole number of 8-byte words) is cut into chunks of
  /// `chunkSize` bytes. A chunk's words are hashed in 8 independent lanes
  /// (word `i` into lane `i % 8`), so the multiplies of one lane do not wait
  /// for another's; its lanes are folded into one digest. Chunks are hashed
  /// on all worker threads, and their digests folded in order, seeded with
  /// the length. Each step is invertible in the word it takes, so any change
  /// confined to one word (a flipped bit, say) always changes the sum.
  ///
  /// ```swift
  /// let sum = StoreSnapshot.LaneChecksum.sum(payload, threads: WorkerThreads.count)
  /// ```
  enum LaneChecksum {
    static let chunkSize = 1 << 20
    /// An odd constant (2⁶⁴ / φ): multiplying by it is invertible.
    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// One step: xor, multiply, rotate left by 29. The rotation brings the
    /// product's high bits down for the next multiply (which carries only
    /// upward) in one instruction; a shift and xor in its place made the
    /// sum twice as slow (43 ms against 20 ms for 490 MB on one thread).
    @inline(__always) static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
      let h = (h ^ word) &* multiplier
      return h << 29 | h >> 35
    }

    /// The digest of one chunk (the last may be shorter; its length is a
    /// multiple of 8).
    static func digest(_ chunk: UnsafeRawBufferPointer) -> UInt64 {
      // Lanes start from different values (hex digits of π), so swapping
      // two words between lanes changes the sum.
      var l0: UInt64 = 0x243F_6A88_85A3_08D3, l1: UInt64 = 0x1319_8A2E_0370_7344
      var l2: UInt64 = 0xA409_3822_299F_31D0, l3: UInt64 = 0x082E_FA98_EC4E_6C89
      var l4: UInt64 = 0x4528_21E6_38D0_1377, l5: UInt64 = 0xBE54_66CF_34E9_0C6C
      var l6: UInt64 = 0xC0AC_29B7_C97C_50DD, l7: UInt64 = 0x3F84_D5B5_B547_0917
      let words = chunk.count / 8
      var i = 0
      @inline(__always) func word(_ k: Int) -> UInt64 {
        UInt64(littleEndian: chunk.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self))
      }
      while i + 8 <= words {
        l0 = mix(l0, word(i))
        l1 = mix(l1, word(i + 1))
        l2 = mix(l2, word(i + 2))
        l3 = mix(l3, word(i + 3))
        l4 = mix(l4, word(i + 4))
        l5 = mix(l5, word(i + 5))
        l6 = mix(l6, word(i + 6))
        l7 = mix(l7, word(i + 7))
        i += 8
      }
      // The last words of a short chunk go to the lanes in the same order.
      if i < words { l0 = mix(l0, word(i)) }
      if i + 1 < words { l1 = mix(l1, word(i + 1)) }
      if i + 2 < words { l2 = mix(l2, word(i + 2)) }
      if i + 3 < words { l3 = mix(l3, word(i + 3)) }
      if i + 4 < words { l4 = mix(l4, word(i + 4)) }
      if i + 5 < words { l5 = mix(l5, word(i + 5)) }
      if i + 6 < words { l6 = mix(l6, word(i + 6)) }
      var d = UInt64(chunk.count)
      for lane in [l0, l1, l2, l3, l4, l5, l6, l7] { d = mix(d, lane) }
      return d
    }

    /// The digests folded in order.
    static func combine(_ digests: some Sequence<UInt64>, length: Int) -> UInt64 {
      var h = multiplier ^ UInt64(length)
      for d in digests { h = mix(h, d) }
      return mix(h, UInt64(length))
    }

    /// How many chunks `length` bytes make.
    static func chunkCount(_ length: Int) -> Int { (length + chunkSize - 1) / chunkSize }

    /// Chunk `k` of `payload`.
    static func chunk(_ k: Int, of payload: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
      UnsafeRawBufferPointer(rebasing: payload[k * chunkSize..<min(payload.count, (k + 1) * chunkSize)])
    }

    /// The checksum of `payload`, its chunks shared among `threads`.
    static func sum(_ payload: UnsafeRawBufferPointer, threads: Int) -> UInt64 {
      let chunks = chunkCount(payload.count)
      let parts = max(1, min(threads, chunks))
      guard parts > 1 else { return combine((0..<chunks).lazy.map { digest(chunk($0, of: payload)) }, length: payload.count) }
      var digests = [UInt64](repeating: 0, count: chunks)
      digests.withUnsafeMutableBufferPointer { out in
        nonisolated(unsafe) let out = out
        nonisolated(unsafe) let payload = payload
        DispatchQueue.concurrentPerform(iterations: parts) { part in
          for k in (chunks * part / parts)..<(chunks * (part + 1) / parts) { out[k] = digest(chunk(k, of: payload)) }
        }
      }
      return combine(digests, length: payload.count)
    }

    /// The checksum computed as the writer hands the payload over, in
    /// pieces of any size: whole chunks are gathered, then hashed.
    struct Output: StoreSnapshot.Output {
      let length: Int
      private var chunk: [UInt8] = []
      private var digests: [UInt64] = []

      init(length: Int) {
        self.length = length
        chunk.reserveCapacity(LaneChecksum.chunkSize)
      }

      mutating func write(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        while !rest.isEmpty {
          let taken = min(rest.count, LaneChecksum.chunkSize - chunk.count)
          chunk.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest.prefix(taken)))
          rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(taken))
          if chunk.count == LaneChecksum.chunkSize { flush() }
        }
      }

      private mutating func flush() {
        digests.append(chunk.withUnsafeBytes { LaneChecksum.digest($0) })
        chunk.removeAll(keepingCapacity: true)
      }

      /// The checksum of everything written.
      var value: UInt64 {
        var copy = self
        if !copy.chunk.isEmpty { copy.flush() }
        return LaneChecksum.combine(copy.digests, length: length)
      }
    }
  }
}
