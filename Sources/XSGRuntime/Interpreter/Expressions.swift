import XSGCore
import XSGSyntax

extension Interpreter {
  func evaluate(_ expr: Expr, in scope: Environment) throws -> Value {
    switch expr.kind {
    case .number(let x, _): return .number(x)
    case .string(let s): return .string(s)
    case .bool(let b): return .bool(b)
    case .name(let name): return try lookup(name, at: expr.range, in: scope)
    case .list(let items): return .list(try items.map { try evaluate($0, in: scope) })
    case .group(let inner): return try evaluate(inner, in: scope)
    case .range(let lower, let upper, let closed):
      let lo = try wholeNumber(lower, in: scope, role: "a range bound")
      let hi = try wholeNumber(upper, in: scope, role: "a range bound")
      // Builtins such as sum and list hold a range's numbers in memory: sum(1..1e14) aborted the process.
      let value = RangeValue(lower: lo, upper: hi, inclusive: closed)
      let count = value.numbers.count
      guard count <= RangeValue.maximumCount else {
        throw RuntimeError(
          .limit,
          "the range \(lo)\(closed ? ".." : "..<")\(hi) has \(count) numbers; at most 10 000 000 are allowed",
          at: expr.range)
      }
      return .range(value)
    case .unary(let op, let operand, let operatorRange):
      return try unary(op, try evaluate(operand, in: scope), at: operatorRange, operandRange: operand.range)
    case .binary(.and, let lhs, let rhs, _):
      guard try condition(lhs, in: scope) else { return .bool(false) }
      return .bool(try condition(rhs, in: scope))
    case .binary(.or, let lhs, let rhs, _):
      if try condition(lhs, in: scope) { return .bool(true) }
      return .bool(try condition(rhs, in: scope))
    case .binary(let op, let lhs, let rhs, let operatorRange):
      let left = try evaluate(lhs, in: scope)
      let right = try evaluate(rhs, in: scope)
      if op == .pipe { return try pipe(left, right, at: operatorRange, lhs: lhs, rhs: rhs) }
      return try binary(op, left, right, at: operatorRange)
    case .call(let callee, let arguments):
      let function = try evaluate(callee, in: scope)
      let values = try arguments.map {
        (label: $0.label, value: try evaluate($0.value, in: scope), range: $0.range)
      }
      return try call(function, values, at: expr.range, calleeRange: callee.range)
    case .member(let base, let name):
      return try member(of: try evaluate(base, in: scope), name, baseRange: base.range)
    case .index(let base, let index):
      return try subscripted(try evaluate(base, in: scope), try evaluate(index, in: scope), at: index.range)
    case .train(let network, let data, let optimizer, let steps):
      return try train(
        network: network, data: data, optimizer: optimizer, steps: steps, at: expr.range, in: scope)
    }
  }

  func lookup(_ name: String, at range: SourceRange, in scope: Environment) throws -> Value {
    if let binding = scope.lookup(name) { return binding.value }
    if let builtin = Registry.builtin(named: name) { return builtin.constant ?? .builtin(builtin) }
    var error = RuntimeError(
      .name, "'\(name)' is not defined", at: range,
      help: Suggestion.didYouMean(name, in: scope.visibleNames + Registry.names))
    error.undefinedName = name
    throw error
  }

  func wholeNumber(_ expr: Expr, in scope: Environment, role: String) throws -> Int {
    let value = try evaluate(expr, in: scope)
    guard case .number(let x) = value, x == x.rounded() else {
      throw RuntimeError(
        .type, "\(role) must be a whole number, got \(ValueText.show(value))", at: expr.range)
    }
    guard abs(x) < 1e15 else {
      throw RuntimeError(.value, "\(role) must be below 1e15, got \(ValueText.show(value))", at: expr.range)
    }
    return Int(x)
  }

  /// Calls a builtin or a user function.
  func call(
    _ function: Value, _ arguments: [(label: Identifier?, value: Value, range: SourceRange)],
    at range: SourceRange, calleeRange: SourceRange
  ) throws -> Value {
    switch function {
    case .builtin(let builtin):
      guard let body = builtin.body else {
        throw RuntimeError(.type, "'\(builtin.name)' is a name, not a function", at: calleeRange)
      }
      let bound = try Call.bind(builtin, arguments, range: range, interpreter: self)
      return try body(bound)
    case .function(let function):
      do {
        return try callUser(function, arguments, at: range)
      } catch let error as RuntimeError {
        // The function may come from an earlier REPL entry than the call.
        throw error.reached(from: range, "'\(function.name)' called here")
      }
    default:
      throw RuntimeError(
        .type, "\(ValueText.described(function)) is not a function", at: calleeRange)
    }
  }

