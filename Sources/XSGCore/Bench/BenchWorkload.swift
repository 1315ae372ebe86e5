#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A benchmark shape (d, width, batch), as in ../shared/bench (the peers' `--d --m --B`).
public struct BenchShape: Sendable, Hashable {
  /// The shape's name (P0, G, S, M, L).
  public let name: String
  /// Input dimension d.
  public let dimension: Int
  /// Hidden width p.
  public let width: Int
  /// Batch size.
  public let batch: Int

  /// The five shapes of the peer benchmarks.
  public static let all: [BenchShape] = [
    BenchShape(name: "P0", dimension: 100, width: 10, batch: 5000),
    BenchShape(name: "G", dimension: 1000, width: 48, batch: 47718),
    BenchShape(name: "S", dimension: 50, width: 256, batch: 32),
    BenchShape(name: "M", dimension: 200, width: 1024, batch: 64),
    BenchShape(name: "L", dimension: 1000, width: 4096, batch: 256),
  ]

  /// The shape called `name` (case-insensitive).
  public static func named(_ name: String) -> BenchShape? {
    all.first { $0.name.lowercased() == name.lowercased() }
  }

  /// FLOPs counted per step: 4·batch·width·d (the two matrix products), as the peers count them.
  public var flopsPerStep: Double { 4 * Double(batch) * Double(width) * Double(dimension) }

  /// The peers' default step count: about 3·10¹⁰ counted FLOPs per repeat, clamped to 5...2000.
  public var defaultSteps: Int { Int(min(max(0.3e11 / flopsPerStep, 5), 2000)) }
}

/// One benchmark measurement.
public struct BenchResult: Sendable {
  /// The shape.
  public let shape: BenchShape
  /// Threads used.
  public let threads: Int
  /// Steps per timed repeat.
  public let steps: Int
  /// Seconds of each timed repeat.
  public let seconds: [Double]
  /// Peak resident memory of the process, MB.
  public let peakRSSMegabytes: Double
  /// Mean batch loss after the run (a sanity check that training happened).
  public let finalLoss: Double

  /// Median seconds per repeat.
  public var medianSeconds: Double { seconds.sorted()[seconds.count / 2] }
  /// Samples per second at the median repeat.
  public var samplesPerSecond: Double { Double(shape.batch * steps) / medianSeconds }
  /// Counted GFLOP/s at the median repeat.
  public var gflops: Double { shape.flopsPerStep * Double(steps) / medianSeconds / 1e9 }
}

/// The peers' workload (../shared/bench/README.md), run through the ordinary trainer: x uniform on the
/// hypercube, y = x1·x2, x3 = y with probability 0.95 (λ = 0.05); W ~ N(0, 1/d), b = 0 (trained),
/// a = ±1/width; plain logistic loss; SGD with lr 0.05; a fresh batch every step, generation timed.
public enum BenchWorkload {
  /// The data of the workload for `shape`.
  public static func data(_ shape: BenchShape) -> DataSpec {
    DataSpec(dimension: shape.dimension, signal: .xor(1, 2, sign: 1), spurious: .coordinate(3, flip: 0.05))
  }

  /// The network of the workload for `shape`.
  public static func network(_ shape: BenchShape) -> NetworkSpec {
    NetworkSpec(
      width: shape.width, bias: .trained(initial: 0),
      initialization: .gaussian(
        weightStd: 1 / Double(shape.dimension).squareRoot(), output: .signs(1 / Double(shape.width))))
  }

  /// The optimiser of the workload for `shape`.
  public static func optimizer(_ shape: BenchShape) -> OptimizerSpec {
    OptimizerSpec(learningRate: 0.05, batchSize: shape.batch, loss: .logistic)
  }

  /// Runs the peers' timing protocol: max(3, steps/4) untimed warm-up steps, then `repeats` timed
  /// repeats of `steps` steps each. Like the peers, the timed steps compute no loss value; the final loss
  /// is measured afterwards.
  public static func run(
    shape: BenchShape, threads: Int, steps: Int? = nil, repeats: Int = 3, seed: UInt64 = 0
  )
    throws -> BenchResult
  {
    let steps = steps ?? shape.defaultSteps
    let trainer = try Trainer(
      network: network(shape), data: data(shape), optimizer: optimizer(shape), seed: seed, threads: threads)
    try trainer.advance(steps: max(3, steps / 4))
    var seconds: [Double] = []
    for _ in 0..<max(1, repeats) {
      let start = monotonicSeconds()
      try trainer.advance(steps: steps)
      seconds.append(monotonicSeconds() - start)
    }
    var usage = rusage()
    #if canImport(Glibc)
      getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    return BenchResult(
      shape: shape, threads: threads, steps: steps, seconds: seconds,
      peakRSSMegabytes: Double(usage.ru_maxrss) / 1024, finalLoss: trainer.batchLoss())
  }
}

/// CLOCK_MONOTONIC in seconds.
public func monotonicSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
