/// The native training loop's state and kernels. Inputs are ±1, so the network never multiplies by x:
/// ⟨w_j, x⟩ is a sum of d/4 rows of a nibble table (16 signed sums per group of four coordinates), and the
/// gradient Σ_s δ_s x_s is accumulated in 16 buckets per group and expanded once per step.
///
/// Work is split into two fixed parts whatever the thread count, and partial results are combined in a
/// fixed order, so one and two threads give bit-identical parameters:
/// - sample-major (the nibble table fits in cache): part k takes half of the batch; each part keeps its
///   own buckets and gradients, fused per sample (draw → forward → loss → backward);
/// - neuron-major (wide networks): part k owns half of the 16-neuron blocks; the batch is drawn first,
///   the two halves of f(x) are added, then each part back-propagates and updates its own neurons.
final class Engine {
  let dimension: Int
  let width: Int
  let paddedWidth: Int
  let blocks: Int
  let groups: Int
  let words: Int
  let batchSize: Int
  let sampleMajor: Bool
  let scale: Float
  let loss: Loss
  let hasBias: Bool

  /// First-layer weights transposed and padded: row i (coordinate i, `groups·4` rows) × `paddedWidth`.
  let weights: UnsafeMutablePointer<Float>
  let outputWeights: UnsafeMutablePointer<Float>
  let biases: UnsafeMutablePointer<Float>

  private let parts: [PartScratch]
  /// Sample-major: the shared nibble table, `groups·16` rows × `paddedWidth`.
  private let table: UnsafeMutablePointer<Float>?
  /// Neuron-major: the batch, the hidden pre-activations and the per-sample coefficients.
  private let batchBits: UnsafeMutablePointer<UInt64>?
  private let batchLabels: UnsafeMutablePointer<Float>?
  private let coefficients: UnsafeMutablePointer<Float>?
  private let hidden: UnsafeMutablePointer<Float>?

  private var source: BatchSource
  private var pool: ForkJoin2?
  var threads: Int = 1

  /// Bytes the engine will allocate for these sizes (checked against the memory budget first).
  static func estimateBytes(dimension: Int, width: Int, batchSize: Int) -> Int {
    let padded = (width + 15) / 16 * 16
    let groups = (dimension + 3) / 4
    let words = (dimension + 63) / 64
    let params = (groups * 4 + 2) * padded * 4
    let tableBytes = groups * 16 * padded * 4
    if tableBytes <= sampleMajorTableLimit || padded == 16 {
      return params + tableBytes + 2 * (tableBytes + groups * 4 * padded * 4 + 3 * padded * 4)
    }
    let perPart = groups * 16 * 16 * 4 * 2 + groups * 4 * 16 * 4 + batchSize * 16 * 4
    return params + 2 * perPart + batchSize * (words * 8 + 8 + padded * 4)
  }

  /// The largest nibble table that stays cache-resident for the fused sample-major loop.
  static let sampleMajorTableLimit = 1 << 20

  init(network: Network, batchSize: Int, loss: Loss, source: BatchSource) {
    dimension = network.dimension
    width = network.width
    paddedWidth = (width + 15) / 16 * 16
    blocks = paddedWidth / 16
    groups = (dimension + 3) / 4
    words = (dimension + 63) / 64
    self.batchSize = batchSize
    scale = network.spec.scale
    self.loss = loss
    self.source = source
    hasBias = network.spec.bias.isPresent
    let tableFloats = groups * 16 * paddedWidth
    sampleMajor = tableFloats * 4 <= Engine.sampleMajorTableLimit || blocks == 1
    weights = allocateFloats(groups * 4 * paddedWidth)
    outputWeights = allocateFloats(paddedWidth)
    biases = allocateFloats(paddedWidth)
    if sampleMajor {
      table = allocateFloats(tableFloats)
      batchBits = nil
      batchLabels = nil
      coefficients = nil
      hidden = nil
      let half = (batchSize + 1) / 2
      parts = [
        PartScratch(
          sampleRange: 0..<half, blockRange: 0..<blocks, groups: groups, words: words,
          paddedWidth: paddedWidth, batchSize: 0, sampleMajor: true),
        PartScratch(
          sampleRange: half..<batchSize, blockRange: 0..<blocks, groups: groups, words: words,
          paddedWidth: paddedWidth, batchSize: 0, sampleMajor: true),
      ]
    } else {
      table = nil
      batchBits = .allocate(capacity: batchSize * words)
      batchBits!.initialize(repeating: 0, count: batchSize * words)
      batchLabels = allocateFloats(batchSize)
      coefficients = allocateFloats(batchSize)
      hidden = allocateFloats(batchSize * paddedWidth)
      let halfBlocks = (blocks + 1) / 2
      let halfSamples = (batchSize + 1) / 2
      parts = [
        PartScratch(
          sampleRange: 0..<halfSamples, blockRange: 0..<halfBlocks, groups: groups, words: words,
          paddedWidth: 16, batchSize: batchSize, sampleMajor: false),
        PartScratch(
          sampleRange: halfSamples..<batchSize, blockRange: halfBlocks..<blocks, groups: groups,
          words: words, paddedWidth: 16, batchSize: batchSize, sampleMajor: false),
      ]
    }
    load(network)
  }

