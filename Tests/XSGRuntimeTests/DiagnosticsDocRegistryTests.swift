import Foundation
import Testing
import XSGSyntax

@testable import XSGRuntime

/// docs/diagnostics.md against the real builtins: XSGSyntaxTests checks its examples with a stand-in
/// registry, whose `relu2`, `sphere` and `max` differ from the real ones, so three examples there were
/// untrue for `xsg check`; and nothing ran the runtime table's examples, one of which (`1 + "a"`) works.
@Suite struct DiagnosticsDocRegistryTests {
  static func text() throws -> String {
    let url = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appending(path: "docs/diagnostics.md")
    return try String(contentsOf: url, encoding: .utf8)
  }

  /// The `### Exxxx` and `### Wxxxx` sections with their ```xsg blocks (the wrong script first, then its fix).
  static func sections(_ text: String) -> [(code: String, blocks: [String])] {
    var sections: [(code: String, blocks: [String])] = []
    var block: String?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("### E") || line.hasPrefix("### W") {
        sections.append((String(line.dropFirst(4).prefix(5)), []))
      } else if line.hasPrefix("## ") {
        sections.append(("", []))
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

  @Test func staticExamplesHoldForTheRealBuiltins() throws {
    for section in Self.sections(try Self.text())
    where (section.code.hasPrefix("E0") || section.code.hasPrefix("W0")) && !section.blocks.isEmpty {
      let wrong = FrontEnd.check(SourceFile(name: "wrong", text: section.blocks[0]), oracle: RegistryOracle())
      #expect(
        wrong.diagnostics.map(\.code.rawValue) == [section.code],
        "\(section.code): \(wrong.diagnostics.map { "\($0.code) \($0.message)" })")
      if section.blocks.count > 1 {
        let fixed = FrontEnd.check(SourceFile(name: "fix", text: section.blocks[1]), oracle: RegistryOracle())
        #expect(fixed.diagnostics.isEmpty, "\(section.code) fix: \(fixed.diagnostics.map(\.message))")
      }
    }
  }

  @Test func runtimeExamplesFailWithTheirCode() throws {
    let text = try Self.text()
    let runtime = try #require(text.range(of: "## Runtime errors"))
    let setup = try #require(Self.sections(String(text[runtime.lowerBound...])).first?.blocks.first)
    var documented: Set<String> = []
    for line in text[runtime.lowerBound...].split(separator: "\n") where line.hasPrefix("| E05") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      let code = cells[0]
      documented.insert(code)
      let examples = cells[2].split(separator: "`", omittingEmptySubsequences: false).enumerated()
        .filter { $0.offset % 2 == 1 }.map { String($0.element) }
      #expect(!examples.isEmpty, "\(code) has no example")
      for example in examples {
        let outcome = try GoldenChunk.run(setup + example + "\n", name: "example.xsg")
        #expect(
          outcome.error?.text.hasPrefix(code + " ") == true,
          "\(code) `\(example)`: \(String(describing: outcome))")
      }
    }
    #expect(documented == Set(RuntimeError.Code.allCases.map(\.rawValue)))
  }
}
