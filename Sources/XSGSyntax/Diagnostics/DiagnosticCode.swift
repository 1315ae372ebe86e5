/// A stable diagnostic code such as `E0101`, documented in docs/diagnostics.md.
///
/// Codes are grouped by the layer that reports them: E00xx lexical, E01xx syntax, E02xx static checks
/// and W02xx static warnings (this module); E05xx and up are reserved for the runtime, which declares its own codes in an
/// extension (`extension DiagnosticCode { static let typeMismatch = DiagnosticCode("E0501") }`).
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public var rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }
}

// MARK: - Lexical errors (E00xx)

extension DiagnosticCode {
  /// A character that starts no token, such as `@` or `!`.
  public static let unexpectedCharacter = DiagnosticCode("E0001")
  /// A string literal without its closing quote on the same line.
  public static let unterminatedString = DiagnosticCode("E0002")
  /// A backslash escape other than `\n \t \" \\`.
  public static let invalidEscape = DiagnosticCode("E0003")
  /// A number such as `1e`, `1_` or `1__000`.
  public static let malformedNumber = DiagnosticCode("E0004")
  /// Bytes that are not UTF-8.
  public static let invalidUTF8 = DiagnosticCode("E0005")
}

// MARK: - Syntax errors (E01xx)

extension DiagnosticCode {
  /// Something other than an expression where one must start.
  public static let expectedExpression = DiagnosticCode("E0101")
  /// A bracket, parenthesis or brace that is never closed.
  public static let unclosedDelimiter = DiagnosticCode("E0102")
  /// A required word or punctuation is missing (e.g. `on` in a `train` expression).
  public static let expectedToken = DiagnosticCode("E0103")
  /// A name is required (after `let`, `fn`, `for`, `.`).
  public static let expectedName = DiagnosticCode("E0104")
  /// A statement is followed by more tokens on the same line.
  public static let expectedEndOfStatement = DiagnosticCode("E0105")
  /// A reserved keyword used where a name is required.
  public static let keywordAsName = DiagnosticCode("E0106")
  /// `a < b < c`: comparisons do not chain.
  public static let chainedComparison = DiagnosticCode("E0107")
  /// Nesting deeper than the parser's limit.
  public static let nestingTooDeep = DiagnosticCode("E0108")
  /// `x = 1` as a statement: bindings are made with `let`.
  public static let assignmentNotAllowed = DiagnosticCode("E0109")
  /// A token that cannot start a statement (e.g. a stray `}` or `else`).
  public static let unexpectedToken = DiagnosticCode("E0110")
  /// A positional argument after a named one.
  public static let positionalAfterNamed = DiagnosticCode("E0111")
  /// A parameter without a default after one with a default.
  public static let requiredAfterDefault = DiagnosticCode("E0112")
  /// A closing `)`, `]` or `}` with no matching opener.
  public static let unmatchedClosing = DiagnosticCode("E0113")
}

// MARK: - Static checks (E02xx)

extension DiagnosticCode {
  /// A name that is neither declared in scope nor a builtin.
  public static let undefinedName = DiagnosticCode("E0201")
  /// The same name declared twice in one scope.
  public static let duplicateDeclaration = DiagnosticCode("E0202")
  /// `return` outside a function body.
  public static let returnOutsideFunction = DiagnosticCode("E0203")
  /// More positional arguments than the function takes.
  public static let tooManyArguments = DiagnosticCode("E0204")
  /// A named argument the function does not have.
  public static let unknownArgument = DiagnosticCode("E0205")
  /// The same argument given twice.
  public static let duplicateArgument = DiagnosticCode("E0206")
  /// A required argument is missing.
  public static let missingArgument = DiagnosticCode("E0207")
  /// Two parameters of one function with the same name.
  public static let duplicateParameter = DiagnosticCode("E0208")
  /// Two entries of one probe block with the same name.
  public static let duplicateProbe = DiagnosticCode("E0209")
  /// A function called before a name its body uses (or a function it calls uses) is declared.
  public static let callBeforeDeclaration = DiagnosticCode("E0210")
  /// A `train` whose probe entries use a name declared after it.
  public static let probeBeforeDeclaration = DiagnosticCode("E0211")
}

// MARK: - Static warnings (W02xx)

extension DiagnosticCode {
  /// `let x = x + 1` inside a block: a new `x` for the block, the outer one unchanged.
  public static let hidesOuterName = DiagnosticCode("W0201")
}

extension DiagnosticCode {
  /// Every code this module reports, in order (the docs test checks each is documented).
  public static let syntaxCodes: [DiagnosticCode] = [
    .unexpectedCharacter, .unterminatedString, .invalidEscape, .malformedNumber, .invalidUTF8,
    .expectedExpression, .unclosedDelimiter, .expectedToken, .expectedName, .expectedEndOfStatement,
    .keywordAsName, .chainedComparison, .nestingTooDeep, .assignmentNotAllowed, .unexpectedToken,
    .positionalAfterNamed, .requiredAfterDefault, .unmatchedClosing,
    .undefinedName, .duplicateDeclaration, .returnOutsideFunction, .tooManyArguments, .unknownArgument,
    .duplicateArgument, .missingArgument, .duplicateParameter, .duplicateProbe, .callBeforeDeclaration,
    .hidesOuterName,
  ]
}
