import Foundation
import TestSupport
import Testing

@testable import XSGREPL

/// The loop with a stand-in language: prompts, continuation, auto-print, errors, Ctrl-C and commands.
@Suite struct ReplLoopTests {
  /// Runs a session over `inputs` and returns what it printed, the evaluator and the reader.
  private func session(_ inputs: [LineInput], columns: Int = 60) -> (
    output: CapturedOutput, evaluator: StandInEvaluator, reader: ScriptedLineReader
  ) {
    let reader = ScriptedLineReader(inputs)
    let evaluator = StandInEvaluator()
    let output = CapturedOutput()
    Repl(reader: reader, evaluator: evaluator, output: output.sink, terminalColumns: { columns }).run()
    return (output, evaluator, reader)
  }

  private func session(_ lines: String...) -> (
    output: CapturedOutput, evaluator: StandInEvaluator, reader: ScriptedLineReader
  ) {
    session(lines.map(LineInput.line))
  }

  @Test func anExpressionAloneShowsItsValue() {
    let (output, _, reader) = session("let a = 3", "a")
    #expect(output.out == "3\n")
    #expect(output.err == "")
    #expect(reader.prompts == ["xsg> ", "xsg> ", "xsg> "])
    #expect(reader.isClosed)
  }

  @Test func anIncompleteEntryContinuesOnTheNextLine() {
    let (_, evaluator, reader) = session("f(1,", "2) +", "3)", "let b = 1")
    #expect(reader.prompts == ["xsg> ", "...> ", "...> ", "xsg> ", "xsg> "])
    #expect(evaluator.ran.map(\.entry) == ["f(1,\n2) +\n3)", "let b = 1"])
    #expect(reader.history == ["f(1,\n2) +\n3)", "let b = 1"])
  }

