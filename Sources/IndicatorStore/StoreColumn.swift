#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A column of the store: a Swift array, or elements read in place from
/// read-only memory (a snapshot file mapped by `ReadOnlyMemory`), so that
/// reopening a snapshot neither copies nor faults in fresh pages.
///
/// It reads like an array. Writing to a column that lives in a mapping
/// first copies it into an array (copy-on-write, as `Array` does when
/// shared). Loops over many rows take the elements once with
/// `withUnsafeBufferPointer` instead of a subscript per row.
///
/// ```swift
/// var column = StoreColumn([1.5, 2.5])
/// column[1]                       // 2.5
/// column.append(3.5)
/// column.withUnsafeBufferPointer { $0.reduce(0, +) }   // 7.5
/// ```
public struct StoreColumn<Element: BitwiseCopyable>: @unchecked Sendable {
  // @unchecked: a mapped region is never written, and it is kept alive by
  // its `ReadOnlyMemory`, which is immutable too.
  /// The elements, when they are not mapped.
  @usableFromInline var array: [Element]
  /// The first of `mappedCount` elements in `memory`; nil when they are in
  /// `array`. A plain pointer, so reading it retains nothing: `memory`
  /// keeps it valid while the column lives.
  @usableFromInline var mappedStart: UnsafePointer<Element>?
  @usableFromInline var mappedCount: Int
  @usableFromInline var memory: ReadOnlyMemory?

  /// The elements of `array` (no copy).
  @inlinable public init(_ array: [Element]) {
    self.array = array
    mappedStart = nil
    mappedCount = 0
    memory = nil
  }

  /// `count` elements of `memory` from byte `offset`, read in place.
  /// Nil when they do not fit in `memory` or are misaligned for `Element`.
  init?(memory: ReadOnlyMemory, offset: Int, count: Int) {
    let stride = MemoryLayout<Element>.stride
    guard offset >= 0, count >= 0, offset <= memory.count, count <= (memory.count - offset) / Swift.max(1, stride),
      (Int(bitPattern: memory.base) + offset) % MemoryLayout<Element>.alignment == 0
    else { return nil }
    // SAFETY: the range was checked to lie within `memory`, which outlives
    // the column (it holds `memory`), and is aligned for `Element`.
    mappedStart = UnsafePointer((memory.base + offset).assumingMemoryBound(to: Element.self))
    mappedCount = count
    self.memory = memory
    array = []
  }

  /// Whether the elements are read in place from a mapping (not an array).
  public var isMapped: Bool { mappedStart != nil }

  /// The elements as an array (a copy when mapped).
  public var arrayValue: [Element] {
    guard let mappedStart else { return array }
    return Array(UnsafeBufferPointer(start: mappedStart, count: mappedCount))
  }

  /// The elements in `bounds` as a column of their own: mapped ones
  /// still read in place, an array's copied.
  public func extracting(_ bounds: Range<Int>) -> StoreColumn<Element> {
    precondition(bounds.lowerBound >= 0 && bounds.upperBound <= count, "StoreColumn range out of bounds")
    guard let mappedStart else { return StoreColumn(Array(array[bounds])) }
    var column = self
    column.mappedStart = mappedStart + bounds.lowerBound
    column.mappedCount = bounds.count
    return column
  }

  /// Moves mapped elements into an array before a write.
  @inlinable mutating func makeArray() {
    if let mappedStart {
      array = Array(UnsafeBufferPointer(start: mappedStart, count: mappedCount))
      self.mappedStart = nil
      mappedCount = 0
      memory = nil
    }
  }

