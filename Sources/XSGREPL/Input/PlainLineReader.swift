import CReadline
import Glibc

/// A reader without line editing, for terminals readline cannot drive (`TERM=dumb`, Emacs shell buffers) or
/// when `XSG_NO_READLINE=1`: prompts on the terminal (stdout, or stderr when stdout is redirected), lines
/// from stdin, history kept for this session only.
///
/// It reads the file descriptor itself rather than through C's `stdin` stream (`Swift.readLine`): a Ctrl-C
/// at the prompt left glibc's `getline` spinning at full CPU, never returning, so the session hung. With
/// `read(2)`, a signal is just `EINTR`: Ctrl-C abandons the line, anything else (a resized terminal's
/// SIGWINCH) goes on reading.
public final class PlainLineReader: LineReader {
  private let interrupts: InterruptFlag
  private let input: Int32
  public private(set) var history: [String] = []

  /// Reads lines from the file descriptor `input` (the standard input unless a test says otherwise).
  public init(interrupts: InterruptFlag = .shared, input: Int32 = STDIN_FILENO) {
    self.interrupts = interrupts
    self.input = input
  }

  public func readLine(prompt: String) -> LineInput {
    xsg_write_prompt(prompt)
    _ = interrupts.consume()
    SignalHandlers.atPrompt.store(true, ordering: .sequentiallyConsistent)
    defer { SignalHandlers.atPrompt.store(false, ordering: .sequentiallyConsistent) }
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      // One byte at a time: a terminal delivers a line at once anyway, and nothing is read past it.
      let count = read(input, &byte, 1)
      if count == 1 {
        if byte == UInt8(ascii: "\n") { return .line(String(decoding: line, as: UTF8.self)) }
        line.append(byte)
        continue
      }
      if count < 0 && errno == EINTR {
        // The handler has no SA_RESTART, so a signal interrupts the read; only Ctrl-C drops the line.
        guard interrupts.consume() else { continue }
        xsg_write_prompt("\n")
        return .interrupted
      }
      // The end of the input (Ctrl-D): what was typed before it is still a line, then the end. Either way
      // the cursor is still on the prompt's line (a terminal echoes no newline for Ctrl-D): end it.
      xsg_write_prompt("\n")
      if !line.isEmpty && count == 0 { return .line(String(decoding: line, as: UTF8.self)) }
      return .endOfInput
    }
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
