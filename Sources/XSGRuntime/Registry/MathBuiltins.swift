import Foundation

/// Numbers, vectors and lists: element-wise functions and aggregates, computed natively over arrays.
enum MathBuiltins {
  static let all: [Builtin] =
    elementwise.map { name, doc, f, problem in
      Builtin(name, .math, [.required("x", .numeric)], returns: "same shape as x", doc: doc) { call in
        try map(call, f, problem)
      }
    }
    + aggregates.map { name, doc, f in
      Builtin(
        name, .math, [.required("x", .numeric, "a vector, list, matrix or series")], returns: "number",
        doc: doc
      ) {
        call in
        let values = flatten(call.value("x") ?? .none)
        guard !values.isEmpty else { throw call.error("x", "\(name) of an empty collection") }
        let result = f(values)
        // Only `sum` can get here: mean and median fall back to a form that cannot overflow.
        if !result.isFinite, values.allSatisfy(\.isFinite) {
          throw call.error("x", "\(name) overflows", help: NonFinite.overflowHelp)
        }
        return .number(result)
      }
    } + [
      Builtin(
        "norm", .math, [.required("x", .numeric)], returns: "number", doc: "the Euclidean norm √Σx²"
      ) { call in
        let values = flatten(call.value("x") ?? .none)
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        // The squares overflow for elements beyond about 1e154 although the norm itself need not.
        guard !norm.isFinite, values.allSatisfy(\.isFinite), let largest = values.map(Swift.abs).max() else {
          return .number(norm)
        }
        let scaled = largest * values.reduce(0) { $0 + ($1 / largest) * ($1 / largest) }.squareRoot()
        guard scaled.isFinite else {
          throw call.error("x", "norm overflows", help: NonFinite.overflowHelp)
        }
        return .number(scaled)
      },
      Builtin(
        "len", .math, [.required("x", .any)], returns: "number",
        doc: "the number of elements of a list, vector, range, series or string"
      ) {
        call in
        switch call.value("x") {
        case .list(let items)?: return .number(Double(items.count))
        case .vector(let v)?: return .number(Double(v.count))
        case .range(let r)?: return .number(Double(r.numbers.count))
        case .series(let s)?: return .number(Double(s.values.count))
        case .string(let s)?: return .number(Double(s.count))
        case .matrix(let m)?:
          // Its rows (neurons) were the length, while m[k] indexes its columns (coordinates): a loop
          // `for k in 1..len(f.w)` silently skipped coordinates (or ran out of range).
          throw call.error(
            "x",
            "len: a matrix has \(m.rows) rows (neurons) and \(m.columns) columns (coordinates, which m[k] indexes)",
            code: .type, help: "for f.w, ask for the one meant: f.width or f.d")
        case let other?: throw call.error("x", "len: \(other.kind) has no length", code: .type)
        case nil: return .none
        }
      },
      Builtin(
        "logit", .math, [.required("p", .interval(0, 1), "0 and 1 are errors (±infinity)")],
        returns: "number",
        doc: "log(p/(1 − p)); the majority margin at the end of the shortcut phase is logit(1 − λ)"
      ) { call in
        let p = call.number("p")
        guard p > 0, p < 1 else {
          throw call.error(
            "p", "p: logit(\(ValueText.number(p))) is \(p == 0 ? "−" : "")infinity; expected 0 < p < 1")
        }
        return .number(Foundation.log(p / (1 - p)))
      },
      Builtin(
        "entropy", .math, [.required("p", .interval(0, 1))], returns: "number",
        doc: "binary entropy H(p) in nats; the logistic2 loss plateaus at 2·H(λ)"
      ) { call in
        let p = call.number("p")
        func term(_ q: Double) -> Double { q > 0 ? -q * Foundation.log(q) : 0 }
        return .number(term(p) + term(1 - p))
      },
      Builtin(
        "fmt", .math, [.required("x", .any), .defaulted("digits", .integer(min: 1), .number(4))],
        returns: "string",
        doc: "x as text with `digits` significant digits (17 at most, all a number has; more gives 17)"
      ) { call in
        .string(formatted(call.value("x") ?? .none, digits: min(call.int("digits"), 17)))
      },
      Builtin(
        "list", .math, [.required("x", .any)], returns: "list",
        doc: "the elements of a range, vector or series as a list"
      ) { call in
        switch call.value("x") {
        case .range(let r)?: return .list(r.elements.map { .number(Double($0)) })
        case .list(let items)?: return .list(items)
        case let numeric? where ParamType.numeric.mismatch(numeric) == nil:
          return .list(flatten(numeric).map { .number($0) })
        case let other?:
          // flatten has no numbers for these: `list(none)` was a silent [].
          throw call.error(
            "x", "list needs a range, vector, series or list, got \(ValueText.described(other))", code: .type)
        case nil: return .none
        }
      },
      Builtin(
        "map", .math,
        [
          .required("items", .any, "a list, range or vector"),
          .required("function", .any, "a function of one argument (fn or builtin)"),
        ],
        returns: "list",
        doc: "the list of function(item) for every item: `map(λs, fraction_learned)` collects a sweep"
      ) { call in
        let items: [Value]
        switch call.value("items") {
        case .list(let list)?: items = list
        case .range(let r)?: items = r.elements.map { .number(Double($0)) }
        case .vector(let v)?: items = v.map { .number($0) }
        case let other?:
          throw call.error(
            "items", "map needs a list, range or vector, got \(ValueText.described(other))",
            code: .type)
        case nil: items = []
        }
        let function: Value
        switch call.value("function") {
        case let callable? where callable.isCallable: function = callable
        default: throw call.error("function", "map needs a function of one argument", code: .type)
        }
        return .list(
          try items.map { item in
            try call.interpreter.call(
              function, [(nil, item, call.range)], at: call.range, calleeRange: call.range)
          })
      },
      Builtin(
        "vector", .math, [.required("x", .list(.number))], returns: "vector",
        doc: "a list of numbers as a vector (for element-wise arithmetic and directions)"
      ) { call in .vector(flatten(call.value("x") ?? .none)) },
    ]

