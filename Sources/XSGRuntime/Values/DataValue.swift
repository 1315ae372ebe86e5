import XSGCore

/// A data value: a training distribution (`hypercube(d) | xor(1, 2) | spurious(3, flip: 0.1)`), or a test
/// set drawn once from a distribution derived from one (`test(train, iid, n: 100_000)`).
public final class DataValue: @unchecked Sendable {
  public enum Kind: Sendable {
    case train(DataSpec, hasSignal: Bool)
    case test(base: DataSpec, distribution: TestDistribution, n: Int, seed: UInt64)
  }
  public let kind: Kind
  /// The test set once drawn: every probe reuses it.
  var sampleSet: SampleSet?

  public init(_ kind: Kind) { self.kind = kind }

  public var spec: DataSpec {
    switch kind {
    case .train(let spec, _), .test(let spec, _, _, _): spec
    }
  }

  public var isTest: Bool {
    if case .test = kind { return true }
    return false
  }

  public var summary: String {
    let spec = self.spec
    var parts = ["hypercube(\(spec.dimension))"]
    switch spec.signal {
    case .xor(let i, let j, let sign): parts.append(sign < 0 ? "xor(\(i), \(j))" : "xor(\(i), \(j), sign: 1)")
    case .parity(let s): parts.append("parity(\(s))")
    case .staircase(let s): parts.append("staircase(\(s))")
    case .majority(let s): parts.append("majority_vote(\(s))")
    }
    switch spec.spurious {
    case .none: break
    case .coordinate(let k, let flip): parts.append("spurious(\(k), flip: \(NumberText.roundTrip(flip)))")
    case .block(let s, let flip): parts.append("spurious_block(\(s), flip: \(NumberText.roundTrip(flip)))")
    }
    if case .flip(let rate, let order) = spec.labelNoise {
      let name = order == .beforeSpurious ? "before_spurious" : "after_spurious"
      parts.append("label_noise(\(NumberText.roundTrip(rate)), order: \(name))")
    }
    if case .finite(let n) = spec.sampling { parts.append("samples(\(n))") }
    let train = parts.joined(separator: " | ")
    switch kind {
    case .train: return "data " + train + (spec.sampling == .online ? " (online)" : "")
    case .test(_, let distribution, let n, _):
      return "test data (\(DistributionText.name(distribution)), n = \(n)) of " + train
    }
  }
}

/// A stage of a data pipe, applied with `data | stage`.
public enum DataStage: Sendable {
  case signal(Signal)
  case spurious(Spurious)
  case labelNoise(LabelNoise)
  case sampling(Sampling)

  public var summary: String { "data stage " + OptionText.stage(self) }
}

enum DistributionText {
  /// As a script writes it: `reversed`, `cell(1, -1)`, `heldout(0.3)`.
  static func source(_ distribution: TestDistribution) -> String {
    switch distribution {
    case .group(.cell(let y, let s)): "cell(\(y), \(s))"
    case .heldOut(let flip): "heldout(\(NumberText.roundTrip(flip)))"
    default: name(distribution)
    }
  }

  static func name(_ distribution: TestDistribution) -> String {
    switch distribution {
    case .iid: "iid"
    case .same: "same"
    case .reversed: "reversed"
    case .group(let g): "\(g)"
    case .groupBalanced: "balanced"
    case .heldOut(let flip): "heldout(flip: \(NumberText.roundTrip(flip)))"
    }
  }
}
