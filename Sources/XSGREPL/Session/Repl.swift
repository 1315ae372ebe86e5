import Foundation
import XSGPlot

/// The read–eval–print loop: reads entries (several lines while the parser says they are incomplete),
/// runs them, shows the value of an expression entered alone, and answers `:commands`. Errors are printed
/// and the session goes on; only `:quit`, Ctrl-D at the primary prompt or the end of the input end it.
public final class Repl {
  public static let prompt = "xsg> "
  public static let continuationPrompt = "...> "

  private let reader: any LineReader
  private let evaluator: any ReplEvaluator
  private let output: ReplOutput
  private let terminalColumns: () -> Int
  /// The lines of an entry still being typed.
  private var pending: [String] = []
  /// Entries that ran without error, for `:save`.
  private(set) var transcript: [String] = []
  /// Numbers entries in diagnostics: `<repl>:N`.
  private var entryCount = 0

  public init(
    reader: any LineReader, evaluator: any ReplEvaluator, output: ReplOutput = .standard,
    terminalColumns: @escaping () -> Int = TerminalSize.columns
  ) {
    self.reader = reader
    self.evaluator = evaluator
    self.output = output
    self.terminalColumns = terminalColumns
  }

  /// Tab completion for the line being typed: earlier lines of a pending entry give the context.
  public func complete(_ lineBeforeCursor: String) -> Completion {
    CompletionEngine(source: evaluator).complete(
      (pending + [lineBeforeCursor]).joined(separator: "\n"))
  }

  /// Runs the session until `:quit` or the end of the input, then saves the history.
  public func run() {
    defer { reader.close() }
    while true {
      switch reader.readLine(prompt: pending.isEmpty ? Self.prompt : Self.continuationPrompt) {
      case .endOfInput:
        // Ctrl-D on a `...>` line ends the entry, not the session (as in Python's REPL): it runs as typed,
        // usually to a diagnostic, and the bindings and trained networks stay. At the end of a file or
        // pipe, the next read ends the session.
        guard pending.isEmpty else {
          finishEntry()
          continue
        }
        return
      case .interrupted:
        pending = []
      case .line(let line):
        if pending.isEmpty && line.trimmingWhitespace().hasPrefix(":") {
          reader.addHistory(line.trimmingWhitespace())
          if !perform(line.trimmingWhitespace()) { return }
          continue
        }
        pending.append(line)
        let entry = pending.joined(separator: "\n")
        if entry.allSatisfy(\.isWhitespace) {
          pending = []
        } else if !evaluator.isIncomplete(entry + "\n") {
          finishEntry()
        }
      }
    }
  }

  /// Runs the pending entry (complete, or cut short by the end of the input, which the parser reports).
  private func finishEntry() {
    let entry = pending.joined(separator: "\n")
    pending = []
    reader.addHistory(entry)
    entryCount += 1
    report(evaluator.run(entry, name: "<repl>:\(entryCount)", warn: output.writeError), of: entry)
  }

  /// Shows how `entry` ended and records it for `:save`; `loadedFrom` names the file a `:load` ran.
  private func report(_ outcome: EntryOutcome, of entry: String, loadedFrom path: String? = nil) {
    switch outcome {
    case .completed(let shown):
      transcript.append((path.map { "# :load \($0)\n" } ?? "") + entry)
      if let shown { output.write(shown + "\n") }
    case .failed(let failure):
      // What ran before the error keeps its bindings: without it a saved script could not run.
      let ran = failure.ranBefore.trimmingWhitespace()
      if !ran.isEmpty {
        transcript.append((path.map { "# :load \($0), up to its error\n" } ?? "") + ran)
      }
      output.writeError(failure.text.hasSuffix("\n") ? failure.text : failure.text + "\n")
    case .interrupted(let message):
      // The terminal has echoed `^C` where the cursor was: start the message on a line of its own.
      // A saved script runs the entry to its end: say that the session stopped it, and where.
      transcript.append(
        (path.map { "# :load \($0)\n" } ?? "") + "# Ctrl-C in the session: \(message)\n" + entry)
      output.writeError("\n" + message + "\n")
    }
  }

  // MARK: Commands

  /// Carries out a `:command`; false when it ends the session.
  private func perform(_ line: String) -> Bool {
    let command: ReplCommand
    do {
      command = try ReplCommand.parse(line)
    } catch {
      output.writeError("error: \(error.message)\n")
      return true
    }
    switch command {
    case .quit:
      return false
    case .help(let topic):
      output.write(help(topic))
    case .load(let path):
      load(path)
    case .save(let path):
      save(path)
    case .reset:
      evaluator.reset()
      transcript = []
      output.write("the session is empty again\n")
    case .env:
      output.write(environmentListing())
    case .describe(let name):
      if let text = evaluator.describe(name) {
        output.write(text.hasSuffix("\n") ? text : text + "\n")
      } else {
        output.writeError("error: nothing is bound to '\(name)'; :env lists the bindings\n")
      }
    case .history:
      output.write(historyListing())
    case .plot(let series, let logScale):
      switch evaluator.figure(of: series, logScale: logScale) {
      case .success(let figure):
        output.write(TerminalRenderer(width: terminalColumns(), height: 18).render(figure))
      case .failure(let failure):
        output.writeError(failure.text.hasSuffix("\n") ? failure.text : failure.text + "\n")
      }
    }
    return true
  }