  deinit {
    pool?.shutdown()
    weights.deallocate()
    outputWeights.deallocate()
    biases.deallocate()
    table?.deallocate()
    batchBits?.deallocate()
    batchLabels?.deallocate()
    coefficients?.deallocate()
    hidden?.deallocate()
  }

  /// Copies a network's parameters in (padding stays zero).
  func load(_ network: Network) {
    weights.update(repeating: 0, count: groups * 4 * paddedWidth)
    outputWeights.update(repeating: 0, count: paddedWidth)
    biases.update(repeating: 0, count: paddedWidth)
    for j in 0..<width {
      for i in 0..<dimension { weights[i * paddedWidth + j] = network.W[j * dimension + i] }
      outputWeights[j] = network.a[j]
      biases[j] = network.b[j]
    }
  }

  /// Copies the parameters out into `network` (same shape).
  func store(into network: inout Network) {
    for j in 0..<width {
      for i in 0..<dimension { network.W[j * dimension + i] = weights[i * paddedWidth + j] }
      network.a[j] = outputWeights[j]
      network.b[j] = biases[j]
    }
  }

  /// Where batches currently come from.
  var currentSource: BatchSource { source }

  /// Replaces where batches come from (e.g. the finite set's indices for the next step).
  func setSource(_ newSource: BatchSource) { source = newSource }

  /// Runs `body(0)` and `body(1)`, on two threads when asked.
  private func fork(_ body: @escaping (Int) -> Void) {
    if threads >= 2 {
      if pool == nil { pool = ForkJoin2() }
      pool!.run(body)
    } else {
      body(0)
      body(1)
    }
  }

  // MARK: One step

  /// Draws batch `step`, computes the mean loss at the current parameters (when `needLoss`; else 0) and,
  /// when `backward`, the gradient (kept until `update`). Returns the batch's mean loss.
  func forward(step: Int, backward: Bool, needLoss: Bool = true) -> Double {
    if sampleMajor {
      buildTable(into: table!, tableStride: paddedWidth, columns: 0..<blocks)
      fork { part in
        self.sampleMajorPass(part: self.parts[part], step: step, backward: backward, needLoss: needLoss)
      }
      return (parts[0].lossSum + parts[1].lossSum) / Double(batchSize)
    }
    fork { part in self.drawBatch(part: self.parts[part], step: step) }
    fork { part in self.neuronMajorForward(part: self.parts[part]) }
    return neuronMajorLoss(needLoss: needLoss)
  }

  /// Applies the update with the gradient of the last `forward(step:backward: true)`. Returns whether
  /// all updated parameters are finite.
  func update(_ rates: UpdateRates) -> Bool {
    if sampleMajor {
      return sampleMajorUpdate(rates)
    }
    fork { part in self.neuronMajorBackward(part: self.parts[part], rates: rates) }
    return parts[0].finite && parts[1].finite
  }

  // MARK: Sample-major

