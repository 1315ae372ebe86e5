#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Online minibatch SGD: no momentum, constant learning rate and no weight decay unless asked.
public struct OptimizerSpec: Sendable, Hashable {
  /// The base learning rate η.
  public var learningRate: Double
  /// Samples per step.
  public var batchSize: Int
  /// The loss.
  public var loss: Loss
  /// How η changes with the step.
  public var schedule: LearningRateSchedule
  /// L2 weight decay κ: the update uses g + κ·θ.
  public var weightDecay: Double
  /// Multipliers of η per layer.
  public var layerRates: LayerRates
  /// Layers held fixed for the first steps of training (counted from the network's step 0).
  public var frozenFor: [FrozenLayer]
  /// Sign-SGD: θ ← θ − η·sign(g).
  public var signSGD: Bool

  /// An optimiser; the defaults are the paper's (η = 0.05, batch 5000, logistic2, constant).
  public init(
    learningRate: Double = 0.05, batchSize: Int = 5000, loss: Loss = .logistic2,
    schedule: LearningRateSchedule = .constant, weightDecay: Double = 0,
    layerRates: LayerRates = LayerRates(), frozenFor: [FrozenLayer] = [], signSGD: Bool = false
  ) {
    self.learningRate = learningRate
    self.batchSize = batchSize
    self.loss = loss
    self.schedule = schedule
    self.weightDecay = weightDecay
    self.layerRates = layerRates
    self.frozenFor = frozenFor
    self.signSGD = signSGD
  }

  /// The learning rate of the update that takes the parameters from step t to t + 1.
  public func learningRate(atStep t: Int) -> Double {
    learningRate * schedule.factor(atStep: t)
  }

  /// Whether `layer` is frozen during the update from step t to t + 1.
  public func isFrozen(_ layer: Layer, atStep t: Int) -> Bool {
    frozenFor.contains { $0.layer == layer && t < $0.steps }
  }

  /// Checks every value.
  public func validate() throws {
    guard learningRate.isFinite && learningRate >= 0 else {
      throw CoreError.invalidParameter(name: "lr", value: "\(learningRate)", expected: "η ≥ 0")
    }
    guard batchSize >= 1 && batchSize <= Int(UInt32.max) else {
      throw CoreError.invalidParameter(
        name: "batch", value: "\(batchSize)", expected: "an integer in 1...4294967295")
    }
    guard weightDecay.isFinite && weightDecay >= 0 else {
      throw CoreError.invalidParameter(name: "weight decay", value: "\(weightDecay)", expected: "κ ≥ 0")
    }
    for (name, r) in [("first", layerRates.first), ("second", layerRates.second), ("bias", layerRates.bias)] {
      guard r.isFinite && r >= 0 else {
        throw CoreError.invalidParameter(
          name: "\(name)-layer lr multiplier", value: "\(r)", expected: "a number ≥ 0")
      }
    }
    for f in frozenFor where f.steps < 0 {
      throw CoreError.invalidParameter(name: "frozen steps", value: "\(f.steps)", expected: "N ≥ 0")
    }
    try schedule.validate()
  }
}

/// The multiplier of the learning rate as a function of the step t (0-based, the network's step).
public enum LearningRateSchedule: Sendable, Hashable {
  /// 1.
  case constant
  /// factor^⌊t / every⌋.
  case step(every: Int, factor: Double)
  /// floor + (1 − floor)·½(1 + cos(π·min(t, total)/total)).
  case cosine(total: Int, floor: Double)
  /// 1/(1 + t/τ).
  case inverseTime(Double)

  /// The multiplier at step t.
  public func factor(atStep t: Int) -> Double {
    switch self {
    case .constant: return 1
    case .step(let every, let factor): return pow(factor, Double(t / every))
    case .cosine(let total, let floor):
      let progress = Double(min(t, total)) / Double(total)
      return floor + (1 - floor) * 0.5 * (1 + cos(Double.pi * progress))
    case .inverseTime(let tau): return 1 / (1 + Double(t) / tau)
    }
  }

  func validate() throws {
    switch self {
    case .constant: break
    case .step(let every, let factor):
      guard every >= 1 else {
        throw CoreError.invalidParameter(name: "schedule period", value: "\(every)", expected: "≥ 1")
      }
      guard factor.isFinite && factor >= 0 else {
        throw CoreError.invalidParameter(name: "schedule factor", value: "\(factor)", expected: "≥ 0")
      }
    case .cosine(let total, let floor):
      guard total >= 1 else {
        throw CoreError.invalidParameter(name: "cosine total", value: "\(total)", expected: "≥ 1")
      }
      guard floor.isFinite && floor >= 0 && floor <= 1 else {
        throw CoreError.invalidParameter(name: "cosine floor", value: "\(floor)", expected: "in [0, 1]")
      }
    case .inverseTime(let tau):
      guard tau.isFinite && tau > 0 else {
        throw CoreError.invalidParameter(name: "τ", value: "\(tau)", expected: "τ > 0")
      }
    }
  }
}

/// The trainable layers.
public enum Layer: String, Sendable, Hashable, CaseIterable {
  /// W (and the biases, which belong to the first layer).
  case first
  /// a.
  case second
}

/// Learning-rate multipliers per parameter group.
public struct LayerRates: Sendable, Hashable {
  /// Multiplier for W.
  public var first: Double
  /// Multiplier for a.
  public var second: Double
  /// Multiplier for b.
  public var bias: Double

  /// All multipliers default to 1.
  public init(first: Double = 1, second: Double = 1, bias: Double = 1) {
    self.first = first
    self.second = second
    self.bias = bias
  }
}

/// A layer held fixed while the network's step is below `steps`.
public struct FrozenLayer: Sendable, Hashable {
  /// The layer.
  public var layer: Layer
  /// Number of initial steps it stays frozen.
  public var steps: Int

  /// `layer` frozen for the first `steps` steps.
  public init(_ layer: Layer, steps: Int) {
    self.layer = layer
    self.steps = steps
  }
}
