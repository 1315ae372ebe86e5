/// The canonical layout of a script (`xsg fmt`): one statement per line, two-space indentation, single
/// spaces around binary operators (none around `^`, `..` and `..<`), `{` on the statement's line, at
/// most one blank line in a row, the `=` of consecutive `data`/`net`/`opt` lines and of probe entries
/// aligned, and every comment kept. A comment inside a multi-line statement moves above it.
///
/// Formatting is idempotent, and parsing the output gives the same tree as the input (tested).
public enum SourceFormatter {
  /// Formats a script that parsed without errors; nil when it has syntax errors (there is no tree to
  /// print faithfully).
  public static func format(_ source: SourceFile) -> String? {
    let result = Parser.parse(source)
    guard !result.diagnostics.hasErrors else { return nil }
    return format(result.program)
  }

  /// Formats a parsed program (with its comments).
  public static func format(_ program: Program) -> String {
    var printer = LayoutPrinter(comments: program.comments)
    printer.statements(program.statements, indent: 0)
    printer.leadingComments(before: Int.max, indent: 0)
    return printer.lines.isEmpty ? "" : printer.lines.joined(separator: "\n") + "\n"
  }

  /// One expression in canonical form.
  public static func format(_ expression: Expr) -> String {
    switch expression.kind {
    case .number(_, let text): return text
    case .string(let value): return quote(value)
    case .bool(let value): return value ? "true" : "false"
    case .name(let name): return name
    case .list(let elements): return "[" + elements.map(format).joined(separator: ", ") + "]"
    case .group(let inner): return "(" + format(inner) + ")"
    case .range(let lower, let upper, let closed):
      return format(lower) + (closed ? ".." : "..<") + format(upper)
    case .unary(let op, let operand, _):
      return op == .not ? "not " + format(operand) : "-" + format(operand)
    case .binary(let op, let left, let right, _):
      return op == .power
        ? format(left) + "^" + format(right) : format(left) + " " + op.rawValue + " " + format(right)
    case .call(let callee, let arguments):
      return format(callee) + "(" + arguments.map(format).joined(separator: ", ") + ")"
    case .member(let base, let name): return format(base) + "." + name.name
    case .index(let base, let index): return format(base) + "[" + format(index) + "]"
    case .train(let network, let data, let optimizer, let steps):
      return
        "train \(format(network)) on \(format(data)) with \(format(optimizer)) for \(format(steps)) steps"
    }
  }

  static func format(_ argument: CallArgument) -> String {
    (argument.label.map { $0.name + ": " } ?? "") + format(argument.value)
  }

