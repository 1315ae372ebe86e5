import Testing

@testable import XSGSyntax

/// E0210: a function called before a name its body uses (directly or through the functions it calls)
/// is declared. Each script also holds calls that must pass, beside at least one that must not.
@Suite struct CallOrderTests {
  @Test func directUseIsReportedAtTheCall() throws {
    let diagnostics = checkLines([
      "fn acc() {",
      "  return accuracy(f, iid)",
      "}",
      "print acc()",
      "net f = relu2(width: 10)",
    ])
    #expect(lineSummary(diagnostics) == ["4: [E0210] 'acc' uses 'f', which is not declared until line 5"])
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.range.start.column == 7 && diagnostic.range.end.column == 12)
    #expect(diagnostic.labels.map(\.message) == ["'f' is used here", "declared here"])
    #expect(diagnostic.labels.map(\.range.start.line) == [2, 5])
    #expect(diagnostic.notes.count == 1)
  }

  @Test func transitiveUseNamesTheChainOfCalls() throws {
    let diagnostics = checkLines([
      "fn inner() {",
      "  return x + 1",
      "}",
      "fn middle() {",
      "  return inner()",
      "}",
      "fn outer() {",
      "  return 2 * middle()",
      "}",
      "print outer()",
      "let x = 1",
    ])
    #expect(
      lineSummary(diagnostics) == [
        "10: [E0210] 'outer' calls 'middle', which calls 'inner', which uses 'x', which is not declared until line 11"
      ])
    let diagnostic = try #require(diagnostics.first)
    #expect(
      diagnostic.labels.map(\.message) == [
        "'middle' is called here", "'inner' is called here", "'x' is used here", "declared here",
      ])
  }

  @Test func functionDeclaredEarlyAndCalledAfterTheNamePasses() {
    let diagnostics = checkLines([
      "fn grow(n) {",
      "  return n * scale",
      "}",
      "print grow(1)",
      "let scale = 3",
      "print grow(2)",
      "for i in 1..3 {",
      "  print grow(i)",
      "}",
    ])
    #expect(
      lineSummary(diagnostics) == ["4: [E0210] 'grow' uses 'scale', which is not declared until line 5"])
  }

  @Test func recursionEndsTheSearch() {
    let diagnostics = checkLines([
      "fn down(n) {",
      "  if n > 0 { return down(n - 1) }",
      "  return base",
      "}",
      "fn ping(n) {",
      "  if n > 0 { return pong(n - 1) }",
      "  return base",
      "}",
      "fn pong(n) {",
      "  return ping(n) + step",
      "}",
      "print down(3), ping(3)",
      "let base = 0",
      "print down(3), ping(3)",
      "let step = 1",
      "print pong(3)",
    ])
    #expect(
      lineSummary(diagnostics) == [
        "12: [E0210] 'down' uses 'base', which is not declared until line 13",
        "12: [E0210] 'ping' calls 'pong', which uses 'step', which is not declared until line 15",
        "14: [E0210] 'ping' calls 'pong', which uses 'step', which is not declared until line 15",
      ])
  }

  @Test func parametersAndLocalNamesAreNotFlagged() {
    let diagnostics = checkLines([
      "fn f(x) {",
      "  let y = x",
      "  for k in [1, 2] {",
      "    let y2 = k",
      "  }",
      "  return x + y + z",
      "}",
      "print f(1)",
      "let x = 1",
      "let y = 2",
      "let k = 3",
      "let z = 4",
    ])
    #expect(lineSummary(diagnostics) == ["8: [E0210] 'f' uses 'z', which is not declared until line 12"])
  }

  @Test func severalMissingNamesGiveOneDiagnosticWithANote() throws {
    let diagnostics = checkLines([
      "fn acc() {",
      "  return accuracy(f, later)",
      "}",
      "print acc()",
      "net f = relu2(width: 10)",
      "data later = hypercube(10)",
    ])
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    #expect(diagnostic.notes.last == "it also needs 'later' (line 6), declared later too")
  }

  @Test func pipesAndFunctionArgumentsAreCalls() {
    let diagnostics = checkLines([
      "fn scaled(v) {",
      "  return v * scale",
      "}",
      "let alias = scaled",
      "print 2 | scaled",
      "print map([1, 2], scaled)",
      "let scale = 3",
    ])
    #expect(
      lineSummary(diagnostics) == [
        "5: [E0210] 'scaled' uses 'scale', which is not declared until line 7",
        "6: [E0210] 'scaled' uses 'scale', which is not declared until line 7",
      ])
  }

  /// A nested function's use of its enclosing function's names runs inside that function's call; only
  /// the script's names are checked at the outer call.
  @Test func nestedFunctionsAreFollowedThroughTheirEnclosingFunction() {
    let diagnostics = checkLines([
      "fn fraction(λ) {",
      "  fn learns(trial) {",
      "    return trial * λ * d + local",
      "  }",
      "  let local = 1",
      "  return mean(map([1, 2], learns))",
      "}",
      "print fraction(0.1)",
      "let d = 10",
      "print fraction(0.2)",
    ])
    #expect(
      lineSummary(diagnostics) == [
        "8: [E0210] 'fraction' uses 'learns', which uses 'd', which is not declared until line 9"
      ])
  }

  /// A function of an earlier REPL entry has no body here to follow; a call of it is left to the runtime.
  @Test func blockScopesAndEarlierEntries() {
    let diagnostics = checkLines(
      [
        "if true {",
        "  fn h() {",
        "    return w + old()",
        "  }",
        "  print h()",
        "  let w = 1",
        "  print h()",
        "}",
      ], predeclared: ["old"])
    #expect(lineSummary(diagnostics) == ["5: [E0210] 'h' uses 'w', which is not declared until line 6"])
  }

  @Test func richFormShowsTheCallTheUseAndTheDeclaration() {
    let source = SourceFile(
      name: "t.xsg",
      text: "fn acc() { return accuracy(f, iid) }\nprint acc()\nlet d = 2\nnet f = relu2(width: d)\n")
    let rendered = DiagnosticRenderer(source: source).render(
      FrontEnd.check(source, oracle: TestOracle.table).diagnostics)
    #expect(
      rendered == """
        t.xsg:2:7: error[E0210]: 'acc' uses 'f', which is not declared until line 4
         1 | fn acc() { return accuracy(f, iid) }
           |                            - 'f' is used here
         2 | print acc()
           |       ^^^^^
          ...
         4 | net f = relu2(width: d)
           |     - declared here
           = note: a function's body runs when it is called: the names it uses must be declared before the call

        """)
  }
}
