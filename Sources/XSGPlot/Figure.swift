import Foundation

/// How values map onto the vertical axis.
public enum Scale: Equatable, Sendable {
  case linear
  /// Base-10 logarithm; points with y ≤ 0 cannot be drawn, so they are left out and the panel says how many.
  case log
  /// Symmetric log: linear within ±`threshold`, logarithmic beyond, so zeros and negative values stay visible.
  case symlog(threshold: Double)
}

extension Scale {
  /// A symmetric log for signed `values`: linear within the smallest nonzero magnitude seen (rounded down to
  /// a power of ten), but never more than four decades below the largest, logarithmic beyond.
  public static func symmetricLog(fitting values: [Double]) -> Scale {
    let magnitudes = values.filter(\.isFinite).map(abs).filter { $0 > 0 }
    guard let largest = magnitudes.max(), let smallest = magnitudes.min() else {
      return .symlog(threshold: 1)
    }
    let floor = max(smallest, largest * 1e-4)
    return .symlog(threshold: pow(10, log10(floor).rounded(.down)))
  }
}

/// A theory curve drawn dashed behind the measured series.
public struct Reference: Equatable, Sendable {
  public enum Curve: Equatable, Sendable {
    /// A horizontal line `y = value`, e.g. the predicted margin `logit(1 − λ)`.
    case constant(Double)
    /// `y = coefficient · e^{rate · x}`, e.g. the predicted spurious growth; a straight line on a log axis.
    case exponential(coefficient: Double, rate: Double)
  }

  public var curve: Curve
  public var label: String?

  public init(_ curve: Curve, label: String? = nil) {
    self.curve = curve
    self.label = label
  }

  public static func constant(_ value: Double, label: String? = nil) -> Reference {
    Reference(.constant(value), label: label)
  }

  public static func exponential(coefficient: Double, rate: Double, label: String? = nil) -> Reference {
    Reference(.exponential(coefficient: coefficient, rate: rate), label: label)
  }

  /// The curve's value at `x`.
  public func value(at x: Double) -> Double {
    switch curve {
    case .constant(let value): return value
    case .exponential(let coefficient, let rate): return coefficient * Foundation.exp(rate * x)
    }
  }
}

/// A shaded band over a range of x (steps), e.g. a phase of the dynamics.
public struct Window: Equatable, Sendable {
  public var from: Double
  public var to: Double
  public var label: String?

  public init(from: Double, to: Double, label: String? = nil) {
    self.from = from
    self.to = to
    self.label = label
  }
}

/// A vertical line at an event time, e.g. the step at which accuracy first reaches 0.9.
public struct Marker: Equatable, Sendable {
  public var x: Double
  public var label: String?

  public init(x: Double, label: String? = nil) {
    self.x = x
    self.label = label
  }
}

/// One plot: axes, series, and the optional decorations that put theory and measurement side by side.
public struct Panel: Equatable, Sendable {
  public var title: String?
  public var xLabel: String?
  public var yLabel: String?
  public var yScale: Scale
  public var series: [Series]
  public var references: [Reference]
  public var windows: [Window]
  public var markers: [Marker]
  public var showsLegend: Bool

  public init(
    title: String? = nil, xLabel: String? = "step", yLabel: String? = nil, yScale: Scale = .linear,
    series: [Series] = [], references: [Reference] = [], windows: [Window] = [], markers: [Marker] = [],
    showsLegend: Bool = true
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.yScale = yScale
    self.series = series
    self.references = references
    self.windows = windows
    self.markers = markers
    self.showsLegend = showsLegend
  }
}

/// A figure: one panel, or a grid of panels (small multiples) filled row by row.
public struct Figure: Equatable, Sendable {
  public var title: String?
  public var panels: [Panel]
  /// Panels per row; `nil` picks one for a single panel, two for two to four panels, three beyond.
  public var columns: Int?

  public init(title: String? = nil, panels: [Panel], columns: Int? = nil) {
    self.title = title
    self.panels = panels
    self.columns = columns
  }

  /// A single-panel figure.
  public init(title: String? = nil, panel: Panel) {
    self.init(title: title, panels: [panel])
  }

  /// The number of columns the grid uses.
  public var columnCount: Int {
    let n = max(panels.count, 1)
    if let columns { return max(1, min(columns, n)) }
    return n == 1 ? 1 : n <= 4 ? 2 : 3
  }

  /// The number of rows the grid uses.
  public var rowCount: Int { (max(panels.count, 1) + columnCount - 1) / columnCount }
}
