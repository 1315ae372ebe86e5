/// What the parser produced: the tree (with whatever it could recover), every lexical and syntax
/// diagnostic, and whether the input merely stopped too early.
public struct ParseResult: Sendable {
  public var program: Program
  public var diagnostics: [Diagnostic]
  /// True when the first error is "the input ended": an unclosed bracket or block, or a trailing
  /// operator, `|` or `,`. The REPL then reads another line instead of reporting. Meaningful for input
  /// that ends with the line break the user typed.
  public var isIncomplete: Bool
}

/// The recursive-descent parser: one function per grammar rule of grammar/xsg.ebnf, with the rule in the
/// function's doc comment (a test compares them). Errors are reported at the token where they occur;
/// the statement is abandoned (panic mode) and parsing resumes at the next statement, so one pass
/// reports several independent errors without cascades.
public struct Parser {
  /// Deeper nesting (brackets, operators, blocks) is a clean error instead of a stack overflow.
  /// Debug builds use several kilobytes of stack per level of expression nesting; 100 levels are far
  /// beyond any script and far below the 512 KiB stack of a secondary thread.
  public static let maximumNestingDepth = 100

  /// Parses a whole script.
  public static func parse(_ source: SourceFile) -> ParseResult {
    let lexed = Lexer.tokenize(source)
    var parser = Parser(source: source, tokens: lexed.tokens)
    let statements = parser.program()
    let program = Program(
      statements: statements, comments: lexed.comments,
      range: source.range(0, source.bytes.count))
    var diagnostics = lexed.diagnostics + parser.diagnostics
    diagnostics.sort { $0.range.start.offset < $1.range.start.offset }
    let incomplete = lexed.diagnostics.isEmpty && parser.firstErrorAtEnd == true
    return ParseResult(program: program, diagnostics: diagnostics, isIncomplete: incomplete)
  }

  /// True when the input is incomplete (see `ParseResult.isIncomplete`).
  public static func isIncomplete(_ source: SourceFile) -> Bool { parse(source).isIncomplete }

  let source: SourceFile
  var tokens: [Token]
  var current = 0
  var diagnostics: [Diagnostic] = []
  var depth = 0
  /// Set by the first error: whether it was found at the end of the input.
  var firstErrorAtEnd: Bool?

  init(source: SourceFile, tokens: [Token]) {
    self.source = source
    self.tokens = tokens
  }

  /// Unwinds a statement after its error has been reported.
  struct Abandon: Error {}

  // MARK: Cursor primitives (nothing else touches `current`)

  var peek: Token { tokens[current] }
  var previous: Token { tokens[max(current - 1, 0)] }
  func peek(_ ahead: Int) -> Token { tokens[min(current + ahead, tokens.count - 1)] }
  var isAtEnd: Bool { peek.kind == .endOfInput }

