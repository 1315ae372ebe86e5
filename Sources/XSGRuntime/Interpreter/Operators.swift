import Foundation
import XSGSyntax

extension Interpreter {
  func unary(_ op: UnaryOperator, _ value: Value, at range: SourceRange, operandRange: SourceRange) throws
    -> Value
  {
    switch (op, value) {
    case (.negate, .number(let x)): return .number(-x)
    case (.negate, .vector(let v)): return .vector(v.map { -$0 })
    case (.negate, .matrix(var m)):
      m.storage = m.storage.map { -$0 }
      return .matrix(m)
    case (.not, .bool(let b)): return .bool(!b)
    case (.negate, _):
      throw RuntimeError(
        .type, "'-' needs a number or a vector, got \(ValueText.described(value))", at: range)
    case (.not, _):
      throw RuntimeError(
        .type, "'not' needs true or false, got \(ValueText.described(value))", at: range)
    }
  }

  func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange) throws -> Value {
    switch op {
    case .equal: return .bool(Values.equal(left, right))
    case .notEqual: return .bool(!Values.equal(left, right))
    case .less, .lessEqual, .greater, .greaterEqual:
      return try compare(op, left, right, at: range)
    case .add:
      switch (left, right) {
      case (.string(let a), .string(let b)): return .string(a + b)
      case (.string(let a), _): return .string(a + ValueText.printed(right))
      case (_, .string(let b)): return .string(ValueText.printed(left) + b)
      case (.list(let a), .list(let b)): return .list(a + b)
      default: return try arithmetic(op, left, right, at: range)
      }
    case .subtract, .multiply, .divide, .remainder, .power:
      return try arithmetic(op, left, right, at: range)
    case .and, .or, .pipe:
      preconditionFailure("handled by evaluate")
    }
  }

  private func compare(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange) throws
    -> Value
  {
    func test(_ a: Double, _ b: Double) -> Bool {
      switch op {
      case .less: a < b
      case .lessEqual: a <= b
      case .greater: a > b
      default: a >= b
      }
    }
    switch (left, right) {
    case (.number(let a), .number(let b)): return .bool(test(a, b))
    case (.string(let a), .string(let b)):
      let order: Double = a < b ? -1 : (a == b ? 0 : 1)
      return .bool(test(order, 0))
    default:
      throw RuntimeError(
        .type, "'\(op.rawValue)' compares two numbers (or two strings), got \(left.kind) and \(right.kind)",
        at: range)
    }
  }

  /// Numbers, and element-wise over vectors and matrices (with a number broadcast). A result that is not a
  /// finite number although both operands are (`1 / 0`, `0 / 0`, `(-8) ^ 0.5`, `1e308 * 10`) is an error
  /// naming the operands and, element-wise, the index (`NonFinite`).
  private func arithmetic(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange) throws
    -> Value
  {
    let f: (Double, Double) -> Double
    switch op {
    case .add: f = (+)
    case .subtract: f = (-)
    case .multiply: f = (*)
    case .divide: f = (/)
    case .remainder: f = { a, b in a.truncatingRemainder(dividingBy: b) }
    default: f = { a, b in Foundation.pow(a, b) }
    }
    func apply(_ a: Double, _ b: Double, at place: @autoclosure () -> String?) throws -> Double {
      let y = f(a, b)
      guard !y.isFinite, a.isFinite, b.isFinite else { return y }
      // `-8 ^ 0.5` would read as -(8 ^ 0.5).
      let base = op == .power && a < 0 ? "(\(ValueText.number(a)))" : ValueText.number(a)
      let what = "\(base) \(op.rawValue) \(ValueText.number(b))"
      var reason = "'\(op.rawValue)' overflows"
      var help: String? = NonFinite.overflowHelp
      if op == .divide || op == .remainder, b == 0 {
        (reason, help) = ("division by zero", nil)
      } else if op == .power, a == 0, b < 0 {
        (reason, help) = ("zero to a negative power", nil)
      } else if op == .power, y.isNaN {
        (reason, help) = ("a negative number to a fractional power", nil)
      }
      throw RuntimeError(.value, reason + NonFinite.detail(what, at: place()), at: range, help: help)
    }
    func apply(_ a: [Double], _ b: [Double], place: (Int) -> String) throws -> [Double] {
      try zip(a, b).enumerated().map { i, pair in try apply(pair.0, pair.1, at: place(i)) }
    }
    switch (left, right) {
    case (.number(let a), .number(let b)):
      return .number(try apply(a, b, at: nil))
    case (.vector(let a), .vector(let b)):
      guard a.count == b.count else {
        throw RuntimeError(
          .shape, "'\(op.rawValue)' needs vectors of the same length, got \(a.count) and \(b.count)",
          at: range)
      }
      return .vector(try apply(a, b, place: NonFinite.index))
    case (.vector(let a), .number(let b)):
      return .vector(try apply(a, Array(repeating: b, count: a.count), place: NonFinite.index))
    case (.number(let a), .vector(let b)):
      return .vector(try apply(Array(repeating: a, count: b.count), b, place: NonFinite.index))
    case (.matrix(var m), .number(let b)):
      let columns = m.columns
      m.storage = try apply(m.storage, Array(repeating: b, count: m.storage.count)) {
        NonFinite.cell($0, columns: columns)
      }
      return .matrix(m)
    case (.number(let a), .matrix(var m)):
      let columns = m.columns
      m.storage = try apply(Array(repeating: a, count: m.storage.count), m.storage) {
        NonFinite.cell($0, columns: columns)
      }
      return .matrix(m)
    case (.matrix(let a), .matrix(let b)):
      guard a.rows == b.rows, a.columns == b.columns else {
        throw RuntimeError(
          .shape,
          "'\(op.rawValue)' needs matrices of the same shape, got \(a.rows)×\(a.columns) and \(b.rows)×\(b.columns)",
          at: range)
      }
      let storage = try apply(a.storage, b.storage) { NonFinite.cell($0, columns: a.columns) }
      return .matrix(Matrix(rows: a.rows, columns: a.columns, storage: storage))
    default:
      throw RuntimeError(
        .type,
        "'\(op.rawValue)' needs numbers (or vectors), got \(ValueText.described(left)) and \(ValueText.described(right))",
        at: range)
    }
  }

  /// `list[i]`, `vector[i]`, `series[i]` (1-based, like coordinates); `matrix[k]`: column k, i.e. the
  /// weights on coordinate k, one per neuron (`f.w[3]`).
  func subscripted(_ base: Value, _ index: Value, at range: SourceRange) throws -> Value {
    guard case .number(let x) = index, x == x.rounded() else {
      throw RuntimeError(
        .type, "an index is a whole number, got \(ValueText.described(index))", at: range)
    }
    // A whole number too large for an Int is out of range of anything (not "not a whole number").
    let i = abs(x) < 1e15 ? Int(x) : 0
    func check(_ count: Int, _ what: String, _ unit: String = "") throws {
      guard i >= 1, i <= count else {
        throw RuntimeError(
          .shape,
          "index \(ValueText.show(index)) is out of range: \(what) has \(count)\(unit) (indices start at 1)",
          at: range)
      }
    }
    switch base {
    case .list(let items):
      try check(items.count, "the list")
      return items[i - 1]
    case .vector(let v):
      try check(v.count, "the vector")
      return .number(v[i - 1])
    case .range(let r):
      try check(r.numbers.count, "the range")
      return .number(Double(r.lower + i - 1))
    case .matrix(let m):
      try check(m.columns, "the matrix", " columns, one per coordinate")
      return .vector(m.column(i - 1))
    case .series(let s):
      try check(s.values.count, "the series")
      if let neurons = s.neurons { return .vector(neurons[i - 1]) }
      return .number(s.values[i - 1])
    case .string(let s):
      let characters = Array(s)
      try check(characters.count, "the string")
      return .string(String(characters[i - 1]))
    default:
      throw RuntimeError(.type, "\(ValueText.described(base)) cannot be indexed", at: range)
    }
  }
}

/// Structural equality of values (handles compare by identity).
enum Values {
  static func equal(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.none, .none): true
    case (.number(let x), .number(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.bool(let x), .bool(let y)): x == y
    case (.symbol(let x), .symbol(let y)): x == y
    case (.list(let x), .list(let y)): x.count == y.count && zip(x, y).allSatisfy(equal)
    case (.range(let x), .range(let y)): x == y
    case (.vector(let x), .vector(let y)): x == y
    case (.matrix(let x), .matrix(let y)): x == y
    case (.data(let x), .data(let y)): x === y
    case (.net(let x), .net(let y)): x === y
    case (.opt(let x), .opt(let y)): x === y
    case (.run(let x), .run(let y)): x === y
    case (.function(let x), .function(let y)): x.isSame(as: y)
    case (.builtin(let x), .builtin(let y)): x.name == y.name
    case (.option(let x), .option(let y)): x.kind == y.kind && x.summary == y.summary
    case (.series(let x), .series(let y)): x.steps == y.steps && x.values == y.values
    default: false
    }
  }
}
