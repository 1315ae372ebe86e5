import Foundation

/// Numbers, vectors and lists: element-wise functions and aggregates, computed natively over arrays.
enum MathBuiltins {
  static let all: [Builtin] =
    elementwise.map { name, doc, f in
      Builtin(name, .math, [.required("x", .numeric)], returns: "same shape as x", doc: doc) { call in
        try map(call, f)
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
        return .number(f(values))
      }
    } + [
      Builtin(
        "norm", .math, [.required("x", .numeric)], returns: "number", doc: "the Euclidean norm √Σx²"
      ) { call in .number(flatten(call.value("x") ?? .none).reduce(0) { $0 + $1 * $1 }.squareRoot()) },
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
        case .matrix(let m)?: return .number(Double(m.rows))
        case let other?: throw call.error("x", "len: \(other.kind) has no length", code: .type)
        case nil: return .none
        }
      },
      Builtin(
        "logit", .math, [.required("p", .interval(0, 1))], returns: "number",
        doc: "log(p/(1 − p)); the majority margin at the end of the shortcut phase is logit(1 − λ)"
      ) { call in
        let p = call.number("p")
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
        doc: "x as text with `digits` significant digits"
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
        case let other?: return .list(flatten(other).map { .number($0) })
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

  static let elementwise: [(String, String, @Sendable (Double) -> Double)] = [
    ("abs", "|x|, element-wise", { Swift.abs($0) }),
    ("sqrt", "√x, element-wise", { $0.squareRoot() }),
    ("exp", "e^x, element-wise", { Foundation.exp($0) }),
    (
      "log", "natural logarithm, element-wise (as a plot axis, y: log is logarithmic)", { Foundation.log($0) }
    ),
    ("sign", "−1, 0 or 1, element-wise", { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }),
    ("round", "nearest whole number, element-wise", { $0.rounded() }),
    ("floor", "largest whole number ≤ x, element-wise", { $0.rounded(.down) }),
  ]

  static let aggregates: [(String, String, @Sendable ([Double]) -> Double)] = [
    ("mean", "the average", { $0.reduce(0, +) / Double($0.count) }),
    (
      "median", "the median (the mean of the middle two for an even count)",
      { values in
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
      }
    ),
    ("min", "the smallest element", { $0.min() ?? .nan }),
    ("max", "the largest element", { $0.max() ?? .nan }),
    ("sum", "the sum", { $0.reduce(0, +) }),
  ]

  static func map(_ call: Call, _ f: (Double) -> Double) throws -> Value {
    switch call.value("x") {
    case .number(let x)?: return .number(f(x))
    case .vector(let v)?: return .vector(v.map(f))
    case .matrix(var m)?:
      m.storage = m.storage.map(f)
      return .matrix(m)
    case .list(let items)?:
      return .vector(items.compactMap { if case .number(let x) = $0 { f(x) } else { nil } })
    case .series(var s)?:
      s.values = s.values.map(f)
      s.neurons = s.neurons?.map { $0.map(f) }
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
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return String(format: "%.\(digits)g", x)
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
