import Testing

@testable import IndicatorStore

/// A column read in place from memory behaves as the array it was made from.
@Suite struct StoreColumnTests {
  /// `values` laid out in read-only memory after 8 bytes of something else.
  static func mapped(_ values: [Double]) throws -> StoreColumn<Double> {
    var bytes = [UInt8](repeating: 0xEE, count: 8)
    for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    return try #require(StoreColumn<Double>(memory: ReadOnlyMemory(copying: bytes), offset: 8, count: values.count))
  }

  @Test func readsLikeTheArray() throws {
    let values = [1.5, -2, 3.25, 0, 1e300]
    let column = try Self.mapped(values)
    #expect(column.isMapped)
    #expect(column.count == values.count)
    #expect(Array(column) == values)
    #expect(column[2] == 3.25)
    #expect(column == StoreColumn(values))
    #expect(column.withUnsafeBufferPointer { Array($0) } == values)
    #expect(column.extracting(1..<4).isMapped)
    #expect(Array(column.extracting(1..<4)) == Array(values[1..<4]))
  }

  @Test func aWriteCopiesTheMappedElementsFirst() throws {
    let values = [1.0, 2, 3]
    var column = try Self.mapped(values)
    let original = column
    column[1] = 20
    column.append(4)
    #expect(!column.isMapped)
    #expect(Array(column) == [1, 20, 3, 4])
    #expect(original.isMapped)
    #expect(Array(original) == values)
  }

  @Test func outOfRangeOrMisalignedRegionsAreRefused() {
    let memory = ReadOnlyMemory(copying: [UInt8](repeating: 0, count: 24))
    #expect(StoreColumn<Double>(memory: memory, offset: 8, count: 2) != nil)
    #expect(StoreColumn<Double>(memory: memory, offset: 8, count: 3) == nil)
    #expect(StoreColumn<Double>(memory: memory, offset: 4, count: 1) == nil)
    #expect(StoreColumn<Double>(memory: memory, offset: 32, count: 0) == nil)
    #expect(StoreColumn<UInt8>(memory: memory, offset: 24, count: 0)?.isEmpty == true)
  }
}