  func callUser(
    _ function: FunctionValue, _ arguments: [(label: Identifier?, value: Value, range: SourceRange)],
    at range: SourceRange
  ) throws -> Value {
    let parameters = function.declaration.parameters
    let scope = Environment(parent: function.closure)
    var position = 0
    for argument in arguments {
      let index: Int
      if let label = argument.label {
        guard let found = parameters.firstIndex(where: { $0.name.name == label.name }) else {
          throw RuntimeError(
            .arguments, "\(function.name) has no parameter '\(label.name)'", at: label.range,
            help: Suggestion.didYouMean(label.name, in: parameters.map(\.name.name)))
        }
        index = found
      } else {
        while position < parameters.count, scope.isDefinedHere(parameters[position].name.name) {
          position += 1
        }
        guard position < parameters.count else {
          throw RuntimeError(
            .arguments, "too many arguments: \(function.signature) takes \(parameters.count)",
            at: argument.range)
        }
        index = position
        position += 1
      }
      let name = parameters[index].name.name
      guard !scope.isDefinedHere(name) else {
        throw RuntimeError(.arguments, "'\(name)' is given twice", at: argument.range)
      }
      scope.define(name, argument.value, kind: .parameter, range: argument.range)
    }
    for parameter in parameters where !scope.isDefinedHere(parameter.name.name) {
      guard let defaultValue = parameter.defaultValue else {
        throw RuntimeError(
          .arguments, "\(function.name) needs '\(parameter.name.name)'", at: range,
          help: "call it as \(function.signature)")
      }
      scope.define(parameter.name.name, try evaluate(defaultValue, in: scope), kind: .parameter, range: nil)
    }
    callDepth += 1
    defer { callDepth -= 1 }
    guard callDepth <= Interpreter.maximumCallDepth else {
      throw RuntimeError(
        .limit, "calls nest deeper than \(Interpreter.maximumCallDepth) levels (endless recursion?)",
        at: range)
    }
    do {
      if case .return(let value) = try execute(function.declaration.body, in: scope) { return value }
    } catch var error as RuntimeError where Self.isOutsideNameUndefined(error, in: function) {
      // The static check reports names declared nowhere, and the body does not declare this one: the
      // script declares it after the call (made in a way the check does not follow, such as through a
      // `let`). A suggestion of another name would mislead; the call is what to move.
      error.suggestion = nil
      error.help = "a function's body sees only the names declared before the call"
      error.labels.append(Diagnostic.Label(range, "'\(function.name)' is called here"))
      error.undefinedName = nil
      throw error
    }
    return .none
  }

  /// Whether `block` (or a block inside it, but not a nested function) declares `name`.
  private static func declares(_ block: Block, _ name: String) -> Bool {
    block.statements.contains { statement in
      switch statement.kind {
      case .let(let declared, _), .declaration(_, let declared, _): declared.name == name
      case .function(let function): function.name.name == name
      case .for(let variable, _, let body): variable.name == name || declares(body, name)
      case .if(let branches, let otherwise):
        branches.contains { declares($0.body, name) } || otherwise.map { declares($0, name) } ?? false
      default: false
      }
    }
  }

  /// Whether `error` is an undefined name in the body of `function` (so it comes from this call, not
  /// from a probe block declared elsewhere) that the body itself does not declare.
  private static func isOutsideNameUndefined(_ error: RuntimeError, in function: FunctionValue) -> Bool {
    let body = function.declaration.body
    guard let name = error.undefinedName(in: body.range) else { return false }
    return !declares(body, name)
  }

  /// Checks the data a pipe stage gives, so that a coordinate outside 1...d, or one that is both signal
  /// and spurious, is reported at the stage that brings it (`spurious(3, …)` with `d=2` from the command
  /// line) rather than at a later `train` or test-set probe, whose caret says nothing about the data.
  private func checkPipe(_ spec: DataSpec, hasSignal: Bool, at range: SourceRange) throws {
    do {
      if hasSignal {
        try spec.validate()
      } else if let k = spec.spuriousCoordinates.first(where: { $0 > spec.dimension }) {
        // Without a label yet only the spurious coordinates can be checked (the label comes later).
        throw CoreError.coordinateOutOfRange(name: "spurious", coordinate: k, dimension: spec.dimension)
      }
    } catch let error as CoreError {
      throw RuntimeError.from(error, at: range)
    }
  }

  /// `data | stage` builds a data pipe; `x | f` calls `f(x)`.
  func pipe(_ left: Value, _ right: Value, at range: SourceRange, lhs: Expr, rhs: Expr) throws -> Value {
    switch (left, right) {
    case (.data(let data), .dataStage(let stage)):
      guard case .train(var spec, var hasSignal) = data.kind else {
        throw RuntimeError(
          .type, "a test set cannot be changed with '|'; pipe the training data instead", at: lhs.range)
      }
      switch stage {
      case .signal(let signal):
        spec.signal = signal
        hasSignal = true
      case .spurious(let spurious):
        // The data has one spurious feature: `| spurious(3, …) | spurious(4, …)` would silently keep only
        // x4. Piping one on the same coordinates again (a new λ for the same data) replaces it.
        let old = spec.spuriousCoordinates
        spec.spurious = spurious
        guard old.isEmpty || old == spec.spuriousCoordinates else {
          throw RuntimeError(
            .value,
            "the data already has a spurious feature on \(old.map { "x\($0)" }.joined(separator: ", ")): a "
              + "pipe has one spurious feature, and this one would replace it",
            at: rhs.range,
            help: "for several coordinates whose parity is the feature, use spurious_block([…], flip: …)")
        }
      case .labelNoise(let noise): spec.labelNoise = noise
      case .sampling(let sampling): spec.sampling = sampling
      }
      try checkPipe(spec, hasSignal: hasSignal, at: rhs.range)
      return .data(DataValue(.train(spec, hasSignal: hasSignal)))
    case (_, .builtin), (_, .function):
      return try call(
        right, [(label: nil, value: left, range: lhs.range)], at: lhs.range.union(rhs.range),
        calleeRange: rhs.range)
    case (.data, _):
      throw RuntimeError(
        .type,
        "'|' after data needs a data stage such as xor(1, 2) or spurious(3, flip: 0.1), got \(right.kind)",
        at: rhs.range)
    default:
      throw RuntimeError(
        .type, "'|' needs data on its left (e.g. hypercube(100) | xor(1, 2)), got \(left.kind)", at: lhs.range
      )
    }
  }
}
