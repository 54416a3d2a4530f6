import Interchange

/// Indicator phrases and the canonical names they stand for.
///
/// Built from the alias table, the indicator names of the data files, and a
/// list of synonyms common to the genre (规工增加值 → 规模以上工业增加值 …).
/// Lookup takes the longest phrase, so 城镇居民人均可支配收入 wins over 人均可支配收入.
///
/// ```swift
/// let lexicon = Lexicon.load(dataFolder: "Datasets")
/// lexicon.canonical(for: "社销零总额")   // "社会消费品零售总额"
/// ```
public struct Lexicon: Sendable {
  /// phrase → canonical name.
  public private(set) var canonicalByPhrase: [String: String] = [:]
  /// Canonical names that are main indicators (those the alias table names).
  public private(set) var mainIndicators: Set<String> = []
  /// The phrases grouped by their first character, longest first: a
  /// search tries only the phrases that can start at a position. (It takes
  /// the place of the former length-sorted list, so the struct keeps its
  /// layout for code built against the previous version.)
  private(set) var phrasesByFirst: [Character: [[Character]]] = [:]

  public init() { add(Lexicon.genreSynonyms) }

  /// Synonyms of the genre: abbreviations the reports use for the headline
  /// indicators. They are general wording, not taken from one report.
  static let genreSynonyms: [(String, String)] = [
    ("地区生产总值", "地区生产总值"), ("生产总值", "地区生产总值"), ("GDP", "地区生产总值"),
    ("经济总量", "地区生产总值"), ("经济增长", "地区生产总值"),
    ("固定资产投资", "固定资产投资"), ("固投", "固定资产投资"),
    ("规模以上工业增加值", "规模以上工业增加值"), ("规模工业增加值", "规模以上工业增加值"),
    ("规上工业增加值", "规模以上工业增加值"), ("规工增加值", "规模以上工业增加值"),
    ("社会消费品零售总额", "社会消费品零售总额"), ("社销零总额", "社会消费品零售总额"),
    ("社零总额", "社会消费品零售总额"), ("社零额", "社会消费品零售总额"),
    ("地方一般公共预算收入", "地方一般公共预算收入"), ("地方一般预算收入", "地方一般公共预算收入"),
    ("地方收入", "地方一般公共预算收入"), ("地方财政收入", "地方一般公共预算收入"),
    ("一般公共预算收入", "一般公共预算收入"), ("财政收入", "一般公共预算收入"),
    ("城乡居民人均可支配收入", "城乡居民人均可支配收入"), ("居民人均可支配收入", "城乡居民人均可支配收入"),
    ("居民收入", "城乡居民人均可支配收入"),
    ("城镇居民人均可支配收入", "城镇居民人均可支配收入"), ("农村居民人均可支配收入", "农村居民人均可支配收入"),
    ("城镇调查失业率", "城镇调查失业率"), ("调查失业率", "城镇调查失业率"),
    ("城镇登记失业率", "城镇登记失业率"),
    ("城镇新增就业", "城镇新增就业"), ("新增城镇就业", "城镇新增就业"),
    ("进出口总额", "进出口总额"), ("外贸进出口", "进出口总额"),
    ("实际利用外资", "实际利用外资"), ("利用外资", "实际利用外资"), ("外商直接投资", "实际利用外资"),
    ("实际使用外资", "实际利用外资"),
    ("高新技术产业投资", "高新技术产业投资"), ("高技术产业投资", "高技术产业投资"),
    ("技术合同交易额", "技术合同成交额"), ("技术合同成交额", "技术合同成交额"),
    ("研发投入强度", "研发投入强度"), ("研发经费投入", "研发经费投入"),
    ("规上服务业营业收入", "规模以上服务业营业收入"), ("规模以上服务业营业收入", "规模以上服务业营业收入"),
    ("规模以上服务业企业营业收入", "规模以上服务业营业收入"),
    ("粮食种植面积", "粮食种植面积"), ("粮食播种面积", "粮食种植面积"), ("粮食产量", "粮食产量"),
    ("争资争项到位资金", "争取资金"),
  ]