  private func sampleMajorPass(part: PartScratch, step: Int, backward: Bool, needLoss: Bool) {
    let G = groups
    let P = paddedWidth
    let table = self.table!
    if backward {
      part.buckets.update(repeating: 0, count: G * 16 * P)
      part.outputGradient.update(repeating: 0, count: P)
      part.biasGradient.update(repeating: 0, count: P)
    }
    let h = part.hiddenRow
    let offsets = part.offsets
    let invBatch = 1 / Float(batchSize)
    var lossSum = 0.0
    var first = part.sampleRange.lowerBound
    while first < part.sampleRange.upperBound {
      let count = min(8, part.sampleRange.upperBound - first)
      fillGroup(first: first, count: count, step: step, bits: part.groupBits, labels: part.groupLabels)
      for k in 0..<count {
        let bits = part.groupBits + k * words
        let y = part.groupLabels[k]
        // Row offsets T[g][nibble_g(x)] of this sample, reused by the backward pass.
        for w in 0..<words {
          var word = bits[w]
          let base = w << 4
          for q in 0..<min(16, G - base) {
            offsets[base + q] = Int32(truncatingIfNeeded: (((base + q) << 4) + Int(word & 15)) * P)
            word >>= 4
          }
        }
        // Forward: h = b + Σ_g T[g][nibble], four interleaved partial sums per block.
        var fVec = Vec16()
        for jb in 0..<blocks {
          let t = table + jb * 16
          var acc0 = Vec16()
          var acc1 = Vec16()
          var acc2 = Vec16()
          var acc3 = Vec16()
          var g = 0
          while g + 4 <= G {
            acc0 += load16(t + Int(offsets[g]))
            acc1 += load16(t + Int(offsets[g + 1]))
            acc2 += load16(t + Int(offsets[g + 2]))
            acc3 += load16(t + Int(offsets[g + 3]))
            g += 4
          }
          while g < G {
            acc0 += load16(t + Int(offsets[g]))
            g += 1
          }
          let pre = ((acc0 + acc1) + (acc2 + acc3)) + load16(biases + jb * 16)
          store16(pre, h + jb * 16)
          fVec.addProduct(load16(outputWeights + jb * 16), pre.replacing(with: 0, where: pre .< 0))
        }
        let z = y * scale * fVec.sum()
        if needLoss { lossSum += Double(loss.valueAndDerivative(z).value) }
        guard backward else { continue }
        let coefficient = loss.derivative(z) * y * scale * invBatch
        for jb in 0..<blocks {
          let pre = load16(h + jb * 16)
          let active = pre .> 0
          let delta = Vec16().replacing(with: coefficient * load16(outputWeights + jb * 16), where: active)
          let ga = part.outputGradient + jb * 16
          store16(load16(ga) + coefficient * pre.replacing(with: 0, where: .!active), ga)
          let gb = part.biasGradient + jb * 16
          store16(load16(gb) + delta, gb)
          let u = part.buckets + jb * 16
          for g in 0..<G {
            let row = u + Int(offsets[g])
            store16(load16(row) + delta, row)
          }
        }
      }
      first += count
    }
    part.lossSum = lossSum
    if backward {
      for g in 0..<G {
        for jb in 0..<blocks {
          reduceBucketGroup(
            buckets: part.buckets + (g << 4) * P + jb * 16, bucketStride: P,
            gradient: part.weightGradient + 4 * g * P + jb * 16, gradientStride: P, rows: 4)
        }
      }
    }
  }

  /// Builds the nibble table of the current weights (before the parts start, which only read it).
  private func buildTable(into table: UnsafeMutablePointer<Float>, tableStride: Int, columns: Range<Int>) {
    for g in 0..<groups {
      for jb in columns {
        buildTableGroup(
          weights: weights + 4 * g * paddedWidth + jb * 16, weightStride: paddedWidth,
          table: table + (g << 4) * tableStride + (jb - columns.lowerBound) * 16, tableStride: tableStride)
      }
    }
  }

  private func sampleMajorUpdate(_ rates: UpdateRates) -> Bool {
    let P = paddedWidth
    var check = Vec16()
    if rates.first != 0 {
      let g0 = parts[0].weightGradient
      let g1 = parts[1].weightGradient
      for i in 0..<dimension {
        for jb in 0..<blocks {
          let offset = i * P + jb * 16
          let w = load16(weights + offset)
          let updated = rates.apply(w, load16(g0 + offset) + load16(g1 + offset), rate: rates.first)
          store16(updated, weights + offset)
          check += updated
        }
      }
    }
    for jb in 0..<blocks {
      let offset = jb * 16
      if rates.second != 0 {
        let grad = load16(parts[0].outputGradient + offset) + load16(parts[1].outputGradient + offset)
        let updated = rates.apply(load16(outputWeights + offset), grad, rate: rates.second)
        store16(updated, outputWeights + offset)
        check += updated
      }
      if rates.bias != 0 {
        let grad = load16(parts[0].biasGradient + offset) + load16(parts[1].biasGradient + offset)
        let updated = rates.apply(load16(biases + offset), grad, rate: rates.bias)
        store16(updated, biases + offset)
        check += updated
      }
    }
    return check.sum().isFinite
  }

