import Foundation
import Testing

@testable import XSGSyntax

/// Runs the scripts under Tests/Golden/syntax. Each expected diagnostic is a comment on the line it is
/// reported at, `# error[E0101]: message` (the short form's message, with "; did you mean 'x'?" when
/// there is a suggestion), or `# error[E0101] line 9: message` for another line; a warning is
/// `# warning[W0201]: message`. Every diagnostic must be expected and every expectation met.
@Suite struct GoldenTests {
  struct Expectation: Hashable, CustomStringConvertible {
    var line: Int
    var severity: String
    var code: String
    var message: String
    var description: String { "\(line): \(severity)[\(code)] \(message)" }
  }

  static let scripts = Fixtures.scripts(under: "Tests/Golden/syntax").filter { !$0.contains("/format/") }

  static func expectations(in text: String) -> [Expectation] {
    var found: [Expectation] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      guard let marker = line.range(of: "# error[") ?? line.range(of: "# warning[") else { continue }
      let severity = String(line[marker].dropFirst(2).dropLast())
      let rest = line[marker.upperBound...]
      guard let close = rest.firstIndex(of: "]"), let colon = rest.range(of: ": ") else { continue }
      let code = String(rest[..<close])
      var lineNumber = index + 1
      let between = rest[rest.index(after: close)..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
      if between.hasPrefix("line "), let number = Int(between.dropFirst(5)) { lineNumber = number }
      found.append(
        Expectation(
          line: lineNumber, severity: severity, code: code, message: String(rest[colon.upperBound...])))
    }
    return found
  }

  static func actual(_ diagnostics: [Diagnostic]) -> [Expectation] {
    diagnostics.map { diagnostic in
      var message = diagnostic.message
      if let suggestion = diagnostic.suggestion { message += "; did you mean '\(suggestion)'?" }
      return Expectation(
        line: diagnostic.range.start.line, severity: diagnostic.severity.rawValue,
        code: diagnostic.code.rawValue,
        message: message)
    }
  }

  @Test(arguments: scripts) func diagnosticsAreTheExpectedOnes(path: String) throws {
    let source = try Fixtures.source(path)
    let result = FrontEnd.check(source, oracle: TestOracle.table)
    let expected = Self.expectations(in: source.text)
    let actual = Self.actual(result.diagnostics)
    let missing = expected.filter { !actual.contains($0) }
    let unexpected = actual.filter { !expected.contains($0) }
    #expect(
      missing.isEmpty,
      "\(path): expected but not reported:\n\(missing.map(\.description).joined(separator: "\n"))")
    #expect(
      unexpected.isEmpty,
      "\(path): reported but not expected:\n\(unexpected.map(\.description).joined(separator: "\n"))")
    if path.contains("/valid/") { #expect(expected.isEmpty && result.diagnostics.isEmpty) }
  }

  static let formatCases = Fixtures.scripts(under: "Tests/Golden/syntax/format").filter {
    !$0.hasSuffix(".formatted.xsg")
  }

  @Test(arguments: formatCases) func formatterGivesTheCanonicalLayout(path: String) throws {
    let source = try Fixtures.source(path)
    let expected = try Fixtures.text(path.replacingOccurrences(of: ".xsg", with: ".formatted.xsg"))
    let formatted = try #require(SourceFormatter.format(source))
    #expect(
      formatted == expected,
      "\(UnifiedDiff.diff(expected, formatted, oldName: "expected", newName: "actual"))")
  }
}
