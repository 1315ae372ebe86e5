import Glibc
import Synchronization
import XSGRuntime

/// The SIGINT and SIGWINCH handlers of an interactive session.
///
/// Ctrl-C means different things at different moments: at the prompt it clears the line (the line reader
/// sees its read interrupted and the shared flag set); while an entry runs it asks training to stop at the
/// next step boundary. A second Ctrl-C before the first is acted on ends the process, so a runaway loop
/// that never reaches a step boundary can still be left: like `xsg run`, it dies by SIGINT, with the
/// terminal as the session found it, so a parent shell sees the Ctrl-C (a script running xsg stops there).
public enum SignalHandlers {
  /// Set while a line reader waits for input.
  static let atPrompt = Atomic<Bool>(false)
  /// Set when the terminal was resized; the readline reader passes it on to readline.
  static let resized = Atomic<Bool>(false)
  /// Set by Ctrl-Z (SIGTSTP) at the readline prompt; the reader then suspends xsg itself.
  static let suspendRequested = Atomic<Bool>(false)
  /// The terminal's settings when the handlers were installed, before readline changed any; nil when
  /// stdin is not a terminal. Written once before the SIGINT handler exists, then only read by it.
  nonisolated(unsafe) private static var terminalSettings: termios?

  /// Catches Ctrl-Z while readline has the terminal, and returns what to restore afterwards. Stopped with
  /// the terminal in readline's raw mode, xsg came back after `fg` with the shell's settings: no prompt,
  /// arrow keys echoed as `^[[D`. A SIGTSTP the parent ignores stays ignored.
  static func catchSuspend() -> sigaction {
    var previous = sigaction()
    sigaction(SIGTSTP, nil, &previous)
    if Interrupt.isIgnored(SIGTSTP) { return previous }
    set(SIGTSTP) { _ in SignalHandlers.suspendRequested.store(true, ordering: .sequentiallyConsistent) }
    return previous
  }

  /// Stops the process as Ctrl-Z would have (the caller has given the terminal back), until `fg`.
  static func stopUntilContinued() {
    var action = sigaction()
    sigemptyset(&action.sa_mask)
    action.__sigaction_handler.sa_handler = SIG_DFL
    var ours = sigaction()
    sigaction(SIGTSTP, &action, &ours)
    var stop = sigset_t()
    sigemptyset(&stop)
    sigaddset(&stop, SIGTSTP)
    // Blocked at the prompt, the signal stays pending until it is unblocked: the process stops there.
    raise(SIGTSTP)
    pthread_sigmask(SIG_UNBLOCK, &stop, nil)
    pthread_sigmask(SIG_BLOCK, &stop, nil)
    sigaction(SIGTSTP, &ours, nil)
  }

  /// Installs both handlers, without `SA_RESTART`, so a blocked `pselect` or `read` returns `EINTR`.
  /// Every signal is unblocked first: a parent may have started xsg with signals blocked (a process
  /// spawned from a Dispatch worker thread inherits its full mask), and then Ctrl-C would never arrive and
  /// closing the terminal (SIGHUP) would not end the session.
  public static func install() {
    var none = sigset_t()
    sigemptyset(&none)
    pthread_sigmask(SIG_SETMASK, &none, nil)
    var settings = termios()
    terminalSettings = tcgetattr(STDIN_FILENO, &settings) == 0 ? settings : nil
    set(SIGINT) { _ in
      let flag = InterruptFlag.shared
      if !SignalHandlers.atPrompt.load(ordering: .sequentiallyConsistent) && flag.isRequested {
        let message: StaticString = "\nxsg: interrupted twice, exiting\n"
        _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
        // Async-signal-safe: `tcsetattr`, then `Interrupt.die`.
        if var settings = SignalHandlers.terminalSettings { tcsetattr(STDIN_FILENO, TCSANOW, &settings) }
        Interrupt.die(by: SIGINT)
      }
      flag.request()
    }
    set(SIGWINCH) { _ in SignalHandlers.resized.store(true, ordering: .sequentiallyConsistent) }
  }

  private static func set(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(signal, &action, nil)
  }
}
