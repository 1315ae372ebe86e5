import CReadline
import Glibc

/// A reader without line editing, for terminals readline cannot drive (`TERM=dumb`, Emacs shell buffers) or
/// when `XSG_NO_READLINE=1`: prompts on stdout, lines from stdin, history kept for this session only.
public final class PlainLineReader: LineReader {
  private let interrupts: InterruptFlag
  public private(set) var history: [String] = []

  public init(interrupts: InterruptFlag = .shared) {
    self.interrupts = interrupts
  }

  public func readLine(prompt: String) -> LineInput {
    xsg_write(0, prompt)
    _ = interrupts.consume()
    SignalHandlers.atPrompt.store(true, ordering: .sequentiallyConsistent)
    defer { SignalHandlers.atPrompt.store(false, ordering: .sequentiallyConsistent) }
    if let line = Swift.readLine(strippingNewline: true) { return .line(line) }
    // A Ctrl-C interrupts the read (the handler has no SA_RESTART), which looks like the end of the input.
    if interrupts.consume() {
      xsg_clear_stdin_error()
      xsg_write(0, "\n")
      return .interrupted
    }
    xsg_write(0, "\n")
    return .endOfInput
  }

  public func addHistory(_ entry: String) {
    if isWorthRemembering(entry) { history.append(entry) }
  }

  public func close() {}
}

extension LineReader where Self == PlainLineReader {
  /// Whether readline should stay away from this terminal.
  public static func isReadlineUnsuitable(environment: [String: String]) -> Bool {
    environment["XSG_NO_READLINE"] == "1"
      || ["", "dumb", "cons25", "emacs"].contains(environment["TERM"] ?? "")
  }
}
