/// The canonical layout of a script (`xsg fmt`): one statement per line (a block written on one line
/// with at most one statement inside stays on one line), two-space indentation, single
/// spaces around binary operators (none around `^`, `..` and `..<`), `{` on the statement's line, at
/// most one blank line in a row, the `=` of consecutive `data`/`net`/`opt` lines and of probe entries
/// aligned, and every comment kept. A comment inside a multi-line statement moves above it. Breaks the
/// author put between the arguments of a long `print` or call, or between probe entries, are kept while
/// every line fits (like gofmt, the layout a careful author chose survives).
///
/// Formatting is idempotent, and parsing the output gives the same tree as the input (tested).
public enum SourceFormatter {
  /// Longer statements ending in a pipeline or a call, and longer `print`s, are broken over lines.
  public static let lineLength = 100

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
    printer.statements(program.statements, indent: 0, end: Int.max)
    printer.leadingComments(before: Int.max, indent: 0)
    let lines = printer.aligningTrailingComments()
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
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
  /// Trailing comments by output line: the width of the code before it, and the comment.
  var trailingComments: [Int: (width: Int, comment: String)] = [:]
  /// Where the last trailing comment was in the source.
  var lastTrailing: SourceLocation?

  init(comments: [LineComment]) { self.comments = comments }

