import Foundation

/// A labelled position on an axis.
public struct Tick: Equatable, Sendable {
  public var value: Double
  public var label: String

  public init(value: Double, label: String) {
    self.value = value
    self.label = label
  }
}

/// Tick placement shared by the SVG and terminal renderers: "nice" values (1, 2 or 5 times a power of
/// ten on linear axes, powers of ten on log axes) and labels formatted to the precision the step needs.
public enum Ticks {
  /// The nice numbers a linear step may take, per decade.
  static let mantissas: [Double] = [1, 2, 5, 10]

  /// The smallest nice step (1, 2 or 5 × 10^k) such that `span / step` does not exceed `target`.
  public static func niceStep(span: Double, target: Int) -> Double {
    guard span > 0, span.isFinite else { return 1 }
    let raw = span / Double(max(target, 1))
    let decade = pow(10, (log10(raw)).rounded(.down))
    for m in mantissas where m * decade >= raw * (1 - 1e-9) { return m * decade }
    return 10 * decade
  }

  /// Linear ticks: multiples of a nice step inside `low...high`, about `target` of them (at least two when
  /// the range is not a single point).
  public static func linear(_ low: Double, _ high: Double, target: Int = 5) -> [Tick] {
    guard low.isFinite, high.isFinite else { return [] }
    if low == high { return [Tick(value: low, label: format(low, step: max(abs(low), 1)))] }
    return linear(low, high, step: niceStep(span: high - low, target: target))
  }

  /// The multiples of `step` inside `low...high`, labelled to the step's precision.
  public static func linear(_ low: Double, _ high: Double, step: Double) -> [Tick] {
    let first = (low / step - 1e-9).rounded(.up)
    let last = (high / step + 1e-9).rounded(.down)
    guard first <= last, last - first < 10_000 else { return [] }
    let values = stride(from: first, through: last, by: 1).map { $0 == 0 ? 0 : $0 * step }
    // One notation for the whole axis: if any tick needs m×10ᵏ, all nonzero ticks use it.
    let scientific = values.contains { abs($0) >= 1e5 || (abs($0) < 1e-3 && $0 != 0) }
    return values.map { Tick(value: $0, label: format($0, step: step, scientific: scientific)) }
  }

  /// A "loose" axis: the smallest range of whole nice steps containing `low...high`, and its ticks, so
  /// both ends of the axis carry a tick.
  public static func loose(_ low: Double, _ high: Double, target: Int = 5) -> (
    range: ClosedRange<Double>, ticks: [Tick]
  ) {
    guard low.isFinite, high.isFinite else { return (0...1, linear(0, 1, target: target)) }
    if low == high {
      let pad = low == 0 ? 1 : abs(low) * 0.1
      return loose(low - pad, high + pad, target: target)
    }
    let step = niceStep(span: high - low, target: target)
    let lo = (low / step + 1e-9).rounded(.down) * step
    let hi = (high / step - 1e-9).rounded(.up) * step
    return (lo...hi, linear(lo, hi, step: step))
  }

  /// Log ticks inside `low...high` (both positive): every power of ten, thinned to about `target` when the
  /// range spans many decades; when fewer than three powers of ten fall inside, 1-2-5 values instead.
  public static func logarithmic(_ low: Double, _ high: Double, target: Int = 5) -> [Tick] {
    guard low > 0, high >= low, high.isFinite else { return [] }
    let lo = log10(low) - 1e-9
    let hi = log10(high) + 1e-9
    let firstDecade = Int(lo.rounded(.up))
    let lastDecade = Int(hi.rounded(.down))
    let decades = lastDecade - firstDecade + 1
    if decades >= 3 {
      let every = max(1, Int((Double(decades) / Double(max(target, 1))).rounded(.up)))
      return stride(from: firstDecade, through: lastDecade, by: 1)
        .filter { ($0 - firstDecade) % every == 0 }
        .map { Tick(value: pow(10, Double($0)), label: powerOfTen($0)) }
    }
    var values: [Double] = []
    for k in Int(lo.rounded(.down))...Int(hi.rounded(.up)) {
      for m in [1.0, 2, 5] {
        let v = m * pow(10, Double(k))
        if log10(v) >= lo, log10(v) <= hi { values.append(v) }
      }
    }
    if values.count < 2 { return linear(low, high, target: 3) }
    // One notation for the whole axis: if any value needs m×10ᵏ, all use it.
    let scientific = values.contains { $0 < 1e-3 || $0 >= 1e5 }
    return values.map { v in
      Tick(value: v, label: scientific ? format(v, step: v, scientific: true) : format(v, step: v))
    }
  }

