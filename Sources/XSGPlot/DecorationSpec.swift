/// Parses the short text forms of decorations used on the command line (`xsg plot --hline …`):
/// a value part, then optionally `=LABEL`. Numbers are plain and finite (`2.197`, `-0.5`, `1e-3`): `nan` and
/// `inf` place nothing on a figure (and would write `nan` coordinates into a PGFPlots file), so they are
/// malformed like any other word.
public enum DecorationSpec {
  /// `VALUE[=LABEL]`: a constant reference line.
  public static func constant(_ spec: String) -> Reference? {
    let (value, label) = split(spec)
    return number(value).map { Reference.constant($0, label: label) }
  }

  /// `C,R[=LABEL]`: the exponential reference c·e^{r·x}.
  public static func exponential(_ spec: String) -> Reference? {
    let (value, label) = split(spec)
    let parts = value.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, let c = number(parts[0]), let r = number(parts[1]) else { return nil }
    return .exponential(coefficient: c, rate: r, label: label)
  }

  /// `STEP[=LABEL]`: a vertical marker.
  public static func marker(_ spec: String) -> Marker? {
    let (value, label) = split(spec)
    return number(value).map { Marker(x: $0, label: label) }
  }

  /// `FROM:TO[=LABEL]`: a shaded window of steps.
  public static func window(_ spec: String) -> Window? {
    let (value, label) = split(spec)
    let parts = value.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, let a = number(parts[0]), let b = number(parts[1]), a <= b else { return nil }
    return Window(from: a, to: b, label: label)
  }

  /// A finite number, or nil.
  private static func number<S: StringProtocol>(_ text: S) -> Double? {
    guard let value = Double(String(text)), value.isFinite else { return nil }
    return value
  }

  /// The text before the first `=` (trimmed) and the label after it, if any and not empty.
  private static func split(_ spec: String) -> (String, String?) {
    guard let eq = spec.firstIndex(of: "=") else { return (spec.trimmingSpaces, nil) }
    let label = String(spec[spec.index(after: eq)...])
    return (String(spec[..<eq]).trimmingSpaces, label.isEmpty ? nil : label)
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
