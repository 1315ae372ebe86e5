/// Training data on the hypercube {−1,+1}^d: a signal that defines the label, an optional spurious
/// feature copied from the label, optional label noise, and a sampling mode. Coordinates are 1-based.
public struct DataSpec: Sendable, Hashable {
  /// The dimension d.
  public var dimension: Int
  /// The label function.
  public var signal: Signal
  /// The spurious feature (none by default).
  public var spurious: Spurious
  /// Label noise (none by default).
  public var labelNoise: LabelNoise
  /// Online (fresh batch every step) or a finite set reused over epochs.
  public var sampling: Sampling

  /// A data specification; call `validate()` (or let the trainer do it) before use.
  public init(
    dimension: Int, signal: Signal = .xor(1, 2, sign: -1), spurious: Spurious = .none,
    labelNoise: LabelNoise = .none, sampling: Sampling = .online
  ) {
    self.dimension = dimension
    self.signal = signal
    self.spurious = spurious
    self.labelNoise = labelNoise
    self.sampling = sampling
  }

  /// The paper's default: d = 100, y = −x1·x2, x3 copied from y and flipped with probability 0.1.
  public static let paperDefault = DataSpec(
    dimension: 100, signal: .xor(1, 2, sign: -1), spurious: .coordinate(3, flip: 0.1))

  /// The 1-based coordinates the label depends on.
  public var signalCoordinates: [Int] { signal.coordinates }

  /// The 1-based coordinates of the spurious feature (empty without one).
  public var spuriousCoordinates: [Int] {
    switch spurious {
    case .none: return []
    case .coordinate(let k, _): return [k]
    case .block(let coordinates, _): return coordinates
    }
  }

  /// The spurious flip probability λ (½ when there is no spurious feature: no correlation).
  public var spuriousFlip: Double {
    switch spurious {
    case .none: return 0.5
    case .coordinate(_, let flip), .block(_, let flip): return flip
    }
  }

  /// Checks every value and coordinate; throws the first problem found.
  public func validate() throws {
    guard dimension >= 1 && dimension <= 1 << 20 else {
      throw CoreError.invalidParameter(
        name: "dimension", value: "\(dimension)", expected: "an integer in 1...1048576")
    }
    try signal.validate(dimension: dimension)
    let signalSet = Set(signal.coordinates)
    switch spurious {
    case .none: break
    case .coordinate(let k, let flip):
      try checkCoordinate(k, name: "spurious", dimension: dimension)
      try checkProbability(flip, name: "flip")
      if signalSet.contains(k) {
        throw CoreError.overlappingCoordinates(first: "signal", second: "spurious", coordinate: k)
      }
    case .block(let coordinates, let flip):
      try checkCoordinates(coordinates, name: "spurious block", dimension: dimension)
      try checkProbability(flip, name: "flip")
      for k in coordinates where signalSet.contains(k) {
        throw CoreError.overlappingCoordinates(first: "signal", second: "spurious block", coordinate: k)
      }
    }
    switch labelNoise {
    case .none: break
    case .flip(let rate, _): try checkProbability(rate, name: "label noise")
    }
    switch sampling {
    case .online: break
    case .finite(let count):
      guard count >= 1 && count <= Int(UInt32.max) else {
        throw CoreError.invalidParameter(
          name: "sample count", value: "\(count)", expected: "an integer in 1...4294967295")
      }
    }
  }
}

/// The label function y(x) ∈ {−1, +1}.
public enum Signal: Sendable, Hashable {
  /// `y = sign·x_i·x_j` (the papers use sign −1).
  case xor(Int, Int, sign: Int)
  /// `y = Π_{i∈S} x_i`.
  case parity([Int])
  /// `y = sign(x_{s1} + x_{s1}x_{s2} + … + x_{s1}…x_{sk})`; a tie (even k) takes `x_{s1}`.
  case staircase([Int])
  /// `y = sign(Σ_{i∈S} x_i)`; a tie (even |S|) takes `x_{s1}`.
  case majority([Int])

  /// The 1-based coordinates the label depends on, in order.
  public var coordinates: [Int] {
    switch self {
    case .xor(let i, let j, _): return [i, j]
    case .parity(let s), .staircase(let s), .majority(let s): return s
    }
  }

  /// The (i, j, sign) of a two-coordinate product signal (xor, or parity of two coordinates), if any.
  public var pair: (i: Int, j: Int, sign: Int)? {
    switch self {
    case .xor(let i, let j, let sign): return (i, j, sign)
    case .parity(let s) where s.count == 2: return (s[0], s[1], 1)
    default: return nil
    }
  }

  func validate(dimension: Int) throws {
    switch self {
    case .xor(let i, let j, let sign):
      try checkCoordinates([i, j], name: "xor", dimension: dimension)
      guard sign == 1 || sign == -1 else {
        throw CoreError.invalidParameter(name: "xor sign", value: "\(sign)", expected: "+1 or -1")
      }
    case .parity(let s):
      try checkCoordinates(s, name: "parity", dimension: dimension)
    case .staircase(let s):
      try checkCoordinates(s, name: "staircase", dimension: dimension)
    case .majority(let s):
      try checkCoordinates(s, name: "majority", dimension: dimension)
    }
  }
}

/// A feature that agrees with the label with probability 1 − λ ("flip" is λ, never the confounder strength).
public enum Spurious: Sendable, Hashable {
  /// No spurious feature.
  case none
  /// Coordinate k is overwritten with y, then flipped with probability `flip` = λ.
  case coordinate(Int, flip: Double)
  /// Qiu et al.'s block: coordinates S are uniform given that their parity equals y with probability 1 − λ.
  case block([Int], flip: Double)
}

/// Label noise: flip y with probability `rate`, before or after the spurious feature copies it.
public enum LabelNoise: Sendable, Hashable {
  /// Clean labels.
  case none
  /// Flip y with probability `rate`; `order` says whether the spurious feature sees the noisy label.
  case flip(Double, order: NoiseOrder)
}

/// Where label noise happens relative to the spurious copy.
public enum NoiseOrder: String, Sendable, Hashable {
  /// y is flipped first; the spurious feature copies the observed (noisy) label.
  case beforeSpurious
  /// The spurious feature copies the clean label; the observed label is flipped afterwards.
  case afterSpurious
}

/// How training samples are drawn.
public enum Sampling: Sendable, Hashable {
  /// A fresh batch every step (the paper's setting); never more than one batch is materialised.
  case online
  /// A fixed set of n samples; each epoch visits them in a fresh random order.
  case finite(Int)
}

func checkCoordinate(_ k: Int, name: String, dimension: Int) throws {
  guard k >= 1 && k <= dimension else {
    throw CoreError.coordinateOutOfRange(name: name, coordinate: k, dimension: dimension)
  }
}

func checkCoordinates(_ ks: [Int], name: String, dimension: Int) throws {
  guard !ks.isEmpty else {
    throw CoreError.invalidParameter(name: name, value: "[]", expected: "at least one coordinate")
  }
  var seen = Set<Int>()
  for k in ks {
    try checkCoordinate(k, name: name, dimension: dimension)
    guard seen.insert(k).inserted else {
      throw CoreError.overlappingCoordinates(first: name, second: name, coordinate: k)
    }
  }
}

func checkProbability(_ p: Double, name: String) throws {
  guard p.isFinite && p >= 0 && p <= 1 else {
    throw CoreError.invalidParameter(name: name, value: "\(p)", expected: "a probability in [0, 1]")
  }
}
