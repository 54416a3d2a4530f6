/// Closest-name suggestions for typos ("did you mean …?").
///
/// ```swift
/// Suggestions.closest(to: "yoyy", among: ["yoy", "diff", "lag"])  // ["yoy"]
/// ```
public enum Suggestions {
  /// Up to `limit` candidates within an edit distance threshold that scales
  /// with the length of the typed name, closest first. Case-insensitive for
  /// ASCII; a candidate that starts with the typed text also counts.
  public static func closest(to name: String, among candidates: some Sequence<String>, limit: Int = 3)
    -> [String]
  {
    let typed = Array(name.lowercased())
    guard !typed.isEmpty else { return [] }
    let threshold = max(1, min(3, typed.count / 3 + (typed.count >= 4 ? 1 : 0)))
    var scored: [(Int, String)] = []
    var seen = Set<String>()
    for candidate in candidates where seen.insert(candidate).inserted {
      let other = Array(candidate.lowercased())
      var distance = editDistance(typed, other)
      if other.count > typed.count && other.starts(with: typed) { distance = min(distance, 1) }
      if distance <= threshold && candidate != name { scored.append((distance, candidate)) }
    }
    scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    return scored.prefix(limit).map(\.1)
  }

  /// Edit distance over characters: insertions, deletions, substitutions
  /// and swaps of two neighbours (gpd → gdp is one edit, the commonest typo).
  public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }

  /// "did you mean 'a' or 'b'?" or nil when there is nothing close.
  public static func didYouMean(_ names: [String]) -> String? {
    switch names.count {
    case 0: return nil
    case 1: return "did you mean '\(names[0])'?"
    default:
      let quoted = names.map { "'\($0)'" }
      return "did you mean " + quoted.dropLast().joined(separator: ", ") + " or " + quoted.last! + "?"
    }
  }
}
