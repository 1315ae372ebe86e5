/// Reserved words: they can never be names. The grammar test checks this table against grammar/xsg.ebnf.
public enum Keyword: String, CaseIterable, Hashable, Sendable {
  case `let`, data, net, opt, probe, seed, print
  case `if`, `else`, `for`, `in`, fn, `return`
  case `true`, `false`, and, or, not
}

/// Words that mean something only in one place and are ordinary names everywhere else, so
/// `data train = …` and `let steps = 500` stay legal.
public enum ContextualWord: String, CaseIterable, Hashable, Sendable {
  /// `train NET on DATA with OPT for EXPR steps`
  case train, on, with, steps
  /// `probe every EXPR { … }`
  case every
}

/// Operators and punctuation, spelt as in the source.
public enum Punctuation: String, CaseIterable, Hashable, Sendable {
  case leftParen = "("
  case rightParen = ")"
  case leftBracket = "["
  case rightBracket = "]"
  case leftBrace = "{"
  case rightBrace = "}"
  case comma = ","
  case colon = ":"
  case dot = "."
  case dotDot = ".."
  case dotDotLess = "..<"
  case equal = "="
  case equalEqual = "=="
  case bangEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case plus = "+"
  case minus = "-"
  case star = "*"
  case slash = "/"
  case percent = "%"
  case caret = "^"
  case pipe = "|"
}

public enum TokenKind: Hashable, Sendable {
  case name
  case number
  case string
  case keyword(Keyword)
  case punctuation(Punctuation)
  /// The end of a statement (see the newline rule in grammar/README.md).
  case newline
  case endOfInput
  /// Bytes the lexer could not read; it has already reported them.
  case invalid
}

/// One token: its kind, where it is, its exact source text and, for literals, its value.
public struct Token: Hashable, Sendable {
  public var kind: TokenKind
  public var range: SourceRange
  /// The source text (for a string literal, with its quotes and escapes as written).
  public var text: String
  /// The decoded value of a string literal; the numeric value of a number literal is `number`.
  public var stringValue: String?
  public var number: Double?

  public init(
    kind: TokenKind, range: SourceRange, text: String, stringValue: String? = nil, number: Double? = nil
  ) {
    self.kind = kind
    self.range = range
    self.text = text
    self.stringValue = stringValue
    self.number = number
  }

  /// True for a name token spelling the given contextual word.
  func isWord(_ word: ContextualWord) -> Bool { kind == .name && text == word.rawValue }

  /// How a token is named in messages: `')'`, `'let'`, `name 'foo'`, `end of line`, `end of input`.
  public var description: String {
    switch kind {
    case .name: "name '\(text)'"
    case .number: "number \(text)"
    case .string: "string \(text.count > 24 ? String(text.prefix(20)) + "…\"" : text)"
    case .keyword(let keyword): "'\(keyword.rawValue)'"
    case .punctuation(let punctuation): "'\(punctuation.rawValue)'"
    case .newline: "end of line"
    case .endOfInput: "end of input"
    case .invalid: "'\(text)'"
    }
  }
}

/// A `#` comment, kept beside the tokens so the formatter can put it back.
public struct LineComment: Hashable, Sendable {
  /// From `#` to the end of the line, without the line break.
  public var text: String
  public var range: SourceRange

  public init(text: String, range: SourceRange) {
    self.text = text
    self.range = range
  }
}
