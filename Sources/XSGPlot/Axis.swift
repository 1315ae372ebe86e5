import Foundation

/// One axis: a scale, the data range it shows, and its ticks. Both renderers map values through it, so a
/// value lands at the same relative position in an SVG and in a terminal plot.
public struct Axis: Equatable, Sendable {
  public var scale: Scale
  /// The shown range of data values (for log scales, positive).
  public var domain: ClosedRange<Double>
  public var ticks: [Tick]

  public init(scale: Scale, domain: ClosedRange<Double>, ticks: [Tick]) {
    self.scale = scale
    self.domain = domain
    self.ticks = ticks
  }

  /// An axis fitted to `values`. A loose axis widens its domain to the nearest ticks (used for y); a tight
  /// one keeps the data range exactly (used for steps on x). Values the scale cannot show (y ≤ 0 on a
  /// log axis, non-finite values) are ignored. With `margins`, a loose axis whose data reach an end moves
  /// that end out a little, so that no line runs along a frame (a terminal plot has none at the top).
  public init(fitting values: [Double], scale: Scale, loose: Bool, targetTicks: Int = 5, margins: Bool = true)
  {
    let shown = values.filter { $0.isFinite && Axis.canShow($0, on: scale) }
    let low = shown.min() ?? (scale == .log ? 1 : 0)
    let high = shown.max() ?? (scale == .log ? 10 : 1)
    self.scale = scale
    switch scale {
    case .linear:
      if loose || low == high {
        (domain, ticks) = Ticks.loose(low, high, target: targetTicks)
      } else {
        domain = low...high
        ticks = Ticks.linear(low, high, target: targetTicks)
      }
    case .log:
      if loose || low == high {
        (domain, ticks) = Ticks.looseLog(low, high, target: targetTicks)
      } else {
        domain = low...high
        ticks = Ticks.logarithmic(low, high, target: targetTicks)
      }
    case .symlog(let threshold):
      if loose || low == high {
        (domain, ticks) = Ticks.looseSymlog(low, high, threshold: threshold, target: targetTicks)
      } else {
        domain = low...high
        ticks = Ticks.symlog(low, high, threshold: threshold > 0 ? threshold : 1, target: targetTicks)
      }
    }
    // Widening data near the largest doubles can overflow; keep the ends finite so mapping stays defined.
    let largest = Double.greatestFiniteMagnitude
    if !domain.lowerBound.isFinite || !domain.upperBound.isFinite {
      domain = max(domain.lowerBound, -largest)...min(domain.upperBound, largest)
    }
    if loose, margins, low < high { padEnds(touchedBy: low, high) }
  }

  /// Data on an end of a loose axis, or within 1 % of it (an accuracy of 1, a margin starting at 0), would
  /// run along the frame, half clipped and hidden under it; such an end moves out by 3 % of the axis, past
  /// its last tick.
  private mutating func padEnds(touchedBy low: Double, _ high: Double) {
    let a = transform(domain.lowerBound)
    let b = transform(domain.upperBound)
    let span = b - a
    guard span > 0, span.isFinite else { return }
    let lower = transform(low) - a < 0.01 * span ? untransform(a - 0.03 * span) : domain.lowerBound
    let upper = b - transform(high) < 0.01 * span ? untransform(b + 0.03 * span) : domain.upperBound
    if lower.isFinite, upper.isFinite, lower < upper { domain = lower...upper }
  }

  /// Whether `value` has a position on `scale`.
  public static func canShow(_ value: Double, on scale: Scale) -> Bool {
    guard value.isFinite else { return false }
    if case .log = scale { return value > 0 }
    return true
  }

  /// The value after the scale's transform (identity, log10, or symmetric log).
  public func transform(_ value: Double) -> Double {
    switch scale {
    case .linear: return value
    case .log: return log10(value)
    case .symlog(let threshold):
      let t = threshold > 0 ? threshold : 1
      return (value < 0 ? -1 : 1) * log10(1 + abs(value) / t)
    }
  }

  /// The value whose transform is `t`: the inverse of `transform`.
  func untransform(_ t: Double) -> Double {
    switch scale {
    case .linear: return t
    case .log: return pow(10, t)
    case .symlog(let threshold):
      let th = threshold > 0 ? threshold : 1
      return (t < 0 ? -1 : 1) * th * (pow(10, abs(t)) - 1)
    }
  }

  /// The fraction of the way from the domain's low end to its high end at which `value` sits (0 at the
  /// low end, 1 at the high end; outside 0...1 when the value lies outside the domain), or `nil` when the
  /// scale cannot show it.
  public func fraction(_ value: Double) -> Double? {
    guard Axis.canShow(value, on: scale) else { return nil }
    let a = transform(domain.lowerBound)
    let b = transform(domain.upperBound)
    guard b != a else { return 0.5 }
    return (transform(value) - a) / (b - a)
  }

  /// Maps `value` onto the pixel interval from `start` (the domain's low end) to `end` (its high end).
  /// For a y axis pass the bottom pixel as `start`, since screen y grows downwards.
  public func map(_ value: Double, from start: Double, to end: Double) -> Double? {
    fraction(value).map { start + $0 * (end - start) }
  }
}
