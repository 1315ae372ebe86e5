import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A persistent helper thread for two-way fork/join: `run` executes part 0 on the caller and part 1 on
/// the helper. The helper spins briefly after each job (waking a parked thread costs tens of µs on the
/// project's VMs) and then parks on a condition variable, so an idle trainer costs no CPU.
final class ForkJoin2: @unchecked Sendable {
  private let epoch = Atomic<Int>(0)
  private let done = Atomic<Int>(0)
  private let sleeping = Atomic<Bool>(false)
  private let stopping = Atomic<Bool>(false)
  private var job: ((Int) -> Void)?
  private var mutex = pthread_mutex_t()
  private var condition = pthread_cond_t()
  private var thread: pthread_t?
  private let spinIterations: Int

  init(spinIterations: Int = 20_000) {
    self.spinIterations = spinIterations
    pthread_mutex_init(&mutex, nil)
    pthread_cond_init(&condition, nil)
    let box = Unmanaged.passRetained(WorkerBox(self)).toOpaque()
    var handle = pthread_t()
    pthread_create(
      &handle, nil,
      { argument in
        let box = Unmanaged<WorkerBox>.fromOpaque(argument!).takeRetainedValue()
        box.pool?.workerLoop()
        return nil
      }, box)
    thread = handle
  }

  /// Stops and joins the helper. Must be called before the pool is released.
  func shutdown() {
    guard let handle = thread else { return }
    stopping.store(true, ordering: .sequentiallyConsistent)
    epoch.add(1, ordering: .sequentiallyConsistent)
    pthread_mutex_lock(&mutex)
    pthread_cond_signal(&condition)
    pthread_mutex_unlock(&mutex)
    pthread_join(handle, nil)
    thread = nil
    pthread_cond_destroy(&condition)
    pthread_mutex_destroy(&mutex)
  }

  private func workerLoop() {
    var seen = 0
    while true {
      var current = epoch.load(ordering: .acquiring)
      var spins = 0
      while current == seen && spins < spinIterations {
        spins += 1
        current = epoch.load(ordering: .acquiring)
      }
      if current == seen {
        pthread_mutex_lock(&mutex)
        sleeping.store(true, ordering: .sequentiallyConsistent)
        current = epoch.load(ordering: .sequentiallyConsistent)
        while current == seen {
          pthread_cond_wait(&condition, &mutex)
          current = epoch.load(ordering: .acquiring)
        }
        sleeping.store(false, ordering: .relaxed)
        pthread_mutex_unlock(&mutex)
      }
      seen = current
      if stopping.load(ordering: .acquiring) { return }
      job?(1)
      done.store(current, ordering: .releasing)
    }
  }

  /// Runs `body(0)` here and `body(1)` on the helper; returns when both are done.
  func run(_ body: @escaping (Int) -> Void) {
    job = body
    let current = epoch.add(1, ordering: .sequentiallyConsistent).newValue
    if sleeping.load(ordering: .sequentiallyConsistent) {
      pthread_mutex_lock(&mutex)
      pthread_cond_signal(&condition)
      pthread_mutex_unlock(&mutex)
    }
    body(0)
    while done.load(ordering: .acquiring) != current {}
    job = nil
  }
}

/// Lets the C entry point reach the pool without keeping it alive forever.
private final class WorkerBox {
  weak var pool: ForkJoin2?
  init(_ pool: ForkJoin2) { self.pool = pool }
}
