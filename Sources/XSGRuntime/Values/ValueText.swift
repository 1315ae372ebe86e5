import Foundation

/// How values read: `print` and the REPL show numbers with 6 significant digits; files keep full precision
/// (`NumberText.roundTrip`).
public enum ValueText {
  /// The text `print` writes: strings bare, everything else as `show`.
  public static func printed(_ value: Value) -> String {
    if case .string(let s) = value { return s }
    return show(value)
  }

  /// A readable one-line rendering of any value.
  public static func show(_ value: Value) -> String {
    switch value {
    case .none: return "none"
    case .number(let x): return number(x)
    case .string(let s): return JSON.quote(s)
    case .bool(let b): return b ? "true" : "false"
    case .list(let items): return "[" + items.map(show).joined(separator: ", ") + "]"
    case .range(let r): return "\(r.lower)\(r.inclusive ? ".." : "..<")\(r.upper)"
    case .symbol(let name): return name
    case .function(let f): return "fn \(f.name)"
    case .builtin(let b): return "builtin \(b.name)"
    case .vector(let v): return vector(v)
    case .matrix(let m): return "matrix \(m.rows)×\(m.columns)"
    case .data(let d): return d.summary
    case .dataStage(let stage): return stage.summary
    case .net(let n): return n.summary
    case .opt(let o): return o.summary
    case .option(let option): return option.summary
    case .run(let r): return r.summary
    case .series(let s): return s.summary
    case .record(let r): return "(" + r.fields.map { "\($0.0): \(show($0.1))" }.joined(separator: ", ") + ")"
    }
  }

  /// A value with its kind, for error messages: `number 3`, `string "a"`. The summaries of networks,
  /// runs, series, data… already start with their kind (`network relu2(…)`), and `none` is its own kind:
  /// those are not prefixed again ("got none none", "got network network relu2(…)").
  static func described(_ value: Value) -> String {
    let text = show(value)
    let kind = value.kind
    let named = [kind, "test " + kind].contains {
      text == $0 || text.hasPrefix($0 + " ") || text.hasPrefix($0 + ":")
    }
    return named ? text : kind + " " + text
  }

  /// 6 significant digits, integers without a fraction.
  public static func number(_ x: Double) -> String { number(x, digits: 6) }

  /// `digits` significant digits (`fmt`), integers without a fraction, exponents as a script writes them.
  static func number(_ x: Double, digits: Int) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    var text = String(format: "%.\(digits)g", x)
    if text.contains("e") {
      // "1.5e-05" → "1.5e-5": the form a script would write.
      let parts = text.split(separator: "e", maxSplits: 1)
      var exponent = String(parts[1])
      let negative = exponent.hasPrefix("-")
      exponent = String(exponent.drop(while: { $0 == "-" || $0 == "+" || $0 == "0" }))
      text = parts[0] + "e" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
    }
    return text
  }

  static func vector(_ v: [Double]) -> String {
    let shown = v.prefix(8).map(number).joined(separator: ", ")
    return "[" + shown + (v.count > 8 ? ", … (\(v.count) values)" : "") + "]"
  }

  /// Source text for a default value, as docs show it.
  static func source(_ value: Value) -> String {
    switch value {
    case .number(let x): NumberText.roundTrip(x)
    default: show(value)
    }
  }
}
