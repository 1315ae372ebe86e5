import XSGSyntax

/// How a statement ends: normally, or by `return` (carrying the value).
enum Flow {
  case normal
  case `return`(Value)
}

extension Interpreter {
  func execute(_ block: Block, in scope: Environment) throws -> Flow {
    for statement in block.statements {
      let flow = try execute(statement, in: scope, topLevel: false)
      if case .return = flow { return flow }
    }
    return .normal
  }

  func execute(_ statement: Stmt, in scope: Environment, topLevel: Bool) throws -> Flow {
    try checkInterrupt()
    switch statement.kind {
    case .seed(let expr):
      let value = try evaluate(expr, in: scope)
      guard case .number(let x) = value, x == x.rounded(), x >= 0, x < 1e15 else {
        throw RuntimeError(
          .value, "a seed is a whole number ≥ 0, got \(ValueText.show(value))", at: expr.range)
      }
      // `--seed N` replaces the script's own top-level seed; seeds set inside loops still apply.
      seed = topLevel ? UInt64(settings.seedOverride ?? Int(x)) : UInt64(x)

    case .let(let name, let expr):
      var value: Value
      do {
        value = try evaluate(expr, in: scope)
      } catch var stop as Interrupted {
        // Ctrl-C in `let r = train …`: r still holds the run so far (its status says interrupted), so a
        // REPL user can look at what was trained.
        if case .train = expr.kind, let partial = stop.partial {
          scope.define(name.name, partial, kind: .let, range: name.range)
          stop.boundName = name.name
        }
        throw stop
      }
      if topLevel, scope === globals, let override = settings.overrides.last(where: { $0.name == name.name })
      {
        value = try overridden(value, with: override)
      }
      scope.define(name.name, value, kind: .let, range: name.range)

    case .declaration(let kind, let name, let expr):
      let value = try evaluate(expr, in: scope)
      let bindingKind: Environment.BindingKind
      switch (kind, value) {
      case (.data, .data): bindingKind = .data
      case (.net, .net): bindingKind = .net
      case (.opt, .opt): bindingKind = .opt
      default:
        let expected = ["data": "data", "net": "a network", "opt": "an optimiser"][kind.rawValue] ?? ""
        throw RuntimeError(
          .type,
          "'\(kind.rawValue) \(name.name)' needs \(expected), got \(ValueText.described(value))",
          at: expr.range, help: declarationHelp(kind))
      }
      scope.define(name.name, value, kind: bindingKind, range: name.range)

    case .probe(let every, let entries, _):
      let value = try evaluate(every, in: scope)
      guard case .number(let x) = value, x == x.rounded(), x >= 1, x < 1e12 else {
        throw RuntimeError(
          .value, "probe every N: N is a whole number of steps ≥ 1, below 1e12, got \(ValueText.show(value))",
          at: every.range)
      }
      for entry in entries {
        if let clash = Self.probeNameClash(entry.name.name) {
          throw RuntimeError(
            .name, "a probe cannot be named '\(entry.name.name)': \(clash)", at: entry.name.range,
            help: "choose another name")
        }
      }
      scope.probes.append(.init(every: Int(x), entries: entries, scope: scope, range: statement.range))

    case .print(let exprs):
      let texts = try exprs.map { try ValueText.printed(evaluate($0, in: scope)) }
      settings.write(texts.joined(separator: " ") + "\n")

    case .if(let branches, let otherwise):
      for branch in branches {
        if try condition(branch.condition, in: scope) {
          return try execute(branch.body, in: Environment(parent: scope))
        }
      }
      if let otherwise { return try execute(otherwise, in: Environment(parent: scope)) }

    case .for(let name, let sequence, let body):
      let items = try iterate(sequence, in: scope)
      for item in items {
        try checkInterrupt()
        let inner = Environment(parent: scope)
        inner.define(name.name, item, kind: .loop, range: name.range)
        loopVariables.append((name.name, item))
        defer { loopVariables.removeLast() }
        if case .return(let value) = try execute(body, in: inner) { return .return(value) }
      }

    case .function(let declaration):
      let function = FunctionValue.binding(declaration, in: scope)
      scope.define(declaration.name.name, .function(function), kind: .function, range: declaration.name.range)

    case .return(let expr):
      return .return(try expr.map { try evaluate($0, in: scope) } ?? .none)

    case .expression(let expr):
      _ = try evaluate(expr, in: scope)
    }
    return .normal
  }

