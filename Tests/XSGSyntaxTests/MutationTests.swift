import Testing

@testable import XSGSyntax

/// Deterministic mutation fuzzing: every golden script and example with each token deleted, duplicated
/// and swapped with the next, plus seeded random byte edits. Lexing, parsing, checking and rendering
/// must terminate without crashing, and every diagnostic must point inside the input.
@Suite struct MutationTests {
  static let scripts = Fixtures.scripts(under: "Tests/Golden/syntax") + Fixtures.scripts(under: "examples")

  /// SplitMix64: a fixed, dependency-free generator so every run tries the same variants.
  struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
  }

  /// Runs the whole front end on `bytes` and checks the invariants; returns the number of diagnostics.
  @discardableResult
  static func exercise(_ bytes: [UInt8]) -> Int {
    let source = SourceFile(name: "mutant.xsg", bytes: bytes)
    let result = FrontEnd.check(source, oracle: TestOracle.table)
    let renderer = DiagnosticRenderer(source: source)
    // Plain checks rather than one #expect per diagnostic: thousands of variants must stay fast.
    for diagnostic in result.diagnostics {
      for range in [diagnostic.range] + diagnostic.labels.map(\.range) {
        let inside =
          0 <= range.start.offset && range.start.offset <= range.end.offset && range.end.offset <= bytes.count
        if !inside || source.location(at: range.start.offset) != range.start {
          Issue.record(
            "diagnostic outside the input: \(renderer.short(diagnostic)) in \(String(decoding: bytes, as: UTF8.self))"
          )
        }
      }
      if renderer.rich(diagnostic).isEmpty || renderer.short(diagnostic).isEmpty {
        Issue.record("empty rendering")
      }
    }
    if !result.diagnostics.hasErrors {
      let formatted = SourceFormatter.format(result.program)
      let again = Parser.parse(SourceFile(name: "formatted", text: formatted))
      if again.diagnostics.hasErrors || TreeDump.dump(again.program) != TreeDump.dump(result.program) {
        Issue.record("formatting changed the tree of: \(String(decoding: bytes, as: UTF8.self))")
      }
    }
    return result.diagnostics.count
  }

  /// One test per file, so the files run in parallel.
  @Test(arguments: scripts) func tokenMutationsNeverCrash(path: String) throws {
    var variants = 0
    let bytes = try Fixtures.source(path).bytes
    let tokens = Lexer.tokenize(SourceFile(name: path, bytes: bytes)).tokens.filter { $0.kind != .endOfInput }
    // At most about 40 positions per file, spread evenly, so the test stays quick in a debug build.
    let step = max(1, tokens.count / 40)
    for index in stride(from: 0, to: tokens.count, by: step) {
      let token = tokens[index]
      let start = token.range.start.offset
      let end = token.range.end.offset
      Self.exercise(Array(bytes[..<start] + bytes[end...]))
      Self.exercise(Array(bytes[..<end] + bytes[start..<end] + bytes[end...]))
      variants += 2
      if index + 1 < tokens.count {
        let next = tokens[index + 1].range
        let swapped =
          bytes[..<start] + bytes[next.start.offset..<next.end.offset] + bytes[end..<next.start.offset]
          + bytes[start..<end] + bytes[next.end.offset...]
        Self.exercise(Array(swapped))
        variants += 1
      }
    }
    #expect(variants >= min(tokens.count, 100), "only \(variants) variants")
  }

  @Test func randomByteEditsNeverCrash() throws {
    var random = SplitMix64(state: 42)
    let alphabet = Array("(){}[]|,.:=\"#\\\n\t λ0_e-+^<>!@;'".utf8) + [0xFF, 0xC3, 0x80, 0x00]
    for path in Self.scripts {
      let original = try Fixtures.source(path).bytes
      for _ in 0..<40 {
        var bytes = original
        for _ in 0...random.below(4) {
          let position = random.below(bytes.count + 1)
          switch random.below(3) {
          case 0: bytes.insert(alphabet[random.below(alphabet.count)], at: position)
          case 1 where !bytes.isEmpty:
            bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.below(8)))
          default:
            let length = random.below(12)
            let from = random.below(max(bytes.count - length, 1))
            bytes.insert(contentsOf: bytes[from..<min(bytes.count, from + length)], at: position)
          }
        }
        Self.exercise(bytes)
      }
    }
  }

  static let deepInputs: [String] = [
    String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
    String(repeating: "[", count: 5000),
    "let x = " + String(repeating: "-", count: 5000) + "1",
    "let x = " + String(repeating: "not ", count: 5000) + "true",
    "let x = 1" + String(repeating: " + 1", count: 5000),
    "let x = 2" + String(repeating: "^2", count: 5000),
    "let x = a" + String(repeating: ".b", count: 5000),
    "let x = f" + String(repeating: "(1)", count: 5000),
    String(repeating: "if x {\n", count: 5000),
    String(repeating: "fn f() {\n", count: 3000) + String(repeating: "}\n", count: 3000),
    "probe every " + String(repeating: "(", count: 5000),
    "let x = 1 | " + String(repeating: "a | ", count: 5000) + "b",
  ]

  /// Inputs by index, so a failure does not print kilobytes of brackets.
  @Test(arguments: 0..<12)
  func deepNestingIsACleanError(index: Int) {
    let text = Self.deepInputs[index]
    let result = Parser.parse(SourceFile(name: "deep.xsg", text: text))
    #expect(
      result.diagnostics.contains { $0.code == .nestingTooDeep || $0.code == .unclosedDelimiter },
      "\(result.diagnostics.map(\.message).prefix(3))")
    #expect(result.diagnostics.filter { $0.code == .nestingTooDeep }.count <= 1)
    Self.exercise(Array(text.utf8))
  }
}
