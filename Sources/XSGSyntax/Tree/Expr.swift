/// An expression node: what it is and the source range it covers.
public struct Expr: Hashable, Sendable {
  public var kind: ExprKind
  public var range: SourceRange

  public init(_ kind: ExprKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

public indirect enum ExprKind: Hashable, Sendable {
  /// `10`, `0.05`, `1e-3`, `100_000`; `text` is the spelling, kept for the formatter.
  case number(Double, text: String)
  /// `"…"`, already decoded.
  case string(String)
  case bool(Bool)
  case name(String)
  /// `[a, b, c]`
  case list([Expr])
  /// `(e)`: kept so the formatter prints the author's parentheses.
  case group(Expr)
  /// `a..b` (closed: true, inclusive) and `a..<b` (closed: false).
  case range(lower: Expr, upper: Expr, closed: Bool)
  /// `-e`, `not e`
  case unary(UnaryOperator, Expr, operatorRange: SourceRange)
  /// `a + b`, `a and b`, `a | f(x)`, …
  case binary(BinaryOperator, Expr, Expr, operatorRange: SourceRange)
  /// `f(x, name: v)`
  case call(callee: Expr, arguments: [CallArgument])
  /// `a.b`
  case member(Expr, name: Identifier)
  /// `a[i]`
  case index(Expr, Expr)
  /// `train NET on DATA with OPT for STEPS steps`: runs the optimiser and yields a run.
  case train(network: Expr, data: Expr, optimizer: Expr, steps: Expr)
}

public enum UnaryOperator: String, Hashable, Sendable, CaseIterable {
  case negate = "-"
  case not = "not"
}

public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
  case pipe = "|"
  case or = "or"
  case and = "and"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case remainder = "%"
  case power = "^"
}

/// A name together with where it is written (a declared name, a member, a label).
public struct Identifier: Hashable, Sendable {
  public var name: String
  public var range: SourceRange

  public init(_ name: String, _ range: SourceRange) {
    self.name = name
    self.range = range
  }
}

/// One argument of a call: `value` or `label: value`.
public struct CallArgument: Hashable, Sendable {
  public var label: Identifier?
  public var value: Expr

  public init(label: Identifier?, value: Expr) {
    self.label = label
    self.value = value
  }

  public var range: SourceRange { label.map { $0.range.union(value.range) } ?? value.range }
}
