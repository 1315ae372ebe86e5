import Testing

@testable import XSGSyntax

/// E0211: a `train` runs the probe entries of its scopes from step 0, so every name they use (directly or
/// through the functions they call) must be declared before the train.
@Suite struct ProbeOrderTests {
  let setup = [
    "data train = hypercube(20) | xor(1, 2) | spurious(3, flip: 0.1)",
    "net f = relu2(width: 4)",
    "opt o = sgd(lr: 0.05, batch: 50)",
  ]

  @Test func aNameDeclaredAfterTheTrainIsAnError() throws {
    let diagnostics = checkLines(
      setup + [
        "probe every 5 { acc = accuracy(f, held) }",
        "let run = train f on train with o for 20 steps",
        "data held = test(train, iid)",
      ])
    #expect(
      lineSummary(diagnostics) == ["5: [E0211] probe 'acc' uses 'held', which is not declared until line 6"])
    let error = try #require(diagnostics.first)
    #expect(error.range.start.column == 11)
    #expect(error.labels.map(\.range.start.line) == [4, 4, 6])
  }

  @Test func throughAFunctionAndInAnInnerBlock() {
    let diagnostics = checkLines(
      setup + [
        "fn score() {",
        "  return accuracy(f, held)",
        "}",
        "probe every 5 { acc = score() }",
        "for lam in [0.1, 0.2] {",
        "  let run = train f on train with o for 20 steps",
        "}",
        "data held = test(train, iid)",
      ])
    #expect(
      lineSummary(diagnostics) == [
        "9: [E0211] probe 'acc' calls 'score', which uses 'held', which is not declared until line 11"
      ])
  }

  @Test func namesDeclaredBeforeTheTrainAndLaterBlocksAreFine() {
    #expect(
      checkLines(
        setup + [
          "data held = test(train, iid)",
          "probe every 5 { acc = accuracy(f, held), w = mean(f.w_sp) }",
          "let run = train f on train with o for 20 steps",
          // A probe block in a loop body applies to that body's trains only.
          "for lam in [0.1] {",
          "  probe every 5 { late = accuracy(f, other) }",
          "}",
          "let run2 = train f on train with o for 20 steps",
          "data other = test(train, iid)",
          // A function's trains run at its calls, checked there (E0210).
          "fn later() {",
          "  probe every 5 { x = accuracy(f, third) }",
          "  return train f on train with o for 20 steps",
          "}",
          "data third = test(train, iid)",
          "print later()",
        ]
      ).isEmpty)
  }

  @Test func aProbeInAFunctionCountsAtTheFunctionsCall() {
    let diagnostics = checkLines(
      setup + [
        "fn later() {",
        "  probe every 5 { x = accuracy(f, third) }",
        "  return train f on train with o for 20 steps",
        "}",
        "print later()",
        "data third = test(train, iid)",
      ])
    #expect(
      lineSummary(diagnostics) == ["8: [E0210] 'later' uses 'third', which is not declared until line 9"])
  }
}
