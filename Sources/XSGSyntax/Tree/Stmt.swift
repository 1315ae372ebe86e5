/// A statement node: what it is and the source range it covers (for a block statement, through its `}`).
public struct Stmt: Hashable, Sendable {
  public var kind: StmtKind
  public var range: SourceRange

  public init(_ kind: StmtKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

public enum StmtKind: Hashable, Sendable {
  /// `seed EXPR`
  case seed(Expr)
  /// `let NAME = EXPR`
  case `let`(Identifier, Expr)
  /// `data NAME = EXPR`, `net NAME = EXPR`, `opt NAME = EXPR`: a `let` whose value the runtime checks.
  case declaration(DeclarationKind, Identifier, Expr)
  /// `probe every EXPR { NAME = EXPR … }`
  case probe(every: Expr, entries: [ProbeEntry], body: SourceRange)
  /// `print EXPR, EXPR, …` (no expressions prints an empty line)
  case print([Expr])
  /// `if C { … } else if C { … } else { … }`
  case `if`(branches: [ConditionalBranch], otherwise: Block?)
  /// `for NAME in EXPR { … }`
  case `for`(Identifier, in: Expr, body: Block)
  /// `fn NAME(PARAMS) { … }`
  case function(FunctionDeclaration)
  /// `return` or `return EXPR`
  case `return`(Expr?)
  /// An expression evaluated for its effect, e.g. `plot(run, ["w_sp"])`.
  case expression(Expr)
}

public enum DeclarationKind: String, Hashable, Sendable, CaseIterable {
  case data, net, opt
}

/// A `{ … }` body: its statements and the range from `{` through `}`.
public struct Block: Hashable, Sendable {
  public var statements: [Stmt]
  public var range: SourceRange

  public init(_ statements: [Stmt], _ range: SourceRange) {
    self.statements = statements
    self.range = range
  }
}

/// `if CONDITION { BODY }` or `else if CONDITION { BODY }`.
public struct ConditionalBranch: Hashable, Sendable {
  public var condition: Expr
  public var body: Block

  public init(condition: Expr, body: Block) {
    self.condition = condition
    self.body = body
  }
}

/// `NAME = EXPR` inside a probe block.
public struct ProbeEntry: Hashable, Sendable {
  public var name: Identifier
  public var value: Expr

  public init(name: Identifier, value: Expr) {
    self.name = name
    self.value = value
  }

  public var range: SourceRange { name.range.union(value.range) }
}

/// A parameter: `x` (required, positional or named) or `by: 2` (with a default).
public struct Param: Hashable, Sendable {
  public var name: Identifier
  public var defaultValue: Expr?

  public init(name: Identifier, defaultValue: Expr?) {
    self.name = name
    self.defaultValue = defaultValue
  }
}

public struct FunctionDeclaration: Hashable, Sendable {
  public var name: Identifier
  public var parameters: [Param]
  public var body: Block

  public init(name: Identifier, parameters: [Param], body: Block) {
    self.name = name
    self.parameters = parameters
    self.body = body
  }
}

/// A parsed script: its statements and its comments (for the formatter).
public struct Program: Hashable, Sendable {
  public var statements: [Stmt]
  public var comments: [LineComment]
  public var range: SourceRange

  public init(statements: [Stmt], comments: [LineComment], range: SourceRange) {
    self.statements = statements
    self.comments = comments
    self.range = range
  }
}
