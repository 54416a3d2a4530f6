/// Interns strings to dense 32-bit codes (dictionary encoding).
///
/// ```swift
/// var regions = StringDictionary()
/// regions.intern("湘潭市")   // 0
/// regions.intern("湘乡市")   // 1
/// regions.intern("湘潭市")   // 0
/// regions[1]                 // "湘乡市"
/// ```
public struct StringDictionary: Sendable {
  public private(set) var strings: [String] = []
  private var codes: [String: Int32] = [:]

  public init() {}

  @discardableResult
  public mutating func intern(_ s: String) -> Int32 {
    if let code = codes[s] { return code }
    let code = Int32(strings.count)
    strings.append(s)
    codes[s] = code
    return code
  }

  public func code(of s: String) -> Int32? { codes[s] }
  public subscript(code: Int32) -> String { strings[Int(code)] }
  public var count: Int { strings.count }
}
