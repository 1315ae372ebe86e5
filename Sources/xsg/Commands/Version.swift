import ArgumentParser

/// `xsg version`: the same text as `xsg --version`, for scripts that log their tool versions.
struct Version: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the xsg version and the git commit it was built from.")

  func run() throws {
    print("xsg \(XSG.version) (commit \(BuildInfo.commit))")
  }
}