  private func help(_ topic: String?) -> String {
    guard let topic else {
      let width = CommandSpec.all.map(\.usage.count).max() ?? 0
      let rows = CommandSpec.all.map {
        $0.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary
      }
      return """
        Type a statement or an expression; an expression alone shows its value.
        An entry goes on over several lines while a bracket is open or a line
        ends with an operator. Tab completes names, members after `.`, named
        arguments and file names. Ctrl-C stops training at the next step, or
        clears the line; Ctrl-D quits.

        \(rows.joined(separator: "\n"))

        :help NAME describes a builtin such as relu2, or a keyword.

        """
    }
    if let spec = CommandSpec.named(topic), topic.hasPrefix(":") {
      return "\(spec.usage)\n  \(spec.summary)\n"
    }
    if let text = evaluator.help(topic) { return text.hasSuffix("\n") ? text : text + "\n" }
    // A command named without its colon (`:help quit`), when no builtin or keyword has the name.
    if let spec = CommandSpec.all.first(where: { $0.name == ":" + topic }) {
      return "\(spec.usage)\n  \(spec.summary)\n"
    }
    return "no help for '\(topic)': it is not a builtin, keyword or command\n"
  }

  private func environmentListing() -> String {
    let bindings = evaluator.bindings()
    guard !bindings.isEmpty else { return "nothing is bound yet\n" }
    let nameWidth = bindings.map(\.name.count).max() ?? 0
    let kindWidth = bindings.map(\.kind.count).max() ?? 0
    return bindings.map { binding in
      binding.name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
        + binding.kind.padding(toLength: kindWidth + 2, withPad: " ", startingAt: 0)
        + binding.summary + "\n"
    }.joined()
  }

  private func historyListing() -> String {
    let entries = reader.history
    let width = String(entries.count).count
    return entries.enumerated().map { index, entry in
      let number = String(index + 1)
      let lines = entry.split(separator: "\n", omittingEmptySubsequences: false)
      let indent = String(repeating: " ", count: width + 2)
      return String(repeating: " ", count: width - number.count) + number + "  "
        + lines.joined(separator: "\n" + indent) + "\n"
    }.joined()
  }

  /// Runs a script file in this session: its bindings stay, its errors name the file.
  private func load(_ path: String) {
    let text: String
    switch Self.readScript(at: Self.expandingTilde(path)) {
    case .success(let contents):
      text = contents
    case .failure(let problem):
      output.writeError("error: '\(path)' \(problem.text)\n")
      return
    }
    var outcome = evaluator.run(text, name: path, warn: output.writeError)
    // A script's last expression statement is not an expression entered alone: nothing to show.
    if case .completed = outcome { outcome = .completed(shown: nil) }
    report(outcome, of: text.trimmingWhitespace(), loadedFrom: path)
  }

  /// Writes the entries that ran without error, in order, as a script.
  private func save(_ path: String) {
    let script = transcript.map { $0 + "\n" }.joined()
    do {
      try script.write(toFile: Self.expandingTilde(path), atomically: true, encoding: .utf8)
      let count = transcript.count
      output.write("saved \(count) \(count == 1 ? "entry" : "entries") to \(path)\n")
    } catch {
      output.writeError("error: cannot write '\(path)': \(Self.whyUnwritable(Self.expandingTilde(path)))\n")
    }
  }

  /// Why a file could not be written at `path`, in the words of `:load`'s errors (Foundation's own message
  /// says "the file doesn't exist" for a missing folder and nothing at all for a folder).
  static func whyUnwritable(_ path: String) -> String {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue {
      return "it is a folder"
    }
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    let shown = folder.isEmpty ? "/" : folder
    guard FileManager.default.fileExists(atPath: shown, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      return "there is no folder '\(shown)'"
    }
    if access(shown, W_OK) != 0 { return "the folder '\(shown)' is not writable" }
    return "the file is not writable"
  }

  /// The text of the script at `path`, or why there is none: missing, a folder, unreadable, or not UTF-8
  /// (with the line and column of the first bad byte, as `xsg run` would point at it).
  static func readScript(at path: String) -> Result<String, EntryFailure> {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return .failure(EntryFailure("does not exist"))
    }
    if isDirectory.boolValue { return .failure(EntryFailure("is a folder, not a script")) }
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(EntryFailure("cannot be read"))
    }
    let bytes = [UInt8](data)
    if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
    // The bytes before the first invalid sequence.
    var valid = 0
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while case .valid(let scalar) = parser.parseScalar(from: &iterator) { valid += scalar.count }
    let before = String(decoding: bytes[..<valid], as: UTF8.self)
    let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    let column = before.reversed().prefix { $0 != "\n" }.count + 1
    return .failure(EntryFailure("is not UTF-8 text: line \(line), column \(column)"))
  }

  static func expandingTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/"),
      let home = ProcessInfo.processInfo.environment["HOME"]
    else {
      return path
    }
    return home + path.dropFirst()
  }
}
