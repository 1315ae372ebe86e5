import Foundation

/// `NAME=VALUE` on the command line: replaces the value of a top-level `let NAME = …`. The value is read
/// as a literal (number, true/false, "string", [list]); a bare word is a string. Its kind must match the
/// kind of the value the script gives, and an unknown name is an error with a suggestion.
public struct Override: Sendable {
  public let name: String
  /// As typed.
  public let text: String
  public let value: Value

  /// Parses `NAME=VALUE`.
  public init(argument: String) throws(OverrideError) {
    guard let equals = argument.firstIndex(of: "=") else { throw .malformed(argument) }
    let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
    guard let first = name.first, first.isLetter || first == "_",
      name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
    else { throw .malformed(argument) }
    self.name = name
    self.text = String(argument[argument.index(after: equals)...])
    guard let value = Override.literal(text) else {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if let x = Override.number(trimmed), !x.isFinite { throw .notFinite(name: name, text: trimmed) }
      throw .badValue(name: name, text: text)
    }
    self.value = value
  }

  public var json: JSON {
    switch value {
    case .number(let x): .number(x)
    case .bool(let b): .bool(b)
    case .string(let s): .string(s)
    default: .string(text)
    }
  }

  /// A literal value, or nil when `text` is not one.
  static func literal(_ raw: String) -> Value? {
    let text = raw.trimmingCharacters(in: .whitespaces)
    if text == "true" { return .bool(true) }
    if text == "false" { return .bool(false) }
    // Double("1e999") is infinity, which no script literal can be either: not a value.
    if let x = number(text) { return x.isFinite ? .number(x) : nil }
    // One string: `"a", "b"` is two strings, not the string `a", "b`.
    if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2,
      !text.dropFirst().dropLast().contains("\"")
    {
      return .string(String(text.dropFirst().dropLast()))
    }
    if text.hasPrefix("[") {
      guard text.hasSuffix("]") else { return nil }
      let inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
      if inner.isEmpty { return .list([]) }
      var items: [Value] = []
      var parts = topLevelItems(inner)
      // A trailing comma is fine, as in a script's list.
      if parts.count > 1, parts.last?.trimmingCharacters(in: .whitespaces).isEmpty == true {
        parts.removeLast()
      }
      for part in parts {
        guard let item = literal(String(part)), !part.trimmingCharacters(in: .whitespaces).isEmpty else {
          return nil
        }
        items.append(item)
      }
      return .list(items)
    }
    if text.isEmpty || text.contains(where: { "[]\",".contains($0) }) { return nil }
    return .string(text)
  }

  /// The items of a list's inside, split at the commas that are neither in a string nor in a nested
  /// list: `"a,b", [1, 2]` is two items, not four.
  static func topLevelItems(_ inner: String) -> [Substring] {
    var items: [Substring] = []
    var start = inner.startIndex
    var depth = 0
    var quoted = false
    for index in inner.indices {
      switch inner[index] {
      case "\"": quoted.toggle()
      case "[" where !quoted: depth += 1
      case "]" where !quoted: depth -= 1
      case "," where !quoted && depth == 0:
        items.append(inner[start..<index])
        start = inner.index(after: index)
      default: break
      }
    }
    items.append(inner[start...])
    return items
  }

  /// `100`, `100_000`, `0.05`, `1e-3`, `-2`.
  static func number(_ text: String) -> Double? {
    let digits = text.replacingOccurrences(of: "_", with: "")
    guard let first = digits.first, first.isNumber || first == "-" || first == "." || first == "+" else {
      return nil
    }
    guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
    return Double(digits)
  }
}

public enum OverrideError: Error, Equatable, CustomStringConvertible {
  case malformed(String)
  case badValue(name: String, text: String)
  /// `d=1e400`, `lr=nan`: numbers in scripts are finite.
  case notFinite(name: String, text: String)

  public var description: String {
    switch self {
    case .malformed(let argument):
      "'\(argument)' is not an override; write NAME=VALUE, e.g. d=200 or lam=0.25"
    case .badValue(let name, let text):
      "the value '\(text)' for \(name) is not a number, true/false, a \"string\" or a [list]"
    case .notFinite(let name, let text):
      "the value '\(text)' for \(name) is not a finite number; numbers are finite (at most about 1.8e308)"
    }
  }
}
