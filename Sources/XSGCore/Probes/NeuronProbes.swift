/// Per-neuron measurements of a network, exactly as defined in docs/model.md. Every function returns one
/// value per neuron (index j = 0..<p); reduce them with `Aggregate`.
public enum NeuronProbes {
  /// |a_j|.
  public static func outputMagnitude(_ net: Network) -> [Double] {
    net.a.map { Double(abs($0)) }
  }

  /// w_sig = |⟨(w_ji, w_jj), μ_sig⟩|/√2, where for the signal y = σ·x_i·x_j, μ+ = (1, σ) is the direction
  /// of the positive-label cluster, μ− = (1, −σ), and μ_sig = μ+ if a_j ≥ 0 else μ−.
  public static func signalWeight(_ net: Network, data: DataSpec) throws -> [Double] {
    try pairProjection(net, data: data, probe: "w_sig", matching: true)
  }

  /// w_opp: the same projection on the other direction (μ− if a_j ≥ 0 else μ+).
  public static func oppositeWeight(_ net: Network, data: DataSpec) throws -> [Double] {
    try pairProjection(net, data: data, probe: "w_opp", matching: false)
  }

  /// w_sp = w_j[k] for a spurious coordinate k; for a block S, ⟨w_j[S], 1⟩/√|S|.
  public static func spuriousWeight(_ net: Network, data: DataSpec) throws -> [Double] {
    let coordinates = data.spuriousCoordinates
    guard !coordinates.isEmpty else {
      throw CoreError.probeUndefined(probe: "w_sp", reason: "the data has no spurious feature")
    }
    try checkDimension(net, data)
    let norm = Double(coordinates.count).squareRoot()
    return (0..<net.width).map { j in
      coordinates.reduce(0.0) { $0 + Double(net.W[j * net.dimension + $1 - 1]) } / norm
    }
  }

  /// ‖w_⊥‖ = ‖w_j restricted to the coordinates that are neither signal nor spurious‖.
  public static func orthogonalNorm(_ net: Network, data: DataSpec) throws -> [Double] {
    try checkDimension(net, data)
    var excluded = [Bool](repeating: false, count: net.dimension)
    for k in data.signalCoordinates + data.spuriousCoordinates { excluded[k - 1] = true }
    return (0..<net.width).map { j in
      var sum = 0.0
      for i in 0..<net.dimension where !excluded[i] {
        let w = Double(net.W[j * net.dimension + i])
        sum += w * w
      }
      return sum.squareRoot()
    }
  }

  /// ‖w_j‖.
  public static func weightNorm(_ net: Network) -> [Double] {
    (0..<net.width).map { j in
      net.weights(ofNeuron: j).reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    }
  }

  /// w_j[k] / ‖w_j‖ for a 1-based coordinate k (0 for a zero neuron).
  public static func cosine(_ net: Network, coordinate k: Int) throws -> [Double] {
    try checkCoordinate(k, name: "cosine", dimension: net.dimension)
    let norms = weightNorm(net)
    return (0..<net.width).map { j in
      norms[j] > 0 ? Double(net.W[j * net.dimension + k - 1]) / norms[j] : 0
    }
  }

  /// ⟨w_j, v⟩ / (‖w_j‖·‖v‖) for a direction v of length d (0 for a zero neuron or v).
  public static func cosine(_ net: Network, direction v: [Double]) throws -> [Double] {
    guard v.count == net.dimension else {
      throw CoreError.shapeMismatch(what: "direction length", expected: net.dimension, actual: v.count)
    }
    let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let norms = weightNorm(net)
    return (0..<net.width).map { j in
      var dot = 0.0
      for i in 0..<net.dimension { dot += Double(net.W[j * net.dimension + i]) * v[i] }
      return norms[j] > 0 && vNorm > 0 ? dot / (norms[j] * vNorm) : 0
    }
  }