  // MARK: Neuron-major

  private func drawBatch(part: PartScratch, step: Int) {
    var first = part.sampleRange.lowerBound
    while first < part.sampleRange.upperBound {
      let count = min(8, part.sampleRange.upperBound - first)
      fillGroup(
        first: first, count: count, step: step, bits: batchBits! + first * words, labels: batchLabels! + first
      )
      first += count
    }
  }

  private func neuronMajorForward(part: PartScratch) {
    let G = groups
    let P = paddedWidth
    let t = part.tableBlock
    let fPartial = part.outputPartial
    fPartial.update(repeating: 0, count: batchSize * 16)
    for jb in part.blockRange {
      for g in 0..<G {
        buildTableGroup(
          weights: weights + 4 * g * P + jb * 16, weightStride: P, table: t + (g << 4) * 16, tableStride: 16)
      }
      let bias = load16(biases + jb * 16)
      let a = load16(outputWeights + jb * 16)
      for s in 0..<batchSize {
        let bits = batchBits! + s * words
        var acc0 = Vec16()
        var acc1 = Vec16()
        var acc2 = Vec16()
        var acc3 = Vec16()
        var g = 0
        while g + 4 <= G {
          acc0 += load16(t + (((g << 4) + nibble(bits, g)) << 4))
          acc1 += load16(t + ((((g + 1) << 4) + nibble(bits, g + 1)) << 4))
          acc2 += load16(t + ((((g + 2) << 4) + nibble(bits, g + 2)) << 4))
          acc3 += load16(t + ((((g + 3) << 4) + nibble(bits, g + 3)) << 4))
          g += 4
        }
        while g < G {
          acc0 += load16(t + (((g << 4) + nibble(bits, g)) << 4))
          g += 1
        }
        let pre = ((acc0 + acc1) + (acc2 + acc3)) + bias
        store16(pre, hidden! + s * P + jb * 16)
        let f = fPartial + s * 16
        var fv = load16(f)
        fv.addProduct(a, pre.replacing(with: 0, where: pre .< 0))
        store16(fv, f)
      }
    }
  }

  private func neuronMajorLoss(needLoss: Bool) -> Double {
    let invBatch = 1 / Float(batchSize)
    var lossSum = 0.0
    for s in 0..<batchSize {
      let f =
        scale
        * (load16(parts[0].outputPartial + s * 16).sum() + load16(parts[1].outputPartial + s * 16).sum())
      let y = batchLabels![s]
      if needLoss { lossSum += Double(loss.valueAndDerivative(y * f).value) }
      coefficients![s] = loss.derivative(y * f) * y * scale * invBatch
    }
    return lossSum / Double(batchSize)
  }

  private func neuronMajorBackward(part: PartScratch, rates: UpdateRates) {
    let G = groups
    let P = paddedWidth
    let u = part.buckets
    var check = Vec16()
    for jb in part.blockRange {
      u.update(repeating: 0, count: G * 256)
      let a = load16(outputWeights + jb * 16)
      var ga = Vec16()
      var gb = Vec16()
      for s in 0..<batchSize {
        let bits = batchBits! + s * words
        let pre = load16(hidden! + s * P + jb * 16)
        let coefficient = coefficients![s]
        let active = pre .> 0
        let delta = Vec16().replacing(with: coefficient * a, where: active)
        ga += coefficient * pre.replacing(with: 0, where: .!active)
        gb += delta
        for g in 0..<G {
          let row = u + (((g << 4) + nibble(bits, g)) << 4)
          store16(load16(row) + delta, row)
        }
      }
      let grad = part.weightGradient
      for g in 0..<G {
        reduceBucketGroup(
          buckets: u + (g << 8), bucketStride: 16, gradient: grad + 4 * g * 16, gradientStride: 16, rows: 4)
      }
      if rates.first != 0 {
        for i in 0..<dimension {
          let w = weights + i * P + jb * 16
          let updated = rates.apply(load16(w), load16(grad + i * 16), rate: rates.first)
          store16(updated, w)
          check += updated
        }
      }
      if rates.second != 0 {
        let updated = rates.apply(a, ga, rate: rates.second)
        store16(updated, outputWeights + jb * 16)
        check += updated
      }
      if rates.bias != 0 {
        let updated = rates.apply(load16(biases + jb * 16), gb, rate: rates.bias)
        store16(updated, biases + jb * 16)
        check += updated
      }
    }
    part.finite = check.sum().isFinite
  }

