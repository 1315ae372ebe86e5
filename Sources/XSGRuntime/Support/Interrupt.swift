import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cooperative Ctrl-C. The signal handler only sets a flag; training checks it at every step boundary and
/// the interpreter between statements, so a stop leaves every file complete. A second Ctrl-C while the
/// first is still pending exits at once (the files written so far are still whole: writes are atomic).
public enum Interrupt {
  private static let flag = Atomic<Bool>(false)

  /// Whether a stop has been requested and not yet handled.
  public static var isRequested: Bool { flag.load(ordering: .relaxed) }

  /// Request a stop (what the handler does; also for tests and the REPL).
  public static func request() { flag.store(true, ordering: .relaxed) }

  /// Forget a handled request (the REPL does this before each entry).
  public static func clear() { flag.store(false, ordering: .relaxed) }

  /// Installs the SIGINT handler for `xsg run`.
  public static func installHandler() {
    signal(SIGINT, interruptHandler)
    // A parent may start us with SIGINT blocked (e.g. spawned from a thread that blocks signals); a
    // blocked signal never reaches the handler, so unblock it.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  fileprivate static func handleSignal() {
    if flag.exchange(true, ordering: .relaxed) { _exit(130) }
  }
}

private let interruptHandler: @convention(c) (Int32) -> Void = { _ in Interrupt.handleSignal() }
