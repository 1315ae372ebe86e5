import Testing

@Suite struct VersionTests {
  @Test func versionNamesReleaseAndCommit() throws {
    let result = try Binary.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("xsg 0.1.0 (commit "))
  }

  @Test func unknownSubcommandIsAUsageError() throws {
    let result = try Binary.run(["no-such-subcommand"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("no-such-subcommand"))
  }
}
