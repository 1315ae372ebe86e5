import ArgumentParser
import Foundation

/// The `xsg` command: a thin shell that parses arguments, calls a library, and maps outcomes to exit
/// codes (docs/cli.md). Each subcommand lives in its own file under Commands/.
@main
struct XSG: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "xsg",
    abstract: "Experiments on SGD, XOR and spurious features in two-layer ReLU networks.",
    discussion: """
      xsg runs .xsg experiment scripts: declare data, networks, optimisers and probes, then train. \
      Run `xsg help SUBCOMMAND` for the options of one subcommand. \
      `xsg` alone starts the REPL on a terminal, and runs its input as a script otherwise \
      (`xsg < script.xsg` is `xsg run -`).
      """,
    version: "xsg \(version) (commit \(BuildInfo.commit))",
    subcommands: XSG.subcommands,
    defaultSubcommand: Repl.self
  )

  /// ArgumentParser's `main`, after refusing an unknown `xsg help` topic (see `HelpTopic`).
  static func main() {
    if let problem = HelpTopic.problem(Array(CommandLine.arguments.dropFirst())) {
      FileHandle.standardError.write(Data(problem.utf8))
      exit(withError: ExitStatus.usage)
    }
    main(nil)
  }
}
