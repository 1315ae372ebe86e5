/// Checks a parsed program without running it (`xsg check`, and before `xsg run`):
/// - duplicate declarations in one scope (E0202), duplicate parameters (E0208) and probe names (E0209);
/// - `return` outside a function (E0203);
/// - calls of user functions, and of builtins the oracle describes: too many arguments (E0204), unknown
///   named arguments (E0205), an argument given twice (E0206), a required one missing (E0207);
/// - with an oracle, names that are neither declared nor predefined (E0201), with "did you mean";
/// - a function called before a name its body uses (directly or through the functions it calls) is
///   declared (E0210);
/// - a `train` whose probes use a name declared after it (E0211);
/// - a warning for `let x = x + 1` in a block, which leaves the outer `x` unchanged (W0201).
///
/// Scopes follow the interpreter: top-level code and blocks, function bodies included, see names
/// declared before them; function bodies and probe expressions run later, so they see every name of
/// their enclosing scopes. Inner blocks may shadow outer names and builtins (`opt sgd = sgd(…)` is fine).
public struct StaticChecker {
  /// Checks `program`; `predeclared` are names bound before it (the REPL's earlier inputs), and
  /// `declarations` where those that have one were declared (for labels pointing at the earlier entry).
  public static func check(
    _ program: Program, oracle: (any NameOracle)? = nil, predeclared: Set<String> = [],
    declarations: [String: SourceRange] = [:]
  ) -> [Diagnostic] {
    var checker = StaticChecker(oracle: oracle)
    checker.scopes = [
      Scope(
        id: 0,
        bindings: Dictionary(uniqueKeysWithValues: predeclared.map { ($0, .predeclared(declarations[$0])) }))
    ]
    checker.block(program.statements, ownScope: false)
    return checker.diagnostics.sorted { $0.range.start.offset < $1.range.start.offset }
  }

  private enum Binding {
    /// Bound by an earlier REPL entry (declared at the range, when known).
    case predeclared(SourceRange?)
    case value(SourceRange)
    case function(SourceRange, CallSignature)

    var range: SourceRange? {
      switch self {
      case .predeclared(let range): range
      case .value(let range), .function(let range, _): range
      }
    }
  }

  private struct Scope {
    /// Finds the scope of a `Reference` again at a call, when the stack may have changed.
    var id: Int
    var bindings: [String: Binding] = [:]
    /// Names declared anywhere in this scope (for function bodies and probes, which run later).
    var hoisted: [String: Binding] = [:]
    /// The probe entries declared so far in this scope: a `train` here or in an inner block runs them.
    var probes: [ProbeUses] = []
  }

  /// The references of one probe entry, which runs at every probe time of the trains that follow it.
  private struct ProbeUses {
    var name: Identifier
    var references: [Reference]
  }

  /// A name a function body refers to that matters at its calls: one of an enclosing scope (it must be
  /// bound by the time of the call), or a user function the body may call.
  private struct Reference {
    var name: String
    var range: SourceRange
    /// The id of the enclosing scope the name resolves in; nil for the function's own names.
    var outerScope: Int?
    /// The function called, piped into or passed as an argument (to `map`, say), if any.
    var callee: SourceRange?
    /// Written as a call, `name(…)` (for the wording of messages).
    var isCall: Bool
  }

  /// A name in a place where, if it names a user function, the function runs: called, piped into, or
  /// passed as an argument.
  private struct Invocation {
    /// The call (or the name alone when it is piped into or passed on).
    var range: SourceRange
    var isCall = false
  }

  /// The references of one function body (nested functions keep their own), in source order.
  private struct FunctionUses {
    /// Where the body's scopes begin on the scope stack.
    var firstScope: Int
    var references: [Reference] = []
  }

  private let oracle: (any NameOracle)?
  private var scopes: [Scope] = []
  private var diagnostics: [Diagnostic] = []
  private var functionDepth = 0
  /// One entry per function body or probe block being checked, innermost last: the number of scopes
  /// around it. Such code runs later, so it sees every name of those scopes, even one declared further
  /// down; a function body's own scopes run in order like any block.
  private var deferredScopes: [Int] = []
  private var deferred: Int { deferredScopes.count }
  private var nextScopeID = 1
  /// The functions whose bodies are being checked, innermost last.
  private var frames: [FunctionUses] = []
  /// Every checked function body, by the range of the function's name.
  private var functions: [SourceRange: FunctionUses] = [:]

