import Testing

@testable import XSGSyntax

/// Parser golden tests: Tests/Golden/syntax/trees.txt holds cases in the tree-sitter corpus style.
@Suite struct TreeCorpusTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var title: String
    var source: String
    var tree: String
    var testDescription: String { title }
  }

  static let cases: [Case] = {
    guard let text = try? Fixtures.text("Tests/Golden/syntax/trees.txt") else { return [] }
    return text.split(separator: "\n=== ", omittingEmptySubsequences: false).dropFirst().map { chunk in
      let title = String(chunk.prefix { $0 != "\n" })
      let rest = chunk.dropFirst(title.count + 1)
      let parts = rest.split(separator: "\n---\n", maxSplits: 1, omittingEmptySubsequences: false)
      let tree = parts.count > 1 ? String(parts[1]) : ""
      return Case(
        title: title, source: String(parts[0]) + "\n",
        tree: tree.hasSuffix("\n\n") ? String(tree.dropLast()) : tree)
    }
  }()

  @Test func corpusIsNotEmpty() { #expect(Self.cases.count >= 10) }

  @Test(arguments: cases) func sourceParsesToTheExpectedTree(_ testCase: Case) {
    let result = Parser.parse(SourceFile(name: testCase.title, text: testCase.source))
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    #expect(TreeDump.dump(result.program) == testCase.tree)
  }
}
