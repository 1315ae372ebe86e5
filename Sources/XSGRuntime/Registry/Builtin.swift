import XSGSyntax

/// One entry of the builtin registry: the single source for the interpreter, the static checks of
/// `xsg check`, REPL completion, `xsg help builtins` and docs/builtins.md.
public struct Builtin: Sendable {
  public enum Category: String, Sendable, CaseIterable {
    case data = "Data"
    case network = "Networks"
    case optimiser = "Optimisers"
    case probe = "Probes and measurements"
    case series = "Runs and series"
    case math = "Numbers, vectors and lists"
    case output = "Output"
    case constant = "Names"
  }
  public let name: String
  public let category: Category
  public let parameters: [Parameter]
  /// What a call returns, as a kind name ("data stage", "number", "vector"…).
  public let returns: String
  /// One line: what it is for.
  public let doc: String
  /// For constants (`iid`, `logistic2`…): their value; functions have a body instead.
  public let constant: Value?
  let body: (@Sendable (Call) throws -> Value)?

  init(
    _ name: String, _ category: Category, _ parameters: [Parameter] = [], returns: String, doc: String,
    body: @escaping @Sendable (Call) throws -> Value
  ) {
    self.name = name
    self.category = category
    self.parameters = parameters
    self.returns = returns
    self.doc = doc
    self.constant = nil
    self.body = body
  }

  init(constant name: String, _ value: Value, _ category: Category = .constant, doc: String) {
    self.name = name
    self.category = category
    self.parameters = []
    self.returns = value.kind
    self.doc = doc
    self.constant = value
    self.body = nil
  }

  public var isFunction: Bool { body != nil }

  /// `spurious(k, flip: 0.1)`: the call shape shown in help and docs.
  public var signature: String {
    guard isFunction else { return name }
    let params = parameters.map { p in
      if let text = p.defaultText { return "\(p.label): \(text)" }
      return p.label
    }
    return "\(name)(\(params.joined(separator: ", ")))"
  }

  public var requiredCount: Int { parameters.filter { $0.defaultText == nil && !$0.optional }.count }
}

/// A parameter of a builtin. Every parameter may be given positionally (in order) or by its label.
public struct Parameter: Sendable {
  public let label: String
  public let type: ParamType
  /// nil: required (unless `optional`). The default as a value.
  public let defaultValue: Value?
  /// The default as written in docs (`0.01`, `logistic2`).
  public let defaultText: String?
  /// An optional parameter without a default (absent means "not set").
  public let optional: Bool
  public let doc: String

  static func required(_ label: String, _ type: ParamType, _ doc: String = "") -> Parameter {
    Parameter(label: label, type: type, defaultValue: nil, defaultText: nil, optional: false, doc: doc)
  }

  static func optional(_ label: String, _ type: ParamType, _ doc: String = "") -> Parameter {
    Parameter(label: label, type: type, defaultValue: nil, defaultText: nil, optional: true, doc: doc)
  }

  static func defaulted(_ label: String, _ type: ParamType, _ value: Value, _ doc: String = "") -> Parameter {
    Parameter(
      label: label, type: type, defaultValue: value, defaultText: ValueText.source(value), optional: false,
      doc: doc)
  }
}

/// The type of a parameter, checked before the builtin runs so that every builtin reports wrong kinds and
/// out-of-range values the same way, at the argument.
public indirect enum ParamType: Sendable {
  case number
  /// A number in a closed interval.
  case interval(Double, Double)
  /// A number > 0.
  case positive
  /// A number ≥ 0.
  case nonNegative
  /// A whole number ≥ the bound.
  case integer(min: Int)
  case string
  case bool
  case list(ParamType)
  /// One of the named constants (`iid`, `logistic2`, …).
  case symbol([String])
  case data
  case net
  case opt
  case run
  case series
  /// A vector, a matrix, a number or a list of numbers.
  case numeric
  case option(String)
  case oneOf([ParamType])
  case any

  /// How the type reads in docs and error messages.
  public var description: String {
    switch self {
    case .number: "number"
    case .interval(let lo, let hi) where lo == hi: "the number \(NumberText.roundTrip(lo))"
    case .interval(let lo, let hi): "number in [\(NumberText.roundTrip(lo)), \(NumberText.roundTrip(hi))]"
    case .positive: "number > 0"
    case .nonNegative: "number ≥ 0"
    case .integer(let min): min == Int.min ? "whole number" : "whole number ≥ \(min)"
    case .string: "string"
    case .bool: "true or false"
    case .list(let element): "list of \(element.description)"
    case .symbol(let names): names.joined(separator: " | ")
    case .data: "data"
    case .net: "network"
    case .opt: "optimiser"
    case .run: "run"
    case .series: "series"
    case .numeric: "number, vector or matrix"
    case .option(let kind): kind
    case .oneOf(let types): types.map(\.description).joined(separator: " or ")
    case .any: "any value"
    }
  }

  /// nil when `value` fits; otherwise what is wrong, phrased for "label: …".
  func mismatch(_ value: Value) -> (code: RuntimeError.Code, message: String)? {
    switch (self, value) {
    case (.any, _): return nil
    case (.number, .number): return nil
    case (.interval(let lo, let hi), .number(let x)):
      return x >= lo && x <= hi
        ? nil : (.value, "\(ValueText.show(value)) is out of range; expected \(description)")
    case (.positive, .number(let x)):
      return x > 0 ? nil : (.value, "\(ValueText.show(value)) is out of range; expected \(description)")
    case (.nonNegative, .number(let x)):
      return x >= 0 ? nil : (.value, "\(ValueText.show(value)) is out of range; expected \(description)")
    case (.integer(let min), .number(let x)):
      if x != x.rounded() { return (.value, "\(ValueText.show(value)) is not a whole number") }
      // `Call.int` reads these as Int only below 1e15.
      if abs(x) >= 1e15 {
        return (.value, "\(ValueText.show(value)) is too large; expected \(description), below 1e15")
      }
      return Int(x) >= min
        ? nil : (.value, "\(ValueText.show(value)) is out of range; expected \(description)")
    case (.string, .string), (.bool, .bool), (.data, .data), (.net, .net), (.opt, .opt), (.run, .run),
      (.series, .series):
      return nil
    case (.list(let element), .list(let items)):
      for item in items {
        if let problem = element.mismatch(item) { return (problem.code, "an element " + problem.message) }
      }
      return nil
    case (.list(let element), .range(let r)):
      return ParamType.list(element).mismatch(.list(r.elements.map { .number(Double($0)) }))
    case (.symbol(let names), .symbol(let name)):
      return names.contains(name) ? nil : (.value, "'\(name)' is not one of \(description)")
    case (.numeric, .number), (.numeric, .vector), (.numeric, .matrix), (.numeric, .series),
      (.numeric, .range):
      return nil
    case (.numeric, .list(let items)):
      return items.allSatisfy({ if case .number = $0 { true } else { false } })
        ? nil : (.type, "expected numbers, got a list with other values")
    case (.option(let kind), .option(let option)):
      return option.kind == kind ? nil : (.type, "expected \(kind), got \(option.kind)")
    case (.oneOf(let types), _):
      let problems = types.compactMap { $0.mismatch(value) }
      if problems.count < types.count { return nil }
      if let outOfRange = problems.first(where: { $0.code == .value }) { return outOfRange }
      return (.type, "expected \(description), got \(ValueText.described(value))")
    default:
      return (.type, "expected \(description), got \(ValueText.described(value))")
    }
  }
}
