import Foundation
import Testing

@Suite struct BuiltinsCommandTests {
  @Test func helpBuiltinsListsTheRegistry() throws {
    let result = try Binary.run(["help", "builtins"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("spurious(k, flip)"))
    #expect(result.stdout.contains("relu2("))
  }

  @Test func oneBuiltinShowsItsParameters() throws {
    let result = try Binary.run(["builtins", "spurious"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("spurious(k, flip)"))
    #expect(result.stdout.contains("flip: number in [0, 1]"))
    // A one-point interval reads as that number.
    let relu2 = try Binary.run(["builtins", "relu2"])
    #expect(relu2.stdout.contains("scale: the number 1 or output scale"), "\(relu2.stdout)")
  }

  @Test func misspeltBuiltinIsAUsageErrorWithASuggestion() throws {
    let result = try Binary.run(["builtins", "spurios"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("Error: no builtin named 'spurios'; did you mean 'spurious'?"))
    #expect(result.stderr.contains("Usage: xsg builtins [<name>]"))
    #expect(!result.stderr.contains("Usage: xsg <subcommand>"))
  }

  @Test func markdownIsTheCommittedReference() throws {
    let result = try Binary.run(["builtins", "--markdown"])
    let docs = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../docs/builtins.md")
    #expect(result.stdout == (try String(contentsOf: docs, encoding: .utf8)))
  }
}
