#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One point of a probe series.
public struct SeriesPoint: Sendable, Hashable {
  /// The step.
  public var step: Int
  /// The value.
  public var value: Double

  /// A point (step, value).
  public init(step: Int, value: Double) {
    self.step = step
    self.value = value
  }
}

/// Which way a series crosses a threshold.
public enum CrossingDirection: String, Sendable, Hashable {
  /// The first point with value ≥ threshold.
  case above
  /// The first point with value ≤ threshold.
  case below
}

/// Event times and growth rates over probe series.
public enum SeriesAnalysis {
  /// The first step at which the series reaches the threshold in `direction` (nil if it never does).
  public static func firstCrossing(_ series: [SeriesPoint], threshold: Double, direction: CrossingDirection)
    -> Int?
  {
    series.first { direction == .above ? $0.value >= threshold : $0.value <= threshold }?.step
  }

  /// The least-squares slope of log|value| against step over the points with `from ≤ step ≤ to`: the
  /// exponential growth rate per step (v ≈ C·e^{rate·t}). Nil with fewer than two usable (nonzero) points.
  public static func exponentialRate(_ series: [SeriesPoint], from: Int, to: Int) -> Double? {
    let points = series.filter { $0.step >= from && $0.step <= to && $0.value != 0 && $0.value.isFinite }
    guard points.count >= 2 else { return nil }
    let n = Double(points.count)
    let xs = points.map { Double($0.step) }
    let ys = points.map { log(abs($0.value)) }
    let mx = xs.reduce(0, +) / n
    let my = ys.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    for (x, y) in zip(xs, ys) {
      sxy += (x - mx) * (y - my)
      sxx += (x - mx) * (x - mx)
    }
    return sxx > 0 ? sxy / sxx : nil
  }
}