  /// Sign alignment: the fraction of neurons with sign(a_j) = sign(w_sp,j) (both nonzero).
  public static func signAlignment(_ net: Network, data: DataSpec) throws -> Double {
    let sp = try spuriousWeight(net, data: data)
    let aligned = (0..<net.width).filter { j in
      (net.a[j] > 0 && sp[j] > 0) || (net.a[j] < 0 && sp[j] < 0)
    }.count
    return Double(aligned) / Double(net.width)
  }

  /// Balancedness a_j² − ‖w_j‖² − b_j² (b_j² only with trained biases): conserved by gradient flow.
  public static func balancedness(_ net: Network) -> [Double] {
    let norms = weightNorm(net)
    var trainedBias = false
    if case .trained = net.spec.bias { trainedBias = true }
    return (0..<net.width).map { j in
      let a = Double(net.a[j])
      let b = trainedBias ? Double(net.b[j]) : 0
      return a * a - norms[j] * norms[j] - b * b
    }
  }

  /// ‖w_j(t) − w_j(0)‖ per neuron.
  public static func driftFromInit(_ net: Network) -> [Double] {
    (0..<net.width).map { j in
      var sum = 0.0
      for i in 0..<net.dimension {
        let delta = Double(net.W[j * net.dimension + i]) - Double(net.initialW[j * net.dimension + i])
        sum += delta * delta
      }
      return sum.squareRoot()
    }
  }

  /// ‖W_t − W_0‖ (Frobenius): Barak et al.'s "hidden progress".
  public static func totalDriftFromInit(_ net: Network) -> Double {
    driftFromInit(net).reduce(0) { $0 + $1 * $1 }.squareRoot()
  }

  /// Each neuron's kind: the largest of w_sig, |w_sp| and ‖w_⊥‖ (components that are not defined for
  /// this data count as 0; ties go to noise, then spurious).
  public static func kinds(_ net: Network, data: DataSpec) throws -> [NeuronKind] {
    let sig =
      data.signal.pair == nil ? [Double](repeating: 0, count: net.width) : try signalWeight(net, data: data)
    let sp =
      data.spuriousCoordinates.isEmpty
      ? [Double](repeating: 0, count: net.width) : try spuriousWeight(net, data: data).map(abs)
    let perp = try orthogonalNorm(net, data: data)
    return (0..<net.width).map { j in
      if sig[j] > sp[j] && sig[j] > perp[j] { return .signal }
      if sp[j] > perp[j] { return .spurious }
      return .noise
    }
  }

  /// Counts of each kind, in the order signal, spurious, noise.
  public static func kindCounts(_ net: Network, data: DataSpec) throws -> [NeuronKind: Int] {
    var counts: [NeuronKind: Int] = [.signal: 0, .spurious: 0, .noise: 0]
    for k in try kinds(net, data: data) { counts[k, default: 0] += 1 }
    return counts
  }

  private static func pairProjection(_ net: Network, data: DataSpec, probe: String, matching: Bool) throws
    -> [Double]
  {
    guard let (i, j, sign) = data.signal.pair else {
      throw CoreError.probeUndefined(
        probe: probe, reason: "it needs a two-coordinate signal such as xor(i, j)")
    }
    try checkDimension(net, data)
    let d = net.dimension
    return (0..<net.width).map { n in
      let wi = Double(net.W[n * d + i - 1])
      let wj = Double(net.W[n * d + j - 1])
      let positiveOutput = net.a[n] >= 0
      // μ+ = (1, σ), μ− = (1, −σ); w_sig uses μ+ for a ≥ 0.
      let usePositive = positiveOutput == matching
      let second = usePositive ? Double(sign) : -Double(sign)
      return abs(wi + second * wj) / 2.0.squareRoot()
    }
  }

  private static func checkDimension(_ net: Network, _ data: DataSpec) throws {
    guard net.dimension == data.dimension else {
      throw CoreError.shapeMismatch(
        what: "network input dimension vs data dimension", expected: data.dimension, actual: net.dimension)
    }
  }
}

/// Which component of a neuron dominates.
public enum NeuronKind: String, Sendable, Hashable, CaseIterable {
  /// w_sig is the largest.
  case signal
  /// |w_sp| is the largest.
  case spurious
  /// ‖w_⊥‖ is the largest.
  case noise
}
