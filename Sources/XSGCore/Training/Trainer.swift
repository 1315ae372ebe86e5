/// Owns a network, its data, its optimiser and the step counter, and runs SGD natively. Calling `train`
/// again continues from the current state. Not thread-safe: use one trainer from one thread at a time
/// (it may use a helper thread internally).
public final class Trainer {
  /// The training data.
  public let data: DataSpec
  /// The optimiser.
  public let optimizer: OptimizerSpec
  /// The experiment seed (training batches come from its training-data stream).
  public let seed: UInt64
  /// Compute threads: 1 or 2 (more are treated as 2). Results do not depend on it.
  public var threads: Int {
    get { engine.threads }
    set { engine.threads = max(1, newValue) }
  }
  /// The network's step: how many updates it has received.
  public var step: Int { current.step }

  private var current: Network
  private var networkIsStale = false
  private let engine: Engine
  private let generator: SampleGenerator
  private let random: CounterRandom
  private let finiteSet: SampleSet?
  private var permutations: [Int: [Int]] = [:]

  /// A trainer for `network` on `data` with `optimizer`. Validates everything and checks the memory
  /// estimate before allocating.
  public init(
    network: Network, data: DataSpec, optimizer: OptimizerSpec, seed: UInt64, threads: Int = 1,
    memoryLimit: Int = MemoryBudget.defaultLimit
  ) throws {
    try data.validate()
    try optimizer.validate()
    try network.spec.validate()
    guard network.dimension == data.dimension else {
      throw CoreError.shapeMismatch(
        what: "network input dimension vs data dimension", expected: data.dimension,
        actual: network.dimension)
    }
    var bytes = Engine.estimateBytes(
      dimension: data.dimension, width: network.width, batchSize: optimizer.batchSize)
    if case .finite(let n) = data.sampling {
      bytes += n * ((data.dimension + 63) / 64 * 8 + 5) + n * 8
    }
    try MemoryBudget.check(
      what:
        "training width \(network.width) in dimension \(data.dimension) with batch \(optimizer.batchSize)",
      bytes: bytes, limit: memoryLimit)
    self.data = data
    self.optimizer = optimizer
    self.seed = seed
    self.current = network
    generator = SampleGenerator(spec: data)
    random = CounterRandom(seed: seed, stream: .trainingData)
    if case .finite = data.sampling {
      finiteSet = try SampleSet.trainingSet(spec: data, seed: seed, memoryLimit: memoryLimit)
    } else {
      finiteSet = nil
    }
    engine = Engine(
      network: network, batchSize: optimizer.batchSize, loss: optimizer.loss,
      source: .online(generator, random))
    engine.threads = max(1, threads)
  }

  /// A trainer for a freshly initialised network (drawn from the initialisation stream of `seed`).
  public convenience init(
    network spec: NetworkSpec, data: DataSpec, optimizer: OptimizerSpec, seed: UInt64, threads: Int = 1,
    memoryLimit: Int = MemoryBudget.defaultLimit
  ) throws {
    try data.validate()
    let network = try Network(spec: spec, dimension: data.dimension, seed: seed)
    try self.init(
      network: network, data: data, optimizer: optimizer, seed: seed, threads: threads,
      memoryLimit: memoryLimit)
  }

  /// Where the engine currently draws samples from; for tests.
  var currentSource: BatchSource { engine.currentSource }

  /// The current parameters (a snapshot).
  public var network: Network {
    if networkIsStale {
      engine.store(into: &current)
      networkIsStale = false
    }
    return current
  }

  /// Runs `steps` updates. `onProbe` is called at the starting step, at every step divisible by `every`,
  /// and at the last step (or the step where `shouldStop` returned true), with the parameters at that
  /// step and the mean loss of those parameters on the batch that step draws. `shouldStop` is checked
  /// before each update. Throws `CoreError.nonFinite` naming the step and quantity on NaN/Inf.
  @discardableResult
  public func train(
    steps: Int, every: Int = 1, shouldStop: () -> Bool = { false },
    onProbe: (ProbeContext) throws -> Void
  ) throws -> TrainingOutcome {
    try Self.checkSteps(steps)
    guard every >= 1 else {
      throw CoreError.invalidParameter(name: "probe cadence", value: "\(every)", expected: "every ≥ 1")
    }
    let start = current.step
    let end = start + steps
    var t = start
    while t < end {
      if shouldStop() {
        try finalProbe(at: t, onProbe)
        return .interrupted(step: t)
      }
      // The loss value costs a logarithm per sample: compute it only when a probe reports it. A NaN
      // that it would show also reaches the parameters, which are checked after every update.
      let probeDue = t == start || t % every == 0
      try step(t, needLoss: probeDue) { loss in
        guard loss.isFinite else { throw CoreError.nonFinite(step: t, quantity: "batch loss") }
        try onProbe(ProbeContext(step: t, batchLoss: loss, trainer: self))
      }
      t += 1
    }
    try finalProbe(at: end, onProbe)
    return .completed(step: end)
  }

