/// A `:command` typed at the prompt. Commands talk to the REPL, not the language, so they are never part of
/// a saved script.
enum ReplCommand: Equatable {
  case help(topic: String?)
  case load(path: String)
  case save(path: String)
  case reset
  case env
  case describe(name: String)
  case history
  /// `:plot SERIES… [log]`: each series is an expression naming a probe series or a run.
  case plot(series: [String], logScale: Bool)
  case quit
}

/// How a command reads what follows its name; also decides what Tab completes there.
enum CommandArgument {
  case nothing
  case optionalName
  case name
  case file
  case expressions
}

/// One row of the command table: `:help` prints it, the parser and the completer read it.
struct CommandSpec: Sendable {
  let name: String
  let argument: CommandArgument
  let usage: String
  let summary: String
  /// Makes the command from its words after the name and the rest of the line (trimmed).
  let make: @Sendable (_ words: [String], _ rest: String) -> ReplCommand

  static let all: [CommandSpec] = [
    CommandSpec(
      name: ":help", argument: .optionalName, usage: ":help [NAME]",
      summary: "the commands, or help on a builtin, keyword, command",
      make: { words, _ in .help(topic: words.first) }),
    CommandSpec(
      name: ":load", argument: .file, usage: ":load FILE",
      summary: "run a script here; its bindings stay",
      make: { _, rest in .load(path: rest) }),
    CommandSpec(
      name: ":save", argument: .file, usage: ":save FILE",
      summary: "write the entries that ran without error as a script",
      make: { _, rest in .save(path: rest) }),
    CommandSpec(
      name: ":reset", argument: .nothing, usage: ":reset",
      summary: "forget every binding, network and run",
      make: { _, _ in .reset }),
    CommandSpec(
      name: ":env", argument: .nothing, usage: ":env", summary: "list the session's bindings and their kinds",
      make: { _, _ in .env }),
    CommandSpec(
      name: ":describe", argument: .name, usage: ":describe NAME",
      summary: "a binding in detail: network, data, optimiser, run",
      make: { words, _ in .describe(name: words[0]) }),
    CommandSpec(
      name: ":history", argument: .nothing, usage: ":history", summary: "list the entries of the history",
      make: { _, _ in .history }),
    CommandSpec(
      name: ":plot", argument: .expressions, usage: ":plot SERIES… [log]",
      summary: "draw probe series (run.w_sp) here; log: log y axis",
      make: { words, _ in
        let logScale = words.count > 1 && words.last == "log"
        return .plot(series: logScale ? Array(words.dropLast()) : words, logScale: logScale)
      }),
    CommandSpec(
      name: ":quit", argument: .nothing, usage: ":quit", summary: "leave the REPL (so does Ctrl-D)",
      make: { _, _ in .quit }),
  ]

  /// The command that `word` names: its full name or an unambiguous prefix (`:q` is `:quit`).
  static func named(_ word: String) -> CommandSpec? {
    let found = matching(word)
    return found.count == 1 ? found[0] : nil
  }

  /// The commands `word` may name: the exact one, else every command it is a prefix of.
  static func matching(_ word: String) -> [CommandSpec] {
    if let exact = all.first(where: { $0.name == word }) { return [exact] }
    return all.filter { $0.name.hasPrefix(word) }
  }
}

/// Why a `:command` line could not be read.
struct CommandError: Error, Equatable {
  let message: String
}

extension ReplCommand {
  /// Reads a line that starts with `:`.
  static func parse(_ line: String) throws(CommandError) -> ReplCommand {
    let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
    guard let word = words.first, word.count > 1, let spec = CommandSpec.named(word) else {
      let word = words.first ?? line
      let candidates = word.count > 1 ? CommandSpec.matching(word).map(\.name) : []
      if candidates.count > 1 {
        let listed = candidates.dropLast().joined(separator: ", ") + " or " + candidates.last!
        throw CommandError(message: "'\(word)' is ambiguous: \(listed)")
      }
      throw CommandError(message: "unknown command '\(word)'; :help lists the commands")
    }
    let arguments = Array(words.dropFirst())
    let rest = line.drop { !$0.isWhitespace }.trimmingWhitespace()
    func usage() -> CommandError { CommandError(message: "usage: \(spec.usage)") }
    switch spec.argument {
    case .nothing:
      guard arguments.isEmpty else { throw usage() }
    case .optionalName:
      guard arguments.count <= 1 else { throw usage() }
    case .name:
      guard arguments.count == 1 else { throw usage() }
    case .file:
      guard !rest.isEmpty else { throw usage() }
      // Quoted as a shell would need it (`:load "my runs/a.xsg"`): the quotes are not part of the name.
      if rest.count >= 2, let quote = rest.first, quote == "\"" || quote == "'", rest.last == quote {
        return spec.make(arguments, String(rest.dropFirst().dropLast()))
      }
    case .expressions:
      guard !arguments.isEmpty else { throw usage() }
    }
    return spec.make(arguments, rest)
  }
}

extension StringProtocol {
  /// The text without leading and trailing whitespace and newlines.
  func trimmingWhitespace() -> String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
