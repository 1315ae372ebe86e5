/// A two-layer ReLU network `f(x) = s·Σ_j a_j·ReLU(⟨w_j, x⟩ + b_j)`, without its dimension (taken from
/// the data it is first trained on).
public struct NetworkSpec: Sendable, Hashable {
  /// The width p (number of hidden neurons).
  public var width: Int
  /// Biases: none (the paper), trained, or fixed.
  public var bias: BiasMode
  /// Whether the second layer a is trained.
  public var secondLayer: LayerMode
  /// The output scale s.
  public var outputScale: OutputScale
  /// How parameters are initialised.
  public var initialization: Initialization

  /// A network specification; the defaults are the paper's (no bias, both layers trained, s = 1, sphere(0.01)).
  public init(
    width: Int, bias: BiasMode = .none, secondLayer: LayerMode = .trained,
    outputScale: OutputScale = .one, initialization: Initialization = .sphere(0.01)
  ) {
    self.width = width
    self.bias = bias
    self.secondLayer = secondLayer
    self.outputScale = outputScale
    self.initialization = initialization
  }

  /// The paper's default network: width 10, sphere(0.01).
  public static let paperDefault = NetworkSpec(width: 10)

  /// The factor s for this width.
  public var scale: Float {
    switch outputScale {
    case .one: return 1
    case .inverseWidth: return 1 / Float(width)
    case .inverseSqrtWidth: return 1 / Float(width).squareRoot()
    }
  }

  /// Checks the width and the initialisation parameters.
  public func validate() throws {
    guard width >= 1 && width <= 1 << 20 else {
      throw CoreError.invalidParameter(
        name: "width", value: "\(width)", expected: "an integer in 1...1048576")
    }
    switch bias {
    case .none: break
    case .trained(let v), .fixed(let v):
      guard v.isFinite else {
        throw CoreError.invalidParameter(name: "bias", value: "\(v)", expected: "a finite number")
      }
    }
    try initialization.validate(width: width)
  }
}

/// The first layer's biases.
public enum BiasMode: Sendable, Hashable {
  /// No biases (b ≡ 0, not a parameter).
  case none
  /// Trained biases, all starting at the given value.
  case trained(initial: Double)
  /// Biases held at a constant value.
  case fixed(Double)

  /// Whether biases take part in f at all.
  public var isPresent: Bool { self != .none }
}

/// Whether a layer is updated by the optimiser.
public enum LayerMode: Sendable, Hashable {
  /// Updated every step (unless the optimiser freezes it for a while).
  case trained
  /// Never updated.
  case frozen
}

/// The factor s in front of the sum over neurons.
public enum OutputScale: Sendable, Hashable {
  /// s = 1 (the paper).
  case one
  /// s = 1/p (mean field).
  case inverseWidth
  /// s = 1/√p (NTK).
  case inverseSqrtWidth
}

/// How the parameters start.
public indirect enum Initialization: Sendable, Hashable {
  /// The paper's init: w_j = θ·g/‖g‖ with g ~ N(0, I_d), a_j = θ·(fair sign); so |a_j| = ‖w_j‖ = θ.
  case sphere(Double)
  /// W_ji ~ N(0, weightStd²); the second layer as `output` says.
  case gaussian(weightStd: Double, output: OutputInitialization)
  /// Neurons in pairs (2k, 2k+1) with equal w and b and opposite a, from `base` for the even ones;
  /// f ≡ 0 at init. Needs an even width.
  case symmetric(Initialization)

  func validate(width: Int) throws {
    switch self {
    case .sphere(let theta):
      guard theta.isFinite && theta >= 0 else {
        throw CoreError.invalidParameter(name: "sphere scale", value: "\(theta)", expected: "θ ≥ 0")
      }
    case .gaussian(let std, let output):
      guard std.isFinite && std >= 0 else {
        throw CoreError.invalidParameter(name: "weight std", value: "\(std)", expected: "σ ≥ 0")
      }
      try output.validate()
    case .symmetric(let base):
      guard width % 2 == 0 else {
        throw CoreError.invalidParameter(
          name: "width", value: "\(width)", expected: "an even width for symmetric init")
      }
      if case .symmetric = base {
        throw CoreError.invalidParameter(
          name: "symmetric init", value: "symmetric(symmetric)", expected: "a sphere or gaussian base")
      }
      try base.validate(width: width)
    }
  }
}

/// How the second layer a starts under Gaussian init.
public enum OutputInitialization: Sendable, Hashable {
  /// a_j = ±c with a fair sign.
  case signs(Double)
  /// a_j ~ N(0, c²).
  case gaussian(Double)
  /// a_j = c.
  case constant(Double)

  func validate() throws {
    switch self {
    case .signs(let c), .gaussian(let c), .constant(let c):
      guard c.isFinite else {
        throw CoreError.invalidParameter(name: "output init", value: "\(c)", expected: "a finite number")
      }
    }
  }
}