  /// Name, doc, function and why a finite x gives no finite result (see `NonFinite`).
  static let elementwise:
    [(String, String, @Sendable (Double) -> Double, @Sendable (Double) -> NonFinite.Problem)] = [
      ("abs", "|x|, element-wise", { Swift.abs($0) }, overflow("abs")),
      ("sqrt", "√x, element-wise; x < 0 is an error", { $0.squareRoot() }, negative("square root")),
      (
        "exp", "e^x, element-wise; x > 709 overflows and is an error", { Foundation.exp($0) }, overflow("exp")
      ),
      (
        "log",
        "natural logarithm, element-wise; x ≤ 0 is an error (as a plot axis, y: log is logarithmic and "
          + "leaves out values ≤ 0)",
        { Foundation.log($0) },
        { x in
          x == 0
            ? NonFinite.Problem(reason: "log of zero", help: "log(0) would be −infinity")
            : NonFinite.Problem(reason: "log of a negative number", what: ValueText.number(x))
        }
      ),
      ("sign", "−1, 0 or 1, element-wise", { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }, overflow("sign")),
      ("round", "nearest whole number, element-wise", { $0.rounded() }, overflow("round")),
      ("floor", "largest whole number ≤ x, element-wise", { $0.rounded(.down) }, overflow("floor")),
    ]

  private static func negative(_ what: String) -> @Sendable (Double) -> NonFinite.Problem {
    { x in NonFinite.Problem(reason: "\(what) of a negative number", what: ValueText.number(x)) }
  }

  private static func overflow(_ name: String) -> @Sendable (Double) -> NonFinite.Problem {
    { x in
      NonFinite.Problem(
        reason: "\(name) overflows", what: ValueText.number(x), help: NonFinite.overflowHelp)
    }
  }

