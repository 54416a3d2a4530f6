import Diagnostics
import IndicatorStore

/// A label matcher ready to test series labels.
struct CompiledMatcher {
  let matcher: LabelMatcher
  let label: LabelSet
  /// For `=~`/`!~`: the anchored regex.
  let regex: Regex<AnyRegexOutput>?
  /// For `=`/`!=` on indicator: the canonical name the value resolved to.
  let value: String

  /// Regex results per distinct label text (labels repeat across series).
  final class Cache { var results: [String: Bool] = [:] }
  let cache = Cache()

  func matches(_ text: String) -> Bool {
    switch matcher.operation {
    case .equal: return text == value
    case .notEqual: return text != value
    case .matches, .notMatches:
      let hit: Bool
      if let cached = cache.results[text] {
        hit = cached
      } else {
        hit = (try? regex?.wholeMatch(in: text)) != nil
        cache.results[text] = hit
      }
      return matcher.operation == .matches ? hit : !hit
    }
  }

  var display: String { "\(matcher.label)\(matcher.operation.rawValue)\"\(matcher.value)\"" }
}

extension Interpreter {
  /// Whether `name` is a canonical indicator (in the store or named by an
  /// alias) or an alias.
  func isIndicatorName(_ name: String) -> Bool {
    canonicalIndicator(name) != nil
  }

  /// The canonical indicator for a name or alias, nil when unknown.
  func canonicalIndicator(_ name: String) -> String? {
    if store.indicators.code(of: name) != nil { return name }
    if let canonical = aliases[name] ?? aliases[name.lowercased()] { return canonical }
    if aliases.values.contains(name) { return name }
    return nil
  }

  func unknownIndicator(_ name: String, at range: SourceRange) -> Diagnostic {
    let candidates = store.indicatorNames + aliases.keys.sorted()
    return error(
      "unknown indicator '\(name)'", at: range,
      help: Suggestions.didYouMean(Suggestions.closest(to: name, among: candidates))
        ?? "see .indicators for the names in the store")
  }

  func compile(_ m: LabelMatcher) throws(Diagnostic) -> CompiledMatcher {
    let selectable = ["region", "indicator", "measure", "scenario", "unit"]
    guard selectable.contains(m.label), let label = LabelSet.named(m.label) else {
      throw error(
        "unknown label '\(m.label)'; selectors match region, indicator, measure, scenario, unit",
        at: m.labelRange, help: Suggestions.didYouMean(Suggestions.closest(to: m.label, among: selectable)))
    }
    var value = m.value
    var regex: Regex<AnyRegexOutput>? = nil
    switch m.operation {
    case .matches, .notMatches:
      do {
        // Fully anchored, as in PromQL.
        regex = try Regex("^(?:" + m.value + ")$")
      } catch {
        throw self.error("invalid regular expression \"\(m.value)\": \(error)", at: m.valueRange)
      }
    case .equal, .notEqual:
      switch label {
      case .indicator:
        guard let canonical = canonicalIndicator(m.value) else {
          throw unknownIndicator(m.value, at: m.valueRange)
        }
        value = canonical
      case .region where m.operation == .equal:
        if store.regions.code(of: m.value) == nil {
          throw error(
            "unknown region '\(m.value)'", at: m.valueRange,
            help: Suggestions.didYouMean(Suggestions.closest(to: m.value, among: store.regionNames))
              ?? "see .regions for the regions in the store")
        }
      case .measure where Measure(rawValue: m.value) == nil:
        throw error(
          "unknown measure '\(m.value)'; measures are \(Measure.allowedText)", at: m.valueRange,
          help: Suggestions.didYouMean(Suggestions.closest(to: m.value, among: Measure.allCases.map(\.rawValue))))
      case .scenario where Scenario(rawValue: m.value) == nil:
        throw error(
          "unknown scenario '\(m.value)'; scenarios are \(Scenario.allowedText)", at: m.valueRange,
          help: Suggestions.didYouMean(Suggestions.closest(to: m.value, among: Scenario.allCases.map(\.rawValue))))
      default:
        break
      }
    }
    return CompiledMatcher(matcher: m, label: label, regex: regex, value: value)
  }

  /// Evaluates `name{matchers}` to the matching store series, or explains
  /// which part of the selector ruled everything out.
  func evaluateSelector(_ selector: Selector) throws(Diagnostic) -> Frame {
    if let name = selector.name, let bound = bindings[name] {
      // A binding shadows an indicator: `g{region="湘潭市"}` narrows g.
      guard case .frame(let frame) = bound else {
        throw error("'\(name)' is \(bound.kindName); only a table can take {…} matchers", at: selector.nameRange)
      }
      return try narrow(frame, selector: selector)
    }
    return Frame.fromStore(store, series: try storeSelection(selector), sharingColumns: useCodeKernels)
  }

