import Diagnostics
import Dispatch
import IndicatorStore

#if canImport(Glibc)
  import Glibc
#endif

/// Splitting a large file's records across threads.
///
/// The body of a file (after its header) is cut into one part per thread at
/// record boundaries: a line break outside quotes. Whether a byte is inside
/// quotes follows from the parity of the quotes before it, so the quotes and
/// line breaks of each nominal part are counted in parallel first; each part
/// then starts at the first line break after its nominal start at which the
/// running parity is even. Every part is parsed by the ordinary `FileParser`
/// (the same checks and messages, with the lines of the whole file) into its
/// own builder; the builders are appended in file order.
///
/// ```swift
/// let parts = ParallelParse.parts(of: bytes, from: 120, to: bytes.count, firstLine: 2)
/// ```
enum ParallelParse {
  /// A part of a file: its byte range and the line of its first byte.
  struct Part: Sendable {
    var range: Range<Int>
    var firstLine: Int
  }

  /// Smaller bodies are parsed on one thread (threads cost more than they give).
  static let minimumBytesPerPart = 4 << 20

  /// Threads to use: `INDSH_THREADS` when set, else the machine's cores.
  static var threadCount: Int { WorkerThreads.count }

  /// The offset just past the last line break outside quotes in `bytes`
  /// (which start at a record boundary), or 0 when there is none; and the
  /// line breaks before that offset. One pass, split across threads: each
  /// range notes its last line break at either quote parity, and the parity
  /// at its start (from the ranges before it) picks one.
  static func lastRecordEnd(
    in bytes: [UInt8], threads: Int = threadCount, minimumPartSize: Int = minimumBytesPerPart
  ) -> (offset: Int, lines: Int) {
    struct Scan {
      var quotes = 0, lines = 0
      /// Per local parity (even, odd): offset past the last line break, and lines up to it.
      var last: [(offset: Int, lines: Int)] = [(0, 0), (0, 0)]
    }
    let count = min(threads, max(1, bytes.count / max(1, minimumPartSize)))
    let size = bytes.count / count
    nonisolated(unsafe) var scans = [Scan](repeating: Scan(), count: count)
    scans.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      bytes.withUnsafeBufferPointer { buffer in
        nonisolated(unsafe) let buffer = buffer
        DispatchQueue.concurrentPerform(iterations: count) { k in
          guard let base = buffer.baseAddress else { return }
          var scan = Scan()
          let end = k == count - 1 ? buffer.count : (k + 1) * size
          var i = k * size
          while i < end {
            if i + 8 <= end && !mayHoldQuoteOrLineBreak(base + i) {
              i += 8
              continue
            }
            let b = base[i]
            scan.quotes &+= b == UInt8(ascii: "\"") ? 1 : 0
            if b == 0x0A {
              scan.lines += 1
              scan.last[scan.quotes & 1] = (i + 1, scan.lines)
            }
            i += 1
          }
          out[k] = scan
        }
      }
    }
    var best = (offset: 0, lines: 0)
    var quotesBefore = 0, linesBefore = 0
    for scan in scans {
      // Outside quotes overall: local parity equal to the parity at the range's start.
      let found = scan.last[quotesBefore & 1]
      if found.offset > 0 { best = (found.offset, linesBefore + found.lines) }
      quotesBefore += scan.quotes
      linesBefore += scan.lines
    }
    return best
  }

  /// `CSVReader.isValidUTF8` over `range`, split across threads for a large range.
  static func isValidUTF8(_ bytes: [UInt8], in range: Range<Int>) -> Bool {
    let count = min(threadCount, max(1, range.count / minimumBytesPerPart))
    guard count > 1 else { return CSVReader.isValidUTF8(bytes, in: range) }
    // Cut before a lead byte, never inside a sequence.
    var cuts = [range.lowerBound]
    for k in 1..<count {
      var i = range.lowerBound + k * (range.count / count)
      while i < range.upperBound && bytes[i] & 0xC0 == 0x80 { i += 1 }
      cuts.append(max(i, cuts[cuts.count - 1]))
    }
    cuts.append(range.upperBound)
    let bounds = cuts
    nonisolated(unsafe) var valid = [Bool](repeating: true, count: count)
    valid.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: count) { k in
        out[k] = CSVReader.isValidUTF8(bytes, in: bounds[k]..<bounds[k + 1])
      }
    }
    return !valid.contains(false)
  }

  /// The parts of `bytes[start..<end]`, one per thread (just one for a small body).
  static func parts(
    of bytes: [UInt8], from start: Int, to end: Int, firstLine: Int, threads: Int = threadCount,
    minimumPartSize: Int = minimumBytesPerPart
  ) -> [Part] {
    let count = min(threads, max(1, (end - start) / max(1, minimumPartSize)))
    guard count > 1 else { return [Part(range: start..<end, firstLine: firstLine)] }
    // Quotes and line breaks of each nominal part, counted in parallel.
    let size = (end - start) / count
    let nominal = (0...count).map { $0 == count ? end : start + $0 * size }
    nonisolated(unsafe) var counts = [(quotes: Int, lines: Int)](repeating: (0, 0), count: count)
    counts.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      bytes.withUnsafeBufferPointer { buffer in
        nonisolated(unsafe) let buffer = buffer
        DispatchQueue.concurrentPerform(iterations: count) { k in
          var quotes = 0, lines = 0
          guard let base = buffer.baseAddress else { return }
          var i = nominal[k]
          let end = nominal[k + 1]
          while i < end {
            if i + 8 <= end && !mayHoldQuoteOrLineBreak(base + i) {
              i += 8
              continue
            }
            let b = base[i]
            quotes &+= b == UInt8(ascii: "\"") ? 1 : 0
            lines &+= b == 0x0A ? 1 : 0
            i += 1
          }
          out[k] = (quotes, lines)
        }
      }
    }
    // Move each nominal start forward to a record boundary.
    var parts: [Part] = []
    var quotesBefore = 0, linesBefore = 0
    var previous = (offset: start, line: firstLine)
    for k in 1..<count {
      quotesBefore += counts[k - 1].quotes
      linesBefore += counts[k - 1].lines
      var inQuotes = quotesBefore % 2 == 1
      var i = nominal[k]
      var line = firstLine + linesBefore
      var boundary: Int? = nil
      while i < end {
        let b = bytes[i]
        i += 1
        if b == UInt8(ascii: "\"") {
          inQuotes.toggle()
        } else if b == 0x0A {
          line += 1
          if !inQuotes {
            boundary = i
            break
          }
        }
      }
      guard let cut = boundary, cut > previous.offset, cut < end else { continue }
      parts.append(Part(range: previous.offset..<cut, firstLine: previous.line))
      previous = (cut, line)
    }
    parts.append(Part(range: previous.offset..<end, firstLine: previous.line))
    return parts
  }
}

