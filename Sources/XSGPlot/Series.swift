// XSGPlot: figures of probe series — axes, ticks, SVG and terminal renderers, and the run-folder reader.
// It knows nothing of the language or the core: it draws named series of (step, value) points.

/// One point of a series: `x` is usually the training step, `y` the probe's value there.
public struct Point: Equatable, Sendable {
  public var x: Double
  public var y: Double

  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }
}

/// A named sequence of points drawn as one line.
public struct Series: Equatable, Sendable {
  /// How a series is drawn: per-neuron series are thin and faint, their mean bold on top of them.
  public enum Role: Equatable, Sendable {
    case line
    case neuron
    case mean
  }

  public var name: String
  public var points: [Point]
  public var role: Role
  /// Series with the same group share a colour and one legend entry (a probe's neurons and their mean).
  /// `nil` means the series is its own group, keyed by its name.
  public var group: String?

  public init(name: String, points: [Point], role: Role = .line, group: String? = nil) {
    self.name = name
    self.points = points
    self.role = role
    self.group = group
  }

  public init(name: String, points: [(x: Double, y: Double)], role: Role = .line, group: String? = nil) {
    self.init(name: name, points: points.map { Point(x: $0.x, y: $0.y) }, role: role, group: group)
  }

  /// Pairs `xs[i]` with `ys[i]`; the shorter array decides the length.
  public init(name: String, xs: [Double], ys: [Double], role: Role = .line, group: String? = nil) {
    self.init(
      name: name, points: zip(xs, ys).map { Point(x: $0, y: $1) }, role: role, group: group)
  }

  /// The key that decides colour and legend entry.
  public var groupKey: String { group ?? name }

  /// The point-wise mean of several series sampled at the same x values (per-neuron series → their mean).
  /// Points are matched by index; the result is as long as the shortest series.
  public static func mean(of series: [Series], name: String, group: String? = nil) -> Series {
    guard let first = series.first else { return Series(name: name, points: [Point](), role: .mean) }
    let count = series.map(\.points.count).min() ?? 0
    var points: [Point] = []
    points.reserveCapacity(count)
    for i in 0..<count {
      let sum = series.reduce(0.0) { $0 + $1.points[i].y }
      points.append(Point(x: first.points[i].x, y: sum / Double(series.count)))
    }
    return Series(name: name, points: points, role: .mean, group: group)
  }
}
