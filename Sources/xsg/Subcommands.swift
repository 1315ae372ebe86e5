import ArgumentParser

extension XSG {
  /// Every subcommand of `xsg`, one line each, in the order `xsg --help` lists them.
  static let subcommands: [ParsableCommand.Type] = [
    Version.self,
    Run.self,
    Check.self,
    Fmt.self,
    Plot.self,
    Repl.self,
    Bench.self,
    Builtins.self,
  ]
}
