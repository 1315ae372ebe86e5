import ArgumentParser

/// `--threads N` of `run`, `repl` and `bench`: the core computes with one or two threads (docs/cli.md).
enum Threads {
  /// A usage error (exit 64) unless `threads` is 1 or 2. The core would treat more as two, and `meta.json`
  /// and `xsg bench` would then record a thread count that never ran.
  static func validate(_ threads: Int) throws {
    guard (1...2).contains(threads) else { throw ValidationError("--threads must be 1 or 2, not \(threads)") }
  }
}
