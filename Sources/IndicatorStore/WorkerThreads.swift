#if canImport(Glibc)
  import Glibc
#endif

/// How many threads the load and the larger query kernels may use:
/// `INDSH_THREADS` when set (the benchmark runs every engine on the same
/// count), else the machine's cores.
///
/// ```swift
/// DispatchQueue.concurrentPerform(iterations: WorkerThreads.count) { part in … }
/// ```
public enum WorkerThreads {
  public static var count: Int {
    if let text = getenv("INDSH_THREADS").map({ String(cString: $0) }), let n = Int(text), n > 0 { return min(n, 64) }
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}