  /// The decades enclosing `low...high` (a loose log axis), or the 1-2-5 values around a narrow range.
  public static func looseLogRange(_ low: Double, _ high: Double) -> ClosedRange<Double> {
    guard low > 0, high.isFinite, high >= low else { return 1...10 }
    if low == high { return looseLogRange(low / 2, high * 2) }
    let lo = pow(10, (log10(low) + 1e-9).rounded(.down))
    let hi = pow(10, (log10(high) - 1e-9).rounded(.up))
    if log10(hi / lo) <= 2 {
      let nice: (Double, FloatingPointRoundingRule) -> Double = { v, rule in
        let decade = pow(10, log10(v).rounded(.down))
        let candidates = [1.0, 2, 5, 10].map { $0 * decade }
        return rule == .down
          ? candidates.last { $0 <= v * (1 + 1e-9) } ?? decade
          : candidates.first { $0 >= v * (1 - 1e-9) } ?? 10 * decade
      }
      let a = nice(low, .down)
      let b = nice(high, .up)
      return a...(b > a ? b : a * 2)
    }
    return lo...hi
  }

  /// A loose log axis: the decades enclosing `low...high` (or the 1-2-5 values around a narrow range) and
  /// its ticks, so that both ends carry a label, as `loose` does for linear axes. When only every k-th
  /// decade is labelled, the range widens by whole decades until both ends are labelled ones, each decade
  /// going to the end with less room between it and the data.
  public static func looseLog(_ low: Double, _ high: Double, target: Int = 5) -> (
    range: ClosedRange<Double>, ticks: [Tick]
  ) {
    let range = looseLogRange(low, high)
    let a = log10(range.lowerBound)
    let b = log10(range.upperBound)
    let isDecades = abs(a - a.rounded()) < 1e-9 && abs(b - b.rounded()) < 1e-9
    guard isDecades, b - a >= 2, low > 0, high.isFinite, high >= low else {
      return (range, logarithmic(range.lowerBound, range.upperBound, target: target))
    }
    var bottom = Int(a.rounded())
    var top = Int(b.rounded())
    let every = max(1, Int((Double(top - bottom) / Double(max(target, 1))).rounded(.up)))
    var room = (below: log10(low) - a, above: b - log10(high))
    while (top - bottom) % every != 0 {
      if room.above <= room.below {
        top += 1
        room.above += 1
      } else {
        bottom -= 1
        room.below += 1
      }
    }
    let ticks = stride(from: bottom, through: top, by: every).map {
      Tick(value: pow(10, Double($0)), label: powerOfTen($0))
    }
    return (pow(10, Double(bottom))...pow(10, Double(top)), ticks)
  }

  /// A loose symmetric-log axis around `low...high`: each end widens to the next labelled power of ten, or
  /// to zero for data on one side of it, so both ends carry a tick and every value lies inside. Thinned
  /// labels count down from the top decade, so that the axis ends at the decade above the data.
  public static func looseSymlog(_ low: Double, _ high: Double, threshold: Double, target: Int = 5) -> (
    range: ClosedRange<Double>, ticks: [Tick]
  ) {
    let t = threshold > 0 && threshold.isFinite ? threshold : 1
    let base = Int(log10(t).rounded(.down))
    // The decade of a magnitude, at least the first labelled one (base + 1) and at most the largest double's.
    let decade = { (m: Double) in min(308, max(base + 1, Int((log10(m) - 1e-9).rounded(.up)))) }
    let lo = min(low, 0)
    let hi = max(high, 0)
    let top = max(lo < 0 ? decade(-lo) : base + 1, hi > 0 ? decade(hi) : base + 1)
    let every = symlogStride(base: base, top: top, target: target)
    let end = { (m: Double) -> Double in
      pow(10, Double(top - every * ((top - decade(m)) / every)))
    }
    var range = (lo < 0 ? -end(-lo) : 0)...(hi > 0 ? end(hi) : 0)
    if range.lowerBound == range.upperBound {
      let first = pow(10, Double(top))
      range = -first...first
    }
    return (range, symlogTicks(range.lowerBound, range.upperBound, base: base, anchor: top, every: every))
  }

