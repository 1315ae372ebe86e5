import Foundation
import Synchronization
import TestSupport
import Testing
import XSGRuntime

@testable import XSGREPL

/// The REPL over the real interpreter, driven by scripted lines: what a researcher sees.
@Suite struct ReplSessionTests {
  /// Small declarations that train in milliseconds.
  static let setup = [
    "data hyper = hypercube(20) | xor(1, 2) | spurious(3, flip: 0.1)",
    "net f = relu2(width: 4, init: sphere(0.01))",
    "opt o = sgd(lr: 0.05, batch: 100, loss: logistic2)",
  ]

  /// A REPL over a fresh session; `shouldStop` plays the part of Ctrl-C during training.
  private func makeRepl(
    _ lines: [String], shouldStop: @escaping @Sendable () -> Bool = { false }
  ) -> (repl: Repl, output: CapturedOutput, reader: ScriptedLineReader) {
    let output = CapturedOutput()
    var settings = Interpreter.Settings(write: output.sink.write, shouldStop: shouldStop)
    settings.terminalColumns = { 64 }
    let evaluator = RuntimeEvaluator(session: Session(settings: settings), interrupts: InterruptFlag())
    let reader = ScriptedLineReader(lines: lines)
    let repl = Repl(reader: reader, evaluator: evaluator, output: output.sink, terminalColumns: { 70 })
    return (repl, output, reader)
  }

  private func run(_ lines: [String]) -> CapturedOutput {
    let (repl, output, _) = makeRepl(lines)
    repl.run()
    return output
  }

