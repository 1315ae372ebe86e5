/// A materialised set of samples (packed sign bits, labels, group cells), e.g. a test set of 100 000
/// samples. Immutable and shareable across threads.
public final class SampleSet: Sendable {
  /// The data specification the samples were drawn from (dimension, signal, spurious feature).
  public let spec: DataSpec
  /// Number of samples.
  public let count: Int
  /// 64-bit words per sample: ⌈d/64⌉.
  public let wordsPerSample: Int
  /// Packed coordinates, `count × wordsPerSample`; bit i of a sample is 1 exactly when x_{i+1} = +1.
  public let bits: [UInt64]
  /// Labels ±1.
  public let labels: [Float]
  /// Group cell index per sample (0...3, in the order of `Group.cells`).
  public let cells: [UInt8]
  /// Whether the samples carry a spurious feature (so that groups are meaningful).
  public var hasGroups: Bool { spec.spurious != .none }

  init(spec: DataSpec, count: Int, bits: [UInt64], labels: [Float], cells: [UInt8]) {
    self.spec = spec
    self.count = count
    self.wordsPerSample = (spec.dimension + 63) / 64
    self.bits = bits
    self.labels = labels
    self.cells = cells
  }

  /// Draws a test set of `count` samples from `distribution` relative to the training data `train`;
  /// labels are clean. The samples are a pure function of the seed and of the distribution actually
  /// sampled (see `testSequence`): not of the set's position in a script, nor of other test sets, and
  /// the first n samples do not depend on `count`.
  public static func test(
    train: DataSpec, distribution: TestDistribution, count: Int, seed: UInt64,
    memoryLimit: Int = MemoryBudget.defaultLimit
  ) throws -> SampleSet {
    try train.validate()
    guard count >= 1 && count <= Int(UInt32.max) else {
      throw CoreError.invalidParameter(
        name: "test set size", value: "\(count)", expected: "an integer in 1...4294967295")
    }
    let words = (train.dimension + 63) / 64
    try MemoryBudget.check(
      what: "a test set of \(count) samples", bytes: count * (words * 8 + 5), limit: memoryLimit)
    let lambda = train.spuriousFlip
    var flip = lambda
    var condition: (Int) -> SampleGenerator.Condition? = { _ in nil }
    var stream = RandomStream.testData
    switch distribution {
    case .iid: flip = 0.5
    case .same: break
    case .reversed: flip = 1 - lambda
    case .heldOut(let f):
      try checkProbability(f, name: "held-out flip")
      flip = f
      stream = .heldOutData
    case .group(let g):
      try g.validate()
      guard train.spurious != .none else {
        throw CoreError.invalidParameter(
          name: "test distribution", value: "\(g)", expected: "data with a spurious feature")
      }
      let c: SampleGenerator.Condition
      switch g {
      case .majority: c = .agreement(true)
      case .minority: c = .agreement(false)
      case .cell(let y, let s): c = .cell(yPositive: y > 0, agree: (y > 0) == (s > 0))
      }
      condition = { _ in c }
    case .groupBalanced:
      guard train.spurious != .none else {
        throw CoreError.invalidParameter(
          name: "test distribution", value: "groupBalanced", expected: "data with a spurious feature")
      }
      let cellConditions = Group.cells.map { g -> SampleGenerator.Condition in
        guard case .cell(let y, let s) = g else { fatalError("Group.cells holds cells") }
        return .cell(yPositive: y > 0, agree: (y > 0) == (s > 0))
      }
      condition = { cellConditions[$0 & 3] }
    }
    let generator = SampleGenerator(spec: train, flip: flip, withLabelNoise: false)
    let random = CounterRandom(seed: seed, stream: stream)
    let sequence = testSequence(train: train, flip: flip, distribution: distribution)
    var bits = [UInt64](repeating: 0, count: count * words)
    var labels = [Float](repeating: 0, count: count)
    var cells = [UInt8](repeating: 0, count: count)
    bits.withUnsafeMutableBufferPointer { bitsBuffer in
      for i in 0..<count {
        let (y, cell) = generator.generate(
          into: bitsBuffer.baseAddress! + i * words, random: random, sequence: sequence,
          item: UInt32(i), condition: condition(i))
        labels[i] = y
        cells[i] = cell
      }
    }
    return SampleSet(spec: train, count: count, bits: bits, labels: labels, cells: cells)
  }

