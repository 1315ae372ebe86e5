/// A JSON value with ordered keys, so files come out in a stable, readable order and numbers print with
/// Swift's shortest round-trip representation (what `probes.csv` uses too).
public indirect enum JSON: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case int(Int)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.text == rhs.text }

  /// Compact one-line text (for `.jsonl`).
  public var text: String {
    var out = ""
    write(to: &out, indent: nil, level: 0)
    return out
  }

  /// Indented text with a final newline (for `.json` files).
  public var pretty: String {
    var out = ""
    write(to: &out, indent: "  ", level: 0)
    return out + "\n"
  }

  private func write(to out: inout String, indent: String?, level: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .number(let x): out += x.isFinite ? NumberText.roundTrip(x) : "null"
    case .string(let s): out += JSON.quote(s)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
        item.write(to: &out, indent: indent, level: level + 1)
      }
      if let indent { out += "\n" + String(repeating: indent, count: level) }
      out += "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," }
        if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
        out += JSON.quote(key) + (indent == nil ? ":" : ": ")
        value.write(to: &out, indent: indent, level: level + 1)
      }
      if let indent { out += "\n" + String(repeating: indent, count: level) }
      out += "}"
    }
  }

  /// `s` as a JSON string literal.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// How numbers are written to files: the shortest text that reads back to the same Double.
public enum NumberText {
  /// `1.0` prints as `1`, `0.1` as `0.1`, `1e-07` as `1e-07`; integers stay integers.
  public static func roundTrip(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return "\(x)"
  }
}
