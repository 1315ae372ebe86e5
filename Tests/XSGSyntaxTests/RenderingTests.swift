import Testing

@testable import XSGSyntax

/// Snapshots of the rich and short diagnostic forms.
@Suite struct RenderingTests {
  func render(_ text: String, short: Bool = false) -> String {
    let source = SourceFile(name: "t.xsg", text: text)
    let renderer = DiagnosticRenderer(source: source)
    let diagnostics = FrontEnd.check(source, oracle: TestOracle.table).diagnostics
    return short ? diagnostics.map(renderer.short).joined(separator: "\n") : renderer.render(diagnostics)
  }

  @Test func singleLineWithSuggestion() {
    #expect(
      render("net f = relu2(widht: 10)\n") == """
        t.xsg:1:15: error[E0205]: 'relu2' has no parameter named 'widht'
         1 | net f = relu2(widht: 10)
           |               ^^^^^
           = help: did you mean 'width'?

        """)
    #expect(
      render("net f = relu2(widht: 10)\n", short: true)
        == "t.xsg:1:15: error[E0205]: 'relu2' has no parameter named 'widht'; did you mean 'width'?")
  }

  @Test func labelOnAnEarlierLine() {
    #expect(
      render("let x = f(1,\n       2, 3\n\n\n\nlet y = 2\n") == """
        t.xsg:2:12: error[E0102]: expected ',' or ')' to close '(' opened at 1:10, found end of line
         1 | let x = f(1,
           |          - '(' opened here
         2 |        2, 3
           |            ^

        """)
  }

  @Test func endOfInputPointsAfterTheLastToken() {
    #expect(
      render("fn f(x) {\n  return x\n") == """
        t.xsg:2:11: error[E0102]: expected '}' to close '{' opened at 1:9, found end of input
         1 | fn f(x) {
           |         - '{' opened here
         2 |   return x
           |           ^

        """)
  }

  /// A generated 300-element list with a mistake in the middle: the excerpt is a window around the caret,
  /// not 1500 columns.
  @Test func aLongLineIsCutToAWindowAroundTheCaret() {
    let items = (1...300).map { $0 == 150 ? "1 +* 2" : String($0 % 10) }
    let text = "let x = [" + items.joined(separator: ", ") + "]\n"
    let rendered = render(text)
    let lines = rendered.split(separator: "\n").map(String.init)
    #expect(lines[0] == "t.xsg:1:460: error[E0101]: expected an expression, found '*'")
    #expect(lines.allSatisfy { $0.unicodeScalars.count <= DiagnosticRenderer.maxLineCells + 8 })
    // The caret still sits under the '*', and both cut ends are marked.
    let excerpt = lines[1]
    let caret = lines[2]
    #expect(excerpt.hasPrefix(" 1 | …") && excerpt.hasSuffix("…"))
    let star = Array(excerpt.unicodeScalars).firstIndex(of: "*")
    #expect(star != nil && star == Array(caret.unicodeScalars).firstIndex(of: "^"))
  }

  @Test func aShortLineIsShownWhole() {
    let text = "let x = [" + String(repeating: "1, ", count: 30) + "+* 2]\n"
    #expect(!render(text).contains("…"))
  }

  @Test func tabsAreExpandedInTheLineAndUnderTheCaret() {
    #expect(
      render("\tlet\tx = 1 +* 2\n") == """
        t.xsg:1:13: error[E0101]: expected an expression, found '*'
         1 |     let x = 1 +* 2
           |                ^

        """)
  }

  @Test func wideCharactersTakeTwoCells() {
    #expect(
      render("let 漢字 = 1\nprint 漢字 + λ\n") == """
        t.xsg:2:12: error[E0201]: cannot find 'λ' in scope
         2 | print 漢字 + λ
           |              ^

        """)
  }

  @Test func multiLineRangeWithElidedMiddleAndNotes() {
    let source = SourceFile(name: "m.xsg", text: "let x = [1,\n  2,\n  3]\n")
    let diagnostic = Diagnostic(
      .expectedExpression, "a range over lines", at: source.range(8, 21), primaryLabel: "this list"
    )
    .labeled(source.range(0, 3), "in this let").noting("a note")
    #expect(
      DiagnosticRenderer(source: source).rich(diagnostic) == """
        m.xsg:1:9: error[E0101]: a range over lines
         1 | let x = [1,
           |         ^^^
           | --- in this let
          ...
         3 |   3]
           |   ^^ this list
           = note: a note

        """)
  }

  /// Ranges in several sources (the REPL's entries): the headline names the primary range's source, and
  /// the labels of each other source follow under a `:::` line naming it.
  @Test func labelsInAnotherSourceFollowUnderItsName() {
    let first = SourceFile(name: "<repl>:1", text: "fn f(x) {\n  return x - 1\n}\n", id: SourceFile.ID(1))
    let third = SourceFile(name: "<repl>:3", text: "let y = f(2)", id: SourceFile.ID(3))
    let diagnostic = Diagnostic(.expectedExpression, "it failed", at: first.range(21, 22))
      .labeled(third.range(8, 12), "'f' called here").labeled(first.range(0, 2), "in this function")
    let renderer = DiagnosticRenderer(source: third, others: [first])
    #expect(
      renderer.rich(diagnostic) == """
        <repl>:1:2:12: error[E0101]: it failed
         1 | fn f(x) {
           | -- in this function
         2 |   return x - 1
           |            ^
          ::: <repl>:3:1:9
         1 | let y = f(2)
           |         ---- 'f' called here

        """)
    #expect(renderer.short(diagnostic) == "<repl>:1:2:12: error[E0101]: it failed")
  }

  @Test func colourOnlyWhenAsked() {
    let source = SourceFile(name: "c.xsg", text: "let = 1\n")
    let diagnostics = Parser.parse(source).diagnostics
    #expect(!DiagnosticRenderer(source: source).render(diagnostics).contains("\u{1B}"))
    #expect(
      DiagnosticRenderer(source: source, color: true).render(diagnostics)
        == "\u{1B}[1mc.xsg:1:5: \u{1B}[0m\u{1B}[1;31merror[E0104]\u{1B}[0m\u{1B}[1m: expected a name after 'let', "
        + "found '='\u{1B}[0m\n 1 \u{1B}[1;34m|\u{1B}[0m let = 1\n   \u{1B}[1;34m|\u{1B}[0m     \u{1B}[1;31m^\u{1B}[0m\n"
    )
  }

  @Test func severalErrorsInOnePassAreSeparatedByBlankLines() {
    let text = render("let a = (1\nlet b = 2 +\nprint b\n")
    #expect(text.components(separatedBy: "\n\n").count == 2)
  }
}

extension String {
  fileprivate func components(separatedBy separator: String) -> [Substring] {
    split(separator: separator, omittingEmptySubsequences: false)
  }
}