  /// How many decades apart the labelled powers of ten of a symmetric log lie: about `target` labels
  /// from the threshold's decade `base` up to the decade `top`.
  static func symlogStride(base: Int, top: Int, target: Int) -> Int {
    max(1, Int((Double(top - base + 1) / Double(max(target, 1))).rounded(.up)))
  }

  /// Symmetric-log ticks: zero, and ± powers of ten beyond `threshold`, inside `low...high`.
  public static func symlog(_ low: Double, _ high: Double, threshold: Double, target: Int = 5) -> [Tick] {
    guard threshold > 0, threshold.isFinite else { return linear(low, high, target: target) }
    let base = log10(threshold).rounded(.down)
    let top = min(log10(max(abs(low), abs(high), threshold)), 308)
    let every = symlogStride(base: Int(base), top: Int((top - base).rounded(.up)) + Int(base), target: target)
    return symlogTicks(low, high, base: Int(base), anchor: Int(base), every: every)
  }

  /// Zero and ± the powers of ten above 10^`base` whose exponents are `anchor` plus multiples of `every`,
  /// inside `low...high`.
  static func symlogTicks(_ low: Double, _ high: Double, base: Int, anchor: Int, every: Int) -> [Tick] {
    let top = min(log10(max(abs(low), abs(high))), 308)
    var positive: [Double] = []
    // ±threshold sits only log10(2) ≈ 0.3 decades from zero, where its label would crowd the 0.
    var k = base + 1 + ((anchor - base - 1) % every + every) % every
    while Double(k) <= top + 1e-9 {
      positive.append(pow(10, Double(k)))
      k += every
    }
    let values = positive.reversed().map { -$0 } + [0] + positive
    return values.filter { $0 >= low - 1e-12 && $0 <= high + 1e-12 }.map { v in
      if v == 0 { return Tick(value: 0, label: "0") }
      let exponent = Int(log10(abs(v)).rounded())
      return Tick(value: v, label: (v < 0 ? "−" : "") + powerOfTen(exponent))
    }
  }

  /// `10ᵏ` with a Unicode superscript exponent; 1 and 10 are written plainly.
  public static func powerOfTen(_ exponent: Int) -> String {
    switch exponent {
    case 0: return "1"
    case 1: return "10"
    default: return "10" + superscript(exponent)
    }
  }

  static func superscript(_ n: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    let body = String(abs(n)).map { digits[Int(String($0))!] }
    return (n < 0 ? "⁻" : "") + String(body)
  }

  /// A tick label with as many decimals as `step` needs (0.05 steps print "0.15", 100 steps print "300"), so
  /// the labels of one axis share their precision.
  /// Very large or very small values switch to `m×10ᵏ`. The minus sign is the typographic one.
  public static func format(_ value: Double, step: Double, scientific: Bool = false) -> String {
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if scientific || magnitude >= 1e5 || magnitude < 1e-3 {
      let exponent = Int(log10(magnitude).rounded(.down))
      let mantissa = value / pow(10, Double(exponent))
      let stepMantissa = max(step / pow(10, Double(exponent)), 1e-12)
      let decimals = max(0, min(6, Int((-log10(stepMantissa) - 1e-9).rounded(.up))))
      let m = trimmed(String(format: "%.\(decimals)f", mantissa))
      // A mantissa of ±1 is left out (10ᵏ, not 1×10ᵏ), but its sign is not.
      let power = "10" + superscript(exponent)
      let text = m == "1" ? power : m == "-1" ? "-" + power : m + "×" + power
      return text.replacingOccurrences(of: "-", with: "−")
    }
    let decimals = max(0, min(10, Int((-log10(step) - 1e-9).rounded(.up))))
    return String(format: "%.\(decimals)f", value).replacingOccurrences(of: "-", with: "−")
  }

  /// "0.50" → "0.5", "2.00" → "2"; integers stay as they are.
  static func trimmed(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var t = Substring(text)
    while t.hasSuffix("0") { t = t.dropLast() }
    if t.hasSuffix(".") { t = t.dropLast() }
    return String(t)
  }
}
