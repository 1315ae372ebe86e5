import Testing

@testable import XSGCore

@Suite struct TrainerTests {
  private func finalNetwork(
    network: NetworkSpec = .paperDefault, data: DataSpec = .paperDefault, optimizer: OptimizerSpec,
    seed: UInt64 = 1, threads: Int = 1, steps: Int
  ) throws -> Network {
    let trainer = try Trainer(
      network: network, data: data, optimizer: optimizer, seed: seed, threads: threads)
    try trainer.train(steps: steps, every: 1000) { _ in }
    return trainer.network
  }

  @Test func lossStartsAtTwoLogTwoAndProbesFollowTheCadence() throws {
    let trainer = try Trainer(
      network: .paperDefault, data: .paperDefault, optimizer: OptimizerSpec(batchSize: 2000), seed: 1)
    var rows: [(Int, Double)] = []
    let outcome = try trainer.train(steps: 23, every: 5) { rows.append(($0.step, $0.batchLoss)) }
    #expect(outcome == .completed(step: 23))
    #expect(rows.map(\.0) == [0, 5, 10, 15, 20, 23])
    #expect(abs(rows[0].1 - 2 * 0.693_147_180_559_945_3) < 1e-3)
    // Training continues from the current step.
    rows = []
    try trainer.train(steps: 4, every: 5) { rows.append(($0.step, $0.batchLoss)) }
    #expect(rows.map(\.0) == [23, 25, 27])
  }

  @Test func oneAndTwoThreadsGiveBitIdenticalParameters() throws {
    let cases: [(NetworkSpec, DataSpec, Int)] = [
      (.paperDefault, .paperDefault, 999),
      (
        NetworkSpec(
          width: 40, bias: .trained(initial: 0),
          initialization: .gaussian(weightStd: 0.1, output: .signs(0.1))),
        DataSpec(dimension: 37, spurious: .coordinate(3, flip: 0.2), sampling: .finite(300)), 64
      ),
      (
        NetworkSpec(width: 1100, initialization: .gaussian(weightStd: 0.05, output: .signs(0.01))),
        DataSpec(dimension: 70, spurious: .coordinate(3, flip: 0.1)), 33
      ),
    ]
    for (network, data, batch) in cases {
      let optimizer = OptimizerSpec(learningRate: 0.1, batchSize: batch)
      let one = try finalNetwork(network: network, data: data, optimizer: optimizer, threads: 1, steps: 6)
      let two = try finalNetwork(network: network, data: data, optimizer: optimizer, threads: 2, steps: 6)
      let again = try finalNetwork(network: network, data: data, optimizer: optimizer, threads: 1, steps: 6)
      #expect(one.W.map(\.bitPattern) == two.W.map(\.bitPattern))
      #expect(one.a.map(\.bitPattern) == two.a.map(\.bitPattern))
      #expect(one.b.map(\.bitPattern) == two.b.map(\.bitPattern))
      #expect(one == again)
      let otherSeed = try finalNetwork(network: network, data: data, optimizer: optimizer, seed: 2, steps: 6)
      #expect(one.W != otherSeed.W)
    }
  }

  @Test func trainingInPiecesEqualsTrainingAtOnce() throws {
    let optimizer = OptimizerSpec(learningRate: 0.05, batchSize: 500, schedule: .inverseTime(10))
    let whole = try finalNetwork(optimizer: optimizer, steps: 12)
    let trainer = try Trainer(network: .paperDefault, data: .paperDefault, optimizer: optimizer, seed: 1)
    try trainer.train(steps: 5) { _ in }
    try trainer.train(steps: 7) { _ in }
    #expect(trainer.network == whole)
    // A new trainer on a trained network continues its batch stream too.
    let first = try Trainer(network: .paperDefault, data: .paperDefault, optimizer: optimizer, seed: 1)
    try first.train(steps: 5) { _ in }
    let second = try Trainer(network: first.network, data: .paperDefault, optimizer: optimizer, seed: 1)
    try second.train(steps: 7) { _ in }
    #expect(second.network == whole)
    // Steps without probes (what `xsg bench` times) are the same updates.
    let plain = try Trainer(network: .paperDefault, data: .paperDefault, optimizer: optimizer, seed: 1)
    try plain.advance(steps: 4)
    try plain.train(steps: 8) { _ in }
    #expect(plain.network == whole)
  }