  static let aggregates: [(String, String, @Sendable ([Double]) -> Double)] = [
    (
      "mean", "the average",
      { values in
        let mean = values.reduce(0, +) / Double(values.count)
        // The sum of numbers near ±1.8e308 overflows although their mean does not.
        return mean.isFinite ? mean : values.reduce(0) { $0 + $1 / Double(values.count) }
      }
    ),
    (
      "median", "the median (the mean of the middle two for an even count)",
      { values in
        let sorted = values.sorted()
        let mid = sorted.count / 2
        guard sorted.count % 2 == 0 else { return sorted[mid] }
        let middle = (sorted[mid - 1] + sorted[mid]) / 2
        return middle.isFinite ? middle : sorted[mid - 1] / 2 + sorted[mid] / 2
      }
    ),
    ("min", "the smallest element", { $0.min() ?? .nan }),
    ("max", "the largest element", { $0.max() ?? .nan }),
    ("sum", "the sum (an error if it overflows)", { $0.reduce(0, +) }),
  ]

  /// `f` element-wise over a number, vector, matrix, list, range or series; an element with no finite
  /// result is an error at x that says which element (`NonFinite`).
  static func map(_ call: Call, _ f: (Double) -> Double, _ problem: (Double) -> NonFinite.Problem) throws
    -> Value
  {
    func apply(_ xs: [Double], place: (Int) -> String?) throws -> [Double] {
      try NonFinite.map(xs, f, place: place, problem: problem) { message, help in
        call.error("x", message, help: help)
      }
    }
    switch call.value("x") {
    case .number(let x)?: return .number(try apply([x]) { _ in nil }[0])
    case .vector(let v)?: return .vector(try apply(v, place: NonFinite.index))
    case .matrix(var m)?:
      let columns = m.columns
      m.storage = try apply(m.storage) { NonFinite.cell($0, columns: columns) }
      return .matrix(m)
    case .list(let items)?:
      return .vector(
        try apply(items.compactMap { if case .number(let x) = $0 { x } else { nil } }, place: NonFinite.index)
      )
    case .range(let r)?: return .vector(try apply(r.elements.map(Double.init), place: NonFinite.index))
    case .series(var s)?:
      let steps = s.steps
      if let neurons = s.neurons {
        // A per-neuron series' values are the means of its neurons: abs(run.w_sp).values is the mean of
        // |w_sp|, not |mean w_sp| (near 0 when the neurons split by sign).
        let mapped = try neurons.enumerated().map { k, row in
          try apply(row) { "step \(steps[k]), neuron \($0 + 1)" }
        }
        s.neurons = mapped
        s.values = mapped.map(ProbeTable.neuronMean)
      } else {
        s.values = try apply(s.values) { "step \(steps[$0])" }
      }
      return .series(s)
    default: return .none
    }
  }

  /// All the numbers in a value (a series gives its values).
  static func flatten(_ value: Value) -> [Double] {
    switch value {
    case .number(let x): [x]
    case .vector(let v): v
    case .matrix(let m): m.storage
    case .series(let s): s.values
    case .list(let items): items.flatMap(flatten)
    case .range(let r): r.elements.map(Double.init)
    default: []
    }
  }
}

/// `fmt`: a number with `digits` significant digits; the numbers of a vector or list likewise, every
/// element shown (`print` shows 6 digits and at most 8 elements); anything else as `print` shows it.
private func formatted(_ value: Value, digits: Int) -> String {
  switch value {
  case .number(let x):
    // As `print` writes numbers (1e-7, not 1e-07), with `digits` digits.
    return ValueText.number(x, digits: digits)
  case .vector(let v):
    return "[" + v.map { formatted(.number($0), digits: digits) }.joined(separator: ", ") + "]"
  case .list(let items):
    let shown = items.map { item in
      switch item {
      case .number, .vector, .list: formatted(item, digits: digits)
      default: ValueText.show(item)
      }
    }
    return "[" + shown.joined(separator: ", ") + "]"
  default:
    return ValueText.printed(value)
  }
}
