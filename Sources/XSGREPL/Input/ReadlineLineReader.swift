@preconcurrency import CReadline
import Glibc

/// GNU readline on a terminal: line editing, a persistent history file, Tab completion, and Ctrl-C that
/// clears the line.
///
/// Readline's alternate (callback) interface is used so that xsg owns the wait for input: a Ctrl-C
/// interrupts `pselect`, and the reader then abandons the line itself, with no signal handler touching
/// readline. Readline is a process-wide C library, so at most one reader exists at a time.
public final class ReadlineLineReader: LineReader {
  private let historyPath: String?
  private let interrupts: InterruptFlag
  private let warn: (String) -> Void
  /// Whether a problem with the history file was reported: once per session is enough.
  private var hasWarned = false

  /// Starts readline. `complete` receives the line up to the cursor and answers Tab; `warn` receives the
  /// one warning about a history file that cannot be read or written (stderr unless a test says otherwise).
  public init(
    historyPath: String?, interrupts: InterruptFlag = .shared,
    warn: @escaping (String) -> Void = { xsg_write(1, $0) },
    complete: @escaping (String) -> Completion
  ) {
    self.historyPath = historyPath
    self.interrupts = interrupts
    self.warn = warn
    ReadlineState.complete = complete
    xsg_rl_configure(ReadlineState.attemptCompletion)
    using_history()
    clear_history()
    if let historyPath { load(historyPath) }
  }

  /// Reads the history file, keeping its last `HistoryFile.capacity` entries. Sessions append to the
  /// file, so it may have grown past them: it is then cut back to them here, at the start of a session.
  private func load(_ path: String) {
    unstifle_history()
    let status = read_history(path)
    if status != 0 && status != ENOENT { warnOnce("cannot read the history file \(path)", status) }
    let grown = history_length > HistoryFile.capacity
    stifle_history(HistoryFile.capacity)
    if status == 0 && grown {
      let status = write_history(path)
      if status != 0 { warnOnce("cannot write the history file \(path)", status) }
    }
  }

  private func warnOnce(_ problem: String, _ code: Int32) {
    guard !hasWarned else { return }
    hasWarned = true
    warn("xsg: \(problem): \(String(cString: strerror(code))); the history is kept for this session only\n")
  }

  public func readLine(prompt: String) -> LineInput {
    ReadlineState.result = nil
    var blocked = sigset_t(), original = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGINT)
    sigaddset(&blocked, SIGWINCH)
    sigaddset(&blocked, SIGTSTP)
    // Signals stay blocked except inside `pselect`, so a Ctrl-C between a check and the wait is not lost.
    pthread_sigmask(SIG_BLOCK, &blocked, &original)
    SignalHandlers.atPrompt.store(true, ordering: .sequentiallyConsistent)
    var suspendAction = SignalHandlers.catchSuspend()
    defer {
      sigaction(SIGTSTP, &suspendAction, nil)
      SignalHandlers.atPrompt.store(false, ordering: .sequentiallyConsistent)
      pthread_sigmask(SIG_SETMASK, &original, nil)
    }
    _ = interrupts.consume()
    xsg_rl_forget_eof()
    rl_callback_handler_install(prompt, ReadlineState.acceptLine)
    while ReadlineState.result == nil {
      if SignalHandlers.resized.exchange(false, ordering: .sequentiallyConsistent) { rl_resize_terminal() }
      if SignalHandlers.suspendRequested.exchange(false, ordering: .sequentiallyConsistent) { suspend() }
      if interrupts.consume() {
        abandonLine()
        return .interrupted
      }
      let ready = xsg_wait_for_input(STDIN_FILENO, &original)
      if ready < 0 && errno == EINTR { continue }
      if ready < 0 {
        rl_callback_handler_remove()
        return .endOfInput
      }
      rl_callback_read_char()
    }
    let result = ReadlineState.result ?? .endOfInput
    // Ctrl-D leaves the cursor after the prompt; end the line so what follows starts on its own, unless
    // readline has (a second newline left a blank line).
    if result == .endOfInput && xsg_rl_ends_line_at_eof() == 0 { xsg_write_prompt("\n") }
    return result
  }

  /// Ctrl-Z: gives the shell back its terminal, stops, and after `fg` takes the terminal again and redraws
  /// the prompt with the line as it was.
  private func suspend() {
    rl_cleanup_after_signal()
    SignalHandlers.stopUntilContinued()
    rl_reset_after_signal()
    rl_forced_update_display()
  }

  /// Shows `^C` after what was typed, forgets the line, and leaves readline ready for a fresh prompt.
  private func abandonLine() {
    rl_point = rl_end
    rl_redisplay()
    xsg_write_prompt("^C\n")
    rl_free_line_state()
    rl_callback_sigcleanup()
    rl_replace_line("", 0)
    rl_callback_handler_remove()
  }

  /// Remembers `entry` and appends it to the history file at once: a session that ends by a closed
  /// terminal (SIGHUP), `kill` or a crash keeps what was typed. Appending, not rewriting the file from
  /// this session's memory, keeps what other sessions running at the same time saved meanwhile.
  public func addHistory(_ entry: String) {
    guard isWorthRemembering(entry) else { return }
    add_history(entry)
    guard let historyPath else { return }
    if let slash = historyPath.lastIndex(of: "/") {
      Self.makeDirectories(String(historyPath[..<slash]))
    }
    // `append_history` does not create the file; the first entry of a new file writes it whole.
    let status = access(historyPath, F_OK) == 0 ? append_history(1, historyPath) : write_history(historyPath)
    if status != 0 { warnOnce("cannot save the history in \(historyPath)", status) }
  }

  public var history: [String] {
    (0..<history_length).compactMap { offset in
      history_get(history_base + offset).flatMap { $0.pointee.line }.map { String(cString: $0) }
    }
  }

  /// Nothing left to write: each entry reached the history file when it was added.
  public func close() {}

  private static func makeDirectories(_ path: String) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component
      mkdir(prefix, 0o700)
      prefix += "/"
    }
  }
}

/// Readline's callbacks are C function pointers that cannot capture anything, so what they share with the
/// reader lives here. Only the REPL's thread touches it, between `rl_callback_handler_install` and the end of
/// the read.
private enum ReadlineState {
  nonisolated(unsafe) static var result: LineInput?
  nonisolated(unsafe) static var complete: ((String) -> Completion)?
  nonisolated(unsafe) static var candidates: [String] = []
  nonisolated(unsafe) static var next = 0

  static let acceptLine: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
    if let line {
      result = .line(String(cString: line))
      free(line)
    } else {
      result = .endOfInput
    }
    rl_callback_handler_remove()
  }

  /// Asks the completion engine about the line up to the cursor, and hands readline its choices for the
  /// word readline will replace.
  static let attemptCompletion:
    @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<
      UnsafeMutablePointer<CChar>?
    >? = {
      text, _, _ in
      rl_attempted_completion_over = 1  // never fall back to readline's own file-name completion
      guard let complete, let buffer = rl_line_buffer, let text else { return nil }
      let line = String(
        decoding: UnsafeRawBufferPointer(start: buffer, count: Int(rl_point)).bindMemory(to: UInt8.self),
        as: UTF8.self)
      candidates = complete(line).rebased(onto: String(cString: text))
      next = 0
      if candidates.count == 1, candidates[0].hasSuffix("/") { rl_completion_suppress_append = 1 }
      return rl_completion_matches(text, generate)
    }

  static let generate: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = {
    _, _ in
    guard next < candidates.count else { return nil }
    defer { next += 1 }
    return strdup(candidates[next])
  }
}