  @Test func valuesAndSummariesAreShown() {
    let output = run(Self.setup + ["1 + 2", "f", "hyper", "let x = 5", "print x * 2"])
    let lines = output.out.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[0] == "3")
    #expect(lines[1].hasPrefix("network relu2(width: 4"))
    #expect(lines[2].hasPrefix("data hypercube(20)"))
    #expect(lines[3] == "10")
    #expect(output.err == "")
  }

  /// A name declared again, or hidden by a block, points at the entry that declared it first.
  @Test func anEarlierEntrysDeclarationIsShown() {
    let output = run(["let total = 0", "for s in [1, 2] {", "  let total = total + s", "}", "let total = 3"])
    #expect(output.err.contains("warning[W0201]"))
    #expect(output.err.contains("the outer 'total', which keeps its value"))
    #expect(output.err.contains("error[E0202]"))
    #expect(output.err.contains("first declared here, in an earlier entry"))
    // Both labels show entry 1's line, under its own name.
    #expect(output.err.components(separatedBy: "<repl>:1:1:5").count == 3, "\(output.err)")
    #expect(!output.err.contains("declared earlier in this session"))
  }

  @Test func trainingContinuesFromTheCurrentState() {
    let output = run(
      Self.setup + [
        "probe every 5 {", "  w_sp = mean(f.w_sp)", "}", "let r = train f on hyper with o for 10 steps",
        "f.step", "train f on hyper with o for 15 steps", "f.step", "r.final.w_sp < 1",
      ])
    let lines = output.out.split(separator: "\n").map(String.init)
    #expect(lines.count == 4, "\(output.out)")
    #expect(lines[0] == "10")
    #expect(lines[1].hasPrefix("run: steps 10→25"))
    #expect(lines[2] == "25")
    #expect(lines[3] == "true")
    #expect(output.err == "")
  }

  @Test func errorsAreDiagnosticsNamedByEntry() {
    let output = run(["let a = 1", "print a +", "", "2", "let b = nosuchname + 1", "a"])
    #expect(output.out == "3\n1\n")
    // The entry is the file: `<repl>:3`, line 1, column 9.
    #expect(output.err.contains("<repl>:3:1:9: error"), "\(output.err)")
    #expect(output.err.contains(" | let b = nosuchname + 1"))
    #expect(output.err.contains("^"))
  }

  /// A function declared in entry 1 that fails when entry 3 calls it: the diagnostic named `<repl>:3` and
  /// put the caret under whatever text of entry 3 stood at the line and column of entry 1's expression.
  @Test func anErrorInAnEarlierEntryShowsThatEntryAndTheCall() {
    let output = run(["fn f(x) { return x - \"a\" }", "let a = 1", "let y = f(2)"])
    #expect(
      output.err == """
        <repl>:1:1:20: error[E0501]: '-' needs numbers (or vectors), got number 2 and string "a"
         1 | fn f(x) { return x - "a" }
           |                    ^
          ::: <repl>:3:1:9
         1 | let y = f(2)
           |         ---- 'f' called here

        """)
  }

  /// A probe block declared in one entry that fails in a later entry's `train`.
  @Test func aProbeFromAnEarlierEntryFailsAtItsOwnLineDuringTheTrain() {
    let output = run(
      Self.setup + [
        "probe every 5 {", "  w_sp = mean(f.w_sp)", "  bad = f.step - \"x\"", "}", "let q = 1",
        "let r = train f on hyper with o for 10 steps",
      ])
    #expect(output.err.hasPrefix("<repl>:4:3:16: error[E0501]: "), "\(output.err)")
    #expect(output.err.contains(" 3 |   bad = f.step - \"x\"\n   |                ^\n"), "\(output.err)")
    #expect(output.err.contains("  ::: <repl>:6:1:9\n"), "\(output.err)")
    #expect(output.err.contains(" 1 | let r = train f on hyper with o for 10 steps\n"), "\(output.err)")
    #expect(output.err.contains("---- during this train"), "\(output.err)")
  }

  /// Calls through several entries: each entry on the way shows its innermost call, the current one too.
  @Test func callsThroughSeveralEntriesShowEachEntrysCall() {
    let output = run(["fn f(x) { return x - \"a\" }", "fn g(x) {\n  return 2 * f(x)\n}", "print g(1)"])
    #expect(output.err.hasPrefix("<repl>:1:1:20: error[E0501]: "), "\(output.err)")
    #expect(output.err.contains("  ::: <repl>:2:2:14\n"), "\(output.err)")
    #expect(output.err.contains(" 2 |   return 2 * f(x)\n   |              ---- 'f' called here\n"))
    #expect(output.err.contains("  ::: <repl>:3:1:7\n"), "\(output.err)")
    #expect(output.err.contains(" 1 | print g(1)\n   |       ---- 'g' called here\n"))
  }

  /// The static check's warnings (W0201) about an entry without errors: the REPL said nothing, where
  /// `xsg run` and `xsg check` warn. Printed like errors, on the error stream, before the entry runs.
  @Test func warningsOfAnEntryThatRunsComeBeforeItsOutput() {
    let output = run([
      "let wins = 0", "for s in [1, 2] {", "  let wins = wins + 1", "  print wins", "}", "wins",
    ])
    #expect(output.out == "1\n1\n0\n")
    #expect(output.err.hasPrefix("<repl>:2:2:7: warning[W0201]: "), "\(output.err)")
    #expect(output.err.contains(" 2 |   let wins = wins + 1\n   |       ^^^^"), "\(output.err)")
    #expect(!output.err.contains("error"), "\(output.err)")
    // Before the entry's output, once.
    #expect(output.both.hasSuffix("\n1\n1\n0\n") && output.both.hasPrefix(output.err), "\(output.both)")
  }

  @Test func aSyntaxErrorDoesNotWaitForMoreLines() {
    let (repl, output, reader) = makeRepl(["let = 3", "1"])
    repl.run()
    #expect(reader.prompts == ["xsg> ", "xsg> ", "xsg> "])
    #expect(output.err.contains("<repl>:1:"))
    #expect(output.out == "1\n")
  }

  @Test func ctrlCDuringTrainingStopsAtAStepAndKeepsTheNetwork() {
    let polls = Atomic<Int>(0)
    // One "Ctrl-C", seen by the 40th poll: statement boundaries and step boundaries both poll.
    let (repl, output, _) = makeRepl(
      Self.setup + ["train f on hyper with o for 1_000_000 steps", "f.step < 1_000_000", "f.step > 0"],
      shouldStop: { polls.add(1, ordering: .relaxed).newValue == 40 })
    repl.run()
    #expect(output.out == "true\ntrue\n")
    #expect(output.err.contains("interrupted at step"), "\(output.err)")
    #expect(output.err.contains("everything trained so far is kept"))
  }

  /// A stop outside `train` names no step: the last run had finished, and "interrupted at step 10" (its
  /// last step) read as if training had been stopped.
  @Test func ctrlCInALoopThatTrainsNothingNamesNoStep() {
    let polls = Atomic<Int>(0)
    let (repl, output, _) = makeRepl(
      Self.setup + ["train f on hyper with o for 10 steps", "for i in 1..1_000_000 { let y = i }"],
      shouldStop: { polls.add(1, ordering: .relaxed).newValue == 500 })
    repl.run()
    #expect(output.err.contains("interrupted"), "\(output.err)")
    #expect(!output.err.contains("at step"), "\(output.err)")
  }

  @Test func ctrlCDuringLetTrainBindsTheRunSoFar() {
    let polls = Atomic<Int>(0)
    let (repl, output, _) = makeRepl(
      Self.setup + [
        "probe every 5 { w_sp = mean(f.w_sp) }", "let r = train f on hyper with o for 1_000_000 steps",
        "r.status == \"interrupted\"", "r.steps == f.step", "r.steps > 0",
      ],
      shouldStop: { polls.add(1, ordering: .relaxed).newValue == 40 })
    repl.run()
    #expect(output.err.contains("r holds the run so far"), "\(output.err)")
    #expect(output.out == "true\ntrue\ntrue\n", "\(output.out)")
  }

  @Test func envAndDescribeListTheSession() {
    let output = run(Self.setup + [":env", ":describe f", ":describe nothing_here"])
    #expect(output.out.contains("hyper  data "))
    #expect(output.out.contains("f      network "))
    #expect(output.out.contains("o      optimiser "))
    #expect(output.out.contains("members: a, "))
    #expect(output.err == "error: nothing is bound to 'nothing_here'; :env lists the bindings\n")
  }

  @Test func helpCoversBuiltinsKeywordsAndCommands() {
    let output = run([":help relu2", ":help probe", ":help :plot", ":help nonesuch"])
    #expect(output.out.contains("relu2(width: 10"))
    #expect(output.out.contains("probe every N {"))
    #expect(output.out.contains(":plot SERIES… [log]"))
    #expect(output.out.contains("no help for 'nonesuch'"))
  }

  @Test func plotDrawsProbeSeries() {
    let output = run(
      Self.setup + [
        "probe every 2 {", "  w_sp = mean(abs(f.w_sp))", "  loss = batch_loss()", "}",
        "let r = train f on hyper with o for 20 steps", ":plot r.w_sp r.loss log", ":plot r", ":plot f",
      ])
    #expect(output.out.contains("r.w_sp"))
    #expect(output.out.contains("r.loss"))
    #expect(output.out.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    #expect(output.err.contains("error: 'f' is a network, not a probe series or a run"), "\(output.err)")
  }

  /// The position of an error in a `:plot` argument is in that argument parsed alone: `1:1:` told nothing.
  @Test func plotErrorsNameTheSeriesWithoutAPosition() {
    let output = run(Self.setup + [":plot r.w_sp nowhere"])
    #expect(output.err.hasPrefix("error: 'r' is not defined"), "\(output.err)")
    #expect(!output.err.contains("1:1"), "\(output.err)")
  }

  @Test func thePlotBuiltinDrawsInTheTerminalWidth() {
    let output = run(
      Self.setup + [
        "probe every 2 {", "  w_sp = mean(abs(f.w_sp))", "}",
        "let r = train f on hyper with o for 20 steps", "plot(r, \"w_sp\")",
      ])
    let lines = output.out.split(separator: "\n")
    #expect(lines.count > 8, "\(output.err)")
    #expect(lines.allSatisfy { $0.count <= 64 }, "\(output.out)")
    #expect(output.out.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
  }

  @Test func saveThenLoadRebuildsTheSession() throws {
    let scratch = try ScratchFolder.make("xsg-repl-roundtrip")
    defer { ScratchFolder.remove(scratch) }
    let file = scratch.appending(path: "roundtrip.xsg")
    _ = run(
      Self.setup + ["let broken = (", ")", "train f on hyper with o for 3 steps", ":save \(file.path)"])
    let saved = try String(contentsOf: file, encoding: .utf8)
    #expect(!saved.contains("broken"))
    #expect(saved.hasSuffix("train f on hyper with o for 3 steps\n"))
    let output = run([":load \(file.path)", "f.step"])
    #expect(output.out == "3\n", "\(output.err)")
  }

  /// A pasted script or a `:load`ed file that fails half-way keeps the bindings made before the error;
  /// `:save` left them out, so the saved script failed on the first use of one.
  @Test func saveKeepsWhatAFailedEntryBoundBeforeItsError() throws {
    let folder = try ScratchFolder.make("xsg-repl-partial")
    defer { ScratchFolder.remove(folder) }
    let script = folder.appending(path: "setup.xsg")
    try "let good = 1\n\n# a comment\nlet bad = [1][3]\nlet after = 2\n".write(
      to: script, atomically: true, encoding: .utf8)
    let saved = folder.appending(path: "saved.xsg")
    let output = run([
      "let a = 1\nlet λ = a + 1\nprint [1][3]\nlet c = 3", ":load \(script.path)", "let d = a + λ + good",
      ":save \(saved.path)",
    ])
    #expect(output.err.contains("<repl>:1:3:"), "\(output.err)")
    #expect(output.err.contains("setup.xsg:4:"), "\(output.err)")
    #expect(
      try String(contentsOf: saved, encoding: .utf8)
        == "let a = 1\nlet λ = a + 1\n# :load \(script.path), up to its error\nlet good = 1\n"
        + "let d = a + λ + good\n")
    let replayed = run([":load \(saved.path)", "d"])
    #expect(replayed.out == "4\n", "\(replayed.err)")
  }

  @Test func resetForgetsEverything() {
    let output = run(Self.setup + [":reset", ":env", "f"])
    #expect(output.out.contains("nothing is bound yet"))
    #expect(output.err.contains("<repl>:4:1"))
  }

  @Test func completionKnowsTheSession() {
    let (repl, _, _) = makeRepl(
      Self.setup + [
        "probe every 5 {", "  w_sp = mean(f.w_sp)", "}", "let r = train f on hyper with o for 5 steps",
      ])
    repl.run()
    #expect(repl.complete("hy").candidates == ["hypercube", "hyper"].sorted())
    #expect(repl.complete("f.w_s").candidates == ["w_sig", "w_sp"])
    #expect(repl.complete("r.final.").candidates == ["w_sp"])
    #expect(repl.complete("r.w").candidates.contains("w_sp"))
    #expect(repl.complete("net g = relu2(wi").candidates == ["width:"])
    #expect(repl.complete("data e = spurious(3, fl").candidates.contains("flip:"))
    #expect(repl.complete("tr").candidates.contains("train"))
  }
}
