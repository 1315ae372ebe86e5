import Testing

@testable import XSGCore

/// Gradients: the double-precision reference against finite differences, and the engine (recovered from
/// one SGD step with η = 1) against the reference, for every loss and network option, narrow and wide.
@Suite struct GradientTests {
  static let networkOptions: [NetworkSpec] = [
    NetworkSpec(width: 5, initialization: .gaussian(weightStd: 0.3, output: .gaussian(0.5))),
    NetworkSpec(
      width: 6, bias: .trained(initial: 0.1), outputScale: .inverseWidth,
      initialization: .gaussian(weightStd: 0.3, output: .signs(1))),
    NetworkSpec(
      width: 7, bias: .fixed(-0.05), outputScale: .inverseSqrtWidth,
      initialization: .gaussian(weightStd: 0.3, output: .gaussian(1))),
    NetworkSpec(width: 8, initialization: .symmetric(.sphere(0.5))),
  ]

  @Test(arguments: Loss.allCases)
  func referenceMatchesFiniteDifferences(loss: Loss) throws {
    let data = DataSpec(dimension: 7, spurious: .coordinate(3, flip: 0.2))
    let net = try Network(spec: Self.networkOptions[1], dimension: 7, seed: 3)
    let (x, y) = Reference.batch(data, seed: 3, step: 0, size: 20)
    let theta = Reference.Parameters(net)
    let g = Reference.gradient(net, theta, x: x, y: y, loss: loss)
    let eps = 1e-6
    func check(_ analytic: Double, _ perturb: (inout Reference.Parameters, Double) -> Void) {
      var plus = theta
      var minus = theta
      perturb(&plus, eps)
      perturb(&minus, -eps)
      let numeric =
        (Reference.loss(net, plus, x: x, y: y, loss: loss)
          - Reference.loss(net, minus, x: x, y: y, loss: loss))
        / (2 * eps)
      #expect(abs(numeric - analytic) < 1e-6 + 1e-4 * abs(analytic))
    }
    for k in [0, 5, 13, 40] { check(g.W[k]) { $0.W[k] += $1 } }
    for j in 0..<net.width {
      check(g.a[j]) { $0.a[j] += $1 }
      check(g.b[j]) { $0.b[j] += $1 }
    }
  }

  /// The engine's gradient, recovered as θ₀ − θ₁ after one step with η = 1.
  private func engineGradient(_ net: Network, data: DataSpec, loss: Loss, batch: Int, threads: Int = 1)
    throws -> Reference.Parameters
  {
    let optimizer = OptimizerSpec(learningRate: 1, batchSize: batch, loss: loss)
    let trainer = try Trainer(network: net, data: data, optimizer: optimizer, seed: 11, threads: threads)
    try trainer.train(steps: 1, every: 1) { _ in }
    var g = Reference.Parameters(net)
    let after = trainer.network
    for k in 0..<g.W.count { g.W[k] -= Double(after.W[k]) }
    for j in 0..<net.width {
      g.a[j] -= Double(after.a[j])
      g.b[j] -= Double(after.b[j])
    }
    return g
  }

  private func expectClose(_ engine: [Double], _ reference: [Double], _ what: String) {
    let scale = max(reference.map(abs).max() ?? 0, 1e-3)
    let worst = zip(engine, reference).map { abs($0 - $1) }.max() ?? 0
    #expect(worst <= 2e-4 * scale, "\(what): max error \(worst) vs scale \(scale)")
  }

  @Test(arguments: Loss.allCases, networkOptions)
  func engineMatchesReference(loss: Loss, spec: NetworkSpec) throws {
    let data = DataSpec(dimension: 13, signal: .xor(2, 5, sign: -1), spurious: .coordinate(7, flip: 0.1))
    let net = try Network(spec: spec, dimension: 13, seed: 5)
    // 601 samples: two parts of 301 and 300, each in chunks of 256 and the rest.
    let g = try engineGradient(net, data: data, loss: loss, batch: 601)
    let (x, y) = Reference.batch(data, seed: 11, step: 0, size: 601)
    let reference = Reference.gradient(net, Reference.Parameters(net), x: x, y: y, loss: loss)
    expectClose(g.W, reference.W, "W")
    expectClose(g.a, reference.a, "a")
    if case .trained = spec.bias {
      expectClose(g.b, reference.b, "b")
    } else {
      #expect(g.b.allSatisfy { $0 == 0 }, "untrained biases must not move")
    }
  }

  @Test(arguments: [Loss.logistic2, .square])
  func wideEngineMatchesReference(loss: Loss) throws {
    let data = DataSpec(dimension: 67, spurious: .coordinate(3, flip: 0.1))
    let spec = NetworkSpec(
      width: 1030, bias: .trained(initial: 0), outputScale: .inverseSqrtWidth,
      initialization: .gaussian(weightStd: 0.15, output: .gaussian(1)))
    let net = try Network(spec: spec, dimension: 67, seed: 8)
    let g = try engineGradient(net, data: data, loss: loss, batch: 9)
    let (x, y) = Reference.batch(data, seed: 11, step: 0, size: 9)
    let reference = Reference.gradient(net, Reference.Parameters(net), x: x, y: y, loss: loss)
    expectClose(g.W, reference.W, "W")
    expectClose(g.a, reference.a, "a")
    expectClose(g.b, reference.b, "b")
  }
}
