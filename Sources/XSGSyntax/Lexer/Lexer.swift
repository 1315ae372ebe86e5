/// The hand-written lexer: bytes in, tokens, comments and lexical diagnostics out.
///
/// It applies the newline rule (grammar/README.md) so the parser sees `newline` tokens only where a
/// statement can end: a line break is dropped inside `(…)` and `[…]`, after a token that cannot end a
/// statement (an operator, `,`, `(`, `{`, `=`, …), before a line whose first token is `|`, and when
/// it would repeat a newline.
public struct Lexer {
  public struct Output: Sendable {
    public var tokens: [Token]
    public var comments: [LineComment]
    public var diagnostics: [Diagnostic]
  }

  /// Punctuation sorted longest first, so `..<` wins over `..` and `.`.
  static let punctuationBySpelling: [(Punctuation, [UInt8])] = Punctuation.allCases.map {
    ($0, Array($0.rawValue.utf8))
  }.sorted { $0.1.count > $1.1.count }

  private let source: SourceFile
  private let bytes: [UInt8]
  private var cursor: SourceFile.Cursor
  private var position = 0
  private var tokens: [Token] = []
  private var comments: [LineComment] = []
  private var diagnostics: [Diagnostic] = []
  /// Open brackets: `(`, `[` and `{`; newlines are ignored while the innermost is `(` or `[`.
  private var brackets: [Punctuation] = []

  public static func tokenize(_ source: SourceFile) -> Output {
    var lexer = Lexer(source: source)
    lexer.run()
    return Output(tokens: lexer.tokens, comments: lexer.comments, diagnostics: lexer.diagnostics)
  }

  private init(source: SourceFile) {
    self.source = source
    self.bytes = source.bytes
    self.cursor = SourceFile.Cursor(source)
  }

