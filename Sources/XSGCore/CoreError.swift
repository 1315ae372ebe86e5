/// Every failure the core reports. The interpreter maps each case to a diagnostic at the source range of
/// the declaration or `train` expression that caused it, so the messages name quantities, not code.
public enum CoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A configuration value outside its domain, e.g. `flip: 1.3` or `width: 0`.
  case invalidParameter(name: String, value: String, expected: String)
  /// A 1-based coordinate that does not exist in dimension `dimension`.
  case coordinateOutOfRange(name: String, coordinate: Int, dimension: Int)
  /// Two roles claim the same coordinate (e.g. the spurious coordinate is also a signal coordinate).
  case overlappingCoordinates(first: String, second: String, coordinate: Int)
  /// NaN or ±Inf appeared in `quantity` during the update that produced parameters at `step`.
  case nonFinite(step: Int, quantity: String)
  /// The configuration needs about `bytes` bytes; refused before allocating because the limit is `limit`.
  case memoryEstimateTooLarge(what: String, bytes: Int, limit: Int)
  /// A probe that is not defined for this configuration (e.g. `w_sig` without an XOR signal).
  case probeUndefined(probe: String, reason: String)
  /// Two objects that must agree in shape do not (e.g. a network of dimension 50 on data of dimension 100).
  case shapeMismatch(what: String, expected: Int, actual: Int)

  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let expected):
      return "invalid \(name) \(value): expected \(expected)"
    case .coordinateOutOfRange(let name, let coordinate, let dimension):
      return "\(name) coordinate \(coordinate) is out of range: coordinates are 1...\(dimension)"
    case .overlappingCoordinates(let first, let second, let coordinate):
      return "coordinate \(coordinate) is used both as \(first) and as \(second)"
    case .nonFinite(let step, let quantity):
      return "\(quantity) became NaN or infinite at step \(step)"
    case .memoryEstimateTooLarge(let what, let bytes, let limit):
      return "\(what) needs about \(formatBytes(bytes)), more than the limit of \(formatBytes(limit))"
    case .probeUndefined(let probe, let reason):
      return "\(probe) is not defined here: \(reason)"
    case .shapeMismatch(let what, let expected, let actual):
      return "\(what): expected \(expected), got \(actual)"
    }
  }
}

/// Human-readable byte counts for messages: "1.5 GB".
func formatBytes(_ bytes: Int) -> String {
  let units = ["B", "KB", "MB", "GB", "TB"]
  var value = Double(bytes)
  var unit = 0
  while value >= 1000, unit < units.count - 1 {
    value /= 1000
    unit += 1
  }
  let tenths = Int((value * 10).rounded())
  return unit == 0 ? "\(bytes) B" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
}