  func check(_ kind: TokenKind) -> Bool { peek.kind == kind }
  func check(_ punctuation: Punctuation) -> Bool { peek.kind == .punctuation(punctuation) }
  func check(_ keyword: Keyword) -> Bool { peek.kind == .keyword(keyword) }

  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[current]
    if current < tokens.count - 1 { current += 1 }
    return token
  }

  @discardableResult
  mutating func match(_ kind: TokenKind) -> Bool {
    guard check(kind) else { return false }
    advance()
    return true
  }

  mutating func match(_ punctuation: Punctuation) -> Token? {
    check(punctuation) ? advance() : nil
  }

  mutating func match(_ keyword: Keyword) -> Token? {
    check(keyword) ? advance() : nil
  }

  /// The next token, which must be `punctuation`; otherwise "expected X CONTEXT, found Y".
  @discardableResult
  mutating func consume(_ punctuation: Punctuation, _ context: String) throws -> Token {
    if let token = match(punctuation) { return token }
    throw fail(.expectedToken, "expected '\(punctuation.rawValue)' \(context)")
  }

  /// The closing partner of `opener`; a missing one names where the opener was.
  @discardableResult
  mutating func close(_ closer: Punctuation, opener: Token, _ what: String = "") throws -> Token {
    if let token = match(closer) { return token }
    let code: DiagnosticCode = isAtEnd || check(.newline) ? .unclosedDelimiter : .expectedToken
    let message =
      "expected \(what.isEmpty ? "" : what + " or ")'\(closer.rawValue)' to close '\(opener.text)' opened at \(opener.range.start)"
    throw fail(code, message, labels: [Diagnostic.Label(opener.range, "'\(opener.text)' opened here")])
  }

  /// A name token (keywords are refused with their own message).
  mutating func consumeName(_ context: String) throws -> Identifier {
    if check(.name) {
      let token = advance()
      return Identifier(token.text, token.range)
    }
    if case .keyword(let keyword) = peek.kind {
      throw fail(
        .keywordAsName, "'\(keyword.rawValue)' is a keyword and cannot be used as a name",
        primaryLabel: "expected a name \(context)", sayFound: false)
    }
    throw fail(.expectedName, "expected a name \(context)")
  }

  // MARK: Errors

  /// Where an error at the current token is shown: at a line break or the end of input, just after the
  /// previous token, so the caret sits where something is missing.
  var errorRange: SourceRange {
    switch peek.kind {
    case .newline, .endOfInput:
      tokens[..<current].last { $0.kind != .newline }?.range.endPoint ?? peek.range
    default: peek.range
    }
  }

  /// Reports an error at the current token (saying what was found, unless the message already names it)
  /// and returns the unwinding error.
  /// An `invalid` token was already reported by the lexer, so nothing is added for it.
  mutating func fail(
    _ code: DiagnosticCode, _ message: String, primaryLabel: String? = nil, labels: [Diagnostic.Label] = [],
    notes: [String] = [], suggestion: String? = nil, sayFound: Bool = true
  ) -> Abandon {
    if peek.kind == .invalid {
      if firstErrorAtEnd == nil { firstErrorAtEnd = false }
      return Abandon()
    }
    report(
      Diagnostic(
        code, sayFound ? "\(message), found \(peek.description)" : message, at: errorRange,
        primaryLabel: primaryLabel,
        labels: labels, notes: notes, suggestion: suggestion))
    return Abandon()
  }

  /// Records a diagnostic without unwinding (the parser is not confused, e.g. a chained comparison).
  mutating func report(_ diagnostic: Diagnostic) {
    if firstErrorAtEnd == nil { firstErrorAtEnd = peek.kind == .endOfInput }
    diagnostics.append(diagnostic)
  }

  /// Counts one level of nesting; past the limit, reports once and unwinds.
  mutating func enter() throws {
    depth += 1
    if depth > Parser.maximumNestingDepth {
      depth -= 1
      report(
        Diagnostic(
          .nestingTooDeep, "nesting exceeds the limit of \(Parser.maximumNestingDepth) levels",
          at: peek.range,
          notes: [
            "each bracket, block and call counts one level, and so does each operator of a chain such as "
              + "a + b + c; split the expression with 'let' bindings or the code into functions"
          ]))
      throw Abandon()
    }
  }

  mutating func leave(_ levels: Int = 1) { depth -= levels }

  /// Skips to the start of the next statement after an error: past the next line break that is not
  /// inside a `{ … }` skipped on the way, or up to the `}` closing the current block.
  mutating func synchronize(inBlock: Bool) {
    var braces = 0
    while !isAtEnd {
      switch peek.kind {
      case .newline where braces == 0:
        advance()
        return
      case .punctuation(.leftBrace):
        braces += 1
      case .punctuation(.rightBrace):
        if braces == 0 {
          if inBlock { return }
        } else {
          braces -= 1
        }
      default:
        break
      }
      advance()
    }
  }
}