/// Whether the eight bytes at `p` may include a quote or a line break (exact:
/// the zero-byte test on the bytes xor '"' and xor LF), so that runs of
/// other bytes are skipped eight at a time.
@inline(__always)
func mayHoldQuoteOrLineBreak(_ p: UnsafePointer<UInt8>) -> Bool {
  let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
  let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
  let quotes = word ^ (ones &* 0x22), breaks = word ^ (ones &* 0x0A)
  return ((quotes &- ones) & ~quotes | (breaks &- ones) & ~breaks) & highs != 0
}

extension FileParser {
  /// Parses `parts` of this parser's file on as many threads and appends
  /// their rows to `builder` in file order, with their errors in file order.
  mutating func parseInParallel(_ parts: [ParallelParse.Part], into builder: inout StoreBuilder) {
    let (bytes, file, index, headerCount, maxErrors) = (reader.bytes, file, index, headerCount, maxErrors)
    nonisolated(unsafe) var results = [(StoreBuilder, [Diagnostic])?](repeating: nil, count: parts.count)
    // Only the first part reports progress, scaled to the whole file.
    nonisolated(unsafe) let progress = self.progress
    let scale = Double(reader.end - reader.contentStart) / Double(max(1, parts[0].range.count))
    // The first part appends straight to `builder` (no copy when it starts empty).
    nonisolated(unsafe) var first = builder
    builder = StoreBuilder()
    let firstIsBuilder = first.rowCount == 0
    results.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      DispatchQueue.concurrentPerform(iterations: parts.count) { k in
        let part = parts[k]
        var parser = FileParser(
          reader: CSVReader(bytes: bytes, file: file, range: part.range, firstLine: part.firstLine),
          maxErrors: maxErrors)
        parser.index = index
        parser.headerCount = headerCount
        if k == 0, let progress {
          parser.progress = { rows, offset in progress(Int(Double(rows) * scale), Int(Double(offset) * scale)) }
        }
        if k == 0 && firstIsBuilder {
          parser.parseRecords(into: &first)
          out[k] = (StoreBuilder(), parser.errors)
        } else {
          var partBuilder = StoreBuilder()
          parser.parseRecords(into: &partBuilder)
          out[k] = (partBuilder, parser.errors)
        }
      }
    }
    builder = first
    for (k, result) in results.enumerated() {
      guard let (partBuilder, partErrors) = result else { continue }
      for e in partErrors where !isFull { errors.append(e) }
      if errors.isEmpty && !(k == 0 && firstIsBuilder) { builder.append(contentsOf: partBuilder) }
    }
  }
}
