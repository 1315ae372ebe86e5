import Testing

@testable import XSGSyntax

/// Names in blocks: W0201 (a `let` in a block that uses the outer name it hides), and a function body's
/// own names, which run in order like any block's.
@Suite struct BlockScopeTests {
  func summary(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map {
      "\($0.range.start.line):\($0.range.start.column) \($0.severity) [\($0.code)] \($0.message)"
    }
  }

  @Test func counterInALoopIsAWarning() throws {
    let diagnostics = checkLines([
      "let wins = 0",
      "for s in [1, 2] {",
      "  let wins = wins + 1",
      "}",
      "print wins",
    ])
    #expect(
      summary(diagnostics) == [
        "3:7 warning [W0201] this makes a new 'wins' for the block; the outer 'wins' is unchanged"
      ])
    let warning = try #require(diagnostics.first)
    #expect(warning.labels.map(\.range.start.line) == [1])
    #expect(warning.notes.contains { $0.contains("sum(map(") })
    #expect(!diagnostics.hasErrors)
  }

  @Test func everyKindOfBlockAndDeclarationWarns() {
    let diagnostics = checkLines([
      "data train = hypercube(10)",
      "let lr = 0.1",
      "if true {",
      "  data train = train | spurious(3, 0.1)",
      "}",
      "fn f(x) {",
      "  let lr = lr * 2",
      "  return lr",
      "}",
    ])
    #expect(diagnostics.map { "\($0.range.start.line) \($0.code)" } == ["4 W0201", "7 W0201"])
  }

  @Test func shadowingWithoutUsingTheOuterNameIsFine() {
    #expect(
      checkLines([
        "let lr = 0.1",
        "for s in [1, 2] {",
        "  let lr = 0.2",
        "  let twice = lr * 2",
        "}",
        "let n = 1",
        "let m = n + 1",
        "fn g(n) {",
        "  return n",
        "}",
        // A member named like the outer name is not a use of it.
        "net f = relu2(width: 4)",
        "for k in [1] {",
        "  let width = f.width",
        "}",
      ]).isEmpty)
  }

  @Test func anEarlierEntryOfTheSessionIsNamedInANote() throws {
    let diagnostics = checkLines(["for s in [1] {", "  let total = total + s", "}"], predeclared: ["total"])
    let warning = try #require(diagnostics.first)
    #expect(warning.code == .hidesOuterName && warning.labels.isEmpty)
    #expect(warning.notes.first == "the outer 'total' was declared earlier in this session")
  }

  @Test func aFunctionBodySeesItsOwnNamesInOrder() {
    // Before, `check` let the body see `x` before its `let`; the call then failed at run time.
    #expect(
      summary(
        checkLines([
          "fn k() {",
          "  print x",
          "  let x = 1",
          "}",
        ])) == ["2:9 error [E0201] cannot find 'x' in scope"])
    // An outer `x` is what the body's first line sees, as the interpreter does.
    #expect(checkLines(["let x = 1", "fn k() {", "  print x", "  let y = 2", "}", "k()"]).isEmpty)
    // Names of the scopes around a body may still be declared after the function.
    #expect(checkLines(["fn k() {", "  return y", "}", "let y = 2", "print k()"]).isEmpty)
    // A nested function sees its enclosing body's later names: it runs when called.
    #expect(
      checkLines([
        "fn outer() {", "  fn inner() {", "    return z", "  }", "  let z = 1", "  return inner()", "}",
      ]).isEmpty)
  }
}
