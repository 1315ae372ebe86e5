/// A character grid where each cell holds a 2×4 block of braille dots, so a terminal plot has twice the
/// horizontal and four times the vertical resolution of its characters. Each cell remembers which style
/// drew into it last, for optional colour.
struct BrailleCanvas {
  let columns: Int
  let rows: Int
  private var bits: [UInt8]
  private(set) var styles: [Int?]

  /// Dot bits of a braille cell, indexed `[dot column][dot row]` (Unicode's dot numbering 1–8).
  private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

  init(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
    bits = Array(repeating: 0, count: columns * rows)
    styles = Array(repeating: nil, count: columns * rows)
  }

  /// A dot coordinate rounded to an integer, clamped far outside any grid so that overflowing values
  /// (a reference curve at 10³⁰⁰, an infinite domain) are simply off the canvas instead of a trap.
  static func dot(_ v: Double) -> Int {
    guard v.isFinite else { return -1_000_000 }
    return Int(min(max(v, -1_000_000), 1_000_000).rounded())
  }

  var dotWidth: Int { columns * 2 }
  var dotHeight: Int { rows * 4 }

  /// Sets the dot at (`x`, `y`) in dot coordinates (origin top-left); dots outside the grid are ignored.
  mutating func set(_ x: Int, _ y: Int, style: Int) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let cell = (y / 4) * columns + x / 2
    bits[cell] |= BrailleCanvas.dotBits[x % 2][y % 4]
    styles[cell] = style
  }

  /// A straight line of dots from one point to another (both in dot coordinates, possibly off the grid).
  mutating func line(from a: (Double, Double), to b: (Double, Double), style: Int) {
    let dx = b.0 - a.0
    let dy = b.1 - a.1
    let limit = Double(4 * (dotWidth + dotHeight))
    guard dx.isFinite, dy.isFinite else { return }
    let steps = min(max(abs(dx), abs(dy)).rounded(.up), limit)
    if steps < 1 {
      set(BrailleCanvas.dot(a.0), BrailleCanvas.dot(a.1), style: style)
      return
    }
    for i in 0...Int(steps) {
      let t = Double(i) / steps
      set(BrailleCanvas.dot((a.0 + t * dx)), BrailleCanvas.dot((a.1 + t * dy)), style: style)
    }
  }

  /// Whether any dot of the cell is set.
  func isSet(column: Int, row: Int) -> Bool { bits[row * columns + column] != 0 }

  /// The braille character of a cell (U+2800 is the empty pattern, shown as a space).
  func character(column: Int, row: Int) -> Character {
    let b = bits[row * columns + column]
    if b == 0 { return " " }
    return Character(Unicode.Scalar(0x2800 + UInt32(b))!)
  }

  func style(column: Int, row: Int) -> Int? { styles[row * columns + column] }
}
