/// A minimal SVG text builder: escaped text, attributes in a fixed order, coordinates rounded to 0.01 pt
/// (enough for print, and it keeps files small and byte-for-byte reproducible).
struct SVGWriter {
  private(set) var text = ""

  /// `v` rounded to two decimals, without trailing zeros: 12.5, 3, −0.25 (ASCII minus, as SVG wants).
  static func number(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    // Far-off coordinates (clipped anyway) are capped so the integer conversion cannot overflow.
    let hundredths = Int((min(max(v, -1e9), 1e9) * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = abs(hundredths)
    let whole = magnitude / 100
    let fraction = magnitude % 100
    if fraction == 0 { return sign + String(whole) }
    if fraction % 10 == 0 { return sign + "\(whole).\(fraction / 10)" }
    return sign + "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  /// Text escaped for use in element content and in double-quoted attributes.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        // Control characters are not allowed in XML 1.0 at all.
        if let ascii = c.asciiValue, ascii < 0x20, c != "\t", c != "\n" { out += " " } else { out.append(c) }
      }
    }
    return out
  }

  enum Value {
    case text(String)
    case number(Double)
  }

  private func attributes(_ pairs: [(String, Value?)]) -> String {
    var out = ""
    for (name, value) in pairs {
      switch value {
      case .none: continue
      case .text(let s): out += " \(name)=\"\(SVGWriter.escape(s))\""
      case .number(let v): out += " \(name)=\"\(SVGWriter.number(v))\""
      }
    }
    return out
  }

  mutating func raw(_ s: String) { text += s }

  mutating func open(_ name: String, _ pairs: [(String, Value?)] = []) {
    text += "<\(name)\(attributes(pairs))>\n"
  }

  mutating func close(_ name: String) { text += "</\(name)>\n" }

  mutating func element(_ name: String, _ pairs: [(String, Value?)]) {
    text += "<\(name)\(attributes(pairs))/>\n"
  }

  mutating func element(_ name: String, _ pairs: [(String, Value?)], content: String) {
    text += "<\(name)\(attributes(pairs))>\(SVGWriter.escape(content))</\(name)>\n"
  }
}
