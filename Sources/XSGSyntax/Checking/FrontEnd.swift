/// The whole front end in one call: lex, parse and, when the parse is clean, check statically.
/// `xsg check`, `xsg run` and the REPL all go through here, so they report the same diagnostics.
public enum FrontEnd {
  public struct Result: Sendable {
    public var program: Program
    /// Lexical and syntax diagnostics, then (only when there were none) the static checker's.
    public var diagnostics: [Diagnostic]
    /// See `ParseResult.isIncomplete`.
    public var isIncomplete: Bool
  }

  public static func check(
    _ source: SourceFile, oracle: (any NameOracle)? = nil, predeclared: Set<String> = [],
    declarations: [String: SourceRange] = [:]
  ) -> Result {
    let parsed = Parser.parse(source)
    var diagnostics = parsed.diagnostics
    if !diagnostics.hasErrors {
      diagnostics += StaticChecker.check(
        parsed.program, oracle: oracle, predeclared: predeclared, declarations: declarations)
    }
    return Result(program: parsed.program, diagnostics: diagnostics, isIncomplete: parsed.isIncomplete)
  }
}
