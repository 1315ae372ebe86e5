/// The coarse tokens completion needs from the text before the cursor. This is not the language's lexer:
/// it must cope with any half-typed prefix, and only needs names, brackets, dots, commas and colons, and
/// whether the cursor sits inside a string or a comment.
enum CompletionToken: Equatable {
  case name(String)
  case number
  /// A string literal; an unclosed one can only be the last token.
  case string(isClosed: Bool)
  /// A comment that runs up to the cursor (comments ended by a newline are dropped).
  case openComment
  case symbol(Character)

  static func scan(_ text: String) -> [CompletionToken] {
    var tokens: [CompletionToken] = []
    var rest = Substring(text)
    while let first = rest.first {
      if first.isWhitespace {
        rest = rest.drop(while: \.isWhitespace)
      } else if first == "#" {
        guard let newline = rest.firstIndex(where: \.isNewline) else { return tokens + [.openComment] }
        rest = rest[newline...]
      } else if first == "\"" {
        let (closed, after) = scanString(rest.dropFirst())
        tokens.append(.string(isClosed: closed))
        rest = after
      } else if first.isNumber {
        rest = scanNumber(rest)
        tokens.append(.number)
      } else if first.isNameCharacter {
        let name = rest.prefix(while: \.isNameCharacter)
        tokens.append(.name(String(name)))
        rest = rest.dropFirst(name.count)
      } else {
        tokens.append(.symbol(first))
        rest = rest.dropFirst()
      }
    }
    return tokens
  }

  /// Skips a string body after its opening quote; reports whether the closing quote was found.
  private static func scanString(_ text: Substring) -> (closed: Bool, rest: Substring) {
    var index = text.startIndex
    while index < text.endIndex {
      switch text[index] {
      case "\\": index = text.index(after: index)
      case "\"": return (true, text[text.index(after: index)...])
      default: break
      }
      if index < text.endIndex { index = text.index(after: index) }
    }
    return (false, text[text.endIndex...])
  }

  /// Skips a number such as `100_000`, `0.05` or `1e-3`, but not the `..` of a range `1..5`.
  private static func scanNumber(_ text: Substring) -> Substring {
    var rest = text.drop { $0.isNumber || $0 == "_" }
    if rest.first == ".", let next = rest.dropFirst().first, next.isNumber {
      rest = rest.dropFirst().drop { $0.isNumber || $0 == "_" }
    }
    if let e = rest.first, e == "e" || e == "E" {
      var exponent = rest.dropFirst()
      if let sign = exponent.first, sign == "+" || sign == "-" { exponent = exponent.dropFirst() }
      if exponent.first?.isNumber == true { rest = exponent.drop(while: \.isNumber) }
    }
    return rest
  }
}

extension Character {
  /// Letters (any script, so `λ` works), digits and `_`: the characters of a name after its first.
  var isNameCharacter: Bool { isLetter || isNumber || self == "_" }
}
