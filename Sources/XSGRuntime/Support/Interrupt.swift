import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Cooperative Ctrl-C, and SIGTERM (what `timeout`, `kill` and a batch scheduler's time limit send) handled
/// the same way. The signal handler only sets a flag; training checks it at every step boundary and
/// the interpreter between statements, so a stop leaves every file complete. A second Ctrl-C while the
/// first is still pending exits at once (the files written so far are still whole: writes are atomic),
/// unless it comes within `grace` of the first: `timeout -s INT` and a Ctrl-C reaching a wrapper's
/// process group deliver one press twice within microseconds, and that is one stop request.
///
/// Once stopped, `xsg run` ends by the same signal rather than with an exit code (`exitBySignal`): a shell
/// running runs in a loop stops only when its child died of SIGINT, so an exit code of 130 let a Ctrl-C
/// stop one run and start the next.
public enum Interrupt {
  private static let flag = Atomic<Bool>(false)
  /// The first stop signal of the pending request.
  private static let signalNumber = Atomic<Int32>(0)
  /// When the pending stop was requested by a signal (monotonic nanoseconds).
  private static let firstSignal = Atomic<Int64>(0)
  /// How long after the first SIGINT another one still counts as the same request.
  static let grace: Int64 = 500_000_000

  /// Whether a stop has been requested and not yet handled.
  public static var isRequested: Bool { flag.load(ordering: .relaxed) }

  /// The signals `xsg run` treats as a stop request: Ctrl-C; SIGTERM, which Slurm sends at the time
  /// limit and `timeout` by default; and SIGHUP, a closed terminal or SSH session. Without a handler each
  /// killed the process mid-run and left the folder marked `running` for good.
  public static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// Installs the stop handler for `xsg run`. An ignored SIGHUP stays ignored: that is how `nohup` keeps
  /// a run alive after its terminal closes. (SIGINT and SIGTERM are always caught, as before: a shell
  /// ignores SIGINT for its background jobs, and a run started that way must still stop cleanly.)
  public static func installHandler() {
    var set = sigset_t()
    sigemptyset(&set)
    for number in stopSignals where !(number == SIGHUP && isIgnored(number)) {
      signal(number, interruptHandler)
      sigaddset(&set, number)
    }
    // A parent may start us with these signals blocked (e.g. spawned from a thread that blocks signals);
    // a blocked signal never reaches the handler, so unblock them.
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Whether the parent set `number` to be ignored (as `nohup` does with SIGHUP, or a shell with SIGTSTP
  /// for a job without job control): such a signal is left alone.
  public static func isIgnored(_ number: Int32) -> Bool {
    var current = sigaction()
    sigaction(number, nil, &current)
    guard let handler = current.__sigaction_handler.sa_handler else { return false }
    return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
  }

  /// Ends the process by the signal that requested the stop (SIGINT if none did), as if it had not been
  /// caught: the parent sees "killed by SIGINT" (a shell shows 130; 143 for SIGTERM, 129 for SIGHUP).
  public static func exitBySignal() -> Never {
    let number = signalNumber.load(ordering: .sequentiallyConsistent)
    die(by: number == 0 ? SIGINT : number)
  }

  /// Ends the process by signal `number`, as if it had not been caught (the REPL's second Ctrl-C too).
  /// Async-signal-safe: `signal`, `sigprocmask`, `raise` and `_exit` only.
  public static func die(by number: Int32) -> Never {
    signal(number, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, number)
    // Inside the handler the signal is blocked; unblocked, the raised signal is delivered at once.
    sigprocmask(SIG_UNBLOCK, &set, nil)
    raise(number)
    _exit(128 + number)
  }

  /// Async-signal-safe: atomics, `clock_gettime` and `die` only.
  fileprivate static func handleSignal(_ number: Int32) {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    let nanoseconds = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    // Recorded before the flag, so whoever sees the flag also sees which signal it was.
    _ = signalNumber.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent)
    if flag.exchange(true, ordering: .sequentiallyConsistent) {
      if nanoseconds - firstSignal.load(ordering: .sequentiallyConsistent) >= grace { die(by: number) }
      return
    }
    firstSignal.store(nanoseconds, ordering: .sequentiallyConsistent)
  }
}

private let interruptHandler: @convention(c) (Int32) -> Void = { Interrupt.handleSignal($0) }
