#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A margin loss ℓ(z) of z = y·f(x), averaged over the batch. All but plain logistic have −ℓ'(0) = 1.
public enum Loss: String, Sendable, Hashable, CaseIterable {
  /// The paper's default: ℓ(z) = 2·log(1 + e^{−z}); ℓ(0) = 2 ln 2.
  case logistic2
  /// ℓ(z) = log(1 + e^{−z}).
  case logistic
  /// Glasgow's first-order loss ℓ(z) = 2 ln 2 − z (its gradient never vanishes).
  case firstOrder
  /// ℓ(z) = max(0, 1 − z).
  case hinge
  /// ℓ(z) = ½(1 − z)², i.e. ½(y − f)² for y = ±1.
  case square

  /// ℓ(z), stable for large |z|.
  @inlinable
  public func value(_ z: Double) -> Double {
    switch self {
    case .logistic2: return 2 * softplus(-z)
    case .logistic: return softplus(-z)
    case .firstOrder: return 2 * 0.693_147_180_559_945_3 - z
    case .hinge: return max(0, 1 - z)
    case .square: return 0.5 * (1 - z) * (1 - z)
    }
  }

  /// ℓ'(z), stable for large |z|. Hinge uses 0 at the kink z = 1.
  @inlinable
  public func derivative(_ z: Double) -> Double {
    switch self {
    case .logistic2: return -2 * sigmoid(-z)
    case .logistic: return -sigmoid(-z)
    case .firstOrder: return -1
    case .hinge: return z < 1 ? -1 : 0
    case .square: return z - 1
    }
  }

  /// ℓ'(z) in single precision for the hot loop: one exponential, no logarithm.
  @inlinable @inline(__always)
  func derivative(_ z: Float) -> Float {
    switch self {
    case .logistic2: return -2 / (1 + expf(min(z, 88)))
    case .logistic: return -1 / (1 + expf(min(z, 88)))
    case .firstOrder: return -1
    case .hinge: return z < 1 ? -1 : 0
    case .square: return z - 1
    }
  }

  /// ℓ(z) in single precision for the hot loop (same formulas).
  @inlinable @inline(__always)
  func valueAndDerivative(_ z: Float) -> (value: Float, derivative: Float) {
    switch self {
    case .logistic2:
      let (sp, s) = softplusAndSigmoid(-z)
      return (2 * sp, -2 * s)
    case .logistic:
      let (sp, s) = softplusAndSigmoid(-z)
      return (sp, -s)
    case .firstOrder: return (2 * 0.693_147_2 - z, -1)
    case .hinge: return z < 1 ? (1 - z, -1) : (0, 0)
    case .square: return (0.5 * (1 - z) * (1 - z), z - 1)
    }
  }
}

/// log(1 + e^t) without overflow.
@inlinable
func softplus(_ t: Double) -> Double {
  t > 0 ? t + log1p(exp(-t)) : log1p(exp(t))
}

/// 1/(1 + e^{−t}) without overflow.
@inlinable
func sigmoid(_ t: Double) -> Double {
  t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t))
}

/// log(1 + e^t) and 1/(1 + e^{−t}) from one exponential, in single precision.
@inlinable @inline(__always)
func softplusAndSigmoid(_ t: Float) -> (Float, Float) {
  let e = expf(-abs(t))  // in (0, 1]
  let sp = max(t, 0) + log1pf(e)
  let s = t >= 0 ? 1 / (1 + e) : e / (1 + e)
  return (sp, s)
}
