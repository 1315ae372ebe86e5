import Testing

@testable import XSGREPL

@Suite struct ReplCommandTests {
  @Test func commandsParseWithTheirArguments() throws {
    #expect(try ReplCommand.parse(":help") == .help(topic: nil))
    #expect(try ReplCommand.parse(":help relu2") == .help(topic: "relu2"))
    #expect(try ReplCommand.parse(":load my experiments/a.xsg") == .load(path: "my experiments/a.xsg"))
    #expect(try ReplCommand.parse(":save out.xsg ") == .save(path: "out.xsg"))
    #expect(try ReplCommand.parse(":describe f") == .describe(name: "f"))
    #expect(
      try ReplCommand.parse(":plot run.w_sp run.w_sig log")
        == .plot(series: ["run.w_sp", "run.w_sig"], logScale: true))
    #expect(try ReplCommand.parse(":plot run.w_sp") == .plot(series: ["run.w_sp"], logScale: false))
    #expect(try ReplCommand.parse(":env") == .env)
    #expect(try ReplCommand.parse(":reset") == .reset)
    #expect(try ReplCommand.parse(":history") == .history)
  }

  /// A file name quoted as in a shell was looked up with its quotes: `'"my dir/a.xsg"' does not exist`.
  @Test func fileNamesMayBeQuoted() throws {
    #expect(try ReplCommand.parse(":load \"my dir/a.xsg\"") == .load(path: "my dir/a.xsg"))
    #expect(try ReplCommand.parse(":save 'out put.xsg' ") == .save(path: "out put.xsg"))
    #expect(try ReplCommand.parse(":load \"a.xsg") == .load(path: "\"a.xsg"))
  }

  @Test func unambiguousPrefixesName() throws {
    #expect(try ReplCommand.parse(":q") == .quit)
    #expect(try ReplCommand.parse(":d f") == .describe(name: "f"))
    // A prefix of several commands says which, instead of calling a real command unknown.
    #expect(throws: CommandError(message: "':h' is ambiguous: :help or :history")) {
      try ReplCommand.parse(":h")
    }
    #expect(throws: CommandError(message: "unknown command ':'; :help lists the commands")) {
      try ReplCommand.parse(":")
    }
  }

  @Test func mistakesSayWhatWasExpected() {
    #expect(throws: CommandError(message: "usage: :load FILE")) { try ReplCommand.parse(":load") }
    #expect(throws: CommandError(message: "usage: :env")) { try ReplCommand.parse(":env f") }
    #expect(throws: CommandError(message: "usage: :describe NAME")) { try ReplCommand.parse(":describe") }
    #expect(throws: CommandError(message: "unknown command ':frobnicate'; :help lists the commands")) {
      try ReplCommand.parse(":frobnicate")
    }
    #expect(throws: CommandError.self) { try ReplCommand.parse(":") }
  }
}
