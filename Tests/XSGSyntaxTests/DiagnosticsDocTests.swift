import Testing

@testable import XSGSyntax

/// docs/diagnostics.md documents every syntax code and static warning. That its examples report their codes, and their
/// fixes are clean, is checked against the real builtins in XSGRuntimeTests (DiagnosticsDocRegistryTests).
@Suite struct DiagnosticsDocTests {
  @Test func everyCodeIsDocumented() throws {
    let headers = try Fixtures.text("docs/diagnostics.md").split(separator: "\n").filter {
      $0.hasPrefix("### E") || $0.hasPrefix("### W")
    }
    let documented = Set(headers.map { String($0.dropFirst(4).prefix(5)) })
    for code in DiagnosticCode.syntaxCodes {
      #expect(documented.contains(code.rawValue), "\(code) is not in docs/diagnostics.md")
    }
  }
}

/// Every example in docs/language.md parses.
@Suite struct LanguageDocTests {
  @Test func everyExampleParses() throws {
    let text = try Fixtures.text("docs/language.md")
    var blocks: [String] = []
    var block: String?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "```xsg" {
        block = ""
      } else if line == "```", let finished = block {
        blocks.append(finished)
        block = nil
      } else if block != nil {
        block! += line + "\n"
      }
    }
    #expect(blocks.count >= 12)
    for block in blocks {
      let result = Parser.parse(SourceFile(name: "example", text: block))
      #expect(result.diagnostics.isEmpty, "\(block)\n\(result.diagnostics.map(\.message))")
    }
  }
}