  /// The test stream's sequence for a test distribution: a hash of what is sampled (dimension, label
  /// function, spurious coordinates, the effective flip probability, the group condition). So an `iid`
  /// set is the same for every training λ of a sweep (common random numbers), and two declarations of one
  /// distribution give the same samples.
  static func testSequence(train: DataSpec, flip: Double, distribution: TestDistribution) -> UInt64 {
    var words: [UInt64] = [0x7E57, UInt64(train.dimension)]
    switch train.signal {
    case .xor(let i, let j, let sign): words += [1, UInt64(i), UInt64(j), sign > 0 ? 1 : 0]
    case .parity(let s): words += [2, UInt64(s.count)] + s.map { UInt64($0) }
    case .staircase(let s): words += [3, UInt64(s.count)] + s.map { UInt64($0) }
    case .majority(let s): words += [4, UInt64(s.count)] + s.map { UInt64($0) }
    }
    switch train.spurious {
    case .none: words += [0]
    case .coordinate(let k, _): words += [1, UInt64(k)]
    case .block(let ks, _): words += [2, UInt64(ks.count)] + ks.map { UInt64($0) }
    }
    words.append(flip.bitPattern)
    switch distribution {
    case .iid, .same, .reversed: words.append(0)
    case .heldOut: words.append(1)
    case .group(.majority): words.append(2)
    case .group(.minority): words.append(3)
    case .group(.cell(let y, let s)): words += [4, y > 0 ? 1 : 0, s > 0 ? 1 : 0]
    case .groupBalanced: words.append(5)
    }
    return words.reduce(0) { splitMix64($0 ^ $1) }
  }

  /// Draws the finite training set of `spec` (sampling `.finite(n)`) from the training stream.
  public static func trainingSet(spec: DataSpec, seed: UInt64, memoryLimit: Int = MemoryBudget.defaultLimit)
    throws -> SampleSet
  {
    try spec.validate()
    guard case .finite(let count) = spec.sampling else {
      throw CoreError.invalidParameter(
        name: "sampling", value: "online", expected: "a finite training set (n samples)")
    }
    let words = (spec.dimension + 63) / 64
    try MemoryBudget.check(
      what: "a training set of \(count) samples", bytes: count * (words * 8 + 5), limit: memoryLimit)
    let generator = SampleGenerator(spec: spec)
    let random = CounterRandom(seed: seed, stream: .trainingData)
    var bits = [UInt64](repeating: 0, count: count * words)
    var labels = [Float](repeating: 0, count: count)
    var cells = [UInt8](repeating: 0, count: count)
    bits.withUnsafeMutableBufferPointer { bitsBuffer in
      labels.withUnsafeMutableBufferPointer { labelBuffer in
        cells.withUnsafeMutableBufferPointer { cellBuffer in
          var first = 0
          while first < count {
            let n = min(8, count - first)
            generator.generateGroup(
              into: bitsBuffer.baseAddress! + first * words, labels: labelBuffer.baseAddress! + first,
              cells: cellBuffer.baseAddress! + first, count: n, firstItem: UInt32(first), random: random,
              sequence: finiteSetSequence)
            first += n
          }
        }
      }
    }
    return SampleSet(spec: spec, count: count, bits: bits, labels: labels, cells: cells)
  }

  /// Sample `i` as a vector of ±1 (for probes and tests; the trainer works on the bits).
  public func sample(_ i: Int) -> [Float] {
    (0..<spec.dimension).map { k in
      bits[i * wordsPerSample + (k >> 6)] & (UInt64(1) << UInt64(k & 63)) != 0 ? 1 : -1
    }
  }
}

/// The training-stream sequence number reserved for the finite training set (online steps never reach it).
let finiteSetSequence: UInt64 = 1 << 63
/// Sequence numbers for epoch shuffles of a finite set: this base plus the epoch.
let shuffleSequenceBase: UInt64 = 1 << 62