  func condition(_ expr: Expr, in scope: Environment) throws -> Bool {
    let value = try evaluate(expr, in: scope)
    guard case .bool(let b) = value else {
      throw RuntimeError(
        .type, "a condition must be true or false, got \(ValueText.described(value))", at: expr.range
      )
    }
    return b
  }

  /// The items a `for` loop visits; a range's numbers are made one at a time, not held in a list.
  func iterate(_ expr: Expr, in scope: Environment) throws -> AnyRandomAccessCollection<Value> {
    let value = try evaluate(expr, in: scope)
    switch value {
    case .list(let items): return AnyRandomAccessCollection(items)
    case .range(let r): return AnyRandomAccessCollection(r.numbers.lazy.map { .number(Double($0)) })
    case .vector(let v): return AnyRandomAccessCollection(v.lazy.map { .number($0) })
    default:
      throw RuntimeError(
        .type, "for … in needs a list or a range, got \(ValueText.described(value))", at: expr.range)
    }
  }

  /// The value of an override, checked against the kind of the value the script gives.
  func overridden(_ original: Value, with override: Override) throws -> Value {
    if let value = Self.replacement(for: original, override.value) { return value }
    // `d=nan` or `lr=inf` reads as a word; saying "not a string" would puzzle.
    if case .number = original, case .string(let word) = override.value, let x = Double(word), !x.isFinite {
      throw UsageError.overrideNotFinite(name: override.name, text: word)
    }
    // Name the first element that does not fit, and a word by what it names ("a schedule", not "a string").
    var (expected, got, element): (Value, Value, String?) = (original, override.value, nil)
    if case .list(let items) = original, let first = items.first, case .list(let new) = got,
      let misfit = new.first(where: { Self.replacement(for: first, $0) == nil })
    {
      (expected, got, element) = (first, misfit, ValueText.printed(misfit))
    }
    if case .string(let word) = got, let builtin = Registry.builtin(named: word) {
      got = builtin.constant ?? .builtin(builtin)
    }
    throw UsageError.overrideKind(
      name: override.name, expected: expected.kind, got: got.kind, element: element)
  }

  /// `value` in the place of `original`, nil when it cannot stand there. The command line has words, not
  /// names: a word takes the place of a builtin name of the same kind (`loss=hinge`, `dist=reversed`). A
  /// list whose elements share a kind takes elements of that kind, so `losses=[hinge, square]` gives
  /// losses rather than strings, and `λs=[0.1, x]` is refused here rather than failing mid-sweep.
  static func replacement(for original: Value, _ value: Value) -> Value? {
    switch (original, value) {
    case (.number, .number), (.bool, .bool), (.string, .string), (.range, .list): return value
    case (.list(let items), .list(let new)):
      guard let first = items.first, items.allSatisfy({ $0.kind == first.kind }) else { return value }
      var replaced: [Value] = []
      for item in new {
        guard let element = replacement(for: first, item) else { return nil }
        replaced.append(element)
      }
      return .list(replaced)
    case (.symbol, .string(let name)), (.builtin, .string(let name)), (.option, .string(let name)):
      guard let builtin = Registry.builtin(named: name) else { return nil }
      let named = builtin.constant ?? .builtin(builtin)
      return named.kind == original.kind ? named : nil
    default: return nil
    }
  }

  /// Why a probe name cannot be used, or nil: `step` would be a second `step` column in probes.csv (and a
  /// repeated key in probes.jsonl), and a run member's name (`final`, `steps`…) would hide the member.
  static func probeNameClash(_ name: String) -> String? {
    if name == "step" { return "probes.csv and probes.jsonl already have a 'step' column" }
    if Members.run.contains(where: { $0.name == name }) { return "it would hide the run member run.\(name)" }
    return nil
  }

  private func declarationHelp(_ kind: DeclarationKind) -> String {
    switch kind {
    case .data: "e.g. data train = hypercube(100) | xor(1, 2) | spurious(3, flip: 0.1)"
    case .net: "e.g. net f = relu2(width: 10, init: sphere(0.01))"
    case .opt: "e.g. opt sgd = sgd(lr: 0.05, batch: 5000, loss: logistic2)"
    }
  }
}
