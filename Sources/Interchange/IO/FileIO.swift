#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import Diagnostics
import IndicatorStore

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

  /// The size of a regular file in bytes; 0 when it cannot be found.
  public static func size(of path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
    return Int(info.st_size)
  }

  /// The store in a snapshot file. A version 2 snapshot is mapped and its
  /// columns are read in place from the mapping (kept until the store's last
  /// column goes); a version 1 snapshot (or one that cannot be mapped) is
  /// read column by column straight into arrays.
  public static func openSnapshot(_ path: String) throws(Diagnostic) -> IndicatorStore {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw Diagnostic.error("cannot open '\(path)': \(reason(errno))") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      // Not a regular file (a pipe, say): its size is unknown beforehand.
      var input = StoreSnapshot.BytesInput(try readAll(path))
      return try StoreSnapshot.decode(&input, file: path)
    }
    // Only version 2 is read in place: a version 1 file is copied into
    // arrays anyway, and reading it piece by piece keeps one copy resident
    // instead of the mapping and the copy.
    var version: UInt32 = 0
    let versionBytes = withUnsafeMutableBytes(of: &version) { pread(fd, $0.baseAddress, 4, 8) }
    if versionBytes == 4, UInt32(littleEndian: version) == StoreSnapshot.version,
      case .success(let memory) = ReadOnlyMemory.mapping(fd: fd, count: Int(info.st_size))
    {
      return try StoreSnapshot.decode(memory: memory, file: path)
    }
    var input = SnapshotFileInput(fd: fd, byteCount: Int(info.st_size))
    let store = try StoreSnapshot.decode(&input, file: path)
    if input.failure != 0 { throw Diagnostic.error("cannot read '\(path)': \(reason(input.failure))") }
    return store
  }

  /// Writes `store` as a snapshot to `path` atomically, streamed from the
  /// store's columns (no copy of the whole file in memory).
  public static func saveSnapshot(_ store: IndicatorStore, to path: String) throws(Diagnostic) {
    let file = try AtomicFile(path: path)
    // The first failure is kept and later pieces are skipped.
    var failure: Diagnostic?
    StoreSnapshot.write(store) { bytes in
      guard failure == nil else { return }
      do throws(Diagnostic) {
        try file.write(bytes)
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
    try file.commit()
  }

  /// read(2), for types whose own `read` method hides it.
  static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }

  /// A snapshot's bytes read from an open file, in order.
  struct SnapshotFileInput: StoreSnapshot.Input {
    let fd: Int32
    let byteCount: Int
    /// errno of a failed read, 0 when none failed.
    var failure: Int32 = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
      guard let base = buffer.baseAddress else { return true }
      var done = 0
      while done < buffer.count {
        let got = FileIO.systemRead(fd, base + done, buffer.count - done)
        if got < 0 {
          if errno == EINTR { continue }
          failure = errno
          return false
        }
        if got == 0 { return false }  // the file shrank while being read
        done += got
      }
      return true
    }
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
    let file = try AtomicFile(path: path)
    try file.write(bytes)
    try file.commit(failBeforeRename: failBeforeRename)
  }

}

/// A file written in pieces to a temporary file in the same folder and
/// renamed over `path` by `commit()`: readers never see a half-written file,
/// and a failure (or a writer dropped without `commit()`) leaves an existing
/// file untouched and no temporary file behind.
///
/// ```swift
/// let file = try AtomicFile(path: "out.csv")
/// try file.write(Array("a,b\n".utf8))
/// try file.commit()
/// ```
///
/// A path that names a device, pipe or socket (`/dev/null`, `/dev/stdout`)
/// is written in place: there is nothing to replace atomically, and renaming
/// over it would put a plain file where the device was. A symbolic link is
/// followed: its target is replaced, the link stays.
public final class AtomicFile {
  public let path: String
  let temp: String
  /// The file the temporary file replaces (`path`, or where its link points).
  var target = ""
  var fd: Int32
  var done = false
  /// Written in place (a device or pipe), not through a temporary file.
  let isDirect: Bool

