/// Checks a parsed program without running it (`xsg check`, and before `xsg run`):
/// - duplicate declarations in one scope (E0202), duplicate parameters (E0208) and probe names (E0209);
/// - `return` outside a function (E0203);
/// - calls of user functions, and of builtins the oracle describes: too many arguments (E0204), unknown
///   named arguments (E0205), an argument given twice (E0206), a required one missing (E0207);
/// - with an oracle, names that are neither declared nor predefined (E0201), with "did you mean".
///
/// Scopes follow the interpreter: top-level code and blocks see names declared before them; function
/// bodies and probe expressions run later, so they see every name of their enclosing scopes. Inner
/// blocks may shadow outer names and builtins (`opt sgd = sgd(…)` is fine).
public struct StaticChecker {
  /// Checks `program`; `predeclared` are names bound before it (the REPL's earlier inputs).
  public static func check(
    _ program: Program, oracle: (any NameOracle)? = nil, predeclared: Set<String> = []
  ) -> [Diagnostic] {
    var checker = StaticChecker(oracle: oracle)
    checker.scopes = [
      Scope(bindings: Dictionary(uniqueKeysWithValues: predeclared.map { ($0, .predeclared) }))
    ]
    checker.block(program.statements, ownScope: false)
    return checker.diagnostics.sorted { $0.range.start.offset < $1.range.start.offset }
  }

  private enum Binding {
    case predeclared
    case value(SourceRange)
    case function(SourceRange, CallSignature)
  }

  private struct Scope {
    var bindings: [String: Binding] = [:]
    /// Names declared anywhere in this scope (for function bodies and probes, which run later).
    var hoisted: [String: Binding] = [:]
  }

  private let oracle: (any NameOracle)?
  private var scopes: [Scope] = []
  private var diagnostics: [Diagnostic] = []
  private var functionDepth = 0
  /// Inside a function body or probe block: names resolve against whole enclosing scopes.
  private var deferred = 0

  private init(oracle: (any NameOracle)?) { self.oracle = oracle }

  // MARK: Statements

  private mutating func block(
    _ statements: [Stmt], ownScope: Bool = true, bindings: [(Identifier, Binding)] = []
  ) {
    if ownScope { scopes.append(Scope()) }
    for (name, binding) in bindings { declare(name, binding) }
    for statement in statements { hoist(statement) }
    for statement in statements { self.statement(statement) }
    if ownScope { scopes.removeLast() }
  }

  private mutating func hoist(_ statement: Stmt) {
    switch statement.kind {
    case .let(let name, _), .declaration(_, let name, _):
      scopes[scopes.count - 1].hoisted[name.name] = .value(name.range)
    case .function(let function):
      scopes[scopes.count - 1].hoisted[function.name.name] = .function(
        function.name.range, signature(of: function))
    default: break
    }
  }

  private mutating func statement(_ statement: Stmt) {
    switch statement.kind {
    case .seed(let value): expression(value)
    case .let(let name, let value), .declaration(_, let name, let value):
      expression(value)
      declare(name, .value(name.range))
    case .probe(let every, let entries, _):
      expression(every)
      var seen: [String: SourceRange] = [:]
      deferred += 1
      for entry in entries {
        if let first = seen[entry.name.name] {
          diagnostics.append(
            Diagnostic(
              .duplicateProbe, "probe '\(entry.name.name)' is defined twice in this block",
              at: entry.name.range,
              labels: [Diagnostic.Label(first, "first defined here")]))
        } else {
          seen[entry.name.name] = entry.name.range
        }
        expression(entry.value)
      }
      deferred -= 1
    case .print(let values): values.forEach { expression($0) }
    case .if(let branches, let otherwise):
      for branch in branches {
        expression(branch.condition)
        block(branch.body.statements)
      }
      if let otherwise { block(otherwise.statements) }
    case .for(let variable, let sequence, let body):
      expression(sequence)
      block(body.statements, bindings: [(variable, .value(variable.range))])
    case .function(let function):
      declare(function.name, .function(function.name.range, signature(of: function)))
      var seen: [String: SourceRange] = [:]
      var parameters: [(Identifier, Binding)] = []
      for parameter in function.parameters {
        if let defaultValue = parameter.defaultValue { expression(defaultValue) }
        if let first = seen[parameter.name.name] {
          diagnostics.append(
            Diagnostic(
              .duplicateParameter,
              "parameter '\(parameter.name.name)' appears twice in '\(function.name.name)'",
              at: parameter.name.range, labels: [Diagnostic.Label(first, "first here")]))
          continue
        }
        seen[parameter.name.name] = parameter.name.range
        parameters.append((parameter.name, .value(parameter.name.range)))
      }
      functionDepth += 1
      deferred += 1
      block(function.body.statements, bindings: parameters)
      deferred -= 1
      functionDepth -= 1
    case .return(let value):
      if functionDepth == 0 {
        diagnostics.append(
          Diagnostic(
            .returnOutsideFunction, "'return' can only be used inside a function body",
            at: keywordRange(statement)))
      }
      if let value { expression(value) }
    case .expression(let value): expression(value)
    }
  }

  /// The `return` keyword of a return statement: its first six characters (all ASCII).
  private func keywordRange(_ statement: Stmt) -> SourceRange {
    var end = statement.range.start
    end.offset += 6
    end.column += 6
    return SourceRange(start: statement.range.start, end: end)
  }

  private mutating func declare(_ name: Identifier, _ binding: Binding) {
    if let existing = scopes[scopes.count - 1].bindings[name.name] {
      var diagnostic = Diagnostic(
        .duplicateDeclaration, "'\(name.name)' is already declared in this scope", at: name.range)
      switch existing {
      case .value(let first), .function(let first, _):
        diagnostic = diagnostic.labeled(first, "first declared here")
      case .predeclared:
        diagnostic = diagnostic.noting("'\(name.name)' was declared earlier in this session")
      }
      diagnostics.append(diagnostic)
      return
    }
    scopes[scopes.count - 1].bindings[name.name] = binding
  }