  /// The store series a selector picks, in store order, when its name is
  /// not a binding; errors exactly as `evaluateSelector`.
  func storeSelection(_ selector: Selector) throws(Diagnostic) -> [Int] {
    var indicator: String? = nil
    if let name = selector.name {
      guard let canonical = canonicalIndicator(name) else { throw unknownIndicator(name, at: selector.nameRange) }
      indicator = canonical
    }
    var compiled: [CompiledMatcher] = []
    for m in selector.matchers { compiled.append(try compile(m)) }

    var candidates: [Int] = []
    if let indicator {
      if let code = store.indicators.code(of: indicator) {
        let keys = store.seriesKeys
        for s in 0..<keys.count where keys[s].indicator == code { candidates.append(s) }
      }
      if candidates.isEmpty {
        throw error(
          "no series of \(indicator) in the loaded data", at: selector.nameRange,
          help: store.seriesCount == 0 ? "no data is loaded; use .load PATH" : "see .indicators")
      }
    } else {
      candidates = Array(0..<store.seriesCount)
      if candidates.isEmpty {
        throw error("no data is loaded", at: selector.range, help: "use .load PATH")
      }
    }
    // Apply matchers one at a time so an empty result names the matcher
    // that ruled everything out and the values that were present.
    for m in compiled {
      try checkCancelled()
      let next = useCodeKernels
        ? seriesMatching(m, among: candidates) : candidates.filter { m.matches(seriesLabel($0, m.label)) }
      if next.isEmpty {
        var present: [String] = []
        var seen = Set<String>()
        for s in candidates {
          let v = seriesLabel(s, m.label)
          if seen.insert(v).inserted { present.append(v) }
        }
        present.sort()
        let what = indicator.map { "no series of \($0)" } ?? "no series"
        let shown = present.prefix(12).joined(separator: ", ") + (present.count > 12 ? ", …" : "")
        throw error(
          "\(what) has \(m.display)\(compiled.count > 1 ? " (with the matchers before it)" : ""); \(m.matcher.label)s present: \(shown)",
          at: m.matcher.labelRange.union(m.matcher.valueRange))
      }
      candidates = next
    }
    return candidates
  }

  /// Applies a selector's matchers to the series of a bound table.
  func narrow(_ frame: Frame, selector: Selector) throws(Diagnostic) -> Frame {
    var keep = [Bool](repeating: true, count: frame.seriesCount)
    var remaining = frame.seriesCount
    for m in selector.matchers {
      let compiled = try compile(m)
      var present = Set<String>()
      var next = 0
      for s in 0..<frame.seriesCount where keep[s] {
        let text = frame.series[s].text(compiled.label) ?? ""
        present.insert(text)
        if compiled.matches(text) { next += 1 } else { keep[s] = false }
      }
      if next == 0 && remaining > 0 {
        throw error(
          "no series of '\(selector.name ?? "*")' has \(compiled.display); \(m.label)s present: \(present.sorted().prefix(12).joined(separator: ", "))",
          at: m.labelRange.union(m.valueRange))
      }
      remaining = next
    }
    var seriesOfRow = [Int](repeating: 0, count: frame.rowCount)
    for s in 0..<frame.seriesCount { for r in frame.rows(ofSeries: s) { seriesOfRow[r] = s } }
    return frame.filtered { keep[seriesOfRow[$0]] }
  }

  /// The candidates whose label satisfies `m`, testing each distinct label
  /// text once: series are read by dictionary code, with no String per series.
  func seriesMatching(_ m: CompiledMatcher, among candidates: [Int]) -> [Int] {
    let keys = store.seriesKeys
    var next: [Int] = []
    switch m.label {
    case .measure:
      let allowed = Measure.allCases.filter { m.matches($0.rawValue) }
      for s in candidates where allowed.contains(keys[s].measure) { next.append(s) }
    case .scenario:
      let allowed = Scenario.allCases.filter { m.matches($0.rawValue) }
      for s in candidates where allowed.contains(keys[s].scenario) { next.append(s) }
    default:
      // Per dictionary code: −1 not yet tested, 0 no, 1 yes.
      let dictionary = m.label == .region ? store.regions : m.label == .indicator ? store.indicators : store.units
      let seriesUnit = store.seriesUnit
      var known = [Int8](repeating: -1, count: dictionary.count)
      for s in candidates {
        let code = Int(m.label == .region ? keys[s].region : m.label == .indicator ? keys[s].indicator : seriesUnit[s])
        guard code >= 0 && code < known.count else {
          if m.matches(seriesLabel(s, m.label)) { next.append(s) }
          continue
        }
        if known[code] < 0 { known[code] = m.matches(dictionary[Int32(code)]) ? 1 : 0 }
        if known[code] == 1 { next.append(s) }
      }
    }
    return next
  }

