import ArgumentParser
import Foundation
import XSGREPL
import XSGRuntime

/// `xsg repl`, also what `xsg` alone does: the interactive session on a terminal (docs/repl.md). Without a
/// terminal on stdin, the input is a script and runs as `xsg run -` would.
struct Repl: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Explore interactively: the REPL (what `xsg` alone starts on a terminal).",
    discussion: """
      Declare data, networks and optimisers, train, inspect and plot probes, train more. :help lists \
      the commands; Tab completes; Ctrl-C stops training at the next step; Ctrl-D quits. History is \
      kept in $XDG_STATE_HOME/xsg/history (else ~/.xsg_history). Without a terminal on stdin, the \
      input runs as a script, exactly like `xsg run -`.
      """)

  @Option(name: .long, help: "Compute threads for training (1 or 2); results are identical for every value.")
  var threads: Int = 1

  /// `xsg` passes words it does not know as subcommands here (the REPL is the default subcommand):
  /// report them as the unknown subcommands they are.
  @Argument(help: .hidden)
  var unknown: [String] = []

  func validate() throws {
    if let word = unknown.first {
      let hint = word.hasSuffix(".xsg") ? "; to run a script: xsg run \(word)" : "; xsg --help lists them"
      // Not a ValidationError: that would print `xsg repl`'s usage line, as if the word were meant for
      // the REPL, where xsg's own is the one that helps.
      FileHandle.standardError.write(
        Data(
          """
          Error: unknown subcommand '\(word)'\(hint)
          Usage: xsg <subcommand>
            See 'xsg --help' for more information.

          """.utf8))
      throw ExitStatus.usage
    }
    try Threads.validate(threads)
  }

  func run() throws {
    guard isatty(STDIN_FILENO) != 0 else {
      let script = try Run.parse(["-", "--threads", String(threads)])
      try script.run()
      return
    }
    let environment = ProcessInfo.processInfo.environment
    let interrupts = InterruptFlag.shared
    SignalHandlers.install()
    let output = ReplOutput.standard
    var settings = Interpreter.Settings(
      threads: threads, progress: .automatic(quiet: false), write: output.write,
      shouldStop: { interrupts.isRequested })
    settings.terminalColumns = { TerminalSize.columns() }
    let color = isatty(STDERR_FILENO) != 0 && environment["NO_COLOR"] == nil
    let evaluator = RuntimeEvaluator(
      session: Session(settings: settings, color: color), interrupts: interrupts)

    // The reader completes through the REPL, which reads through the reader: tie the knot with a box.
    final class Completer { var repl: XSGREPL.Repl? }
    let completer = Completer()
    let reader: any LineReader =
      PlainLineReader.isReadlineUnsuitable(environment: environment)
      ? PlainLineReader(interrupts: interrupts)
      : ReadlineLineReader(historyPath: HistoryFile.path(environment: environment), interrupts: interrupts) {
        completer.repl?.complete($0) ?? .none
      }
    let repl = XSGREPL.Repl(reader: reader, evaluator: evaluator, output: output)
    completer.repl = repl
    output.write("xsg \(XSG.version) — :help lists the commands, Tab completes, Ctrl-D quits\n")
    repl.run()
  }
}
