/// The native training loop's state and kernels. Inputs are ±1, so the network never multiplies by x:
/// for each group of four coordinates a 16-row table holds the signed sums Σ_k ±w_{4g+k} of a block of
/// 16 neurons, so ⟨w_j, x⟩ is d/4 table rows added up. The gradient Σ_s δ_s·x_s uses the same trick
/// transposed: per quad of samples a 16-row table holds Σ_t ±δ_{4q+t}, and each coordinate adds the row
/// its four signs select into a register (a single block instead scatters δ into 16 buckets per group).
///
/// Loops run group-outer, sample-inner over a chunk of samples, so a table, a bucket set and a chunk's
/// hidden block stay in L1 whatever the width. The batch is split into two fixed halves ("parts") whatever
/// the thread count, and the halves' gradients are added in a fixed order, so one and two threads give
/// bit-identical parameters.
final class Engine {
  let dimension: Int
  let width: Int
  let paddedWidth: Int
  let blocks: Int
  let groups: Int
  /// Weight rows per block: 4·groups (rows ≥ d stay zero).
  let rows: Int
  let words: Int
  let batchSize: Int
  let chunk: Int
  let scale: Float
  let loss: Loss

  /// First-layer weights, block-major: block jb, row i (coordinate), lane l ↦ [(jb·rows + i)·16 + l].
  let weights: UnsafeMutablePointer<Float>
  let outputWeights: UnsafeMutablePointer<Float>
  let biases: UnsafeMutablePointer<Float>

  private let parts: [PartScratch]
  private var source: BatchSource
  private var pool: ForkJoin2?
  var threads: Int = 1

  /// The largest chunk of samples processed together.
  static let maxChunk = 256

  /// Samples in the first part. Batches under 64 stay whole: per-chunk table and bucket work is amortised
  /// over more samples, which beats a second thread there (measured on S = (50, 256, 32)). Depends on the
  /// batch size only, never on the thread count.
  static func firstPartSize(_ batchSize: Int) -> Int {
    batchSize >= 64 ? (batchSize + 1) / 2 : batchSize
  }

  /// Bytes the engine will allocate for these sizes (checked against the memory budget first).
  static func estimateBytes(dimension: Int, width: Int, batchSize: Int) -> Int {
    let padded = (width + 15) / 16 * 16
    let rows = (dimension + 3) / 4 * 4
    let words = (dimension + 63) / 64
    let chunk = min(maxChunk, max(1, firstPartSize(batchSize)))
    let params = (rows + 2) * padded * 4
    let perPart =
      rows * padded * 4 + 2 * padded * 4 + chunk * (words * 16 + rows / 2 + padded * 4 + 16 * 4 * 2 + 12)
      + (quadsPerRun + 1) * 1024 + 2048 + 4096
    return params + 2 * perPart
  }

  init(network: Network, batchSize: Int, loss: Loss, source: BatchSource) {
    dimension = network.dimension
    width = network.width
    paddedWidth = (width + 15) / 16 * 16
    blocks = paddedWidth / 16
    groups = (dimension + 3) / 4
    rows = groups * 4
    words = (dimension + 63) / 64
    self.batchSize = batchSize
    chunk = min(Engine.maxChunk, max(1, Engine.firstPartSize(batchSize)))
    scale = network.spec.scale
    self.loss = loss
    self.source = source
    weights = allocateFloats(blocks * rows * 16)
    outputWeights = allocateFloats(paddedWidth)
    biases = allocateFloats(paddedWidth)
    let half = Engine.firstPartSize(batchSize)
    let (c, g, r, w, b) = (chunk, groups, rows, words, blocks)
    parts = [0..<half, half..<batchSize].map {
      PartScratch(sampleRange: $0, chunk: c, groups: g, rows: r, words: w, blocks: b)
    }
    load(network)
  }

  deinit {
    pool?.shutdown()
    weights.deallocate()
    outputWeights.deallocate()
    biases.deallocate()
  }

  @inline(__always)
  private func weightIndex(row i: Int, neuron j: Int) -> Int {
    ((j >> 4) * rows + i) * 16 + (j & 15)
  }

  /// Copies a network's parameters in (padding stays zero).
  func load(_ network: Network) {
    weights.update(repeating: 0, count: blocks * rows * 16)
    outputWeights.update(repeating: 0, count: paddedWidth)
    biases.update(repeating: 0, count: paddedWidth)
    for j in 0..<width {
      for i in 0..<dimension { weights[weightIndex(row: i, neuron: j)] = network.W[j * dimension + i] }
      outputWeights[j] = network.a[j]
      biases[j] = network.b[j]
    }
  }

