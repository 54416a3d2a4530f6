#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import Diagnostics

/// Whole-file reads and atomic writes over POSIX calls, so that failures can
/// name the operating system's reason (`No such file or directory`).
///
/// ```swift
/// let bytes = try FileIO.readAll("Datasets/a.csv")
/// ```
public enum FileIO {
  /// The OS error text for `errno`.
  static func reason(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }

  /// Whether `path` names a directory.
  public static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    return (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// The resolved absolute path (symlinks and `..` removed), or `path`
  /// itself when it cannot be resolved: used to recognise the same file
  /// given under two spellings.
  public static func canonicalPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Names of the entries of a directory (no `.`/`..`), unsorted.
  public static func directoryEntries(_ path: String) throws(Diagnostic) -> [String] {
    guard let dir = opendir(path) else {
      throw Diagnostic.error("cannot open folder '\(path)': \(reason(errno))")
    }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Every byte of a file.
  public static func readAll(_ path: String) throws(Diagnostic) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw Diagnostic.error("cannot open '\(path)': \(reason(errno))") }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      throw Diagnostic.error("cannot read '\(path)': it is a folder")
    }
    // A regular file of known size is read straight into its array: no
    // second copy, which matters for files of a gigabyte.
    let size = Int(info.st_size)
    if (info.st_mode & S_IFMT) == S_IFREG && size > 0 {
      var failure: Int32 = 0
      var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
        var done = 0
        guard let base = buffer.baseAddress else { return }
        while done < size {
          let got = read(fd, base + done, size - done)
          if got < 0 {
            if errno == EINTR { continue }
            failure = errno
            break
          }
          if got == 0 { break }  // the file shrank while being read
          done += got
        }
        initialized = done
      }
      if failure != 0 { throw Diagnostic.error("cannot read '\(path)': \(reason(failure))") }
      // The file may have grown since fstat: read the rest too.
      var more = [UInt8](repeating: 0, count: 1 << 16)
      while bytes.count >= size {
        let got = more.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if got < 0 && errno == EINTR { continue }
        if got <= 0 { break }
        bytes.append(contentsOf: more[0..<got])
      }
      return bytes
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if got < 0 {
        if errno == EINTR { continue }
        throw Diagnostic.error("cannot read '\(path)': \(reason(errno))")
      }
      if got == 0 { break }
      bytes.append(contentsOf: chunk[0..<got])
    }
    return bytes
  }

  /// Writes `bytes` to `path` atomically: a temporary file in the same folder,
  /// then rename(2). On any failure the temporary file is removed and an
  /// existing file at `path` is untouched. `failBeforeRename` simulates a
  /// failed write (tests).
  public static func writeAtomically(_ bytes: [UInt8], to path: String, failBeforeRename: Bool = false)
    throws(Diagnostic)
  {
    let folder: String
    if let slash = path.lastIndex(of: "/") {
      folder = slash == path.startIndex ? "/" : String(path[..<slash])
    } else {
      folder = "."
    }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if name.isEmpty || path.hasSuffix("/") {
      throw Diagnostic.error("cannot write '\(path)': not a file name")
    }
    if isDirectory(path) { throw Diagnostic.error("cannot write '\(path)': it is a folder") }
    // O_EXCL with a pid + counter suffix: never clobbers another writer's temp file.
    var fd: Int32 = -1
    var temp = ""
    for attempt in 0..<100 {
      temp = (folder == "/" ? "" : folder) + "/.\(name).tmp-\(getpid())-\(attempt)"
      fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
      if fd >= 0 || errno != EEXIST { break }
    }
    guard fd >= 0 else {
      throw Diagnostic.error("cannot write '\(path)': \(reason(errno))",
                             help: "check that the folder '\(folder)' exists and is writable")
    }
    var failure: String? = nil
    var written = 0
    while written < bytes.count && failure == nil {
      let n = bytes.withUnsafeBytes { raw in
        write(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        failure = reason(errno)
      } else {
        written += n
      }
    }
    if failure == nil && fsync(fd) != 0 && errno != EINVAL { failure = reason(errno) }
    if close(fd) != 0 && failure == nil { failure = reason(errno) }
    if failure == nil && failBeforeRename { failure = "simulated failure" }
    if failure == nil && rename(temp, path) != 0 { failure = reason(errno) }
    if let failure {
      unlink(temp)
      throw Diagnostic.error("cannot write '\(path)': \(failure)")
    }
  }
}
