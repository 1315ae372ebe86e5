import Testing

@testable import XSGSyntax

@Suite struct ParserTests {
  func parse(_ text: String) -> ParseResult { Parser.parse(SourceFile(name: "t.xsg", text: text)) }

  func dump(_ text: String) -> String {
    let result = parse(text)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    return TreeDump.dump(result.program)
  }

  @Test func precedenceClimbsFromPipeToPostfix() {
    #expect(
      dump("a | b or c and not d == e + f * -g ^ h\n")
        == "(| a (or b (and c (not (== d (+ e (* f (- (^ g h)))))))))\n")
    #expect(dump("2 ^ 3 ^ 2") == "(^ 2 (^ 3 2))\n")
    #expect(dump("a - b - c") == "(- (- a b) c)\n")
    #expect(dump("1..n") == "(.. 1 n)\n")
    #expect(dump("f(x, by: 2).w[3]") == "([] (. (call f x (by: 2)) w) 3)\n")
  }

  @Test func trainIsContextual() {
    #expect(
      dump("data train = h\nlet r = train f on train with sgd for 5 * n steps")
        == "(data train h)\n(let r (train f train sgd (* 5 n)))\n")
    #expect(dump("test(train, iid)") == "(call test train iid)\n")
  }

  @Test func quickstartParses() throws {
    let result = Parser.parse(try Fixtures.source("examples/quickstart.xsg"))
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    print(TreeDump.dump(result.program))
    print(SourceFormatter.format(result.program))
  }
}
