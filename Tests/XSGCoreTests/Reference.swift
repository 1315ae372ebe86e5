@testable import XSGCore

/// A double-precision reference of the model, independent of the engine's nibble tables.
enum Reference {
  /// Batch t of the training stream as ±1 vectors and labels, regenerated with the scalar generator.
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

  /// Parameters in double precision.
  struct Parameters {
    var W: [Double]
    var a: [Double]
    var b: [Double]

    init(_ net: Network) {
      W = net.W.map(Double.init)
      a = net.a.map(Double.init)
      b = net.b.map(Double.init)
    }
  }

  /// Mean loss over the batch.
  static func loss(_ net: Network, _ theta: Parameters, x: [[Double]], y: [Double], loss: Loss) -> Double {
    let d = net.dimension
    let s = Double(net.spec.scale)
    var total = 0.0
    for (xs, label) in zip(x, y) {
      var f = 0.0
      for j in 0..<net.width {
        var h = theta.b[j]
        for i in 0..<d { h += theta.W[j * d + i] * xs[i] }
        f += theta.a[j] * max(h, 0)
      }
      total += loss.value(label * s * f)
    }
    return total / Double(x.count)
  }

  /// The gradient of the mean loss by backpropagation (W, a, b), in double precision.
  static func gradient(_ net: Network, _ theta: Parameters, x: [[Double]], y: [Double], loss: Loss)
    -> Parameters
  {
    let d = net.dimension
    let p = net.width
    let s = Double(net.spec.scale)
    var g = theta
    g.W = [Double](repeating: 0, count: p * d)
    g.a = [Double](repeating: 0, count: p)
    g.b = [Double](repeating: 0, count: p)
    for (xs, label) in zip(x, y) {
      var h = [Double](repeating: 0, count: p)
      var f = 0.0
      for j in 0..<p {
        h[j] = theta.b[j]
        for i in 0..<d { h[j] += theta.W[j * d + i] * xs[i] }
        f += theta.a[j] * max(h[j], 0)
      }
      let c = loss.derivative(label * s * f) * label * s / Double(x.count)
      for j in 0..<p {
        g.a[j] += c * max(h[j], 0)
        guard h[j] > 0 else { continue }
        let delta = c * theta.a[j]
        g.b[j] += delta
        for i in 0..<d { g.W[j * d + i] += delta * xs[i] }
      }
    }
    return g
  }
}
