import Testing

@testable import XSGSyntax

/// docs/diagnostics.md documents every code; its wrong examples report their code and its fixes are
/// clean (checked with the test oracle's builtins).
@Suite struct DiagnosticsDocTests {
  struct Section {
    var code: String
    var blocks: [String]
  }

  static func sections() throws -> [Section] {
    let text = try Fixtures.text("docs/diagnostics.md")
    var sections: [Section] = []
    var block: String?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("### E") {
        sections.append(Section(code: String(line.dropFirst(4).prefix(5)), blocks: []))
      } else if line == "```xsg" {
        block = ""
      } else if line == "```", let finished = block {
        if !sections.isEmpty { sections[sections.count - 1].blocks.append(finished) }
        block = nil
      } else if block != nil {
        block! += line + "\n"
      }
    }
    return sections
  }

  @Test func everyCodeIsDocumented() throws {
    let documented = Set(try Self.sections().map(\.code))
    for code in DiagnosticCode.syntaxCodes {
      #expect(documented.contains(code.rawValue), "\(code) is not in docs/diagnostics.md")
    }
  }

  @Test func wrongExamplesReportTheirCodeAndFixesAreClean() throws {
    for section in try Self.sections() where !section.blocks.isEmpty {
      let wrong = FrontEnd.check(SourceFile(name: "wrong", text: section.blocks[0]), oracle: TestOracle.table)
      #expect(
        wrong.diagnostics.contains { $0.code.rawValue == section.code },
        "\(section.code): \(wrong.diagnostics.map(\.message))")
      if section.blocks.count > 1 {
        let fixed = FrontEnd.check(SourceFile(name: "fix", text: section.blocks[1]), oracle: TestOracle.table)
        #expect(fixed.diagnostics.isEmpty, "\(section.code) fix: \(fixed.diagnostics.map(\.message))")
      }
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
