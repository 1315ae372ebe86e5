/// Terminal cell widths, so a caret lines up under the right character: tabs are expanded to the next
/// multiple of `tabWidth`, East Asian wide characters and most emoji take two cells, combining marks none.
enum DisplayWidth {
  static let tabWidth = 4

  /// Cells taken by one scalar (tabs are handled by `expand`).
  static func cells(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    return isWide(value) ? 2 : 1
  }

  private static func isWide(_ v: UInt32) -> Bool {
    (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
      || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
      || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
      || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
  }

  /// A line with its tabs expanded, plus the display cell at which each scalar column (1-based) starts;
  /// `starts[count]` is the cell just after the last character.
  static func expand(_ line: String) -> (text: String, starts: [Int]) {
    var text = ""
    var starts: [Int] = []
    var cell = 0
    for scalar in line.unicodeScalars {
      starts.append(cell)
      if scalar == "\t" {
        let next = (cell / tabWidth + 1) * tabWidth
        text += String(repeating: " ", count: next - cell)
        cell = next
      } else {
        text.unicodeScalars.append(scalar)
        cell += cells(scalar)
      }
    }
    starts.append(cell)
    return (text, starts)
  }
}
