import ArgumentParser
import Foundation
import XSGRuntime
import XSGSyntax

/// `xsg help TOPIC`: the topics are the subcommands (`xsg help run`). ArgumentParser's own `help`
/// subcommand shows the overview with status 0 for a word that names none (`xsg help nope`), so the words
/// are checked first (`XSG.main`): anything else is a usage error, 64, with a did-you-mean.
enum HelpTopic {
  /// The error to print for `xsg help WORD…`; nil when the words name a subcommand or are no help request.
  static func problem(_ arguments: [String]) -> String? {
    guard arguments.first == "help" else { return nil }
    // Flags (`xsg help -h`) are ArgumentParser's to handle.
    let words = arguments.dropFirst().filter { !$0.hasPrefix("-") }
    var commands: [ParsableCommand.Type] = XSG.subcommands
    var names = commands.map { $0._commandName } + ["help"]
    var path: [String] = []
    for word in words {
      guard names.contains(word) else { return message(for: word, path: path, names: names) }
      path.append(word)
      commands = commands.first { $0._commandName == word }?.configuration.subcommands ?? []
      names = commands.map { $0._commandName }
    }
    return nil
  }

  private static func message(for word: String, path: [String], names: [String]) -> String {
    let topic = (path + [word]).joined(separator: " ")
    var hint: String
    if let near = Suggestions.nearest(to: word, among: names) {
      hint = "did you mean '\((path + [near]).joined(separator: " "))'?"
    } else if path.isEmpty {
      hint = "the topics are the subcommands: " + names.filter { $0 != "help" }.joined(separator: ", ")
    } else {
      hint = "'xsg help \(path.joined(separator: " "))' shows the options of \(path.joined(separator: " "))"
    }
    // A builtin's name is the likely meaning: `xsg help spurious`, `xsg help builtins xor`.
    if Registry.builtin(named: word) != nil { hint = "to show a builtin: xsg builtins \(word)" }
    return """
      Error: no help topic '\(topic)'; \(hint)
      Usage: xsg help [<subcommand>]
        See 'xsg --help' for the subcommands.

      """
  }
}