  /// A string literal with the escapes the lexer reads.
  public static func quote(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// Lays out statements line by line while handing out the comments in source order.
private struct LayoutPrinter {
  var lines: [String] = []
  let comments: [LineComment]
  var nextComment = 0
  /// The last source line printed in the current block; a gap before the next item becomes one blank line.
  var lastLine: Int?

  init(comments: [LineComment]) { self.comments = comments }

  mutating func statements(_ statements: [Stmt], indent: Int) {
    let widths = alignment(statements)
    for (statement, width) in zip(statements, widths) {
      self.statement(statement, indent: indent, alignment: width)
    }
  }

  /// For each statement of a run of two or more `data`/`net`/`opt` lines in a row, the widths to pad
  /// the keyword and the name to.
  private func alignment(_ statements: [Stmt]) -> [(keyword: Int, name: Int)?] {
    var result = [(keyword: Int, name: Int)?](repeating: nil, count: statements.count)
    var start = 0
    while start < statements.count {
      var end = start
      while end < statements.count, case .declaration = statements[end].kind,
        end == start || statements[end].range.start.line == statements[end - 1].range.end.line + 1
      {
        end += 1
      }
      if end - start >= 2 {
        var keyword = 0
        var name = 0
        for statement in statements[start..<end] {
          if case .declaration(let kind, let identifier, _) = statement.kind {
            keyword = max(keyword, kind.rawValue.count)
            name = max(name, identifier.name.count)
          }
        }
        for index in start..<end { result[index] = (keyword, name) }
      }
      start = max(end, start + 1)
    }
    return result
  }

  mutating func statement(_ statement: Stmt, indent: Int, alignment: (keyword: Int, name: Int)?) {
    let pad = String(repeating: "  ", count: indent)
    leadingComments(before: statement.range.start.offset, indent: indent)
    gap(before: statement.range.start.line)
    switch statement.kind {
    case .seed(let value): simple(pad + "seed " + SourceFormatter.format(value), statement, indent)
    case .let(let name, let value):
      simple(pad + "let \(name.name) = " + SourceFormatter.format(value), statement, indent)
    case .declaration(let kind, let name, let value):
      var head = kind.rawValue
      var label = name.name
      if let alignment {
        head = head.padding(alignment.keyword)
        label = label.padding(alignment.name)
      }
      simple(pad + "\(head) \(label) = " + SourceFormatter.format(value), statement, indent)
    case .print(let values):
      simple(
        pad
          + (["print"] + [values.map(SourceFormatter.format).joined(separator: ", ")]).filter { !$0.isEmpty }
          .joined(separator: " "), statement, indent)
    case .return(let value):
      simple(pad + "return" + (value.map { " " + SourceFormatter.format($0) } ?? ""), statement, indent)
    case .expression(let value): simple(pad + SourceFormatter.format(value), statement, indent)
    case .probe(let every, let entries, let body):
      open(pad + "probe every " + SourceFormatter.format(every) + " {", brace: body, indent: indent)
      let width = entries.map(\.name.name.count).max() ?? 0
      let saved = lastLine
      lastLine = nil
      for entry in entries {
        leadingComments(before: entry.range.start.offset, indent: indent + 1)
        gap(before: entry.range.start.line)
        let text = "  " + pad + entry.name.name.padding(width) + " = " + SourceFormatter.format(entry.value)
        inner(before: entry.range.end.offset, indent: indent + 1)
        lines.append(text + trailing(onLine: entry.range.end.line))
        lastLine = entry.range.end.line
      }
      close(body, indent: indent, saved: saved)
    case .if(let branches, let otherwise):
      for (index, branch) in branches.enumerated() {
        let head =
          (index == 0 ? pad + "if " : pad + "} else if ") + SourceFormatter.format(branch.condition) + " {"
        open(head, brace: branch.body.range, indent: indent)
        body(branch.body, indent: indent)
      }
      if let otherwise {
        open(pad + "} else {", brace: otherwise.range, indent: indent)
        body(otherwise, indent: indent)
      }
      close(otherwise?.range ?? branches.last!.body.range, indent: indent, saved: statement.range.start.line)
    case .for(let variable, let sequence, let block):
      open(
        pad + "for \(variable.name) in " + SourceFormatter.format(sequence) + " {", brace: block.range,
        indent: indent)
      body(block, indent: indent)
      close(block.range, indent: indent, saved: statement.range.start.line)
    case .function(let function):
      let parameters = function.parameters.map { parameter in
        parameter.name.name + (parameter.defaultValue.map { ": " + SourceFormatter.format($0) } ?? "")
      }
      let head = pad + "fn \(function.name.name)(" + parameters.joined(separator: ", ") + ") {"
      open(head, brace: function.body.range, indent: indent)
      body(function.body, indent: indent)
      close(function.body.range, indent: indent, saved: statement.range.start.line)
    }
    lastLine = statement.range.end.line
  }

  /// A one-line statement: comments inside it go above it, a comment after it on its last line stays.
  private mutating func simple(_ text: String, _ statement: Stmt, _ indent: Int) {
    inner(before: statement.range.end.offset, indent: indent)
    lines.append(text + trailing(onLine: statement.range.end.line))
  }

  /// A header line ending in `{`; comments before the `{` go above, one on the `{` line stays.
  private mutating func open(_ text: String, brace: SourceRange, indent: Int) {
    inner(before: brace.start.offset, indent: indent)
    lines.append(text + trailing(onLine: brace.start.line))
  }

  /// The statements of a block, and the comments before its `}`.
  private mutating func body(_ block: Block, indent: Int) {
    let saved = lastLine
    lastLine = nil
    statements(block.statements, indent: indent + 1)
    leadingComments(before: block.range.end.offset - 1, indent: indent + 1)
    lastLine = saved
  }

  private mutating func close(_ block: SourceRange, indent: Int, saved: Int?) {
    leadingComments(before: block.end.offset - 1, indent: indent + 1)
    lastLine = saved
    lines.append(String(repeating: "  ", count: indent) + "}" + trailing(onLine: block.end.line))
  }

  /// Own-line comments that start before `offset`, each on its own line.
  mutating func leadingComments(before offset: Int, indent: Int) {
    while nextComment < comments.count, comments[nextComment].range.start.offset < offset {
      let comment = comments[nextComment]
      gap(before: comment.range.start.line)
      lines.append(String(repeating: "  ", count: indent) + comment.text.trimmingTrailingSpaces())
      lastLine = comment.range.end.line
      nextComment += 1
    }
  }

  /// Comments inside a statement (a multi-line expression) are printed above it.
  private mutating func inner(before offset: Int, indent: Int) {
    let saved = lastLine
    leadingComments(before: offset, indent: indent)
    lastLine = saved
  }

  /// The comment on `line` after what was just printed, as "  # …", or "".
  private mutating func trailing(onLine line: Int) -> String {
    guard nextComment < comments.count, comments[nextComment].range.start.line == line else { return "" }
    let comment = comments[nextComment]
    nextComment += 1
    return "  " + comment.text.trimmingTrailingSpaces()
  }

  /// One blank line when the source had at least one between the previous item and this one.
  private mutating func gap(before line: Int) {
    if let lastLine, line > lastLine + 1, lines.last?.isEmpty == false { lines.append("") }
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - count))
  }

  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while let last = text.last, last == " " || last == "\t" { text.removeLast() }
    return text
  }
}
