import Testing

@testable import XSGCore

@Suite struct TrainerSmokeTests {
  @Test func lossStartsAtTwoLogTwoAndTrainingRuns() throws {
    let data = DataSpec.paperDefault
    let trainer = try Trainer(
      network: .paperDefault, data: data, optimizer: OptimizerSpec(batchSize: 500), seed: 1)
    var losses: [(Int, Double)] = []
    let outcome = try trainer.train(steps: 20, every: 5) { losses.append(($0.step, $0.batchLoss)) }
    #expect(outcome == .completed(step: 20))
    #expect(losses.map(\.0) == [0, 5, 10, 15, 20])
    #expect(abs(losses[0].1 - 2 * 0.693_147_180_559_945_3) < 1e-3)
    #expect(trainer.step == 20)
  }
}
