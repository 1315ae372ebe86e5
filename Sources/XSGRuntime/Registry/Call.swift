import XSGSyntax

/// The arguments of one builtin call, bound to its parameters (by position, then by label), type-checked
/// and with defaults filled in. Accessors can therefore trust the types the registry declares.
public struct Call {
  public let builtin: Builtin
  let values: [String: Value]
  let ranges: [String: SourceRange]
  /// The whole call: where errors about the call as a whole point.
  public let range: SourceRange
  let interpreter: Interpreter

  /// Binds `arguments` to `builtin`'s parameters; every mistake points at the argument it concerns.
  static func bind(
    _ builtin: Builtin, _ arguments: [(label: Identifier?, value: Value, range: SourceRange)],
    range: SourceRange, interpreter: Interpreter
  ) throws -> Call {
    var values: [String: Value] = [:]
    var ranges: [String: SourceRange] = [:]
    var given = Set<String>()
    var position = 0
    for argument in arguments {
      let parameter: Parameter
      if let label = argument.label {
        guard let found = builtin.parameters.first(where: { $0.label == label.name }) else {
          let labels = builtin.parameters.map(\.label)
          throw RuntimeError(
            .arguments, "\(builtin.name) has no argument '\(label.name)'", at: label.range,
            help: Suggestion.didYouMean(label.name, in: labels)
              ?? (labels.isEmpty
                ? "it takes no arguments" : "its arguments: " + labels.joined(separator: ", ")))
        }
        parameter = found
      } else {
        while position < builtin.parameters.count, given.contains(builtin.parameters[position].label) {
          position += 1
        }
        guard position < builtin.parameters.count else {
          throw RuntimeError(
            .arguments, "too many arguments: \(builtin.signature) takes \(builtin.parameters.count)",
            at: argument.range)
        }
        parameter = builtin.parameters[position]
        position += 1
      }
      guard given.insert(parameter.label).inserted else {
        throw RuntimeError(.arguments, "'\(parameter.label)' is given twice", at: argument.range)
      }
      // `none` for an optional parameter leaves it out, so a function can pass its own optional
      // argument on: fn when(s, above: none, below: none) { return first_step(s, above: above, below: below) }
      if parameter.optional, case .none = argument.value { continue }
      if let problem = parameter.type.mismatch(argument.value) {
        throw RuntimeError(problem.code, "\(parameter.label): \(problem.message)", at: argument.range)
      }
      values[parameter.label] = normalised(argument.value, for: parameter.type)
      ranges[parameter.label] = argument.range
    }
    for parameter in builtin.parameters where values[parameter.label] == nil {
      if let value = parameter.defaultValue {
        values[parameter.label] = value
      } else if !parameter.optional {
        throw RuntimeError(
          .arguments, "\(builtin.name) needs '\(parameter.label)' (\(parameter.type.description))", at: range,
          help: "call it as \(builtin.signature)")
      }
    }
    return Call(builtin: builtin, values: values, ranges: ranges, range: range, interpreter: interpreter)
  }

  /// Ranges become lists where a list is expected.
  private static func normalised(_ value: Value, for type: ParamType) -> Value {
    if case .list = type, case .range(let r) = value { return .list(r.elements.map { .number(Double($0)) }) }
    return value
  }

  /// The value of `label`, nil when an optional parameter was not given.
  public func value(_ label: String) -> Value? { values[label] }

  public func has(_ label: String) -> Bool { values[label] != nil }

  /// Where `label`'s argument is written (the call when it was defaulted).
  public func range(of label: String) -> SourceRange { ranges[label] ?? range }

  public func number(_ label: String) -> Double {
    if case .number(let x) = values[label] { return x }
    return .nan
  }

  public func int(_ label: String) -> Int {
    let x = number(label)
    return x.isFinite && abs(x) < 1e15 ? Int(x) : 0
  }

  public func bool(_ label: String) -> Bool {
    if case .bool(let b) = values[label] { return b }
    return false
  }

  public func string(_ label: String) -> String {
    switch values[label] {
    case .string(let s): s
    case .symbol(let s): s
    default: ""
    }
  }

  public func ints(_ label: String) -> [Int] {
    guard case .list(let items) = values[label] else { return [] }
    return items.compactMap { if case .number(let x) = $0 { Int(x) } else { nil } }
  }

  /// An error about one argument.
  public func error(_ label: String, _ message: String, code: RuntimeError.Code = .value, help: String? = nil)
    -> RuntimeError
  {
    RuntimeError(code, message, at: range(of: label), help: help)
  }
}