  private init(oracle: (any NameOracle)?) { self.oracle = oracle }

  // MARK: Statements

  private mutating func block(
    _ statements: [Stmt], ownScope: Bool = true, bindings: [(Identifier, Binding)] = []
  ) {
    if ownScope {
      scopes.append(Scope(id: nextScopeID))
      nextScopeID += 1
    }
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
      warnIfHidingOuterName(name, usedIn: value)
      declare(name, .value(name.range))
    case .probe(let every, let entries, _):
      expression(every)
      var seen: [String: SourceRange] = [:]
      deferredScopes.append(scopes.count)
      defer { deferredScopes.removeLast() }
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
        // Every scope is outside the entry: its frame records each name it uses, for the trains below.
        frames.append(FunctionUses(firstScope: scopes.count))
        expression(entry.value)
        let uses = frames.removeLast()
        scopes[scopes.count - 1].probes.append(ProbeUses(name: entry.name, references: uses.references))
        forwardToEnclosingFunction(uses.references)
      }
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
      deferredScopes.append(scopes.count)
      frames.append(FunctionUses(firstScope: scopes.count))
      block(function.body.statements, bindings: parameters)
      functions[function.name.range] = frames.removeLast()
      deferredScopes.removeLast()
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

  /// A probe inside a function body runs when the body's trains do: the names it uses from outside the
  /// body matter at the function's calls, like the body's own.
  private mutating func forwardToEnclosingFunction(_ references: [Reference]) {
    guard var frame = frames.popLast() else { return }
    for var reference in references {
      let index = reference.outerScope.flatMap { id in scopes.firstIndex { $0.id == id } }
      if let index, index >= frame.firstScope { reference.outerScope = nil }
      if reference.outerScope != nil || reference.callee != nil { frame.references.append(reference) }
    }
    frames.append(frame)
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
      case .predeclared(let first?):
        diagnostic = diagnostic.labeled(first, "first declared here, in an earlier entry")
      case .predeclared(nil):
        diagnostic = diagnostic.noting("'\(name.name)' was declared earlier in this session")
      }
      diagnostics.append(diagnostic)
      return
    }
    scopes[scopes.count - 1].bindings[name.name] = binding
  }

  /// `let wins = wins + 1` in a block makes a new `wins` for the block and leaves the outer one as it
  /// was: what a counter in a loop looks like in a language with assignment (and what E0109's fix for
  /// `wins = wins + 1` suggests), so it is worth a warning (W0201).
  private mutating func warnIfHidingOuterName(_ name: Identifier, usedIn value: Expr) {
    guard scopes.count > 1, let (outer, index) = resolution(of: name.name), index < scopes.count - 1,
      value.mentions(name.name)
    else { return }
    var diagnostic = Diagnostic(
      .hidesOuterName, "this makes a new '\(name.name)' for the block; the outer '\(name.name)' is unchanged",
      at: name.range, severity: .warning, primaryLabel: "new name, seen only inside this block")
    if let range = outer.range {
      diagnostic = diagnostic.labeled(range, "the outer '\(name.name)', which keeps its value")
    } else {
      diagnostic = diagnostic.noting("the outer '\(name.name)' was declared earlier in this session")
    }
    diagnostics.append(
      diagnostic.noting(
        "names cannot be changed once bound; to add up over a loop, map a function over the list and sum "
          + "the results, as in `let wins = sum(map(seeds, won))`"
      ).noting("if a new name is what you meant, give it a name of its own"))
  }

  private func signature(of function: FunctionDeclaration) -> CallSignature {
    CallSignature(function.parameters.map { .init($0.name.name, hasDefault: $0.defaultValue != nil) })
  }

  // MARK: Names

  /// The binding a name refers to here, or nil when no user binding is visible.
  private func lookup(_ name: String) -> Binding? { resolution(of: name)?.binding }

  /// The binding a name refers to here and the index of its scope on the stack.
  private func resolution(of name: String) -> (binding: Binding, scope: Int)? {
    for index in scopes.indices.reversed() {
      if let binding = scopes[index].bindings[name] { return (binding, index) }
      if seesWholeScope(index), let binding = scopes[index].hoisted[name] { return (binding, index) }
    }
    return nil
  }

  /// Whether code here sees names declared anywhere in scope `index`, not only those declared so far:
  /// true for the scopes around the innermost function body or probe block.
  private func seesWholeScope(_ index: Int) -> Bool {
    index < (deferredScopes.last ?? 0)
  }

  private var visibleNames: [String] {
    var names: [String] = []
    for (index, scope) in scopes.enumerated() {
      names += scope.bindings.keys
      if seesWholeScope(index) { names += scope.hoisted.keys }
    }
    return names + (oracle?.predefinedNames ?? [])
  }

  private mutating func resolve(_ name: String, at range: SourceRange, invocation: Invocation? = nil) {
    if let (binding, index) = resolution(of: name) {
      var callee: SourceRange?
      if invocation != nil, case .function(let declared, _) = binding { callee = declared }
      if var frame = frames.popLast() {
        let outerScope = index < frame.firstScope ? scopes[index].id : nil
        if outerScope != nil || callee != nil {
          frame.references.append(
            Reference(
              name: name, range: range, outerScope: outerScope, callee: callee,
              isCall: invocation?.isCall ?? false))
        }
        frames.append(frame)
      } else if deferred == 0, let callee, let invocation {
        checkCall(of: name, callee, at: invocation.range)
      }
      return
    }
    guard let oracle, !oracle.predefinedNames.contains(name) else { return }
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

  /// A name a called function needs that is not bound yet, and the calls that lead to it.
  private struct Unbound {
    var reference: Reference
    /// The references of the calls from the called function down to the body that uses the name.
    var path: [Reference]
    var declared: SourceRange
  }

  /// A user function called here (not inside a body, whose calls run later) runs its body now, and the
  /// bodies of the functions it calls: every name they use from the scopes around must be bound by now.
  private mutating func checkCall(of name: String, _ function: SourceRange, at range: SourceRange) {
    var visited: Set<SourceRange> = []
    var unbound: [Unbound] = []
    collectUnbound(function, path: [], visited: &visited, into: &unbound)
    guard let first = unbound.first else { return }
    // "'g' calls 'f', which uses 'x', which …": the chain from the call to the body that uses the name.
    var message = "'\(name)'"
    var labels: [Diagnostic.Label] = []
    for step in first.path + [first.reference] {
      message += " \(step.isCall ? "calls" : "uses") '\(step.name)', which"
      labels.append(Diagnostic.Label(step.range, "'\(step.name)' is \(step.isCall ? "called" : "used") here"))
    }
    message += " is not declared until line \(first.declared.start.line)"
    labels.append(Diagnostic.Label(first.declared, "declared here"))
    var diagnostic = Diagnostic(
      .callBeforeDeclaration, message, at: range, labels: labels,
      notes: ["a function's body runs when it is called: the names it uses must be declared before the call"])
    if unbound.count > 1 {
      let others = unbound.dropFirst().map { "'\($0.reference.name)' (line \($0.declared.start.line))" }
      diagnostic = diagnostic.noting(
        "it also needs " + others.joined(separator: ", ") + ", declared later too")
    }
    diagnostics.append(diagnostic)
  }

  /// The names `function`'s body, and the bodies it calls, use before they are bound; each name once.
  /// `visited` ends recursion.
  private func collectUnbound(
    _ function: SourceRange, path: [Reference], visited: inout Set<SourceRange>, into unbound: inout [Unbound]
  ) {
    guard visited.insert(function).inserted, let uses = functions[function] else { return }
    collectUnbound(uses.references, path: path, visited: &visited, into: &unbound)
  }

  private func collectUnbound(
    _ references: [Reference], path: [Reference], visited: inout Set<SourceRange>,
    into unbound: inout [Unbound]
  ) {
    for reference in references {
      // A scope missing from the stack belongs to a function body running at the time: not checkable here.
      if let id = reference.outerScope, let scope = scopes.first(where: { $0.id == id }),
        scope.bindings[reference.name] == nil
      {
        if let declared = scope.hoisted[reference.name]?.range,
          !unbound.contains(where: { $0.reference.name == reference.name })
        {
          unbound.append(Unbound(reference: reference, path: path, declared: declared))
        }
        // Not bound, so its body cannot run.
        continue
      }
      if let callee = reference.callee {
        collectUnbound(callee, path: path + [reference], visited: &visited, into: &unbound)
      }
    }
  }

  // MARK: Expressions

  private mutating func expression(_ expression: Expr, invocation: Invocation? = nil) {
    switch expression.kind {
    case .number, .string, .bool: break
    case .name(let name): resolve(name, at: expression.range, invocation: invocation)
    case .list(let elements): elements.forEach { self.expression($0) }
    case .group(let inner): self.expression(inner)
    case .range(let lower, let upper, _):
      self.expression(lower)
      self.expression(upper)
    case .unary(_, let operand, _): self.expression(operand)
    case .binary(let op, let left, let right, _):
      self.expression(left)
      // `x | f` calls `f(x)`.
      self.expression(right, invocation: op == .pipe ? Invocation(range: right.range) : nil)
    case .call(let callee, let arguments):
      self.expression(callee, invocation: Invocation(range: expression.range, isCall: true))
      // A function passed to another (`map(λs, fraction)`) is taken to be called by it.
      arguments.forEach { self.expression($0.value, invocation: Invocation(range: $0.value.range)) }
      call(callee, arguments, at: expression.range)
    case .member(let base, _): self.expression(base)
    case .index(let base, let index):
      self.expression(base)
      self.expression(index)
    case .train(let network, let data, let optimizer, let steps):
      for part in [network, data, optimizer, steps] { self.expression(part) }
      if deferred == 0 { checkProbes(at: expression.range) }
    }
  }

  /// A `train` (not inside a function body, whose trains run later) evaluates the probe entries of its
  /// scopes from step 0 on: every name they use must be bound by now.
  private mutating func checkProbes(at range: SourceRange) {
    for probe in scopes.flatMap(\.probes) {
      var visited: Set<SourceRange> = []
      var unbound: [Unbound] = []
      collectUnbound(probe.references, path: [], visited: &visited, into: &unbound)
      guard let first = unbound.first else { continue }
      var message = "probe '\(probe.name.name)'"
      var labels = [Diagnostic.Label(probe.name.range, "probe '\(probe.name.name)'")]
      for step in first.path + [first.reference] {
        message += " \(step.isCall ? "calls" : "uses") '\(step.name)', which"
        labels.append(
          Diagnostic.Label(step.range, "'\(step.name)' is \(step.isCall ? "called" : "used") here"))
      }
      message += " is not declared until line \(first.declared.start.line)"
      labels.append(Diagnostic.Label(first.declared, "declared here"))
      diagnostics.append(
        Diagnostic(
          .probeBeforeDeclaration, message, at: range, labels: labels,
          notes: ["probes are evaluated while the train runs, from step 0: declare what they use before it"]))
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

extension Expr {
  /// Whether `name` is used as a name anywhere in this expression (member names do not count).
  fileprivate func mentions(_ name: String) -> Bool {
    switch kind {
    case .number, .string, .bool: false
    case .name(let used): used == name
    case .list(let elements): elements.contains { $0.mentions(name) }
    case .group(let inner), .unary(_, let inner, _), .member(let inner, _): inner.mentions(name)
    case .range(let lower, let upper, _), .binary(_, let lower, let upper, _), .index(let lower, let upper):
      lower.mentions(name) || upper.mentions(name)
    case .call(let callee, let arguments):
      callee.mentions(name) || arguments.contains { $0.value.mentions(name) }
    case .train(let network, let data, let optimizer, let steps):
      [network, data, optimizer, steps].contains { $0.mentions(name) }
    }
  }
}
