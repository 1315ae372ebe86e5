import Testing

@testable import XSGCore

/// Sample statistics with fixed seeds. Tolerances are about 5 standard errors, so a correct generator
/// essentially never fails and a wrong probability (off by 0.01 or more at n = 100 000) does.
@Suite struct DataTests {
  static let n = 100_000

  /// A finite training set: drawn like online batches, eight samples per vector call.
  private func trainingSamples(_ data: DataSpec, seed: UInt64 = 1, count: Int = n) throws -> SampleSet {
    var spec = data
    spec.sampling = .finite(count)
    return try SampleSet.trainingSet(spec: spec, seed: seed)
  }

  private func coordinate(_ set: SampleSet, _ s: Int, _ k: Int) -> Int {
    set.bits.withUnsafeBufferPointer { coordinateIsPositive($0.baseAddress! + s * set.wordsPerSample, k - 1) }
      ? 1 : -1
  }

  @Test func coordinatesAreBalancedAndLabelsFollowXor() throws {
    let data = DataSpec(dimension: 70, signal: .xor(1, 2, sign: -1), spurious: .coordinate(3, flip: 0.1))
    let set = try trainingSamples(data)
    for k in [1, 2, 4, 40, 64, 65, 70] {
      let mean = Double((0..<set.count).reduce(0) { $0 + coordinate(set, $1, k) }) / Double(set.count)
      #expect(abs(mean) < 5 / Double(set.count).squareRoot(), "coordinate \(k) mean \(mean)")
    }
    for s in 0..<1000 {
      #expect(Int(set.labels[s]) == -coordinate(set, s, 1) * coordinate(set, s, 2))
    }
  }

  @Test(arguments: [0.0, 0.1, 0.3, 0.5])
  func spuriousCoordinateAgreesWithProbabilityOneMinusLambda(lambda: Double) throws {
    let data = DataSpec(dimension: 20, spurious: .coordinate(3, flip: lambda))
    let set = try trainingSamples(data, seed: 2)
    let agree = (0..<set.count).filter { coordinate(set, $0, 3) == Int(set.labels[$0]) }.count
    let rate = Double(agree) / Double(set.count)
    let tolerance = 5 * (max(lambda * (1 - lambda), 1e-6) / Double(set.count)).squareRoot() + 1e-9
    #expect(abs(rate - (1 - lambda)) <= tolerance)
    // Cells: majority frequency 1 − λ; y balanced.
    let majority = set.cells.filter { $0 == 0 || $0 == 3 }.count
    #expect(majority == agree)
    let positive = set.labels.filter { $0 > 0 }.count
    #expect(abs(Double(positive) / Double(set.count) - 0.5) < 5 * 0.5 / Double(set.count).squareRoot())
  }

  @Test(arguments: [NoiseOrder.beforeSpurious, .afterSpurious])
  func labelNoiseFlipsAtItsRateInTheStatedOrder(order: NoiseOrder) throws {
    let rho = 0.2
    let data = DataSpec(
      dimension: 10, signal: .xor(1, 2, sign: 1), spurious: .coordinate(3, flip: 0),
      labelNoise: .flip(rho, order: order))
    let set = try trainingSamples(data, seed: 3)
    var flipped = 0
    var spuriousMatchesObserved = 0
    for s in 0..<set.count {
      let clean = coordinate(set, s, 1) * coordinate(set, s, 2)
      if Int(set.labels[s]) != clean { flipped += 1 }
      if coordinate(set, s, 3) == Int(set.labels[s]) { spuriousMatchesObserved += 1 }
    }
    let tolerance = 5 * (rho * (1 - rho) / Double(set.count)).squareRoot()
    #expect(abs(Double(flipped) / Double(set.count) - rho) < tolerance)
    // With λ = 0 the spurious coordinate copies the label it sees: the noisy one, or the clean one.
    let expected = order == .beforeSpurious ? 1.0 : 1 - rho
    #expect(abs(Double(spuriousMatchesObserved) / Double(set.count) - expected) < tolerance + 1e-9)
  }

  @Test func blockSpuriousParityAgreesWithProbabilityOneMinusLambda() throws {
    let data = DataSpec(dimension: 16, spurious: .block([5, 6, 7], flip: 0.25))
    let set = try trainingSamples(data, seed: 4)
    var agree = 0
    var firstPositive = 0
    for s in 0..<set.count {
      let parity = coordinate(set, s, 5) * coordinate(set, s, 6) * coordinate(set, s, 7)
      if parity == Int(set.labels[s]) { agree += 1 }
      if coordinate(set, s, 5) > 0 { firstPositive += 1 }
    }
    let tolerance = 5 * (0.25 * 0.75 / Double(set.count)).squareRoot()
    #expect(abs(Double(agree) / Double(set.count) - 0.75) < tolerance)
    #expect(abs(Double(firstPositive) / Double(set.count) - 0.5) < 5 * 0.5 / Double(set.count).squareRoot())
  }

