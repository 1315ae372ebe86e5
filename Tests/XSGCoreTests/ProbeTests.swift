import Foundation
import Testing

@testable import XSGCore

/// Probes on hand-built networks whose values follow from the definitions in docs/model.md.
@Suite struct ProbeTests {
  let data = DataSpec(dimension: 5, signal: .xor(1, 2, sign: -1), spurious: .coordinate(3, flip: 0.1))

  /// Neuron 0: a > 0, w = (3, −1, 2, 0, 0); neuron 1: a < 0, w = (1, 1, −2, 0, 4).
  func handBuilt() throws -> Network {
    try Network(
      spec: NetworkSpec(width: 2), dimension: 5, a: [0.5, -2],
      W: [3, -1, 2, 0, 0, 1, 1, -2, 0, 4])
  }

  @Test func componentsFollowTheirDefinitions() throws {
    let net = try handBuilt()
    let r2 = 2.0.squareRoot()
    // y = −x1·x2: μ+ = (1, −1) (the positive cluster), μ− = (1, 1); a ≥ 0 uses μ+.
    #expect(try NeuronProbes.signalWeight(net, data: data) == [4 / r2, 2 / r2])
    #expect(try NeuronProbes.oppositeWeight(net, data: data) == [2 / r2, 0])
    #expect(try NeuronProbes.spuriousWeight(net, data: data) == [2, -2])
    #expect(try NeuronProbes.orthogonalNorm(net, data: data) == [0, 4])
    #expect(NeuronProbes.outputMagnitude(net) == [0.5, 2])
    #expect(try NeuronProbes.signAlignment(net, data: data) == 1)
    #expect(try NeuronProbes.kinds(net, data: data) == [.signal, .noise])
    let expectedBalance: [Double] = [0.25 - 14, 4 - 22]
    #expect(NeuronProbes.balancedness(net) == expectedBalance)
    let expectedCosines: [Double] = [2 / 14.0.squareRoot(), -2 / 22.0.squareRoot()]
    #expect(try NeuronProbes.cosine(net, coordinate: 3) == expectedCosines)
    #expect(
      try NeuronProbes.cosine(net, direction: [0, 0, 1, 0, 0]) == NeuronProbes.cosine(net, coordinate: 3))
    #expect(NeuronProbes.totalDriftFromInit(net) == 0)
    #expect(throws: CoreError.self) {
      try NeuronProbes.signalWeight(net, data: DataSpec(dimension: 5, signal: .parity([1, 2, 4])))
    }
    #expect(throws: CoreError.self) { try NeuronProbes.spuriousWeight(net, data: DataSpec(dimension: 5)) }
  }

  @Test func aggregatesAndSeries() {
    #expect(Aggregate.mean.apply([1, 2, 6]) == 3)
    #expect(Aggregate.median.apply([5, 1, 2, 6]) == 3.5)
    #expect(Aggregate.min.apply([5, 1]) == 1 && Aggregate.max.apply([5, 1]) == 5)
    #expect(Aggregate.mean.apply([]).isNaN)
    let series = (0...20).map { SeriesPoint(step: $0 * 10, value: 0.01 * exp(0.02 * Double($0 * 10))) }
    #expect(SeriesAnalysis.firstCrossing(series, threshold: 0.05, direction: .above) == 90)
    #expect(SeriesAnalysis.firstCrossing(series, threshold: 0.001, direction: .below) == nil)
    #expect(abs(SeriesAnalysis.exponentialRate(series, from: 50, to: 150)! - 0.02) < 1e-12)
    #expect(SeriesAnalysis.exponentialRate(series, from: 50, to: 55) == nil)
  }

  @Test func shortcutNetworkIsRightOnMajorityAndWrongOnMinority() throws {
    // f(x) = ReLU(x3) − ReLU(−x3) = x3.
    let net = try Network(
      spec: NetworkSpec(width: 2), dimension: 5, a: [1, -1], W: [0, 0, 1, 0, 0, 0, 0, -1, 0, 0])
    let test = try SampleSet.test(train: data, distribution: .same, count: 4000, seed: 1)
    let f = try Evaluator.outputs(net, on: test)
    for s in 0..<100 { #expect(Double(f[s]) == net.output(test.sample(s))) }
    let evaluation = try Evaluator.evaluate(net, on: test, loss: .firstOrder)
    #expect(evaluation.metrics(for: .majority)!.accuracy == 1)
    #expect(evaluation.metrics(for: .minority)!.accuracy == 0)
    #expect(evaluation.metrics(for: .minority)!.marginMin == -1)
    #expect(evaluation.worstGroupAccuracy == 0)
    #expect(abs(evaluation.overall.accuracy - 0.9) < 0.03)
    #expect(
      abs(evaluation.overall.loss - (2 * 0.693_147_180_559_945_3 - evaluation.overall.marginMean)) < 1e-9)
    let iid = try SampleSet.test(train: data, distribution: .iid, count: 4000, seed: 2)
    #expect(try Evaluator.fourierCoefficient(net, on: iid, subset: [3]) == 1)
    #expect(abs(try Evaluator.fourierCoefficient(net, on: iid, subset: [1, 2])) < 0.1)
  }

  @Test func initialisationsHaveTheirDefinedShapes() throws {
    let sphere = try Network(
      spec: NetworkSpec(width: 6, initialization: .sphere(0.01)), dimension: 50, seed: 1)
    for n in NeuronProbes.weightNorm(sphere) { #expect(abs(n - 0.01) < 1e-8) }
    #expect(NeuronProbes.outputMagnitude(sphere).allSatisfy { abs($0 - 0.01) < 1e-9 })
    let symmetric = try Network(
      spec: NetworkSpec(width: 6, initialization: .symmetric(.sphere(0.1))), dimension: 9, seed: 1)
    for k in 0..<3 {
      #expect(symmetric.weights(ofNeuron: 2 * k) == symmetric.weights(ofNeuron: 2 * k + 1))
      #expect(symmetric.a[2 * k] == -symmetric.a[2 * k + 1])
    }
    #expect(symmetric.output([Float](repeating: 1, count: 9)) == 0)
    #expect(throws: CoreError.self) {
      try Network(
        spec: NetworkSpec(width: 5, initialization: .symmetric(.sphere(0.1))), dimension: 9, seed: 1)
    }
    let wider = try Network(
      spec: NetworkSpec(width: 8, initialization: .sphere(0.01)), dimension: 50, seed: 1)
    #expect(Array(wider.W[0..<300]) == sphere.W)
  }

  @Test func lossesAreStableAndConsistent() {
    for loss in Loss.allCases {
      for z in [-1e4, -30.0, -1, 0, 0.5, 2, 30, 1e4] {
        #expect(loss.value(z).isFinite && loss.derivative(z).isFinite, "\(loss) at \(z)")
        let (v, d) = loss.valueAndDerivative(Float(z))
        #expect(v.isFinite && d.isFinite)
        #expect(abs(Double(loss.derivative(Float(z))) - loss.derivative(z)) < 1e-6)
      }
    }
    #expect(abs(Loss.logistic2.value(0) - 2 * 0.693_147_180_559_945_3) < 1e-15)
    #expect(Loss.logistic2.derivative(0.0) == -1 && Loss.firstOrder.derivative(3.0) == -1)
    #expect(Loss.logistic2.value(-1e4) == 2e4)
  }
}
