import ArgumentParser
import XSGRuntime
import XSGSyntax

/// `xsg builtins [NAME]` (and `xsg help builtins`): the builtin registry, the same source that feeds
/// `xsg check`, REPL completion and docs/builtins.md.
struct Builtins: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the builtins a script can use, or show one in full.",
    discussion: BuiltinDocs.summary(width: 78))

  @Argument(help: "A builtin to show with its parameters and defaults.")
  var name: String?

  @Flag(help: "Print the whole reference as Markdown (docs/builtins.md).")
  var markdown = false

  /// An unknown name is a usage error (exit 64), reported with this subcommand's usage line.
  func validate() throws {
    guard let name, Registry.builtin(named: name) == nil else { return }
    var message = "no builtin named '\(name)'"
    if let near = Suggestions.nearest(to: name, among: Registry.names) {
      message += "; did you mean '\(near)'?"
    }
    throw ValidationError(message)
  }

  func run() throws {
    if markdown {
      print(BuiltinDocs.markdown, terminator: "")
      return
    }
    guard let name, let builtin = Registry.builtin(named: name) else {
      print(BuiltinDocs.summary())
      return
    }
    print(BuiltinDocs.help(builtin))
  }
}