  /// Calls `body` with the elements, contiguous in memory.
  @inlinable public func withUnsafeBufferPointer<R, E: Error>(
    _ body: (UnsafeBufferPointer<Element>) throws(E) -> R
  ) throws(E) -> R {
    // SAFETY: the buffer lives only for the call, while this column (and so
    // `memory`) does.
    if let mappedStart { return try body(UnsafeBufferPointer(start: mappedStart, count: mappedCount)) }
    // The array's closure is rethrows: route a typed error through a Result.
    let result: Result<R, E> = array.withUnsafeBufferPointer { buffer in
      do throws(E) { return .success(try body(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  /// Calls `body` with the elements' bytes.
  @inlinable public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    if let mappedStart { return try body(UnsafeRawBufferPointer(UnsafeBufferPointer(start: mappedStart, count: mappedCount))) }
    return try array.withUnsafeBytes(body)
  }

  /// Calls `body` with the elements to change in place (mapped ones copied first).
  @inlinable public mutating func withUnsafeMutableBufferPointer<R>(
    _ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R
  ) rethrows -> R {
    makeArray()
    return try array.withUnsafeMutableBufferPointer(body)
  }
}

extension StoreColumn: RandomAccessCollection, MutableCollection {
  public typealias Index = Int
  public typealias Indices = Range<Int>
  public typealias SubSequence = Slice<StoreColumn<Element>>

  @inlinable public var startIndex: Int { 0 }
  @inlinable public var endIndex: Int { mappedStart == nil ? array.count : mappedCount }
  @inlinable public var count: Int { mappedStart == nil ? array.count : mappedCount }
  @inlinable public var indices: Range<Int> { 0..<count }

  @inlinable public subscript(position: Int) -> Element {
    get {
      if let mappedStart {
        // SAFETY: the position is checked against the mapped count, and
        // `memory`, held by this column, keeps the pages mapped.
        precondition(position >= 0 && position < mappedCount, "StoreColumn index out of range")
        return mappedStart[position]
      }
      return array[position]
    }
    _modify {
      makeArray()
      yield &array[position]
    }
  }

  @inlinable public func withContiguousStorageIfAvailable<R>(
    _ body: (UnsafeBufferPointer<Element>) throws -> R
  ) rethrows -> R? {
    if let mappedStart { return try body(UnsafeBufferPointer(start: mappedStart, count: mappedCount)) }
    return try array.withUnsafeBufferPointer(body)
  }
}

extension StoreColumn: RangeReplaceableCollection {
  @inlinable public init() { self.init([]) }

  @inlinable public init(repeating value: Element, count: Int) { self.init(Array(repeating: value, count: count)) }

  @inlinable public init<S: Sequence>(_ elements: S) where S.Element == Element { self.init(Array(elements)) }

  @inlinable public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C)
  where C.Element == Element {
    makeArray()
    array.replaceSubrange(subrange, with: newElements)
  }

  @inlinable public mutating func reserveCapacity(_ n: Int) {
    makeArray()
    array.reserveCapacity(n)
  }

  @inlinable public mutating func append(_ element: Element) {
    makeArray()
    array.append(element)
  }

  @inlinable public mutating func append<S: Sequence>(contentsOf elements: S) where S.Element == Element {
    makeArray()
    array.append(contentsOf: elements)
  }

  @inlinable public mutating func removeAll(keepingCapacity keep: Bool = false) {
    (mappedStart, mappedCount, memory) = (nil, 0, nil)
    array.removeAll(keepingCapacity: keep)
  }
}

extension StoreColumn: ExpressibleByArrayLiteral {
  @inlinable public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension StoreColumn: Equatable where Element: Equatable {
  public static func == (a: StoreColumn, b: StoreColumn) -> Bool { a.elementsEqual(b) }
}

extension StoreColumn: Hashable where Element: Hashable {
  public func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    for element in self { hasher.combine(element) }
  }
}

extension StoreColumn: CustomStringConvertible {
  public var description: String { arrayValue.description }
}

/// Read-only memory that store columns are read from in place: a file
/// mapped with mmap (unmapped when the last column using it goes), or a
/// heap copy of bytes (a snapshot read from a pipe or held in an array).
///
/// ```swift
/// let memory = try ReadOnlyMemory(mapping: fd, count: size).get()
/// let values = StoreColumn<Double>(memory: memory, offset: 64, count: 1000)
/// ```
public final class ReadOnlyMemory: @unchecked Sendable {
  // @unchecked: the bytes are never written after init.
  @usableFromInline let base: UnsafeRawPointer
  /// Bytes from `base`.
  public let count: Int
  private let isMapping: Bool

  /// The whole of the open file `fd` (`count` bytes), mapped read-only and,
  /// when `populate`, faulted in at once (one scan follows: faults one page
  /// at a time cost more). The error is errno.
  public static func mapping(fd: Int32, count: Int, populate: Bool = true) -> Result<ReadOnlyMemory, MappingError> {
    guard count > 0 else { return .success(ReadOnlyMemory(copying: [])) }
    #if os(Linux)
      let flags = populate ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
    #else
      let flags = MAP_PRIVATE
    #endif
    guard let address = mmap(nil, count, PROT_READ, flags, fd, 0), address != MAP_FAILED else {
      return .failure(MappingError(code: errno))
    }
    return .success(ReadOnlyMemory(base: UnsafeRawPointer(address), count: count, isMapping: true))
  }

  /// errno of a failed mmap.
  public struct MappingError: Error {
    public let code: Int32
  }

  /// A heap copy of `bytes`, 8-byte aligned.
  public convenience init(copying bytes: [UInt8]) {
    self.init(count: bytes.count) { buffer in
      bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
      return bytes.count
    }
  }

  /// `count` bytes of heap memory filled by `fill`, which returns how many
  /// it wrote (fewer when its source ran short; the rest is zero).
  public init(count: Int, fill: (UnsafeMutableRawBufferPointer) -> Int) {
    let memory = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
    let buffer = UnsafeMutableRawBufferPointer(start: memory, count: count)
    let written = min(max(0, fill(buffer)), count)
    if written < count, let base = buffer.baseAddress {
      (base + written).initializeMemory(as: UInt8.self, repeating: 0, count: count - written)
    }
    base = UnsafeRawPointer(memory)
    self.count = count
    isMapping = false
  }

  private init(base: UnsafeRawPointer, count: Int, isMapping: Bool) {
    self.base = base
    self.count = count
    self.isMapping = isMapping
  }

  /// Calls `body` with the bytes.
  @inlinable public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    try body(UnsafeRawBufferPointer(start: base, count: count))
  }

  /// A copy of the bytes in `range` (clamped to the memory).
  public func copyBytes(in range: Range<Int>) -> [UInt8] {
    let range = range.clamped(to: 0..<count)
    return Array(UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count))
  }

  /// Whether the bytes are a mapped file (not heap memory).
  public var isFileMapping: Bool { isMapping }

  /// Hands the pages of a mapped file within `range` back to the kernel:
  /// they stop counting as this process's memory, stay in the page cache,
  /// and are read again (the same bytes, the mapping being private and
  /// never written) when next touched. Nothing happens to heap memory.
  public func dropResidentPages(in range: Range<Int>? = nil) {
    guard isMapping else { return }
    let range = (range ?? 0..<count).clamped(to: 0..<count)
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    guard page > 0 else { return }
    // Whole pages only: the first page from the start of its page (any page
    // of the mapping may be dropped; only the kernel's bookkeeping changes).
    let start = range.lowerBound / page * page
    let end = range.upperBound == count ? count : range.upperBound / page * page
    guard end > start else { return }
    // SAFETY: the range lies within this mapping; MADV_DONTNEED on a private,
    // never-written file mapping only unmaps pages, which fault in again
    // from the file on the next read.
    #if canImport(Glibc) || canImport(Musl)
      _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    #endif
  }

  deinit {
    // SAFETY: no column outlives this object (each holds it), so nothing
    // reads the bytes once they are released.
    if isMapping {
      munmap(UnsafeMutableRawPointer(mutating: base), count)
    } else {
      UnsafeMutableRawPointer(mutating: base).deallocate()
    }
  }
}
