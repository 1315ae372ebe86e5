import Testing
import XSGSyntax

@testable import XSGRuntime

/// A name a function body uses that is not declared yet when the function runs, through a call the
/// static check does not follow (E0210 covers the direct ones): the error notes the call, and gives no
/// "did you mean" another name.
@Suite struct UndefinedInCallTests {
  func failure(_ lines: [String]) throws -> RuntimeError {
    let front = FrontEnd.check(
      SourceFile(name: "t.xsg", text: lines.joined(separator: "\n") + "\n"), oracle: RegistryOracle())
    #expect(!front.diagnostics.hasErrors, "\(front.diagnostics.map(\.message))")
    let interpreter = Interpreter(settings: .init(write: { _ in }, shouldStop: { false }))
    return try #require(throws: RuntimeError.self) { try interpreter.run(front.program) }
  }

  @Test func aCallThroughALetIsNoted() throws {
    let error = try failure([
      "fn acc() {",
      "  return accuracy(g, test)",
      "}",
      "let h = acc",
      "print h()",
      "net g = relu2(width: 10)",
    ])
    #expect(error.code == .name && error.message == "'g' is not defined")
    #expect(
      error.help == "a function's body sees only the names declared before the call"
        && error.labels.map { "\($0.range.start) \($0.message)" } == ["5:7 'acc' is called here"])
    #expect(error.suggestion == nil)
  }

  /// Only the innermost call is noted: its body is where the name is used.
  @Test func theInnermostCallIsNoted() throws {
    let error = try failure([
      "fn inner(v) {",
      "  return later + v",
      "}",
      "fn outer() {",
      "  return map([1, 2], inner)",
      "}",
      "let o = outer",
      "print o()",
      "let later = 1",
    ])
    #expect(
      error.labels.map { "\($0.range.start) \($0.message)" } == ["5:10 'inner' is called here"])
  }

  /// A name the body declares after using it is the body's own mistake, not the call's: no note.
  @Test func aNameTheBodyDeclaresLaterIsNotNoted() throws {
    let lines = ["fn k() {", "  print x", "  let x = 1", "}", "k()"]
    let source = SourceFile(name: "t.xsg", text: lines.joined(separator: "\n") + "\n")
    // `check` sees this one (a body's own names run in order); the run, if made anyway, says the same.
    let front = FrontEnd.check(source, oracle: RegistryOracle())
    #expect(
      front.diagnostics.map { "\($0.code) \($0.range.start.line):\($0.range.start.column)" } == ["E0201 2:9"])
    let interpreter = Interpreter(settings: .init(write: { _ in }, shouldStop: { false }))
    let local = try #require(throws: RuntimeError.self) { try interpreter.run(front.program) }
    #expect(local.code == .name && local.help == nil)
    let outside = try failure(["fn k() {", "  print x", "}", "let h = k", "h()", "let x = 1"])
    #expect(outside.help != nil)
  }

  /// A probe whose train the check cannot see (in a function called through a `let`) and that uses a
  /// name declared after that train: the error notes the train, not another name.
  @Test func aProbeRunningTooEarlyNotesItsTrain() throws {
    let error = try failure([
      "data train = hypercube(20) | xor(1, 2)",
      "net f = relu2(width: 4)",
      "fn go() {",
      "  probe every 5 { acc = accuracy(f, held) }",
      "  return train f on train with sgd(batch: 10) for 5 steps",
      "}",
      "let g = go",
      "let run = g()",
      "data held = test(train, iid)",
    ])
    #expect(error.code == .name && error.message == "'held' is not defined" && error.suggestion == nil)
    #expect(error.help == "a probe runs during the train, and sees only the names declared before it")
    #expect(
      error.labels.map { "\($0.range.start) \($0.message)" } == ["5:10 probe 'acc' runs during this train"])
  }
}