  func seriesLabel(_ s: Int, _ label: LabelSet) -> String {
    let key = store.seriesKeys[s]
    switch label {
    case .region: return store.regions[key.region]
    case .indicator: return store.indicators[key.indicator]
    case .measure: return key.measure.rawValue
    case .scenario: return key.scenario.rawValue
    default: return store.unit(ofSeries: s)
    }
  }
}

extension Frame {
  /// `column`'s rows in `ranges`, one after another (`total` rows in all),
  /// copied a range at a time into uninitialised storage.
  static func gathered<Element: BitwiseCopyable>(_ column: StoreColumn<Element>, ranges: [Range<Int>], total: Int) -> [Element] {
    column.withUnsafeBufferPointer { from in
      [Element](unsafeUninitializedCapacity: total) { to, count in
        var k = 0
        for r in ranges where k + r.count <= total {
          (to.baseAddress! + k).initialize(from: from.baseAddress! + r.lowerBound, count: r.count)
          k += r.count
        }
        count = k
      }
    }
  }

  /// The rows of `series` of the store, as a plain (CSV-shaped) frame.
  static func fromStore(_ store: IndicatorStore, series: [Int], sharingColumns: Bool = true) -> Frame {
    var f = Frame()
    f.origin = store
    f.isPlain = true
    if sharingColumns, series.count == store.seriesCount, series.elementsEqual(0..<store.seriesCount),
      !store.offsets.indices.dropFirst().contains(where: { store.offsets[$0] <= store.offsets[$0 - 1] })
    {
      // Every series, each non-empty, in store order: the frame shares the
      // store's columns (copy-on-write) instead of copying them.
      let names = SeriesHeader.Names(store)
      f.series = series.map { names.header(ofSeries: $0) }
      f.offsets = store.offsets.map(Int.init)
      f.periods = store.periods
      f.values = store.values
      f.valid = store.validity
      f.storeRows = .identity(count: store.rowCount)
      return f
    }
    let anyMissing = store.validity.nullCount > 0
    let offsets = store.offsets, storePeriods = store.periods, storeValues = store.values
    var total = 0, nonEmpty = 0
    for s in series {
      let n = Int(offsets[s + 1]) - Int(offsets[s])
      total += n
      nonEmpty += n > 0 ? 1 : 0
    }
    // The series' headers and offsets, then their rows copied a series at a
    // time straight into the new columns' storage (each column's buffers
    // taken once; no zero fill first).
    let names = SeriesHeader.Names(store)
    f.series.reserveCapacity(nonEmpty)
    f.offsets.reserveCapacity(nonEmpty + 1)
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(nonEmpty)
    var k = 0
    for s in series {
      let lo = Int(offsets[s]), hi = Int(offsets[s + 1])
      guard lo < hi else { continue }
      f.series.append(names.header(ofSeries: s))
      ranges.append(lo..<hi)
      k += hi - lo
      f.offsets.append(k)
    }
    let periods = Self.gathered(storePeriods, ranges: ranges, total: total)
    let values = Self.gathered(storeValues, ranges: ranges, total: total)
    let rows = [Int32](unsafeUninitializedCapacity: total) { to, count in
      var k = 0
      for r in ranges {
        for row in r { to[k] = Int32(row); k += 1 }
      }
      count = k
    }
    var valid = ValidityBitmap(count: total, allValid: true)
    if anyMissing {
      store.validity.words.withUnsafeBufferPointer { words in
        var k = 0
        for r in ranges {
          // (Most series have every value: one popcount tells.)
          if ValidityBitmap.countSet(words: words, in: r) < r.count {
            for row in r where words[row >> 6] & (1 << UInt64(row & 63)) == 0 { valid[k + row - r.lowerBound] = false }
          }
          k += r.count
        }
      }
    }
    f.periods = StoreColumn(periods)
    f.values = StoreColumn(values)
    f.valid = valid
    f.storeRows = StoreRows(rows32: rows)
    return f
  }
}