  public init(path requested: String) throws(Diagnostic) {
    self.path = requested
    var info = stat()
    if stat(requested, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
      fd = open(requested, O_WRONLY)
      guard fd >= 0 else { throw Diagnostic.error("cannot write '\(requested)': \(FileIO.reason(errno))") }
      temp = ""
      isDirect = true
      return
    }
    isDirect = false
    // Through a symbolic link: replace what it points to.
    var path = requested
    var linkInfo = stat()
    if lstat(requested, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(requested, nil) {
      path = String(cString: resolved)
      free(resolved)
    }
    self.target = path
    let folder: String
    if let slash = path.lastIndex(of: "/") {
      folder = slash == path.startIndex ? "/" : String(path[..<slash])
    } else {
      folder = "."
    }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if name.isEmpty || path.hasSuffix("/") {
      throw Diagnostic.error("cannot write '\(requested)': not a file name")
    }
    if FileIO.isDirectory(path) { throw Diagnostic.error("cannot write '\(requested)': it is a folder") }
    // O_EXCL with a pid + counter suffix: never clobbers another writer's temp file.
    var fd: Int32 = -1
    var temp = ""
    for attempt in 0..<100 {
      temp = (folder == "/" ? "" : folder) + "/.\(name).tmp-\(getpid())-\(attempt)"
      fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
      if fd >= 0 || errno != EEXIST { break }
    }
    guard fd >= 0 else {
      throw Diagnostic.error(
        "cannot write '\(path)': \(FileIO.reason(errno))", help: "check that the folder '\(folder)' exists and is writable")
    }
    self.fd = fd
    self.temp = temp
  }

  /// Appends `bytes`; on failure the temporary file is removed.
  public func write(_ bytes: [UInt8]) throws(Diagnostic) {
    let failure: Diagnostic? = bytes.withUnsafeBytes { raw in
      do throws(Diagnostic) {
        try write(raw)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
  }

  /// Appends the bytes of `raw`; on failure the temporary file is removed.
  public func write(_ raw: UnsafeRawBufferPointer) throws(Diagnostic) {
    var written = 0
    while written < raw.count {
      let n = systemWrite(fd, raw.baseAddress.map { $0 + written }, raw.count - written)
      if n < 0 {
        if errno == EINTR { continue }
        throw fail(FileIO.reason(errno))
      }
      written += n
    }
  }

  /// Closes and renames the temporary file over `path`. No fsync: the
  /// rename makes the file whole or absent for every reader, even if indsh is
  /// killed; surviving a power cut would cost a disk flush per export (as in
  /// the sqlite3 and DuckDB shells, an export can be run again).
  public func commit(failBeforeRename: Bool = false) throws(Diagnostic) {
    let closed = close(fd)
    fd = -1
    if closed != 0 { throw fail(FileIO.reason(errno)) }
    if failBeforeRename { throw fail("simulated failure") }
    if !isDirect && rename(temp, target) != 0 { throw fail(FileIO.reason(errno)) }
    done = true
  }

  func fail(_ reason: String) -> Diagnostic {
    discard()
    return Diagnostic.error("cannot write '\(path)': \(reason)")
  }

  /// Removes the temporary file; `path` is untouched.
  func discard() {
    guard !done else { return }
    done = true
    if fd >= 0 { close(fd) }
    fd = -1
    if !isDirect { unlink(temp) }
  }

  deinit { discard() }
}

/// write(2), callable from types that have a `write` method of their own.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, bytes, count)
}

/// A file read a piece at a time.
///
/// ```swift
/// let file = try FileReader(path: "big.csv")
/// var piece: [UInt8] = []
/// let atEnd = try file.read(appendingTo: &piece, count: 1 << 20)
/// ```
public final class FileReader {
  public let path: String
  let fd: Int32

  public init(path: String) throws(Diagnostic) {
    self.path = path
    fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw Diagnostic.error("cannot open '\(path)': \(FileIO.reason(errno))") }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw Diagnostic.error("cannot read '\(path)': it is a folder")
    }
  }

  /// Appends up to `count` bytes; returns whether the end of the file was reached.
  public func read(appendingTo bytes: inout [UInt8], count: Int) throws(Diagnostic) -> Bool {
    var failure: Int32 = 0
    var atEnd = false
    let kept = bytes
    // A new buffer filled by read(2) directly: no zero-filling, one copy of what was kept.
    bytes = [UInt8](unsafeUninitializedCapacity: kept.count + count) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      kept.withUnsafeBufferPointer { old in
        if let from = old.baseAddress { base.update(from: from, count: old.count) }
      }
      var done = 0
      while done < count {
        let got = systemRead(fd, base + kept.count + done, count - done)
        if got < 0 {
          if errno == EINTR { continue }
          failure = errno
          break
        }
        if got == 0 {
          atEnd = true
          break
        }
        done += got
      }
      initialized = kept.count + done
    }
    if failure != 0 { throw Diagnostic.error("cannot read '\(path)': \(FileIO.reason(failure))") }
    return atEnd
  }

  /// The whole file mapped read-only (not faulted in), for as long as the
  /// returned memory lives; nil when it is not a regular file or cannot be mapped.
  public func mapping() -> ReadOnlyMemory? {
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
      case .success(let memory) = ReadOnlyMemory.mapping(fd: fd, count: Int(info.st_size), populate: false),
      memory.isFileMapping
    else { return nil }
    return memory
  }

  deinit { close(fd) }
}

/// read(2), callable from types that have a `read` method of their own.
private func systemRead(_ fd: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, bytes, count)
}
