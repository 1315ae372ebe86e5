/// The parameters of a two-layer ReLU network at one moment: a value (a snapshot), cheap to keep.
/// `W` is row-major `width × dimension`: row j is neuron j's input weights w_j.
public struct Network: Sendable, Equatable {
  /// The architecture.
  public var spec: NetworkSpec
  /// The input dimension d.
  public let dimension: Int
  /// Second-layer weights a_j (length p).
  public var a: [Float]
  /// First-layer weights, row-major p × d.
  public var W: [Float]
  /// Biases b_j (length p; zeros without biases).
  public var b: [Float]
  /// The first-layer weights at initialisation, for ‖W_t − W_0‖.
  public let initialW: [Float]
  /// How many SGD updates these parameters have received (training continues from here).
  public var step: Int

  /// The width p.
  public var width: Int { spec.width }

  /// Builds a network from explicit parameters (for tests and for callers that construct weights).
  public init(spec: NetworkSpec, dimension: Int, a: [Float], W: [Float], b: [Float]? = nil, step: Int = 0)
    throws
  {
    try spec.validate()
    guard dimension >= 1 else {
      throw CoreError.invalidParameter(name: "dimension", value: "\(dimension)", expected: "d ≥ 1")
    }
    guard a.count == spec.width else {
      throw CoreError.shapeMismatch(what: "second-layer weights", expected: spec.width, actual: a.count)
    }
    guard W.count == spec.width * dimension else {
      throw CoreError.shapeMismatch(
        what: "first-layer weights", expected: spec.width * dimension, actual: W.count)
    }
    let biases = b ?? [Float](repeating: 0, count: spec.width)
    guard biases.count == spec.width else {
      throw CoreError.shapeMismatch(what: "biases", expected: spec.width, actual: biases.count)
    }
    self.spec = spec
    self.dimension = dimension
    self.a = a
    self.W = W
    self.b = biases
    self.initialW = W
    self.step = step
  }

  /// A freshly initialised network of dimension d, drawn from the initialisation stream of `seed`.
  /// Neuron j uses its own sequence, so widening a network keeps its first neurons.
  public init(spec: NetworkSpec, dimension: Int, seed: UInt64) throws {
    try spec.validate()
    guard dimension >= 1 && dimension <= 1 << 20 else {
      throw CoreError.invalidParameter(
        name: "dimension", value: "\(dimension)", expected: "an integer in 1...1048576")
    }
    try MemoryBudget.check(
      what: "a network of width \(spec.width) in dimension \(dimension)",
      bytes: 3 * spec.width * dimension * 4)
    let p = spec.width
    var a = [Float](repeating: 0, count: p)
    var W = [Float](repeating: 0, count: p * dimension)
    var b = [Float](repeating: 0, count: p)
    switch spec.bias {
    case .none: break
    case .trained(let v), .fixed(let v): b = [Float](repeating: Float(v), count: p)
    }
    func draw(_ initialization: Initialization, neuron j: Int, sequence: UInt64) {
      var rng = PhiloxGenerator(seed: seed, stream: .initialization, sequence: sequence)
      switch initialization {
      case .sphere(let theta):
        var g = (0..<dimension).map { _ in rng.nextGaussian() }
        let norm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { g = g.map { $0 / norm } }
        for i in 0..<dimension { W[j * dimension + i] = Float(theta * g[i]) }
        a[j] = Float(rng.next() & 1 == 0 ? theta : -theta)
      case .gaussian(let std, let output):
        for i in 0..<dimension { W[j * dimension + i] = Float(std * rng.nextGaussian()) }
        switch output {
        case .signs(let c): a[j] = Float(rng.next() & 1 == 0 ? c : -c)
        case .gaussian(let c): a[j] = Float(c * rng.nextGaussian())
        case .constant(let c): a[j] = Float(c)
        }
      case .symmetric:
        preconditionFailure("nested symmetric init is rejected by validate()")
      }
    }
    switch spec.initialization {
    case .symmetric(let base):
      for k in 0..<(p / 2) {
        draw(base, neuron: 2 * k, sequence: UInt64(k))
        for i in 0..<dimension { W[(2 * k + 1) * dimension + i] = W[2 * k * dimension + i] }
        a[2 * k + 1] = -a[2 * k]
      }
    default:
      for j in 0..<p { draw(spec.initialization, neuron: j, sequence: UInt64(j)) }
    }
    try self.init(spec: spec, dimension: dimension, a: a, W: W, b: b)
  }

  /// Neuron j's input weights w_j (0-based j).
  public func weights(ofNeuron j: Int) -> ArraySlice<Float> {
    W[(j * dimension)..<((j + 1) * dimension)]
  }

  /// f(x) for one input (any real x of length d), in double precision; for tests and probes.
  public func output(_ x: [Float]) -> Double {
    var sum = 0.0
    for j in 0..<width {
      var h = Double(b[j])
      for i in 0..<dimension { h += Double(W[j * dimension + i]) * Double(x[i]) }
      sum += Double(a[j]) * max(h, 0)
    }
    return Double(spec.scale) * sum
  }
}
