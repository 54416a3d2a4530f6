@testable import Extraction

/// The rows the extractor proposes for a text written for a rule's test,
/// with the region given (no lexicon beyond the built-in one).
///
/// ```swift
/// let r = proposedRows("一、2030年工作回顾\n全县地区生产总值增长5.1%。")
/// r.first?.period   // "2030"
/// ```
func proposedRows(_ text: String, region: String = "测试县") -> [ProposedRow] {
  Extractor(lexicon: Lexicon()).extract(text, region: region).rows
}