  @Test func entriesAreNumberedInDiagnostics() {
    let (output, evaluator, _) = session("nonsense", "", "let a = 1", "more nonsense")
    #expect(evaluator.ran.map(\.name) == ["<repl>:1", "<repl>:2", "<repl>:3"])
    #expect(
      output.err
        == "<repl>:1:1: error: cannot run 'nonsense'\n<repl>:3:1: error: cannot run 'more nonsense'\n")
  }

  @Test func errorsDoNotEndTheSession() {
    let (output, _, _) = session("oops", "let a = 5", "a")
    #expect(output.out == "5\n")
    #expect(output.err.contains("cannot run 'oops'"))
  }

  @Test func ctrlCAtThePromptDropsThePendingEntry() {
    let (_, evaluator, reader) = session([.line("let x = (1 +"), .interrupted, .line("let a = 2")])
    #expect(reader.prompts == ["xsg> ", "...> ", "xsg> ", "xsg> "])
    #expect(evaluator.ran.map(\.entry) == ["let a = 2"])
    #expect(reader.history == ["let a = 2"])
  }

  @Test func ctrlCDuringTrainingKeepsTheSessionGoing() {
    let (output, evaluator, _) = session("let a = 1", "train", "a")
    #expect(output.err == "\ninterrupted at step 7; the network keeps its state\n")
    #expect(output.out == "1\n")
    #expect(evaluator.ran.count == 3)
  }

  /// Ctrl-D on a continuation line used to end the whole session, losing every binding and network.
  @Test func ctrlDOnAContinuationLineEndsTheEntryNotTheSession() {
    let (_, evaluator, reader) = session([.line("let x = (1 +"), .endOfInput, .line("let a = 2"), .line("a")])
    #expect(evaluator.ran.map(\.entry) == ["let x = (1 +", "let a = 2", "a"])
    #expect(reader.prompts == ["xsg> ", "...> ", "xsg> ", "xsg> ", "xsg> "])
  }

  @Test func theEndOfInputRunsAnUnfinishedEntry() {
    let (output, evaluator, _) = session("let a = (1 +")
    #expect(evaluator.ran.map(\.entry) == ["let a = (1 +"])
    #expect(output.err.contains("<repl>:1"))
  }

  @Test func quitEndsTheSessionAndSavesHistory() {
    let (_, evaluator, reader) = session(":quit", "let a = 1")
    #expect(evaluator.ran.isEmpty)
    #expect(reader.isClosed)
    #expect(reader.history == [":quit"])
  }

  @Test func envListsBindingsWithKinds() {
    let (output, _, _) = session(":env", "let alpha = 1", "let b = 22", ":env")
    #expect(output.out == "nothing is bound yet\nalpha  number  1\nb      number  22\n")
  }

  @Test func describeAndHelpAskTheLanguage() {
    let (output, _, _) = session(
      "let a = 4", ":describe a", ":describe zz", ":help let", ":help :load", ":help")
    #expect(
      output.out.hasPrefix("a is the number 4\nlet NAME = EXPR binds a name\n:load FILE\n  run a script"))
    #expect(output.out.contains(":describe NAME  "))
    #expect(output.err == "error: nothing is bound to 'zz'; :env lists the bindings\n")
  }

  @Test func badCommandsAreReportedAndTheSessionGoesOn() {
    let (output, _, _) = session(":frob", ":load", "let a = 1", "a")
    #expect(
      output.err == "error: unknown command ':frob'; :help lists the commands\nerror: usage: :load FILE\n")
    #expect(output.out == "1\n")
  }

  @Test func resetForgetsBindingsAndTheTranscript() throws {
    let scratch = try ScratchFolder.make("xsg-repl-reset")
    defer { ScratchFolder.remove(scratch) }
    let file = scratch.appending(path: "reset.xsg")
    let (output, evaluator, _) = session("let a = 1", ":reset", "let b = 2", ":save \(file.path)")
    #expect(evaluator.names == ["b"])
    #expect(output.out == "the session is empty again\nsaved 1 entry to \(file.path)\n")
    #expect(try String(contentsOf: file, encoding: .utf8) == "let b = 2\n")
  }

  @Test func saveWritesTheSuccessfulEntriesAsAScript() throws {
    let scratch = try ScratchFolder.make("xsg-repl-save")
    defer { ScratchFolder.remove(scratch) }
    let file = scratch.appending(path: "save.xsg")
    let (output, _, _) = session(
      "let a = 1", "wrong", "f(1,", "2)", "let b = 2", "train", ":save \(file.path)")
    #expect(output.out.hasSuffix("saved 3 entries to \(file.path)\n"))
    // An interrupted entry is kept, with a comment: the saved script runs it to its end.
    #expect(
      try String(contentsOf: file, encoding: .utf8)
        == "let a = 1\nlet b = 2\n# Ctrl-C in the session: interrupted at step 7; the network keeps its state\ntrain\n"
    )
  }

  /// `:save` said only "cannot write" and left the user to guess why.
  @Test func saveSaysWhyItCannotWrite() throws {
    let scratch = try ScratchFolder.make("xsg-repl-save")
    defer { ScratchFolder.remove(scratch) }
    let folder = scratch.appending(path: "missing")
    let (output, _, _) = session("let a = 1", ":save \(folder.path)/x.xsg", ":save /tmp")
    #expect(
      output.err == "error: cannot write '\(folder.path)/x.xsg': there is no folder '\(folder.path)'\n"
        + "error: cannot write '/tmp': it is a folder\n")
  }

  @Test func loadRunsAFileUnderItsOwnName() throws {
    let scratch = try ScratchFolder.make("xsg-repl-load")
    defer { ScratchFolder.remove(scratch) }
    let file = scratch.appending(path: "load.xsg")
    try "let c = 9\n".write(to: file, atomically: true, encoding: .utf8)
    let (output, evaluator, _) = session(":load \(file.path)", "c", ":load /no/such/file.xsg")
    #expect(evaluator.ran.first?.name == file.path)
    #expect(output.out == "9\n")
    #expect(output.err == "error: '/no/such/file.xsg' does not exist\n")
  }

  /// `:load` says why a file cannot be run; before, every problem (even bytes that are not UTF-8) was
  /// "cannot read".
  @Test func loadSaysWhyAFileCannotBeRun() throws {
    let folder = try ScratchFolder.make("xsg-repl-load")
    defer { ScratchFolder.remove(folder) }
    let binary = folder.appending(path: "latin1.xsg")
    try Data("let a = 1\nlet \u{3bb} = 2 # caf".utf8 + [0xE9, 0x0A]).write(to: binary)
    let (output, evaluator, _) = session(":load \(binary.path)", ":load \(folder.path)")
    #expect(evaluator.ran.isEmpty)
    #expect(
      output.err == "error: '\(binary.path)' is not UTF-8 text: line 2, column 16\n"
        + "error: '\(folder.path)' is a folder, not a script\n")
  }

  @Test func helpNamesACommandWithoutItsColon() {
    let (output, _, _) = session(":help quit", ":help let", ":help zz")
    #expect(
      output.out == ":quit\n  leave the REPL (so does Ctrl-D)\nlet NAME = EXPR binds a name\n"
        + "no help for 'zz': it is not a builtin, keyword or command\n")
  }

  @Test func historyListsEntriesWithMultiLineOnesIndented() {
    let (output, _, _) = session("let a = 1", "f(1,", "2)", ":history")
    #expect(output.out == "1  let a = 1\n2  f(1,\n   2)\n3  :history\n")
  }

  @Test func plotDrawsToTheTerminalWidth() {
    let (output, _, _) = session([.line(":plot s t log")], columns: 50)
    let lines = output.out.split(separator: "\n")
    #expect(lines.count > 10)
    #expect(lines.allSatisfy { $0.count <= 50 }, "\(lines.map(\.count)) \(lines.last ?? "")")
    #expect(
      output.out.contains("⠀") || output.out.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
  }

  @Test func completionSeesEarlierLinesOfAPendingEntry() {
    let reader = ScriptedLineReader(lines: ["let abc = 1", "f(1,"])
    let evaluator = StandInEvaluator()
    let repl = Repl(reader: reader, evaluator: evaluator, output: CapturedOutput().sink)
    repl.run()
    #expect(repl.complete("a").candidates == ["abc"])
    #expect(repl.complete(":r").candidates == [":reset"])
  }
}