  /// Copies the parameters out into `network` (same shape).
  func store(into network: inout Network) {
    for j in 0..<width {
      for i in 0..<dimension { network.W[j * dimension + i] = weights[weightIndex(row: i, neuron: j)] }
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
    fork { part in self.pass(self.parts[part], step: step, backward: backward, needLoss: needLoss) }
    return (parts[0].lossSum + parts[1].lossSum) / Double(batchSize)
  }

  /// Applies the update with the gradient of the last `forward(step:backward: true)`; the two threads
  /// update disjoint halves of the neuron blocks. Returns whether all updated parameters are finite.
  func update(_ rates: UpdateRates) -> Bool {
    let halfBlocks = (blocks + 1) / 2
    fork { part in
      let range = part == 0 ? 0..<halfBlocks : halfBlocks..<self.blocks
      self.parts[part].finite = self.updateBlocks(range, rates)
    }
    return parts[0].finite && parts[1].finite
  }

  // MARK: The pass over one part

  private func pass(_ part: PartScratch, step: Int, backward: Bool, needLoss: Bool) {
    let G = groups
    let C = chunk
    let invBatch = 1 / Float(batchSize)
    var lossSum = 0.0
    var firstChunk = true
    if backward {
      part.outputGradient.update(repeating: 0, count: paddedWidth)
      part.biasGradient.update(repeating: 0, count: paddedWidth)
    }
    var start = part.sampleRange.lowerBound
    while start < part.sampleRange.upperBound {
      let n = min(C, part.sampleRange.upperBound - start)
      // Draw the chunk. It is word-major (word w of sample s at bits[w·(C + 8) + s]).
      fillChunk(part, start: start, count: n, step: step)
      let wordStride = C + 8
      if backward && blocks == 1 {
        // The single-block gradient scatters by nibble: nibbles[g·C + s] is sample s's group g.
        for w in 0..<words {
          let row = part.bits + w * wordStride
          for q in 0..<min(16, G - (w << 4)) {
            let target = part.nibbles + ((w << 4) + q) * C
            let shift = UInt64(q << 2)
            for s in 0..<n { target[s] = UInt8(truncatingIfNeeded: (row[s] >> shift) & 15) }
          }
        }
      }
      // Forward: hidden[jb][s] = b + Σ_g T_g[nibble_g(s)]; f accumulates 16 lanes per sample over blocks.
      let outputs = part.outputs
      for jb in 0..<blocks {
        let hidden = part.hidden + jb * C * 16
        let bias = load16(biases + jb * 16)
        for s in 0..<n { store16(bias, hidden + s * 16) }
        let blockWeights = weights + jb * rows * 16
        let table = part.table
        // Builds the tables of `count` groups from g, and returns the word row and shift of group g.
        @inline(__always) func tables(_ g: Int, _ count: Int) -> (UnsafeMutablePointer<UInt64>, UInt64) {
          for q in 0..<count {
            buildTableGroup(
              weights: blockWeights + 64 * (g + q), weightStride: 16, table: table + 256 * q, tableStride: 16)
          }
          return (part.bits + (g >> 4) * wordStride, UInt64((g & 15) << 2))
        }
        var g = 0
        // Eight groups (half of a sample's word) per sweep: eight 1 KB tables, one read-modify-write of h
        // per sample. The row offsets come from the word itself, which spares the load ports. The sum
        // keeps the order h + (T0 + T1 + T2 + T3) + (T4 + … + T7) of the four-group sweeps that follow.
        while g + 8 <= G {
          let (row, shift) = tables(g, 8)
          for s in 0..<n {
            let x = Int(truncatingIfNeeded: row[s] >> shift)
            let h = hidden + s * 16
            store16((load16(h) + fourRows(table, x)) + fourRows(table + 1024, x >> 16), h)
          }
          g += 8
        }
        while g + 4 <= G {
          let (row, shift) = tables(g, 4)
          for s in 0..<n {
            let h = hidden + s * 16
            store16(load16(h) + fourRows(table, Int(truncatingIfNeeded: row[s] >> shift)), h)
          }
          g += 4
        }
        while g < G {
          let (row, shift) = tables(g, 1)
          for s in 0..<n {
            let h = hidden + s * 16
            store16(load16(h) + load16(table + ((Int(truncatingIfNeeded: row[s] >> shift) & 15) << 4)), h)
          }
          g += 1
        }
        let a = load16(outputWeights + jb * 16)
        for s in 0..<n {
          let pre = load16(hidden + s * 16)
          var f = jb == 0 ? Vec16() : load16(outputs + s * 16)
          f.addProduct(a, pre.replacing(with: 0, where: pre .< 0))
          store16(f, outputs + s * 16)
        }
      }
      for s in 0..<n {
        let y = part.labels[s]
        let z = y * scale * load16(outputs + s * 16).sum()
        if needLoss { lossSum += Double(loss.valueAndDerivative(z).value) }
        part.coefficients[s] = loss.derivative(z) * y * scale * invBatch
      }
      if backward {
        // One block (width ≤ 16) cannot amortise the patterns: it keeps the bucket scatter.
        if blocks > 1 { buildPatterns(part, count: n) }
        for jb in 0..<blocks {
          let hidden = part.hidden + jb * C * 16
          let a = load16(outputWeights + jb * 16)
          var ga = Vec16()
          var gb = Vec16()
          for s in 0..<n {
            let pre = load16(hidden + s * 16)
            let coefficient = part.coefficients[s]
            let active = pre .> 0
            let delta = Vec16().replacing(with: coefficient * a, where: active)
            store16(delta, part.deltas + s * 16)
            ga += coefficient * pre.replacing(with: 0, where: .!active)
            gb += delta
          }
          store16(load16(part.outputGradient + jb * 16) + ga, part.outputGradient + jb * 16)
          store16(load16(part.biasGradient + jb * 16) + gb, part.biasGradient + jb * 16)
          if blocks == 1 {
            accumulateBuckets(part, block: jb, count: n, accumulate: !firstChunk)
          } else {
            accumulateQuadTables(part, block: jb, count: n, accumulate: !firstChunk)
          }
        }
      }
      firstChunk = false
      start += n
    }
    if backward && part.sampleRange.isEmpty {
      part.weightGradient.update(repeating: 0, count: blocks * rows * 16)
    }
    part.lossSum = lossSum
  }

  /// Adds block `jb`'s Σ_s δ_s·x_s for the chunk to its gradient (or stores it for the first chunk) by
  /// scattering δ into 16 buckets per group, which `reduceBucketGroup` expands.
  private func accumulateBuckets(_ part: PartScratch, block jb: Int, count n: Int, accumulate: Bool) {
    let G = groups
    let C = chunk
    let gradient = part.weightGradient + jb * rows * 16
    let buckets = part.buckets
    var g = 0
    while g + 4 <= G {
      let n0 = part.nibbles + g * C
      let n1 = n0 + C
      let n2 = n1 + C
      let n3 = n2 + C
      for s in 0..<n {
        let delta = load16(part.deltas + s * 16)
        let r0 = buckets + (Int(n0[s]) << 4)
        store16(load16(r0) + delta, r0)
        let r1 = buckets + 256 + (Int(n1[s]) << 4)
        store16(load16(r1) + delta, r1)
        let r2 = buckets + 512 + (Int(n2[s]) << 4)
        store16(load16(r2) + delta, r2)
        let r3 = buckets + 768 + (Int(n3[s]) << 4)
        store16(load16(r3) + delta, r3)
      }
      for q in 0..<4 {
        reduceBucketGroup(
          buckets: buckets + 256 * q, bucketStride: 16, gradient: gradient + 64 * (g + q),
          gradientStride: 16, accumulate: accumulate)
      }
      g += 4
    }
    while g < G {
      let nibbles = part.nibbles + g * C
      for s in 0..<n {
        let row = buckets + (Int(nibbles[s]) << 4)
        store16(load16(row) + load16(part.deltas + s * 16), row)
      }
      reduceBucketGroup(
        buckets: buckets, bucketStride: 16, gradient: gradient + 64 * g, gradientStride: 16,
        accumulate: accumulate)
      g += 1
    }
  }

  /// Samples per run of quad tables: 16 tables of 1 KB stay in L1 with the patterns they are read by.
  static let quadsPerRun = 16

  /// The transposed signs of each quad of samples: nibble k of patterns[q·P + g] has bit t set where sample
  /// 4q + t has x = +1 at coordinate 4g + k (P = 16·words, groups padded to whole words). Shared by all
  /// neuron blocks.
  private func buildPatterns(_ part: PartScratch, count n: Int) {
    let quads = (n + 3) / 4
    let wordStride = chunk + 8
    let P = words * 16
    for q in 0..<quads {
      for w in 0..<words {
        let row = part.bits + w * wordStride + 4 * q
        let (a, b, c, d) = (row[0], row[1], row[2], row[3])
        let target = UnsafeMutableRawPointer(part.patterns + q * P + w * 16)
        // Four groups at a time: a 4×4 matrix of nibbles (row t = sample t, column = group) is transposed,
        // then each group's 4×4 bit matrix (sample × coordinate), with delta swaps (Hacker's Delight 7-3).
        for quarter in 0..<4 {
          let shift = UInt64(16 * quarter)
          var y =
            ((a &>> shift) & 0xFFFF) | (((b &>> shift) & 0xFFFF) &<< 16)
            | (((c &>> shift) & 0xFFFF) &<< 32) | ((d &>> shift) &<< 48)
          var t = ((y &>> 12) ^ y) & 0x0000_F0F0_0000_F0F0
          y ^= t ^ (t &<< 12)
          t = ((y &>> 24) ^ y) & 0x0000_0000_FF00_FF00
          y ^= t ^ (t &<< 24)
          t = ((y &>> 3) ^ y) & 0x0A0A_0A0A_0A0A_0A0A
          y ^= t ^ (t &<< 3)
          t = ((y &>> 6) ^ y) & 0x00CC_00CC_00CC_00CC
          y ^= t ^ (t &<< 6)
          target.storeBytes(of: y, toByteOffset: 8 * quarter, as: UInt64.self)
        }
      }
    }
  }

  /// Adds block `jb`'s Σ_s δ_s·x_s for the chunk to its gradient (or stores it for the first chunk). Per
  /// quad of samples a 16-row table holds the signed sums Σ_t ±δ_{4q+t}, so each coordinate adds one row
  /// per quad into a register accumulator: no scattered stores.
  private func accumulateQuadTables(_ part: PartScratch, block jb: Int, count n: Int, accumulate: Bool) {
    let P = words * 16
    let quads = (n + 3) / 4
    let deltas = part.deltas
    // Padding samples of the last quad contribute ±0.
    for s in n..<(quads * 4) { store16(Vec16(), deltas + s * 16) }
    let gradient = part.weightGradient + jb * rows * 16
    let tables = part.quadTables
    var q0 = 0
    var add = accumulate
    while q0 < quads {
      let m = min(Engine.quadsPerRun, quads - q0)
      for q in 0..<m {
        buildTableGroup(
          weights: deltas + (q0 + q) * 64, weightStride: 16, table: tables + q * 256, tableStride: 16)
      }
      for g in 0..<groups {
        var s0 = Vec16()
        var s1 = Vec16()
        var s2 = Vec16()
        var s3 = Vec16()
        let pattern = part.patterns + q0 * P + g
        for q in 0..<m {
          // One load gives the four coordinates' rows.
          let table = tables + q * 256
          let p = Int(pattern[q * P])
          s0 += load16(table + ((p << 4) & 0xF0))
          s1 += load16(table + (p & 0xF0))
          s2 += load16(table + ((p >> 4) & 0xF0))
          s3 += load16(table + ((p >> 8) & 0xF0))
        }
        let target = gradient + 64 * g
        if add {
          store16(load16(target) + s0, target)
          store16(load16(target + 16) + s1, target + 16)
          store16(load16(target + 32) + s2, target + 32)
          store16(load16(target + 48) + s3, target + 48)
        } else {
          store16(s0, target)
          store16(s1, target + 16)
          store16(s2, target + 32)
          store16(s3, target + 48)
        }
      }
      add = true
      q0 += m
    }
  }

  private func updateBlocks(_ range: Range<Int>, _ rates: UpdateRates) -> Bool {
    var check = Vec16()
    let g0 = parts[0].weightGradient
    let g1 = parts[1].weightGradient
    for jb in range {
      if rates.first != 0 {
        for i in 0..<dimension {
          let offset = (jb * rows + i) * 16
          let updated = rates.apply(
            load16(weights + offset), load16(g0 + offset) + load16(g1 + offset), rate: rates.first)
          store16(updated, weights + offset)
          check += updated
        }
      }
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

  // MARK: Samples

  /// Draws (or copies) samples start..<start+count of the current step's batch into the part's chunk.
  private func fillChunk(_ part: PartScratch, start: Int, count: Int, step: Int) {
    switch source {
    case .online(let generator, let random):
      generator.extraWords(
        first: start, count: count, random: random, sequence: UInt64(step), flips: part.flipWords,
        noises: part.noiseWords)
      var first = 0
      while first < count {
        let n = min(8, count - first)
        generator.generateGroup(
          into: part.bits + first, labels: part.labels + first, count: n,
          firstItem: UInt32(truncatingIfNeeded: start + first), random: random, sequence: UInt64(step),
          extras: (UnsafePointer(part.flipWords + first), UnsafePointer(part.noiseWords + first)),
          wordStride: chunk + 8)
        first += n
      }
    case .finite(let set, let indices):
      set.bits.withUnsafeBufferPointer { all in
        for k in 0..<count {
          let index = indices[start + k]
          for w in 0..<words { part.bits[w * (chunk + 8) + k] = all[index * words + w] }
          part.labels[k] = set.labels[index]
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

/// Scratch owned by one part of the batch (never shared between threads).
final class PartScratch {
  let sampleRange: Range<Int>
  /// The chunk's packed samples (word-major, `words × (chunk + 8)`), labels, transposed nibbles
  /// (groups × chunk, for a single block only) and per-sample values.
  let bits: UnsafeMutablePointer<UInt64>
  let labels: UnsafeMutablePointer<Float>
  let nibbles: UnsafeMutablePointer<UInt8>
  let coefficients: UnsafeMutablePointer<Float>
  /// The chunk's spurious-flip and label-noise words.
  let flipWords: UnsafeMutablePointer<UInt32>
  let noiseWords: UnsafeMutablePointer<UInt32>
  /// Hidden pre-activations, block-major: blocks × chunk × 16.
  let hidden: UnsafeMutablePointer<Float>
  /// f's 16 lanes per sample, and one block's δ per sample (chunk × 16 each).
  let outputs: UnsafeMutablePointer<Float>
  let deltas: UnsafeMutablePointer<Float>
  /// Eight groups' tables and four groups' buckets (16 rows × 16 lanes per group).
  let table: UnsafeMutablePointer<Float>
  let buckets: UnsafeMutablePointer<Float>
  /// The chunk's quad sign patterns (see `Engine.buildPatterns`) and a run's quad tables.
  let patterns: UnsafeMutablePointer<UInt16>
  let quadTables: UnsafeMutablePointer<Float>
  /// This part's gradients (weights block-major like `Engine.weights`).
  let weightGradient: UnsafeMutablePointer<Float>
  let outputGradient: UnsafeMutablePointer<Float>
  let biasGradient: UnsafeMutablePointer<Float>
  var lossSum = 0.0
  var finite = true

  init(sampleRange: Range<Int>, chunk: Int, groups: Int, rows: Int, words: Int, blocks: Int) {
    self.sampleRange = sampleRange
    bits = .allocate(capacity: (chunk + 8) * words)
    bits.initialize(repeating: 0, count: (chunk + 8) * words)
    labels = allocateFloats(chunk)
    // Only the single-block scatter reads transposed nibbles.
    let nibbleCount = blocks == 1 ? groups * chunk : 1
    nibbles = .allocate(capacity: nibbleCount)
    nibbles.initialize(repeating: 0, count: nibbleCount)
    coefficients = allocateFloats(chunk)
    flipWords = .allocate(capacity: chunk + 8)
    flipWords.initialize(repeating: 0, count: chunk + 8)
    noiseWords = .allocate(capacity: chunk + 8)
    noiseWords.initialize(repeating: 0, count: chunk + 8)
    hidden = allocateFloats(blocks * chunk * 16)
    outputs = allocateFloats(chunk * 16)
    deltas = allocateFloats((chunk + 3) / 4 * 64)
    table = allocateFloats(2048)
    buckets = allocateFloats(1024)
    let quads = (chunk + 3) / 4
    patterns = .allocate(capacity: words * 16 * quads)
    patterns.initialize(repeating: 0, count: words * 16 * quads)
    quadTables = allocateFloats(Engine.quadsPerRun * 256)
    weightGradient = allocateFloats(blocks * rows * 16)
    outputGradient = allocateFloats(blocks * 16)
    biasGradient = allocateFloats(blocks * 16)
  }

  deinit {
    bits.deallocate()
    labels.deallocate()
    nibbles.deallocate()
    coefficients.deallocate()
    flipWords.deallocate()
    noiseWords.deallocate()
    hidden.deallocate()
    outputs.deallocate()
    deltas.deallocate()
    table.deallocate()
    buckets.deallocate()
    patterns.deallocate()
    quadTables.deallocate()
    weightGradient.deallocate()
    outputGradient.deallocate()
    biasGradient.deallocate()
  }
}
