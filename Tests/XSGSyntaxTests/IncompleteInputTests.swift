import Testing

@testable import XSGSyntax

/// The REPL asks whether typed input (ending in the line break the user typed) is unfinished.
@Suite struct IncompleteInputTests {
  @Test(arguments: [
    "let x = f(1,\n", "let x = [1, 2\n", "let x = 1 +\n", "data d = hypercube(10) |\n", "if x {\n",
    "for i in 1..3 {\n  print i\n", "fn f(x) {\n", "probe every 10 {\n  a = 1\n", "print (1 +\n",
    "if a and\n", "let r = train f on d with o for\n",
  ])
  func unfinishedInputIsIncomplete(text: String) {
    #expect(Parser.isIncomplete(SourceFile(name: "<repl>", text: text)))
  }

  @Test(arguments: [
    "let x = 1\n", "let x = )\n", "let x\n", "print \"abc\n", "let x = f(1,\nlet y = 2\n", "}\n",
    "if x { print 1 }\n", "let x = 1 @\n", "let x = 1 +* (\n", "",
  ])
  func finishedOrWrongInputIsNotIncomplete(text: String) {
    #expect(!Parser.isIncomplete(SourceFile(name: "<repl>", text: text)))
  }
}
