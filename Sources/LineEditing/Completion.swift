import CEditLine

/// What one TAB press does, decided without a terminal so it can be unit-tested.
enum CompletionStep: Equatable {
  /// Replace `typed` (the text between the word start and the cursor) by `replacement`.
  case replace(typed: String, replacement: String)
  /// Show these candidates below the line.
  case list([String])
  /// No candidate: ring the bell.
  case beep
  /// The word is already complete: nothing to do.
  case nothing

  /// Plans a TAB press. `start` and `cursor` are Character offsets into `line` (clamped).
  ///
  /// - one candidate: replace the typed word by it;
  /// - several: replace the typed word by their longest common prefix when that adds something
  ///   (or turns an alias/pinyin/case-insensitive word into the real spelling), otherwise list;
  /// - none: beep.
  static func plan(line: String, cursor: Int, start: Int, candidates: [String]) -> CompletionStep {
    let characters = Array(line)
    let end = min(max(cursor, 0), characters.count)
    let begin = min(max(start, 0), end)
    let typed = String(characters[begin..<end])

    var seen = Set<String>()
    let unique = candidates.filter { !$0.isEmpty && seen.insert($0).inserted }
    guard let first = unique.first else { return .beep }
    if unique.count == 1 {
      return first == typed ? .nothing : .replace(typed: typed, replacement: first)
    }
    let common = commonPrefix(unique)
    // A common prefix that is part of what was typed (or all of it) would delete the user's text
    // or do nothing: show the choices instead.
    if common.isEmpty || typed.hasPrefix(common) {
      return .list(unique)
    }
    return .replace(typed: typed, replacement: common)
  }

  /// Longest common prefix, by Character so a multi-scalar character is never split.
  static func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first.map(Array.init) else { return "" }
    for word in words.dropFirst() {
      var length = 0
      for (a, b) in zip(prefix, word) {
        guard a == b else { break }
        length += 1
      }
      prefix.removeLast(prefix.count - length)
      if prefix.isEmpty { break }
    }
    return String(prefix)
  }
}

/// Lays candidates out in columns (column-major, like ls), by terminal display width.
enum CompletionList {
  /// At most this many candidates are shown; the rest are counted.
  static let maximumShown = 300

  static func format(_ candidates: [String], columns: Int, width: (String) -> Int = displayWidth) -> String {
    let shown = Array(candidates.prefix(maximumShown))
    guard !shown.isEmpty else { return "" }
    let widths = shown.map(width)
    let cell = (widths.max() ?? 0) + 2
    let perRow = max(1, (max(columns, 1) + 2) / cell)
    let rows = (shown.count + perRow - 1) / perRow
    var out = ""
    for row in 0..<rows {
      var line = ""
      var column = 0
      while true {
        let index = column * rows + row
        guard index < shown.count else { break }
        let nextIndex = (column + 1) * rows + row
        line += shown[index]
        if nextIndex < shown.count && column + 1 < perRow {
          line += String(repeating: " ", count: cell - widths[index])
        } else {
          break
        }
        column += 1
      }
      out += line + "\n"
    }
    if candidates.count > shown.count {
      out += "… \(candidates.count - shown.count) more\n"
    }
    return out
  }

  /// Terminal columns taken by `text`: wcwidth per scalar (2 for Chinese, 0 for combining marks),
  /// 1 for anything wcwidth does not know. Needs a UTF-8 LC_CTYPE (Terminal.setUpLocale()).
  static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
      let w = ceditline_wcwidth(wchar_t(bitPattern: scalar.value))
      return total + (w < 0 ? 1 : Int(w))
    }
  }
}