  @Test func otherSignalsFollowTheirDefinitions() throws {
    for (signal, label) in [
      (Signal.parity([1, 4, 6]), { (x: [Int]) in x[0] * x[3] * x[5] }),
      (Signal.majority([2, 3, 5]), { (x: [Int]) in x[1] + x[2] + x[4] > 0 ? 1 : -1 }),
      (Signal.staircase([1, 2, 3]), { (x: [Int]) in x[0] + x[0] * x[1] + x[0] * x[1] * x[2] > 0 ? 1 : -1 }),
      (Signal.majority([2, 3]), { (x: [Int]) in x[1] + x[2] == 0 ? x[1] : (x[1] + x[2] > 0 ? 1 : -1) }),
    ] {
      let set = try trainingSamples(DataSpec(dimension: 8, signal: signal), count: 500)
      for s in 0..<set.count {
        let x = (1...8).map { coordinate(set, s, $0) }
        #expect(Int(set.labels[s]) == label(x), "\(signal) sample \(s)")
      }
    }
  }

  @Test func vectorAndScalarGeneratorsDrawTheSameSamples() throws {
    let data = DataSpec(
      dimension: 131, spurious: .coordinate(100, flip: 0.3), labelNoise: .flip(0.1, order: .afterSpurious))
    let set = try trainingSamples(data, seed: 6, count: 50)
    let generator = SampleGenerator(spec: data)
    let random = CounterRandom(seed: 6, stream: .trainingData)
    var bits = [UInt64](repeating: 0, count: set.wordsPerSample)
    for s in 0..<set.count {
      let (y, cell) = bits.withUnsafeMutableBufferPointer {
        generator.generate(
          into: $0.baseAddress!, random: random, sequence: finiteSetSequence, item: UInt32(s))
      }
      #expect(y == set.labels[s])
      #expect(cell == set.cells[s])
      #expect(bits == Array(set.bits[(s * set.wordsPerSample)..<((s + 1) * set.wordsPerSample)]))
    }
  }

  static let engineSpecs: [DataSpec] = [
    DataSpec(dimension: 100, signal: .xor(1, 2, sign: 1), spurious: .coordinate(3, flip: 0.05)),
    DataSpec(
      dimension: 131, signal: .xor(1, 70, sign: -1), spurious: .coordinate(100, flip: 0.3),
      labelNoise: .flip(0.2, order: .beforeSpurious)),
    DataSpec(
      dimension: 64, signal: .xor(64, 5, sign: 1), spurious: .coordinate(63, flip: 0.4),
      labelNoise: .flip(0.25, order: .afterSpurious)),
    DataSpec(dimension: 70, signal: .xor(2, 3, sign: -1), labelNoise: .flip(0.3, order: .afterSpurious)),
    DataSpec(dimension: 90, signal: .xor(1, 2, sign: -1), spurious: .block([5, 66, 80], flip: 0.2)),
    DataSpec(dimension: 40, signal: .parity([1, 2, 3]), spurious: .coordinate(9, flip: 0.1)),
  ]

  /// The engine draws eight word-major samples per call (with a vector fast path for xor labels); every
  /// sample must equal the scalar generator's.
  @Test(arguments: engineSpecs)
  func theEnginesWordMajorBatchesMatchTheScalarGenerator(data: DataSpec) {
    let generator = SampleGenerator(spec: data)
    let random = CounterRandom(seed: 11, stream: .trainingData)
    let (first, count, stride) = (3, 45, 64)
    let words = generator.words
    var flips = [UInt32](repeating: 0, count: count + 8)
    var noises = [UInt32](repeating: 0, count: count + 8)
    var chunk = [UInt64](repeating: 0, count: words * stride)
    var labels = [Float](repeating: 0, count: count + 8)
    flips.withUnsafeMutableBufferPointer { f in
      noises.withUnsafeMutableBufferPointer { n in
        generator.extraWords(
          first: first, count: count, random: random, sequence: 7, flips: f.baseAddress!,
          noises: n.baseAddress!)
        chunk.withUnsafeMutableBufferPointer { bits in
          labels.withUnsafeMutableBufferPointer { y in
            var k = 0
            while k < count {
              generator.generateGroup(
                into: bits.baseAddress! + k, labels: y.baseAddress! + k, count: min(8, count - k),
                firstItem: UInt32(first + k), random: random, sequence: 7,
                extras: (UnsafePointer(f.baseAddress! + k), UnsafePointer(n.baseAddress! + k)),
                wordStride: stride)
              k += 8
            }
          }
        }
      }
    }
    var bits = [UInt64](repeating: 0, count: words)
    for k in 0..<count {
      let (y, _) = bits.withUnsafeMutableBufferPointer {
        generator.generate(into: $0.baseAddress!, random: random, sequence: 7, item: UInt32(first + k))
      }
      #expect(labels[k] == y, "sample \(k)")
      #expect((0..<words).map { chunk[$0 * stride + k] } == bits, "sample \(k)")
    }
  }

