import Dispatch
import IndicatorStore

extension Interpreter {
  /// Fewer series or groups than twice this run on one thread (threads cost
  /// more than they give).
  static let minimumGroupsPerSlice = 2048

  /// How many slices a kernel over `count` series or groups runs in:
  /// `kernelSlices` when set (tests), else one per worker thread for many.
  func sliceCount(for count: Int) -> Int {
    max(1, kernelSlices ?? (count >= Self.minimumGroupsPerSlice * 2 ? WorkerThreads.count : 1))
  }

  /// `work` over `slices` consecutive ranges of `0..<count`, on the worker
  /// threads when there is more than one, the outputs in order. `work` must
  /// only read shared state: each call writes its own output.
  static func runSliced<Output>(_ count: Int, slices: Int, _ work: (Range<Int>) -> Output) -> [Output] {
    runSliced(count, slices: slices) { _, range in work(range) }
  }

  /// `runSliced` with each slice's number passed along with its range.
  static func runSliced<Output>(_ count: Int, slices: Int, _ work: (Int, Range<Int>) -> Output) -> [Output] {
    guard slices > 1 else { return [work(0, 0..<count)] }
    let boxes = (0..<slices).map { _ in SliceOutput<Output>() }
    withoutActuallyEscaping(work) { work in
      let shared = SliceWork(run: work)
      DispatchQueue.concurrentPerform(iterations: slices) { k in
        boxes[k].value = shared.run(k, count * k / slices..<count * (k + 1) / slices)
      }
    }
    // Taken out of the boxes, so that the caller holds the only reference
    // and can append to the first output without copying it.
    return boxes.compactMap { box in
      defer { box.value = nil }
      return box.value
    }
  }
}

/// One slice's output, written by exactly one thread and read after all are done.
final class SliceOutput<Output>: @unchecked Sendable {
  var value: Output?
}

/// The work handed to the slice threads; it only reads what it shares.
struct SliceWork<Output>: @unchecked Sendable {
  let run: (Int, Range<Int>) -> Output
}
