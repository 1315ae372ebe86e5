@testable import XSGCore

/// A double-precision reference of the model, independent of the engine's nibble tables.
enum Reference {
  /// Batch t of the training stream as ±1 vectors and labels, regenerated from the counter-based RNG.
  static func batch(_ data: DataSpec, seed: UInt64, step: Int, size: Int) -> (x: [[Double]], y: [Double]) {
    let generator = SampleGenerator(spec: data)
    let random = CounterRandom(seed: seed, stream: .trainingData)
    let words = (data.dimension + 63) / 64
    var bits = [UInt64](repeating: 0, count: words)
    var xs: [[Double]] = []
    var ys: [Double] = []
    for s in 0..<size {
      let y = bits.withUnsafeMutableBufferPointer {
        generator.generate(into: $0.baseAddress!, random: random, sequence: UInt64(step), item: UInt32(s)).y
      }
      xs.append((0..<data.dimension).map { bits[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 ? 1 : -1 })
      ys.append(Double(y))
    }
    return (xs, ys)
  }

  /// Mean loss in double precision with parameters (W row-major, a, b).
  static func loss(
    _ net: Network, W: [Double], a: [Double], b: [Double], x: [[Double]], y: [Double], loss: Loss
  ) -> Double {
    let d = net.dimension
    let s = Double(net.spec.scale)
    var total = 0.0
    for (xs, label) in zip(x, y) {
      var f = 0.0
      for j in 0..<net.width {
        var h = b[j]
        for i in 0..<d { h += W[j * d + i] * xs[i] }
        f += a[j] * max(h, 0)
      }
      total += loss.value(label * s * f)
    }
    return total / Double(x.count)
  }
}
