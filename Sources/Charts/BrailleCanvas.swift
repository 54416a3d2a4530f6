/// A grid of terminal cells where lines are drawn in braille dots (2×4 dots
/// per cell) and single characters (markers) can be placed on top.
///
/// Braille patterns (U+2800–U+28FF) are East Asian Width *Neutral*: every
/// terminal draws them one column wide, even one set to "ambiguous = wide",
/// unlike the block elements (▁…█) and box-drawing characters. That is why
/// lines use braille and everything else here is ASCII.
///
/// ```swift
/// var canvas = BrailleCanvas(columns: 10, rows: 3)
/// canvas.line(from: (0, 11), to: (19, 0), color: 0)
/// canvas.place("o", column: 0, row: 2, color: 0)
/// canvas.lines(useColor: false)   // ["      ⢀⡠⠔⠊", …]
/// ```
public struct BrailleCanvas: Sendable {
  public let columns: Int
  public let rows: Int
  /// Braille dot bits per cell (0 = empty).
  private var dots: [UInt8]
  /// A character placed over a cell (markers), replacing its dots.
  private var marks: [Character?]
  /// The series colour of what was drawn last in a cell.
  private var colors: [Int?]

  public init(columns: Int, rows: Int) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    dots = Array(repeating: 0, count: self.columns * self.rows)
    marks = Array(repeating: nil, count: self.columns * self.rows)
    colors = Array(repeating: nil, count: self.columns * self.rows)
  }

  public var dotWidth: Int { columns * 2 }
  public var dotHeight: Int { rows * 4 }

  /// The bit of dot (dx, dy) within a cell, after the Unicode braille numbering
  /// (dots 1–3 and 7 down the left, 4–6 and 8 down the right).
  private static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

  /// Sets one dot; x from the left, y from the top; outside is ignored.
  public mutating func set(x: Int, y: Int, color: Int?) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let cell = (y / 4) * columns + x / 2
    dots[cell] |= Self.bits[y % 4][x % 2]
    colors[cell] = color
  }

  /// A straight line of dots (Bresenham); `dashed` leaves gaps of 2 dots every 4.
  public mutating func line(from a: (Int, Int), to b: (Int, Int), color: Int?, dashed: Bool = false) {
    var (x, y) = a
    let dx = abs(b.0 - x), dy = -abs(b.1 - y)
    let sx = x < b.0 ? 1 : -1, sy = y < b.1 ? 1 : -1
    var err = dx + dy
    var step = 0
    while true {
      if !dashed || step % 4 < 2 { set(x: x, y: y, color: color) }
      step += 1
      if x == b.0 && y == b.1 { break }
      let e2 = 2 * err
      if e2 >= dy { err += dy; x += sx }
      if e2 <= dx { err += dx; y += sy }
    }
  }

  /// Puts a one-column character in a cell (a point marker).
  public mutating func place(_ mark: Character, column: Int, row: Int, color: Int?) {
    guard column >= 0, row >= 0, column < columns, row < rows else { return }
    marks[row * columns + column] = mark
    colors[row * columns + column] = color
  }

  /// The rows as text, colouring each cell by its series when `useColor`.
  public func lines(useColor: Bool) -> [String] {
    (0..<rows).map { row in
      var text = ""
      for column in 0..<columns {
        let cell = row * columns + column
        let character: Character
        if let mark = marks[cell] {
          character = mark
        } else if dots[cell] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(dots[cell])) {
          character = Character(scalar)
        } else {
          character = " "
        }
        if useColor, character != " ", let color = colors[cell] {
          text += ANSI.colored(String(character), series: color)
        } else {
          text.append(character)
        }
      }
      return text
    }
  }
}

/// ANSI colour escapes, used only when the shell says the terminal wants them.
enum ANSI {
  /// Series colours: blue, yellow, green, magenta, cyan, red, bright blue, bright yellow.
  static let seriesCodes = [34, 33, 32, 35, 36, 31, 94, 93]
  static let targetCode = 31
  static let dimCode = 2

  static func colored(_ text: String, series: Int) -> String {
    colored(text, code: seriesCodes[((series % seriesCodes.count) + seriesCodes.count) % seriesCodes.count])
  }

  static func colored(_ text: String, code: Int) -> String { "\u{1B}[\(code)m\(text)\u{1B}[0m" }
}