  private mutating func run() {
    while position < bytes.count {
      let start = position
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        position += 1
      case UInt8(ascii: "\n"):
        position += 1
        newline(at: start)
      case UInt8(ascii: "#"):
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        var end = position
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        comments.append(LineComment(text: text(start, end), range: cursor.range(start, end)))
      case UInt8(ascii: "\""):
        string()
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        number()
      default:
        if let (scalar, length) = scalar(at: position) {
          if Lexer.isNameStart(scalar) {
            name()
          } else if !punctuation() {
            position += length
            unexpected(scalar, start)
          }
        } else {
          position += 1
          while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
          let range = cursor.range(start, position)
          diagnostics.append(Diagnostic(.invalidUTF8, "this byte sequence is not valid UTF-8", at: range))
          add(.invalid, start, text: "\u{FFFD}")
        }
      }
    }
    let end = source.endRange
    tokens.append(Token(kind: .endOfInput, range: end, text: ""))
  }

  // MARK: Newline rule

  /// Tokens after which a line break never ends a statement.
  static let continuesLine: Set<TokenKind> = {
    var kinds: Set<TokenKind> = [
      .keyword(.and), .keyword(.or), .keyword(.not), .keyword(.in), .keyword(.else),
    ]
    kinds.insert(.keyword(.if))
    kinds.insert(.keyword(.for))
    for punctuation in Punctuation.allCases
    where ![.rightParen, .rightBracket, .rightBrace].contains(punctuation) {
      kinds.insert(.punctuation(punctuation))
    }
    return kinds
  }()

  private mutating func newline(at offset: Int) {
    guard let last = tokens.last, last.kind != .newline else { return }
    if nextLineStartsStatement() {
      // A statement keyword never continues an expression: the line before is complete or broken. A
      // `(` or `[` still open was left open; forget it, so the parser reports the missing closer here
      // and the following statements parse normally.
      while let innermost = brackets.last, innermost != .leftBrace { brackets.removeLast() }
    } else {
      if let innermost = brackets.last, innermost != .leftBrace { return }
      if Lexer.continuesLine.contains(last.kind) { return }
      if nextLineStartsWithPipe() { return }
    }
    add(.newline, offset, end: offset + 1, text: "\n")
  }

  /// Keywords that start a statement and can never appear inside an expression.
  static let statementKeywords: Set<String> = [
    "let", "data", "net", "opt", "probe", "seed", "print", "fn", "return",
  ]

  /// True when the next line starts with a keyword from `statementKeywords`.
  private func nextLineStartsStatement() -> Bool {
    var index = position
    while index < bytes.count,
      [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[index])
    {
      index += 1
    }
    var end = index
    while end < bytes.count, bytes[end] >= UInt8(ascii: "a"), bytes[end] <= UInt8(ascii: "z") { end += 1 }
    guard end > index, Lexer.statementKeywords.contains(text(index, end)) else { return false }
    if end < bytes.count, let (scalar, _) = scalar(at: end), Lexer.isNameContinue(scalar) { return false }
    return true
  }

  /// True when the next token after blank lines and comments is `|` (a pipeline continued on the next line).
  private func nextLineStartsWithPipe() -> Bool {
    var index = position
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
        index += 1
      case UInt8(ascii: "#"):
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
      case UInt8(ascii: "|"):
        return true
      default:
        return false
      }
    }
    return false
  }

  // MARK: Tokens

  private mutating func add(
    _ kind: TokenKind, _ start: Int, end: Int? = nil, text: String? = nil, string: String? = nil,
    number: Double? = nil
  ) {
    let end = end ?? position
    tokens.append(
      Token(
        kind: kind, range: cursor.range(start, end), text: text ?? self.text(start, end),
        stringValue: string, number: number))
  }

  private func text(_ start: Int, _ end: Int) -> String {
    String(decoding: bytes[start..<end], as: UTF8.self)
  }

  private mutating func name() {
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte < 0x80 {
        // ASCII fast path: letters, digits and `_`.
        guard
          (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || isDigit(byte)
            || byte == UInt8(ascii: "_")
        else { break }
        position += 1
      } else if let (scalar, length) = scalar(at: position), Lexer.isNameContinue(scalar) {
        position += length
      } else {
        break
      }
    }
    let spelling = text(start, position)
    if let keyword = Keyword(rawValue: spelling) {
      add(.keyword(keyword), start)
    } else {
      add(.name, start)
    }
  }

  static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "_" || (scalar.isASCII ? scalar.properties.isAlphabetic : scalar.properties.isXIDStart)
  }

  static func isNameContinue(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "_"
      || (scalar.isASCII
        ? scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        : scalar.properties.isXIDContinue)
  }

  /// NUMBER: digits with single `_` between digits, an optional fraction and exponent.
  private mutating func number() {
    let start = position
    var malformed = false
    func digits() {
      while position < bytes.count {
        let byte = bytes[position]
        if isDigit(byte) {
          position += 1
        } else if byte == UInt8(ascii: "_") {
          if !(position + 1 < bytes.count && isDigit(bytes[position + 1])) || !isDigit(bytes[position - 1]) {
            malformed = true
          }
          position += 1
        } else {
          return
        }
      }
    }
    digits()
    if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), isDigit(bytes[position + 1]) {
      position += 1
      digits()
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      var look = position + 1
      if look < bytes.count, bytes[look] == UInt8(ascii: "+") || bytes[look] == UInt8(ascii: "-") {
        look += 1
      }
      if look < bytes.count, isDigit(bytes[look]) {
        position = look
        digits()
      } else if look >= bytes.count || !(scalar(at: look).map { Lexer.isNameContinue($0.0) } ?? false) {
        position = look
        malformed = true
      }
    }
    let spelling = text(start, position)
    let value = Double(spelling.replacingUnderscores())
    if malformed || value == nil {
      diagnostics.append(
        Diagnostic(
          .malformedNumber, "malformed number '\(spelling)'", at: cursor.range(start, position),
          notes: ["numbers look like 10, 0.05, 1e-3 or 100_000 ('_' only between digits)"]))
    } else if let value, !value.isFinite {
      // Double("1e999") is infinity: refuse it rather than compute with it silently.
      diagnostics.append(
        Diagnostic(
          .malformedNumber, "number '\(spelling)' is too large", at: cursor.range(start, position),
          notes: ["the largest number is about 1.8e308"]))
    }
    add(.number, start, number: value.flatMap { $0.isFinite ? $0 : nil } ?? 0)
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  /// STRING: `"` … `"` on one line, with the escapes `\n \t \" \\`.
  private mutating func string() {
    let start = position
    position += 1
    var value = ""
    var segment = position
    while true {
      guard position < bytes.count, bytes[position] != UInt8(ascii: "\n") else {
        value += text(segment, position)
        diagnostics.append(
          Diagnostic(
            .unterminatedString, "unterminated string", at: cursor.range(start, position),
            primaryLabel: "this string needs a closing '\"' on the same line"))
        add(.string, start, string: value)
        return
      }
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        value += text(segment, position)
        position += 1
        add(.string, start, string: value)
        return
      }
      if byte == UInt8(ascii: "\\") {
        value += text(segment, position)
        let escapeStart = position
        position += 1
        let next = position < bytes.count ? bytes[position] : 0
        switch next {
        case UInt8(ascii: "n"): value += "\n"
        case UInt8(ascii: "t"): value += "\t"
        case UInt8(ascii: "\""): value += "\""
        case UInt8(ascii: "\\"): value += "\\"
        default:
          let length = next == 0 || next == UInt8(ascii: "\n") ? 0 : scalar(at: position)?.1 ?? 1
          position += length
          diagnostics.append(
            Diagnostic(
              .invalidEscape, "invalid escape sequence '\(text(escapeStart, position))' in a string",
              at: cursor.range(escapeStart, position),
              notes: ["the escapes are \\n, \\t, \\\" and \\\\"]))
          segment = position
          continue
        }
        position += 1
        segment = position
        continue
      }
      if byte >= 0x80 {
        // Checked here too: `xsg fmt -w` would otherwise replace the bytes with U+FFFD silently.
        if let (_, length) = scalar(at: position) {
          position += length
        } else {
          value += text(segment, position)
          let bad = position
          position += 1
          while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
          diagnostics.append(
            Diagnostic(.invalidUTF8, "this byte sequence is not valid UTF-8", at: cursor.range(bad, position))
          )
          segment = position
        }
        continue
      }
      position += 1
    }
  }

  /// Punctuation by longest match; false when none matches.
  private mutating func punctuation() -> Bool {
    let start = position
    for (candidate, spelling) in Lexer.punctuationBySpelling {
      guard bytes[position] == spelling[0], position + spelling.count <= bytes.count,
        bytes[position..<position + spelling.count].elementsEqual(spelling)
      else { continue }
      position += spelling.count
      track(candidate)
      add(.punctuation(candidate), start)
      return true
    }
    return false
  }

  private mutating func track(_ punctuation: Punctuation) {
    switch punctuation {
    case .leftParen, .leftBracket, .leftBrace:
      brackets.append(punctuation)
    case .rightParen, .rightBracket, .rightBrace:
      let opener: Punctuation =
        punctuation == .rightParen ? .leftParen : punctuation == .rightBracket ? .leftBracket : .leftBrace
      if let index = brackets.lastIndex(of: opener) { brackets.removeSubrange(index...) }
    default:
      break
    }
  }

  /// Characters that text copied from a paper or a word processor puts where xsg expects ASCII.
  private static let lookalikes: [Unicode.Scalar: String] = [
    "\u{2018}": "\"", "\u{2019}": "\"", "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"",
    "\u{2212}": "-", "\u{2010}": "-", "\u{2013}": "-", "\u{2014}": "-",
    "\u{00D7}": "*", "\u{00B7}": "*", "\u{22C5}": "*", "\u{2217}": "*", "\u{00F7}": "/",
    "\u{2264}": "<=", "\u{2265}": ">=", "\u{2260}": "!=", "\u{2026}": "..",
  ]

  private mutating func unexpected(_ scalar: Unicode.Scalar, _ start: Int) {
    var hint = Lexer.lookalikes[scalar]
    var end = position
    switch scalar {
    case "!": hint = "not"
    case "&":
      hint = "and"
      if end < bytes.count, bytes[end] == UInt8(ascii: "&") { end += 1 }
    case "'": hint = "\""
    default: break
    }
    position = end
    // An invisible character is named by its code point: quoting it would show nothing.
    let category = scalar.properties.generalCategory
    let invisible = [.control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator].contains(
      category)
    let hex = String(scalar.value, radix: 16, uppercase: true)
    let codePoint = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    let spelling =
      invisible
      ? codePoint + (scalar.properties.name.map { " (\($0.lowercased()))" } ?? "")
      : "'\(text(start, end))'"
    var diagnostic = Diagnostic(
      .unexpectedCharacter, "unexpected character \(spelling)", at: cursor.range(start, end),
      suggestion: hint)
    if scalar == ";" {
      diagnostic = diagnostic.noting("statements end at the end of a line; no ';' is needed")
    }
    if hint == "\"" { diagnostic = diagnostic.noting("strings are written in straight double quotes: \"…\"") }
    if category == .spaceSeparator {
      diagnostic = diagnostic.noting("it looks like a space but is not one; type a plain space instead")
    } else if invisible {
      diagnostic = diagnostic.noting("it is invisible in most editors; delete it")
    }
    diagnostics.append(diagnostic)
    add(.invalid, start)
  }

  /// The Unicode scalar starting at `offset` and its length in bytes, or nil for invalid UTF-8.
  private func scalar(at offset: Int) -> (Unicode.Scalar, Int)? {
    let first = bytes[offset]
    if first < 0x80 { return (Unicode.Scalar(first), 1) }
    let length: Int
    var value: UInt32
    switch first {
    case 0xC2...0xDF: (length, value) = (2, UInt32(first & 0x1F))
    case 0xE0...0xEF: (length, value) = (3, UInt32(first & 0x0F))
    case 0xF0...0xF4: (length, value) = (4, UInt32(first & 0x07))
    default: return nil
    }
    guard offset + length <= bytes.count else { return nil }
    for index in offset + 1..<offset + length {
      guard bytes[index] & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(bytes[index] & 0x3F)
    }
    let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
    guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