  private func signature(of function: FunctionDeclaration) -> CallSignature {
    CallSignature(function.parameters.map { .init($0.name.name, hasDefault: $0.defaultValue != nil) })
  }

  // MARK: Names

  /// The binding a name refers to here, or nil when no user binding is visible.
  private func lookup(_ name: String) -> Binding? {
    for scope in scopes.reversed() {
      if let binding = scope.bindings[name] { return binding }
      if deferred > 0, let binding = scope.hoisted[name] { return binding }
    }
    return nil
  }

  private var visibleNames: [String] {
    var names: [String] = []
    for scope in scopes {
      names += scope.bindings.keys
      if deferred > 0 { names += scope.hoisted.keys }
    }
    return names + (oracle?.predefinedNames ?? [])
  }

  private mutating func resolve(_ name: String, at range: SourceRange) {
    guard lookup(name) == nil, let oracle, !oracle.predefinedNames.contains(name) else { return }
    var diagnostic = Diagnostic(.undefinedName, "cannot find '\(name)' in scope", at: range)
    // A name declared further down is the cause, whatever other name it resembles.
    if scopes.contains(where: { $0.hoisted[name] != nil }) {
      diagnostic = diagnostic.noting(
        "'\(name)' is declared later in the script; declare it before its first use")
    } else {
      diagnostic.suggestion = Suggestions.nearest(to: name, among: visibleNames)
    }
    diagnostics.append(diagnostic)
  }

  // MARK: Expressions

  private mutating func expression(_ expression: Expr) {
    switch expression.kind {
    case .number, .string, .bool: break
    case .name(let name): resolve(name, at: expression.range)
    case .list(let elements): elements.forEach { self.expression($0) }
    case .group(let inner): self.expression(inner)
    case .range(let lower, let upper, _):
      self.expression(lower)
      self.expression(upper)
    case .unary(_, let operand, _): self.expression(operand)
    case .binary(_, let left, let right, _):
      self.expression(left)
      self.expression(right)
    case .call(let callee, let arguments):
      self.expression(callee)
      arguments.forEach { self.expression($0.value) }
      call(callee, arguments, at: expression.range)
    case .member(let base, _): self.expression(base)
    case .index(let base, let index):
      self.expression(base)
      self.expression(index)
    case .train(let network, let data, let optimizer, let steps):
      for part in [network, data, optimizer, steps] { self.expression(part) }
    }
  }

  /// Checks the arguments of a call to a user function or a described builtin. A call on the right of a
  /// pipe is checked like any other: the interpreter makes the call as written (`xor(1, 2)` gives a data
  /// stage) and only then applies its result to the value on the left; `a | f` without parentheses
  /// calls `f(a)`, and has no arguments to check.
  private mutating func call(_ callee: Expr, _ arguments: [CallArgument], at range: SourceRange) {
    guard case .name(let name) = callee.kind else { return }
    let signature: CallSignature
    switch lookup(name) {
    case .function(_, let declared)?: signature = declared
    case .value?, .predeclared?: return
    case nil:
      guard let described = oracle?.signature(of: name) else { return }
      signature = described
    }
    var given: [String: SourceRange] = [:]
    var positional = 0
    for argument in arguments {
      if let label = argument.label {
        guard signature.parameters.contains(where: { $0.name == label.name }) else {
          let names = signature.parameters.map(\.name)
          var diagnostic = Diagnostic(
            .unknownArgument, "'\(name)' has no parameter named '\(label.name)'", at: label.range,
            suggestion: Suggestions.nearest(to: label.name, among: names))
          if diagnostic.suggestion == nil {
            diagnostic = diagnostic.noting(
              names.isEmpty
                ? "'\(name)' takes no named arguments"
                : "its parameters are: " + names.joined(separator: ", "))
          }
          diagnostics.append(diagnostic)
          continue
        }
        if let first = given[label.name] {
          diagnostics.append(
            Diagnostic(
              .duplicateArgument, "argument '\(label.name)' is given twice in this call to '\(name)'",
              at: label.range,
              labels: [Diagnostic.Label(first, "first given here")]))
        }
        given[label.name] = label.range
      } else {
        if positional < signature.parameters.count {
          let parameter = signature.parameters[positional].name
          if let first = given[parameter] {
            diagnostics.append(
              Diagnostic(
                .duplicateArgument, "argument '\(parameter)' is given twice in this call to '\(name)'",
                at: argument.value.range, labels: [Diagnostic.Label(first, "first given here")]))
          }
          given[parameter] = argument.value.range
        } else if !signature.variadic {
          diagnostics.append(
            Diagnostic(
              .tooManyArguments,
              "'\(name)' takes \(signature.parameters.count) argument\(signature.parameters.count == 1 ? "" : "s") but \(arguments.filter { $0.label == nil }.count) positional were given",
              at: argument.value.range))
          break
        }
        positional += 1
      }
    }
    // After an unknown label the author probably misspelt a parameter: reporting it missing too would
    // be a cascade.
    guard !arguments.contains(where: { $0.label.map { !signature.names.contains($0.name) } ?? false })
    else { return }
    let missing = signature.parameters.filter { !$0.hasDefault && given[$0.name] == nil }.map(\.name)
    if !missing.isEmpty {
      let list = missing.map { "'\($0)'" }.joined(separator: ", ")
      diagnostics.append(
        Diagnostic(
          .missingArgument,
          "call to '\(name)' is missing the argument\(missing.count == 1 ? "" : "s") \(list)",
          at: range))
    }
  }
}
