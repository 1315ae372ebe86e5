/// An S-expression dump of a syntax tree without source ranges: the form of the parser's golden tests
/// and of the "parse → print → parse gives the same tree" property.
///
/// `let x = 1 + 2 * y` dumps as `(let x (+ 1 (* 2 y)))`; blocks indent their statements.
public enum TreeDump {
  public static func dump(_ program: Program) -> String {
    program.statements.map { dump($0, indent: 0) }.joined(separator: "\n")
      + (program.statements.isEmpty ? "" : "\n")
  }

  public static func dump(_ statement: Stmt, indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent)
    switch statement.kind {
    case .seed(let value): return pad + "(seed \(dump(value)))"
    case .let(let name, let value): return pad + "(let \(name.name) \(dump(value)))"
    case .declaration(let kind, let name, let value):
      return pad + "(\(kind.rawValue) \(name.name) \(dump(value)))"
    case .probe(let every, let entries, _):
      let lines = entries.map { "\(pad)  (\($0.name.name) \(dump($0.value)))" }
      return ([pad + "(probe-every \(dump(every))"] + lines).joined(separator: "\n") + ")"
    case .print(let values): return pad + "(print" + values.map { " " + dump($0) }.joined() + ")"
    case .if(let branches, let otherwise):
      var parts: [String] = []
      for (index, branch) in branches.enumerated() {
        parts.append(pad + (index == 0 ? "(if " : "  (else-if ") + dump(branch.condition))
        parts.append(dump(branch.body, indent: indent + (index == 0 ? 1 : 2)) + (index == 0 ? "" : ")"))
      }
      if let otherwise {
        parts.append(pad + "  (else")
        parts.append(dump(otherwise, indent: indent + 2) + ")")
      }
      return parts.joined(separator: "\n") + ")"
    case .for(let variable, let sequence, let body):
      return pad + "(for \(variable.name) \(dump(sequence))\n" + dump(body, indent: indent + 1) + ")"
    case .function(let function):
      let parameters = function.parameters.map { parameter in
        parameter.defaultValue.map { "(\(parameter.name.name): \(dump($0)))" } ?? parameter.name.name
      }
      return pad + "(fn \(function.name.name) (\(parameters.joined(separator: " ")))\n"
        + dump(function.body, indent: indent + 1) + ")"
    case .return(let value): return pad + "(return" + (value.map { " " + dump($0) } ?? "") + ")"
    case .expression(let value): return pad + dump(value)
    }
  }

  static func dump(_ block: Block, indent: Int) -> String {
    let pad = String(repeating: "  ", count: indent)
    if block.statements.isEmpty { return pad + "(block)" }
    return pad + "(block\n" + block.statements.map { dump($0, indent: indent + 1) }.joined(separator: "\n")
      + ")"
  }

  public static func dump(_ expression: Expr) -> String {
    switch expression.kind {
    case .number(_, let text): return text
    case .string(let value): return SourceFormatter.quote(value)
    case .bool(let value): return value ? "true" : "false"
    case .name(let name): return name
    case .list(let elements): return "(list" + elements.map { " " + dump($0) }.joined() + ")"
    case .group(let inner): return "(group \(dump(inner)))"
    case .range(let lower, let upper, let closed):
      return "(\(closed ? ".." : "..<") \(dump(lower)) \(dump(upper)))"
    case .unary(let op, let operand, _): return "(\(op.rawValue) \(dump(operand)))"
    case .binary(let op, let left, let right, _): return "(\(op.rawValue) \(dump(left)) \(dump(right)))"
    case .call(let callee, let arguments):
      let parts = arguments.map { argument in
        argument.label.map { "(\($0.name): \(dump(argument.value)))" } ?? dump(argument.value)
      }
      return "(call \(dump(callee))" + parts.map { " " + $0 }.joined() + ")"
    case .member(let base, let name): return "(. \(dump(base)) \(name.name))"
    case .index(let base, let index): return "([] \(dump(base)) \(dump(index)))"
    case .train(let network, let data, let optimizer, let steps):
      return "(train \(dump(network)) \(dump(data)) \(dump(optimizer)) \(dump(steps)))"
    }
  }
}