  /// Runs `steps` updates with no probe and no loss value: exactly the work of an SGD step (draw the
  /// batch, forward, backward, update), which is what a benchmark times. Throws `CoreError.nonFinite`
  /// on NaN/Inf parameters, like `train`.
  public func advance(steps: Int) throws {
    try Self.checkSteps(steps)
    for t in current.step..<(current.step + steps) { try step(t, needLoss: false) { _ in } }
  }

  private static func checkSteps(_ steps: Int) throws {
    guard steps >= 0 else {
      throw CoreError.invalidParameter(name: "steps", value: "\(steps)", expected: "N ≥ 0")
    }
  }

  /// One update at step t; `beforeUpdate` sees the batch loss (0 unless `needLoss`) at the old parameters.
  private func step(_ t: Int, needLoss: Bool, beforeUpdate: (Double) throws -> Void) throws {
    prepareBatch(step: t)
    let loss = engine.forward(step: t, backward: true, needLoss: needLoss)
    if needLoss { try beforeUpdate(loss) }
    let finite = engine.update(rates(atStep: t))
    current.step = t + 1
    networkIsStale = true
    guard finite else {
      throw CoreError.nonFinite(step: t + 1, quantity: "network parameters (W, a or b)")
    }
  }

  /// The mean loss of the current parameters on the batch of step `step` (default: the current step).
  public func batchLoss(atStep step: Int? = nil) -> Double {
    let t = step ?? current.step
    prepareBatch(step: t)
    return engine.forward(step: t, backward: false)
  }

  private func finalProbe(at t: Int, _ onProbe: (ProbeContext) throws -> Void) throws {
    let loss = batchLoss(atStep: t)
    guard loss.isFinite else { throw CoreError.nonFinite(step: t, quantity: "batch loss") }
    try onProbe(ProbeContext(step: t, batchLoss: loss, trainer: self))
  }

  private func rates(atStep t: Int) -> UpdateRates {
    let eta = optimizer.learningRate(atStep: t)
    let firstFrozen = optimizer.isFrozen(.first, atStep: t)
    let secondFrozen = current.spec.secondLayer == .frozen || optimizer.isFrozen(.second, atStep: t)
    let biasTrained: Bool
    if case .trained = current.spec.bias { biasTrained = true } else { biasTrained = false }
    return UpdateRates(
      first: firstFrozen ? 0 : Float(eta * optimizer.layerRates.first),
      second: secondFrozen ? 0 : Float(eta * optimizer.layerRates.second),
      bias: firstFrozen || !biasTrained ? 0 : Float(eta * optimizer.layerRates.bias),
      weightDecay: Float(optimizer.weightDecay), signSGD: optimizer.signSGD)
  }

  /// For a finite set, the rows of step t's batch: positions t·B ..< (t+1)·B of the concatenated
  /// epoch permutations (epoch e's permutation is a shuffle drawn from the training stream).
  private func prepareBatch(step t: Int) {
    guard let set = finiteSet else { return }
    let n = set.count
    let batch = optimizer.batchSize
    var indices = [Int](repeating: 0, count: batch)
    for s in 0..<batch {
      let position = t * batch + s
      let epoch = position / n
      indices[s] = permutation(epoch: epoch, count: n)[position % n]
    }
    permutations = permutations.filter { $0.key >= (t * batch) / n }
    engine.setSource(.finite(set, indices))
  }

  private func permutation(epoch: Int, count n: Int) -> [Int] {
    if let p = permutations[epoch] { return p }
    var rng = PhiloxGenerator(
      seed: seed, stream: .trainingData, sequence: shuffleSequenceBase + UInt64(epoch))
    var p = Array(0..<n)
    // Fisher–Yates with the generator's own bits (the stdlib's shuffle algorithm is not specified).
    if n > 1 {
      for i in stride(from: n - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        p.swapAt(i, j)
      }
    }
    permutations[epoch] = p
    return p
  }
}

/// What a probe callback sees: the step, the batch loss and the parameters at that step.
public struct ProbeContext {
  /// The network's step (updates received so far).
  public let step: Int
  /// Mean loss of these parameters on the batch drawn at this step.
  public let batchLoss: Double
  private let trainer: Trainer

  init(step: Int, batchLoss: Double, trainer: Trainer) {
    self.step = step
    self.batchLoss = batchLoss
    self.trainer = trainer
  }

  /// The parameters at this step (a snapshot, copied on first use).
  public var network: Network { trainer.network }
  /// The training data specification.
  public var data: DataSpec { trainer.data }
}

/// How a call to `train` ended.
public enum TrainingOutcome: Sendable, Equatable {
  /// All requested steps ran; the network is at `step`.
  case completed(step: Int)
  /// `shouldStop` returned true; the network is at `step`.
  case interrupted(step: Int)
}
