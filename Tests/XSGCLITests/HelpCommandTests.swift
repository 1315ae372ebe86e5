import Testing

@Suite struct HelpCommandTests {
  @Test func aSubcommandIsATopic() throws {
    let result = try Binary.run(["help", "run"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("USAGE: xsg run <file>"))
  }

  /// ArgumentParser showed the overview with status 0 for a word that names no subcommand.
  @Test func anUnknownTopicIsAUsageError() throws {
    let result = try Binary.run(["help", "nope"])
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.hasPrefix("Error: no help topic 'nope'; the topics are the subcommands: version, run,"))
  }

  @Test func aMisspeltTopicGetsASuggestion() throws {
    let result = try Binary.run(["help", "bulitins"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("Error: no help topic 'bulitins'; did you mean 'builtins'?"))
  }

  @Test func wordsAfterATopicAreNoTopic() throws {
    let extra = try Binary.run(["help", "run", "extra"])
    #expect(extra.status == 64)
    #expect(extra.stderr.contains("no help topic 'run extra'; 'xsg help run' shows the options of run"))
    // A builtin's name points to `xsg builtins NAME`.
    let builtin = try Binary.run(["help", "builtins", "spurious"])
    #expect(builtin.status == 64)
    #expect(builtin.stderr.contains("to show a builtin: xsg builtins spurious"))
  }
}