  mutating func add(_ pairs: [(String, String)]) {
    for (phrase, canonical) in pairs where !phrase.isEmpty {
      canonicalByPhrase[phrase] = canonical
    }
    let phrases: [[Character]] = canonicalByPhrase.keys.map { Array($0) }
    let byLength = phrases.sorted { (a: [Character], b: [Character]) -> Bool in
      a.count != b.count ? a.count > b.count : String(a) < String(b)
    }
    phrasesByFirst = Dictionary(grouping: byLength, by: { (p: [Character]) -> Character in p[0] })
  }

  /// The lexicon of a data folder: `aliases.csv` (its canonical names are
  /// the main indicators) plus the indicator column of every other `*.csv`.
  /// A folder that cannot be read gives the built-in synonyms only.
  public static func load(dataFolder: String?) -> Lexicon { load(dataFolder: dataFolder, excluding: []) }

  /// The lexicon of a data folder without the files named in `excluding`
  /// (the seed evaluation's hold-out: a report is scored without the names
  /// of its own curated file).
  public static func load(dataFolder: String?, excluding: Set<String>) -> Lexicon {
    var lexicon = Lexicon()
    guard let folder = dataFolder, let names = try? FileIO.directoryEntries(folder) else { return lexicon }
    var pairs: [(String, String)] = []
    for name in names.sorted() where name.hasSuffix(".csv") && !excluding.contains(name) {
      guard let bytes = try? FileIO.readAll(folder + "/" + name) else { continue }
      let records = SimpleCSV.parse(String(decoding: bytes, as: UTF8.self))
      guard let header = records.first else { continue }
      guard let column = header.firstIndex(of: "indicator") else { continue }
      for record in records.dropFirst() where column < record.count {
        let indicator = record[column]
        // Canonical names from the data are phrases of themselves; very
        // short names would match inside unrelated words, so skip them.
        if indicator.count >= 3 && !indicator.contains("(") { pairs.append((indicator, indicator)) }
        if name == "aliases.csv" { lexicon.mainIndicators.insert(indicator) }
      }
    }
    // The genre's synonyms win over data names for the same phrase.
    lexicon.add(pairs.filter { lexicon.canonicalByPhrase[$0.0] == nil })
    return lexicon
  }

  /// The canonical name for a phrase written exactly, if known.
  public func canonical(for phrase: String) -> String? { canonicalByPhrase[phrase] }

  /// The known phrase that ends last in `text` (ties: the longest), with its
  /// canonical name and its character range in `text`.
  func lastMatch(in text: [Character]) -> (canonical: String, range: Range<Int>)? {
    var best: Range<Int>?
    var bestPhrase: [Character] = []
    // From the end: the phrase nearest the figure names it.
    var start = text.count - 1
    while start >= 0 {
      for phrase in phrasesByFirst[text[start]] ?? [] where start + phrase.count <= text.count {
        guard text[start..<start + phrase.count].elementsEqual(phrase) else { continue }
        let range = start..<start + phrase.count
        // Ends last wins; ties: the longest (phrases come longest first).
        if best.map({ range.upperBound > $0.upperBound || (range.upperBound == $0.upperBound && range.count > $0.count) })
          ?? true
        {
          best = range; bestPhrase = phrase
        }
        break
      }
      start -= 1
    }
    guard let range = best else { return nil }
    let phrase = String(bestPhrase)
    return (canonicalByPhrase[phrase] ?? phrase, range)
  }
}

/// A small RFC 4180 reader for the lexicon's CSV files (quoted fields, "" escapes).
enum SimpleCSV {
  static func parse(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var iterator = text.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          if let next = iterator.next() {
            if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
          } else { quoted = false }
        } else { field.append(c) }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        record.append(field); field = ""
      } else if c == "\n" || c == "\r\n" || c == "\r" {
        record.append(field); field = ""
        records.append(record); record = []
      } else if c == "\u{FEFF}" {
        continue
      } else {
        field.append(c)
      }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
  }
}