  /// `end` is where the enclosing block closes. A comment after a statement on its last line is kept
  /// there only if it comes before the next statement (or `end`).
  mutating func statements(_ statements: [Stmt], indent: Int, end: Int) {
    let widths = alignment(statements)
    for (index, statement) in statements.enumerated() {
      let next = index + 1 < statements.count ? statements[index + 1].range.start.offset : end
      self.statement(statement, indent: indent, alignment: widths[index], next: next)
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

  mutating func statement(_ statement: Stmt, indent: Int, alignment: (keyword: Int, name: Int)?, next: Int) {
    let pad = String(repeating: "  ", count: indent)
    leadingComments(before: statement.range.start.offset, indent: indent)
    gap(before: statement.range.start.line)
    if let compact = compact(statement), pad.count + compact.count <= SourceFormatter.lineLength {
      line(pad + compact, statement.range, indent, next)
      lastLine = statement.range.end.line
      return
    }
    switch statement.kind {
    case .seed(let value):
      line(pad + "seed " + SourceFormatter.format(value), statement.range, indent, next)
    case .let(let name, let value):
      valueLine(pad + "let \(name.name) = ", value, statement.range, indent, next)
    case .declaration(let kind, let name, let value):
      var head = kind.rawValue
      var label = name.name
      if let alignment {
        head = head.padding(alignment.keyword)
        label = label.padding(alignment.name)
      }
      valueLine(pad + "\(head) \(label) = ", value, statement.range, indent, next)
    case .print(let values):
      printLine(pad, values, statement.range, indent, next)
    case .return(let value):
      let text = pad + "return" + (value.map { " " + SourceFormatter.format($0) } ?? "")
      line(text, statement.range, indent, next)
    case .expression(let value):
      valueLine(pad, value, statement.range, indent, next)
    case .probe(let every, let entries, let body):
      let first = entries.first?.range.start.offset ?? body.end.offset - 1
      open(pad + "probe every " + SourceFormatter.format(every) + " {", brace: body, before: first, indent)
      let width = entries.map(\.name.name.count).max() ?? 0
      let saved = lastLine
      lastLine = nil
      // Entries the source groups on a line stay together when every such line fits; otherwise one entry
      // per line, the `=` aligned.
      var groups: [[ProbeEntry]] = []
      for entry in entries {
        if let last = groups.last?.last, last.range.end.line == entry.range.start.line {
          groups[groups.count - 1].append(entry)
        } else {
          groups.append([entry])
        }
      }
      func text(_ group: [ProbeEntry], aligned: Int = 0) -> String {
        pad + "  "
          + group.map { $0.name.name.padding(aligned) + " = " + SourceFormatter.format($0.value) }
          .joined(separator: ", ")
      }
      let grouped =
        groups.count < entries.count && !groups.contains { text($0).count > SourceFormatter.lineLength }
      if !grouped { groups = entries.map { [$0] } }
      for (index, group) in groups.enumerated() {
        let following =
          index + 1 < groups.count ? groups[index + 1][0].range.start.offset : body.end.offset - 1
        let range = group[0].range.union(group[group.count - 1].range)
        leadingComments(before: range.start.offset, indent: indent + 1)
        gap(before: range.start.line)
        line(text(group, aligned: grouped ? 0 : width), range, indent + 1, following)
      }
      close(body, indent: indent, next: next)
      lastLine = saved
    case .if(let branches, let otherwise):
      for (index, branch) in branches.enumerated() {
        let head = (index == 0 ? pad + "if " : pad + "} else if ") + SourceFormatter.format(branch.condition)
        block(head + " {", branch.body, indent)
      }
      if let otherwise { block(pad + "} else {", otherwise, indent) }
      close(otherwise?.range ?? branches.last!.body.range, indent: indent, next: next)
    case .for(let variable, let sequence, let body):
      block(pad + "for \(variable.name) in " + SourceFormatter.format(sequence) + " {", body, indent)
      close(body.range, indent: indent, next: next)
    case .function(let function):
      let parameters = function.parameters.map { parameter in
        parameter.name.name + (parameter.defaultValue.map { ": " + SourceFormatter.format($0) } ?? "")
      }
      let head = pad + "fn \(function.name.name)(" + parameters.joined(separator: ", ") + ") {"
      block(head, function.body, indent)
      close(function.body.range, indent: indent, next: next)
    }
    lastLine = statement.range.end.line
  }

  /// A block statement written on one line in the source, with at most one simple statement per body
  /// and no comments inside, stays on one line (`fn twice(x) { return 2 * x }`,
  /// `probe every 10 { loss = batch_loss(), acc = accuracy(f, iid) }`); nil otherwise.
  private func compact(_ statement: Stmt) -> String? {
    guard statement.range.start.line == statement.range.end.line else { return nil }
    if nextComment < comments.count, comments[nextComment].range.start.offset < statement.range.end.offset {
      return nil
    }
    func body(_ block: Block) -> String? {
      guard let only = block.statements.first else { return "{ }" }
      guard block.statements.count == 1, let text = LayoutPrinter.simple(only) else { return nil }
      return "{ " + text + " }"
    }
    switch statement.kind {
    case .probe(let every, let entries, _):
      let list = entries.map { $0.name.name + " = " + SourceFormatter.format($0.value) }
      return "probe every " + SourceFormatter.format(every)
        + (list.isEmpty ? " { }" : " { " + list.joined(separator: ", ") + " }")
    case .if(let branches, let otherwise):
      var text = ""
      for (index, branch) in branches.enumerated() {
        guard let block = body(branch.body) else { return nil }
        text += (index == 0 ? "if " : " else if ") + SourceFormatter.format(branch.condition) + " " + block
      }
      if let otherwise {
        guard let block = body(otherwise) else { return nil }
        text += " else " + block
      }
      return text
    case .for(let variable, let sequence, let block):
      return body(block).map { "for \(variable.name) in " + SourceFormatter.format(sequence) + " " + $0 }
    case .function(let function):
      let parameters = function.parameters.map { parameter in
        parameter.name.name + (parameter.defaultValue.map { ": " + SourceFormatter.format($0) } ?? "")
      }
      let head = "fn \(function.name.name)(" + parameters.joined(separator: ", ") + ") "
      return body(function.body).map { head + $0 }
    default:
      return nil
    }
  }

  /// The one-line form of a statement without a block.
  static func simple(_ statement: Stmt) -> String? {
    switch statement.kind {
    case .seed(let value): "seed " + SourceFormatter.format(value)
    case .let(let name, let value): "let \(name.name) = " + SourceFormatter.format(value)
    case .declaration(let kind, let name, let value):
      "\(kind.rawValue) \(name.name) = " + SourceFormatter.format(value)
    case .print(let values):
      values.isEmpty ? "print" : "print " + values.map(SourceFormatter.format).joined(separator: ", ")
    case .return(let value): "return" + (value.map { " " + SourceFormatter.format($0) } ?? "")
    case .expression(let value): SourceFormatter.format(value)
    case .probe, .if, .for, .function: nil
    }
  }

  /// One line for a statement or probe entry: comments inside it go above it; a comment after it on
  /// its last line, before `next`, stays at the end of the line.
  private mutating func line(_ text: String, _ range: SourceRange, _ indent: Int, _ next: Int) {
    inner(before: range.end.offset, indent: indent)
    append(text, comment: trailing(onLine: range.end.line, before: next))
  }

  /// A statement ending in an expression (`let x = …`, a call). When its line would be longer than
  /// `SourceFormatter.lineLength`, a pipeline breaks before each `|` and a call puts one argument per
  /// line; both reparse to the same tree (the newline rule continues them).
  private mutating func valueLine(
    _ head: String, _ value: Expr, _ range: SourceRange, _ indent: Int, _ next: Int
  ) {
    let single = head + SourceFormatter.format(value)
    guard single.count > SourceFormatter.lineLength else { return line(single, range, indent, next) }
    let pad = String(repeating: "  ", count: indent)
    var wrapped: [String]
    if case .binary(.pipe, _, _, _) = value.kind {
      var stages: [Expr] = []
      var rest = value
      while case .binary(.pipe, let left, let right, _) = rest.kind {
        stages.insert(right, at: 0)
        rest = left
      }
      wrapped =
        [head + SourceFormatter.format(rest)] + stages.map { pad + "  | " + SourceFormatter.format($0) }
    } else if case .call(let callee, let arguments) = value.kind, !arguments.isEmpty {
      // Arguments the source breaks between (not before the first) keep those breaks when every line
      // fits: `chart(xs, ys, title: …,⏎  file: …)`. Otherwise one argument per line.
      let texts = arguments.map(SourceFormatter.format)
      var kept = [head + SourceFormatter.format(callee) + "(" + texts[0]]
      for k in arguments.indices.dropFirst() {
        if arguments[k].range.start.line > arguments[k - 1].range.end.line {
          kept[kept.count - 1] += ","
          kept.append(pad + "  " + texts[k])
        } else {
          kept[kept.count - 1] += ", " + texts[k]
        }
      }
      kept[kept.count - 1] += ")"
      let brokenBeforeFirst = arguments[0].range.start.line > callee.range.end.line
      if kept.count > 1, !brokenBeforeFirst, !kept.contains(where: { $0.count > SourceFormatter.lineLength })
      {
        wrapped = kept
      } else {
        wrapped = [head + SourceFormatter.format(callee) + "("]
        wrapped += texts.map { pad + "  " + $0 + "," }
        wrapped.append(pad + ")")
      }
    } else {
      return line(single, range, indent, next)
    }
    inner(before: range.end.offset, indent: indent)
    let comment = trailing(onLine: range.end.line, before: next)
    lines += wrapped.dropLast()
    append(wrapped[wrapped.count - 1], comment: comment)
  }

  /// `print a, b, …`; when longer than `SourceFormatter.lineLength`, broken where the source breaks it
  /// if every line then fits, else after the last comma that fits; continuation lines are indented one
  /// step (a line ending in `,` continues).
  private mutating func printLine(
    _ pad: String, _ expressions: [Expr], _ range: SourceRange, _ indent: Int, _ next: Int
  ) {
    let values = expressions.map(SourceFormatter.format)
    let single = pad + (values.isEmpty ? "print" : "print " + values.joined(separator: ", "))
    guard single.count > SourceFormatter.lineLength else { return line(single, range, indent, next) }
    func wrap(breakingBefore breaks: (Int, Int) -> Bool) -> [String] {
      var wrapped: [String] = []
      var current = pad + "print " + values[0]
      for k in values.indices.dropFirst() {
        if breaks(k, current.count) {
          wrapped.append(current + ",")
          current = pad + "  " + values[k]
        } else {
          current += ", " + values[k]
        }
      }
      return wrapped + [current]
    }
    var wrapped = wrap { k, _ in expressions[k].range.start.line > expressions[k - 1].range.end.line }
    if wrapped.contains(where: { $0.count > SourceFormatter.lineLength }) {
      wrapped = wrap { k, width in width + 2 + values[k].count > SourceFormatter.lineLength }
    }
    inner(before: range.end.offset, indent: indent)
    let comment = trailing(onLine: range.end.line, before: next)
    lines += wrapped.dropLast()
    append(wrapped[wrapped.count - 1], comment: comment)
  }

  /// A header ending in `{` and the block's statements (its `}` is printed by `close`).
  private mutating func block(_ head: String, _ block: Block, _ indent: Int) {
    let closing = block.range.end.offset - 1
    open(head, brace: block.range, before: block.statements.first?.range.start.offset ?? closing, indent)
    let saved = lastLine
    lastLine = nil
    statements(block.statements, indent: indent + 1, end: closing)
    leadingComments(before: closing, indent: indent + 1)
    lastLine = saved
  }

  /// A header line ending in `{`: comments before the `{` go above; one on the `{` line before the
  /// first statement stays.
  private mutating func open(_ text: String, brace: SourceRange, before first: Int, _ indent: Int) {
    inner(before: brace.start.offset, indent: indent)
    append(text, comment: trailing(onLine: brace.start.line, before: first))
  }

  /// The comments left before a `}` and the `}` line itself.
  private mutating func close(_ block: SourceRange, indent: Int, next: Int) {
    leadingComments(before: block.end.offset - 1, indent: indent + 1)
    append(
      String(repeating: "  ", count: indent) + "}", comment: trailing(onLine: block.end.line, before: next))
  }

  /// Own-line comments that start before `offset`, each on its own line. One written right under a
  /// trailing comment, in its column, continues it and stays in that column.
  mutating func leadingComments(before offset: Int, indent: Int) {
    while nextComment < comments.count, comments[nextComment].range.start.offset < offset {
      let comment = comments[nextComment]
      let start = comment.range.start
      if let previous = lastTrailing, start.line == previous.line + 1, start.column == previous.column {
        append("", comment: comment.text.trimmingTrailingSpaces())
        lastTrailing = start
      } else {
        gap(before: start.line)
        lines.append(String(repeating: "  ", count: indent) + comment.text.trimmingTrailingSpaces())
      }
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

  /// The comment on `line` before offset `limit`, if any.
  private mutating func trailing(onLine line: Int, before limit: Int) -> String? {
    guard nextComment < comments.count, comments[nextComment].range.start.line == line,
      comments[nextComment].range.start.offset < limit
    else { return nil }
    let comment = comments[nextComment]
    nextComment += 1
    lastTrailing = comment.range.start
    return comment.text.trimmingTrailingSpaces()
  }

  /// A line of code with its trailing comment, if any (aligned later by `aligningTrailingComments`).
  private mutating func append(_ code: String, comment: String?) {
    if let comment { trailingComments[lines.count] = (code.count, comment) }
    lines.append(code)
  }

  /// The lines with their trailing comments; the comments of consecutive lines start in one column, two
  /// spaces after the longest code among them (as a reader aligns them by hand).
  func aligningTrailingComments() -> [String] {
    var result = lines
    var index = 0
    while index < lines.count {
      guard trailingComments[index] != nil else {
        index += 1
        continue
      }
      var end = index
      while end < lines.count, trailingComments[end] != nil { end += 1 }
      let column = (index..<end).map { trailingComments[$0]!.width }.max()! + 2
      for line in index..<end {
        let (width, comment) = trailingComments[line]!
        result[line] += String(repeating: " ", count: column - width) + comment
      }
      index = end
    }
    return result
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