  @Test func seedsChangeTheDataAndRepeatsDoNot() throws {
    let data = DataSpec(dimension: 30, spurious: .coordinate(3, flip: 0.1))
    let a = try trainingSamples(data, seed: 1, count: 100)
    let b = try trainingSamples(data, seed: 1, count: 100)
    let c = try trainingSamples(data, seed: 2, count: 100)
    #expect(a.bits == b.bits && a.labels == b.labels)
    #expect(a.bits != c.bits)
  }

  @Test func testDistributionsHaveTheirOwnSpuriousCorrelation() throws {
    let train = DataSpec(dimension: 12, spurious: .coordinate(3, flip: 0.1))
    func agreement(_ distribution: TestDistribution) throws -> Double {
      let set = try SampleSet.test(train: train, distribution: distribution, count: 40_000, seed: 5)
      return Double(set.cells.filter { $0 == 0 || $0 == 3 }.count) / Double(set.count)
    }
    let tolerance = 5 * (0.25 / 40_000.0).squareRoot()
    #expect(abs(try agreement(.iid) - 0.5) < tolerance)
    #expect(abs(try agreement(.same) - 0.9) < tolerance)
    #expect(abs(try agreement(.reversed) - 0.1) < tolerance)
    #expect(abs(try agreement(.heldOut(flip: 0.3)) - 0.7) < tolerance)
    #expect(try agreement(.group(.majority)) == 1)
    #expect(try agreement(.group(.minority)) == 0)
    let cell = try SampleSet.test(
      train: train, distribution: .group(.cell(y: -1, spurious: 1)), count: 1000, seed: 5)
    #expect(cell.cells.allSatisfy { $0 == 2 })
    #expect(cell.labels.allSatisfy { $0 == -1 })
    let balanced = try SampleSet.test(train: train, distribution: .groupBalanced, count: 1000, seed: 5)
    #expect((0..<4).map { c in balanced.cells.filter { $0 == c }.count } == [250, 250, 250, 250])
  }

  /// A test set is a function of the seed and of the distribution sampled: not of its position or size.
  @Test func testSetsDependOnlyOnTheSeedAndTheDistributionSampled() throws {
    let train = DataSpec(dimension: 40, spurious: .coordinate(3, flip: 0.1))
    let iid = try SampleSet.test(train: train, distribution: .iid, count: 200, seed: 5)
    let again = try SampleSet.test(train: train, distribution: .iid, count: 200, seed: 5)
    #expect(iid.bits == again.bits && iid.labels == again.labels)
    // The first n samples do not depend on the size.
    let small = try SampleSet.test(train: train, distribution: .iid, count: 50, seed: 5)
    #expect(small.bits == Array(iid.bits[0..<50]))
    // iid ignores the training λ: a λ sweep measures every run on the same samples.
    var other = train
    other.spurious = .coordinate(3, flip: 0.3)
    #expect(try SampleSet.test(train: other, distribution: .iid, count: 200, seed: 5).bits == iid.bits)
    // Other distributions, seeds and dimensions draw other samples.
    let same = try SampleSet.test(train: train, distribution: .same, count: 200, seed: 5)
    let minority = try SampleSet.test(train: train, distribution: .group(.minority), count: 200, seed: 5)
    let seed6 = try SampleSet.test(train: train, distribution: .iid, count: 200, seed: 6)
    for set in [same, minority, seed6] { #expect(set.bits != iid.bits) }
    let sequences = Set(
      [TestDistribution.iid, .same, .reversed, .group(.majority), .group(.minority), .groupBalanced].map {
        SampleSet.testSequence(train: train, flip: 0.1, distribution: $0)
      })
    #expect(sequences.count == 4)  // iid, same and reversed at one flip share the draw; groups differ
  }

  @Test func invalidSpecificationsAreRejected() {
    #expect(throws: CoreError.self) { try DataSpec(dimension: 0).validate() }
    #expect(throws: CoreError.coordinateOutOfRange(name: "spurious", coordinate: 9, dimension: 8)) {
      try DataSpec(dimension: 8, spurious: .coordinate(9, flip: 0.1)).validate()
    }
    #expect(throws: CoreError.overlappingCoordinates(first: "signal", second: "spurious", coordinate: 2)) {
      try DataSpec(dimension: 8, spurious: .coordinate(2, flip: 0.1)).validate()
    }
    #expect(
      throws: CoreError.invalidParameter(name: "flip", value: "1.3", expected: "a probability in [0, 1]")
    ) {
      try DataSpec(dimension: 8, spurious: .coordinate(3, flip: 1.3)).validate()
    }
    #expect(throws: CoreError.self) {
      try SampleSet.test(train: DataSpec(dimension: 8), distribution: .group(.minority), count: 10, seed: 1)
    }
  }
}