  @Test func balancednessStaysNearZeroUnderSmallSteps() throws {
    let optimizer = OptimizerSpec(learningRate: 0.01, batchSize: 1000)
    let net = try finalNetwork(optimizer: optimizer, steps: 100)
    let drift = NeuronProbes.balancedness(net).map(abs).max()!
    // Each |a_j|² and ‖w_j‖² is 1e-4 at init; a broken backward pass moves them apart at that scale.
    #expect(drift < 2e-6)
    #expect(NeuronProbes.totalDriftFromInit(net) > 0)
  }

  @Test func shortcutIsLearnedFirstAtSmallSize() throws {
    let data = DataSpec(dimension: 40, spurious: .coordinate(3, flip: 0.1))
    let trainer = try Trainer(
      network: NetworkSpec(width: 10), data: data,
      optimizer: OptimizerSpec(learningRate: 0.1, batchSize: 1000),
      seed: 7)
    var alignment: [SeriesPoint] = []
    var spurious: [SeriesPoint] = []
    try trainer.train(steps: 300, every: 5) { probe in
      alignment.append(
        SeriesPoint(step: probe.step, value: try NeuronProbes.signAlignment(probe.network, data: data)))
      let sp = try NeuronProbes.spuriousWeight(probe.network, data: data).map(abs)
      spurious.append(SeriesPoint(step: probe.step, value: Aggregate.mean.apply(sp)))
    }
    let aligned = SeriesAnalysis.firstCrossing(alignment, threshold: 1, direction: .above)
    #expect(aligned != nil && aligned! <= 60, "sign alignment completed at \(String(describing: aligned))")
    // Phase 2: the spurious weight grows exponentially at about η(½ − λ) = 0.04 per step.
    let rate = SeriesAnalysis.exponentialRate(spurious, from: 60, to: 120)
    #expect(rate != nil && rate! > 0.02 && rate! < 0.08, "rate \(String(describing: rate))")
    let test = try SampleSet.test(train: data, distribution: .same, count: 20_000, seed: 7)
    let evaluation = try Evaluator.evaluate(trainer.network, on: test)
    let majority = evaluation.metrics(for: .majority)!
    let minority = evaluation.metrics(for: .minority)!
    #expect(majority.marginMean > 0.5)
    #expect(minority.marginMean < 0)
    #expect(majority.accuracy > 0.95)
    #expect(evaluation.worstGroupAccuracy! < 0.5)
  }