  // MARK: Samples

  /// Draws (or copies) samples first..<first+count (count ≤ 8) of the current step's batch.
  @inline(__always)
  private func fillGroup(
    first: Int, count: Int, step: Int, bits: UnsafeMutablePointer<UInt64>, labels: UnsafeMutablePointer<Float>
  ) {
    switch source {
    case .online(let generator, let random):
      generator.generateGroup(
        into: bits, labels: labels, count: count, firstItem: UInt32(truncatingIfNeeded: first),
        random: random, sequence: UInt64(step))
    case .finite(let set, let indices):
      set.bits.withUnsafeBufferPointer { all in
        for k in 0..<count {
          let index = indices[first + k]
          for w in 0..<words { bits[k * words + w] = all[index * words + w] }
          labels[k] = set.labels[index]
        }
      }
    }
  }
}

/// Where a step's samples come from.
enum BatchSource {
  /// Fresh samples: sample s of step t is a pure function of (key, t, s).
  case online(SampleGenerator, CounterRandom)
  /// Rows of a finite set, `indices[s]` for sample s of the current step.
  case finite(SampleSet, [Int])
}

/// The learning rate of each parameter group for one update (0: not updated) and how to apply it.
struct UpdateRates {
  var first: Float
  var second: Float
  var bias: Float
  var weightDecay: Float
  var signSGD: Bool

  /// θ − η·(g + κθ), or θ − η·sign(g + κθ).
  @inline(__always)
  func apply(_ theta: Vec16, _ gradient: Vec16, rate: Float) -> Vec16 {
    var direction = gradient
    if weightDecay != 0 { direction.addProduct(Vec16(repeating: weightDecay), theta) }
    if signSGD {
      let one = Vec16(repeating: 1)
      direction = Vec16().replacing(with: one, where: direction .> 0).replacing(
        with: -one, where: direction .< 0)
    }
    return theta - rate * direction
  }
}

/// Scratch owned by one part of the work (never shared between threads).
final class PartScratch {
  let sampleRange: Range<Int>
  let blockRange: Range<Int>
  /// Sample-major: buckets for every neuron; neuron-major: one 16-neuron block's buckets.
  let buckets: UnsafeMutablePointer<Float>
  /// Weight gradient, `groups·4` rows × the part's stride.
  let weightGradient: UnsafeMutablePointer<Float>
  let outputGradient: UnsafeMutablePointer<Float>
  let biasGradient: UnsafeMutablePointer<Float>
  /// Up to eight samples being processed, their labels, and one sample's table-row offsets.
  let groupBits: UnsafeMutablePointer<UInt64>
  let groupLabels: UnsafeMutablePointer<Float>
  let offsets: UnsafeMutablePointer<Int32>
  let hiddenRow: UnsafeMutablePointer<Float>
  /// Neuron-major: one block's nibble table and this part's share of f per sample (16 lanes each).
  let tableBlock: UnsafeMutablePointer<Float>
  let outputPartial: UnsafeMutablePointer<Float>
  var lossSum = 0.0
  var finite = true

  init(
    sampleRange: Range<Int>, blockRange: Range<Int>, groups: Int, words: Int, paddedWidth: Int,
    batchSize: Int, sampleMajor: Bool
  ) {
    self.sampleRange = sampleRange
    self.blockRange = blockRange
    buckets = allocateFloats(groups * 16 * paddedWidth)
    weightGradient = allocateFloats(groups * 4 * paddedWidth)
    outputGradient = allocateFloats(paddedWidth)
    biasGradient = allocateFloats(paddedWidth)
    groupBits = .allocate(capacity: 8 * words)
    groupBits.initialize(repeating: 0, count: 8 * words)
    groupLabels = allocateFloats(8)
    offsets = .allocate(capacity: groups + 16)
    offsets.initialize(repeating: 0, count: groups + 16)
    hiddenRow = allocateFloats(paddedWidth)
    tableBlock = allocateFloats(sampleMajor ? 16 : groups * 256)
    outputPartial = allocateFloats(batchSize * 16)
  }

  deinit {
    buckets.deallocate()
    weightGradient.deallocate()
    outputGradient.deallocate()
    biasGradient.deallocate()
    groupBits.deallocate()
    groupLabels.deallocate()
    offsets.deallocate()
    hiddenRow.deallocate()
    tableBlock.deallocate()
    outputPartial.deallocate()
  }
}
