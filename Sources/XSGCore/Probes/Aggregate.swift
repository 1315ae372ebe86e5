/// How a per-neuron probe is reduced to one number.
public enum Aggregate: String, Sendable, Hashable, CaseIterable {
  /// The arithmetic mean.
  case mean
  /// The median (mean of the two middle values for an even count).
  case median
  /// The smallest value.
  case min
  /// The largest value.
  case max
  /// The sum.
  case sum

  /// The aggregate of `values` (NaN for an empty list).
  public func apply(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    switch self {
    case .mean: return values.reduce(0, +) / Double(values.count)
    case .median:
      let sorted = values.sorted()
      let mid = sorted.count / 2
      return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    case .min: return values.min()!
    case .max: return values.max()!
    case .sum: return values.reduce(0, +)
    }
  }
}
