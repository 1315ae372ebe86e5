/// What one read at a prompt produced.
public enum LineInput: Equatable, Sendable {
  /// A line the user entered, without its newline. A history entry recalled with ↑ may span several lines.
  case line(String)
  /// Ctrl-C at the prompt: the pending entry is dropped and a fresh primary prompt follows.
  case interrupted
  /// Ctrl-D on an empty line, or the end of the input.
  case endOfInput
}

/// Where the REPL gets its lines from. GNU readline on a terminal, a plain reader on dumb terminals, and a
/// scripted reader in tests; the REPL itself never touches the terminal.
public protocol LineReader: AnyObject {
  /// Shows `prompt` and reads one line.
  func readLine(prompt: String) -> LineInput
  /// Records one complete entry (possibly several lines) in the history.
  func addHistory(_ entry: String)
  /// The history, oldest first, including entries loaded from earlier sessions.
  var history: [String] { get }
  /// Ends the session: writes the history file, if the reader keeps one.
  func close()
}

extension LineReader {
  /// Whether `entry` should become a history item: not blank, and not the same as the previous one.
  func isWorthRemembering(_ entry: String) -> Bool {
    !entry.allSatisfy(\.isWhitespace) && history.last != entry
  }
}
