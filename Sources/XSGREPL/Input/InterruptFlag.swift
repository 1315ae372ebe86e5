import Synchronization

/// Ctrl-C, as a flag that a signal handler may set and the REPL's thread reads and clears.
///
/// The process has one `shared` flag, set by `SignalHandlers`; tests give each REPL its own flag and set it
/// themselves, so they can run in parallel without signals.
public final class InterruptFlag: Sendable {
  private let requested = Atomic<Bool>(false)

  public static let shared = InterruptFlag()

  public init() {}

  /// Records a Ctrl-C. Async-signal-safe: a lock-free atomic store.
  public func request() {
    requested.store(true, ordering: .sequentiallyConsistent)
  }

  public var isRequested: Bool {
    requested.load(ordering: .sequentiallyConsistent)
  }

  /// Clears the flag and reports whether it was set.
  public func consume() -> Bool {
    requested.exchange(false, ordering: .sequentiallyConsistent)
  }
}