  @Test func optimizerOptionsChangeTheUpdateAsDefined() throws {
    let data = DataSpec(dimension: 20, spurious: .coordinate(3, flip: 0.1))
    let spec = NetworkSpec(width: 4, bias: .trained(initial: 0.1), initialization: .sphere(0.5))
    let start = try Network(spec: spec, dimension: 20, seed: 3)
    func step(_ optimizer: OptimizerSpec, network: NetworkSpec = spec) throws -> Network {
      var net = start
      net.spec = network
      let trainer = try Trainer(network: net, data: data, optimizer: optimizer, seed: 3)
      try trainer.train(steps: 1) { _ in }
      return trainer.network
    }
    let plain = try step(OptimizerSpec(learningRate: 0.1, batchSize: 64))
    let frozenFirst = try step(
      OptimizerSpec(learningRate: 0.1, batchSize: 64, frozenFor: [FrozenLayer(.first, steps: 1)]))
    #expect(frozenFirst.W == start.W && frozenFirst.b == start.b && frozenFirst.a == plain.a)
    var frozenSpec = spec
    frozenSpec.secondLayer = .frozen
    let frozenSecond = try step(OptimizerSpec(learningRate: 0.1, batchSize: 64), network: frozenSpec)
    #expect(frozenSecond.a == start.a && frozenSecond.W == plain.W)
    let halfFirst = try step(
      OptimizerSpec(learningRate: 0.1, batchSize: 64, layerRates: LayerRates(first: 0.5, second: 1, bias: 0)))
    for k in 0..<start.W.count {
      #expect(abs((start.W[k] - halfFirst.W[k]) * 2 - (start.W[k] - plain.W[k])) < 1e-6)
    }
    #expect(halfFirst.b == start.b)
    let sign = try step(OptimizerSpec(learningRate: 0.1, batchSize: 64, signSGD: true))
    for k in 0..<start.W.count {
      let moved = abs(Double(start.W[k]) - Double(sign.W[k]))
      #expect(moved == 0 || abs(moved - 0.1) < 1e-6)
    }
    let decayed = try step(OptimizerSpec(learningRate: 0.1, batchSize: 64, weightDecay: 0.5))
    for k in 0..<start.W.count {
      #expect(abs((plain.W[k] - decayed.W[k]) - 0.1 * 0.5 * start.W[k]) < 1e-6)
    }
    #expect(LearningRateSchedule.step(every: 10, factor: 0.5).factor(atStep: 25) == 0.25)
    #expect(abs(LearningRateSchedule.cosine(total: 100, floor: 0).factor(atStep: 50) - 0.5) < 1e-12)
    #expect(LearningRateSchedule.inverseTime(10).factor(atStep: 10) == 0.5)
  }

  @Test func finiteSetsVisitEverySampleOncePerEpoch() throws {
    var data = DataSpec(dimension: 16, spurious: .coordinate(3, flip: 0.1))
    data.sampling = .finite(10)
    let trainer = try Trainer(
      network: NetworkSpec(width: 2), data: data, optimizer: OptimizerSpec(batchSize: 4), seed: 1)
    var seen: [Int] = []
    for t in 0..<5 {
      _ = trainer.batchLoss(atStep: t)
      guard case .finite(_, let indices) = trainerSource(trainer) else {
        Issue.record("finite source expected")
        return
      }
      seen += indices
    }
    #expect(Set(seen[0..<10]) == Set(0..<10))
    #expect(Set(seen[10..<20]) == Set(0..<10))
    #expect(seen[0..<10] != seen[10..<20])
  }

  private func trainerSource(_ trainer: Trainer) -> BatchSource { trainer.currentSource }

  @Test func failuresAreReportedNotCrashed() throws {
    let diverging = try Trainer(
      network: NetworkSpec(width: 10, initialization: .sphere(1)), data: .paperDefault,
      optimizer: OptimizerSpec(learningRate: 1e30, batchSize: 100, loss: .square), seed: 1)
    #expect {
      try diverging.train(steps: 50) { _ in }
    } throws: { error in
      guard case .nonFinite(let step, _) = error as? CoreError else { return false }
      return step >= 1 && step <= 50
    }
    #expect(throws: CoreError.self) {
      try Trainer(
        network: .paperDefault, data: .paperDefault, optimizer: OptimizerSpec(), seed: 1, memoryLimit: 1000)
    }
    #expect(
      throws: CoreError.invalidParameter(name: "width", value: "0", expected: "an integer in 1...1048576")
    ) {
      try Trainer(network: NetworkSpec(width: 0), data: .paperDefault, optimizer: OptimizerSpec(), seed: 1)
    }
    #expect(throws: CoreError.self) {
      try Trainer(
        network: .paperDefault, data: .paperDefault, optimizer: OptimizerSpec(learningRate: -1), seed: 1)
    }
    var stops = 0
    let trainer = try Trainer(
      network: .paperDefault, data: .paperDefault, optimizer: OptimizerSpec(batchSize: 100), seed: 1)
    let outcome = try trainer.train(
      steps: 100, every: 1000,
      shouldStop: {
        stops += 1
        return stops > 3
      }
    ) { _ in }
    #expect(outcome == .interrupted(step: 3))
  }
}
