import ArgumentParser

/// The exit codes of `xsg`, after sysexits.h; documented in docs/cli.md.
enum ExitStatus {
  static let success = ExitCode(0)
  /// Wrong command-line usage (ArgumentParser uses the same code for its own errors).
  static let usage = ExitCode(64)
  /// A syntax or static error in a script.
  static let dataError = ExitCode(65)
  /// An input file is missing or unreadable.
  static let noInput = ExitCode(66)
  /// A runtime failure while running a script.
  static let software = ExitCode(70)
  // An interrupted run ends by its signal instead (`Interrupt.exitBySignal`), which a shell shows as 128 + n.
}
