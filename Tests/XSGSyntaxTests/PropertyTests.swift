import Testing

@testable import XSGSyntax

/// Properties over every golden script and example that parses cleanly.
@Suite struct PropertyTests {
  static let scripts = Fixtures.scripts(under: "Tests/Golden/syntax") + Fixtures.scripts(under: "examples")

  @Test(arguments: scripts) func formatIsIdempotentAndKeepsTheTree(path: String) throws {
    let source = try Fixtures.source(path)
    let parsed = Parser.parse(source)
    guard !parsed.diagnostics.hasErrors else { return }
    let once = SourceFormatter.format(parsed.program)
    let reparsed = Parser.parse(SourceFile(name: "formatted", text: once))
    #expect(reparsed.diagnostics.isEmpty, "\(path): the formatted script does not parse")
    #expect(TreeDump.dump(reparsed.program) == TreeDump.dump(parsed.program), "\(path): the tree changed")
    let twice = SourceFormatter.format(reparsed.program)
    #expect(
      twice == once,
      "\(path): not idempotent\n\(UnifiedDiff.diff(once, twice, oldName: "once", newName: "twice"))")
    let commentTexts = parsed.program.comments.map { $0.text.trimmingCharacters(in: " \t") }
    #expect(reparsed.program.comments.map(\.text) == commentTexts, "\(path): comments lost or reordered")
  }

  @Test(arguments: scripts) func everyNodeRangeIsInsideItsParent(path: String) throws {
    let source = try Fixtures.source(path)
    let program = Parser.parse(source).program
    func inside(_ child: SourceRange, _ parent: SourceRange) -> Bool {
      parent.start.offset <= child.start.offset && child.end.offset <= parent.end.offset
    }
    func check(_ expression: Expr, in parent: SourceRange) {
      #expect(inside(expression.range, parent), "\(path): \(TreeDump.dump(expression)) outside its parent")
      #expect(source.text(in: expression.range).isEmpty == false)
      for child in expression.children { check(child, in: expression.range) }
    }
    func check(_ statement: Stmt, in parent: SourceRange) {
      #expect(inside(statement.range, parent))
      for child in statement.expressions { check(child, in: statement.range) }
      for child in statement.blocks.flatMap(\.statements) { check(child, in: statement.range) }
    }
    for statement in program.statements { check(statement, in: program.range) }
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var text = self
    while let last = text.last, set.contains(last) { text.removeLast() }
    return text
  }
}

extension Expr {
  /// The direct sub-expressions.
  var children: [Expr] {
    switch kind {
    case .number, .string, .bool, .name: []
    case .list(let elements): elements
    case .group(let inner): [inner]
    case .range(let lower, let upper, _): [lower, upper]
    case .unary(_, let operand, _): [operand]
    case .binary(_, let left, let right, _): [left, right]
    case .call(let callee, let arguments): [callee] + arguments.map(\.value)
    case .member(let base, _): [base]
    case .index(let base, let index): [base, index]
    case .train(let network, let data, let optimizer, let steps): [network, data, optimizer, steps]
    }
  }
}

extension Stmt {
  var expressions: [Expr] {
    switch kind {
    case .seed(let value), .let(_, let value), .declaration(_, _, let value), .expression(let value): [value]
    case .probe(let every, let entries, _): [every] + entries.map(\.value)
    case .print(let values): values
    case .if(let branches, _): branches.map(\.condition)
    case .for(_, let sequence, _): [sequence]
    case .function(let function): function.parameters.compactMap(\.defaultValue)
    case .return(let value): value.map { [$0] } ?? []
    }
  }

  var blocks: [Block] {
    switch kind {
    case .if(let branches, let otherwise): branches.map(\.body) + (otherwise.map { [$0] } ?? [])
    case .for(_, _, let body): [body]
    case .function(let function): [function.body]
    default: []
    }
  }
}
