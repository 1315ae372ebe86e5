import Testing

@testable import XSGSyntax

@Suite struct UnifiedDiffTests {
  @Test func equalTextsHaveNoDiff() {
    #expect(UnifiedDiff.diff("a\nb\n", "a\nb\n", oldName: "x", newName: "y").isEmpty)
  }

  @Test func oneChangedLineWithContext() {
    let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
    let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
    #expect(
      UnifiedDiff.diff(old, new, oldName: "a.xsg", newName: "a.xsg (formatted)") == """
        --- a.xsg
        +++ a.xsg (formatted)
        @@ -2,7 +2,7 @@
         line 2
         line 3
         line 4
        -line 5
        +line five
         line 6
         line 7
         line 8

        """)
  }

  @Test func insertionAtTheStartAndDeletionAtTheEnd() {
    #expect(
      UnifiedDiff.diff("b\nc\n", "a\nb\n", oldName: "o", newName: "n") == """
        --- o
        +++ n
        @@ -1,2 +1,2 @@
        +a
         b
        -c

        """)
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound] + replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
