/// Draws samples as packed sign bits: bit i of a sample's words is 1 exactly when x_{i+1} = +1.
/// Each sample is a pure function of (key, sequence, item), so batches can be generated in parallel and
/// regenerated later. The random words of sample `item` in `sequence` (a step, or a set index):
/// - coordinates: ⌈d/32⌉ words from the Philox blocks (sequence, item, block b), b = 0, 1, …
///   (rejection attempt r of a conditioned test set uses blocks r·⌈d/128⌉ + b);
/// - the spurious flip: word item mod 4 of block (sequence, ⌊item/4⌋, 0xFFFFFFFE);
/// - the label noise: word item mod 4 of block (sequence, ⌊item/4⌋, 0xFFFFFFFD).
struct SampleGenerator: Sendable {
  /// A condition on the sample's group, for test sets of one group.
  enum Condition: Sendable, Equatable {
    /// Spurious feature agrees (majority) or disagrees (minority) with y.
    case agreement(Bool)
    /// A cell: y's sign and agreement.
    case cell(yPositive: Bool, agree: Bool)
  }

  static let flipBlock: UInt32 = 0xFFFF_FFFE
  static let noiseBlock: UInt32 = 0xFFFF_FFFD

  let dimension: Int
  let words: Int
  let coordinateWords: Int
  let coordinateBlocks: Int
  let signal: CompiledSignal
  /// 0-based spurious coordinates (empty: none).
  let spurious: [Int]
  /// The 0-based spurious coordinate of a single-coordinate feature, or −1.
  let spuriousCoordinate: Int
  let hasSpurious: Bool
  /// Flip iff a uniform 32-bit word is below this threshold (λ·2³², rounded).
  let flipThreshold: UInt64
  let noiseThreshold: UInt64
  let noiseBeforeSpurious: Bool
  let tailMask: UInt64

  /// A generator for `spec` with the spurious flip probability `flip` (defaults to the spec's λ) and
  /// label noise switched on or off (test sets are clean).
  init(spec: DataSpec, flip: Double? = nil, withLabelNoise: Bool = true) {
    dimension = spec.dimension
    words = (spec.dimension + 63) / 64
    coordinateWords = (spec.dimension + 31) / 32
    coordinateBlocks = (coordinateWords + 3) / 4
    signal = CompiledSignal(spec.signal)
    spurious = spec.spuriousCoordinates.map { $0 - 1 }
    hasSpurious = !spurious.isEmpty
    if case .coordinate(let k, _) = spec.spurious {
      spuriousCoordinate = k - 1
    } else {
      spuriousCoordinate = -1
    }
    flipThreshold = probabilityThreshold(flip ?? spec.spuriousFlip)
    switch spec.labelNoise {
    case .flip(let rate, let order) where withLabelNoise:
      noiseThreshold = probabilityThreshold(rate)
      noiseBeforeSpurious = order == .beforeSpurious
    default:
      noiseThreshold = 0
      noiseBeforeSpurious = false
    }
    let rem = spec.dimension % 64
    tailMask = rem == 0 ? ~0 : (UInt64(1) << UInt64(rem)) - 1
  }

  /// Writes sample `item` of `sequence` into `bits` (`words` words) and returns (y, cell index).
  func generate(
    into bits: UnsafeMutablePointer<UInt64>, random: CounterRandom, sequence: UInt64, item: UInt32,
    condition: Condition? = nil
  ) -> (y: Float, cell: UInt8) {
    var attempt: UInt32 = 0
    while true {
      fillCoordinates(bits, random: random, sequence: sequence, item: item, attempt: attempt)
      if case .cell(let wanted, _) = condition, signal.label(bits) != wanted, attempt < 200 {
        attempt += 1  // the labels are balanced: each attempt succeeds with probability ½
        continue
      }
      let extras = UInt32(item & 3)
      let flipWord =
        condition == nil
        ? random.block(sequence: sequence, item: item >> 2, block: Self.flipBlock)[Int(extras)] : 0
      let noiseWord =
        noiseThreshold == 0
        ? 0 : random.block(sequence: sequence, item: item >> 2, block: Self.noiseBlock)[Int(extras)]
      return finish(bits, flipWord: flipWord, noiseWord: noiseWord, condition: condition)
    }
  }

  /// Writes `count` (1...8) consecutive training samples starting at `firstItem` and their labels; eight
  /// Philox blocks per vector call. Word w of sample k goes to `bits[k·words + w]`, or with
  /// `wordStride` set (the engine's word-major chunks) to `bits[w·wordStride + k]`. `extras`, when given,
  /// are the samples' flip and noise words from `extraWords`, eight readable words each.
  @inline(__always)
  func generateGroup(
    into bits: UnsafeMutablePointer<UInt64>, labels: UnsafeMutablePointer<Float>,
    cells: UnsafeMutablePointer<UInt8>? = nil, count: Int, firstItem: UInt32, random: CounterRandom,
    sequence: UInt64, extras: (flips: UnsafePointer<UInt32>, noises: UnsafePointer<UInt32>)? = nil,
    wordStride: Int? = nil
  ) {
    let items = SIMD8<UInt64>(repeating: UInt64(firstItem)) &+ SIMD8(0, 1, 2, 3, 4, 5, 6, 7)
    let low = SIMD8<UInt64>(repeating: sequence & 0xFFFF_FFFF)
    let high = SIMD8<UInt64>(repeating: sequence >> 32)
    for b in 0..<coordinateBlocks {
      let (x0, x1, x2, x3) = Philox4x32.blocks8(
        SIMD8(repeating: UInt64(b)), items, low, high, key: random.key)
      let w = 2 * b
      let even = x0 | (x1 &<< 32)
      let odd = x2 | (x3 &<< 32)
      if let stride = wordStride {
        // Word-major: the eight samples' word w are contiguous (the chunk has room for eight).
        UnsafeMutableRawPointer(bits + w * stride).storeBytes(of: even, as: SIMD8<UInt64>.self)
        if w + 1 < words {
          UnsafeMutableRawPointer(bits + (w + 1) * stride).storeBytes(of: odd, as: SIMD8<UInt64>.self)
        }
      } else {
        for k in 0..<count {
          let sample = bits + k * words
          sample[w] = even[k]
          if w + 1 < words { sample[w + 1] = odd[k] }
        }
      }
    }
    var flipWords = SIMD8<UInt32>()
    var noiseWords = SIMD8<UInt32>()
    if let extras {
      // The engine's path: the words were drawn 32 samples at a time by `extraWords` (with room for eight).
      if let wordStride, cells == nil,
        finishPairs(bits, labels: labels, count: count, stride: wordStride, extras: extras)
      {
        return
      }
      flipWords = UnsafeRawPointer(extras.flips).loadUnaligned(as: SIMD8<UInt32>.self)
      noiseWords = UnsafeRawPointer(extras.noises).loadUnaligned(as: SIMD8<UInt32>.self)
    } else {
      // Extras: words item mod 4 of blocks ⌊item/4⌋; the eight samples span at most three such blocks.
      let firstQuad = firstItem >> 2
      for q in 0..<3 {
        let quad = firstQuad &+ UInt32(q)
        let flips =
          hasSpurious ? random.block(sequence: sequence, item: quad, block: Self.flipBlock) : SIMD4()
        let noises =
          noiseThreshold == 0
          ? SIMD4() : random.block(sequence: sequence, item: quad, block: Self.noiseBlock)
        for lane in 0..<4 {
          let k = Int(quad &* 4 &+ UInt32(lane)) - Int(firstItem)
          if k >= 0 && k < 8 {
            flipWords[k] = flips[lane]
            noiseWords[k] = noises[lane]
          }
        }
      }
    }
    let sampleStride = wordStride == nil ? words : 1
    let stride = wordStride ?? 1
    for k in 0..<count {
      let sample = bits + k * sampleStride
      sample[(words - 1) * stride] &= tailMask
      let (y, cell) = finish(
        sample, wordStride: stride, flipWord: flipWords[k], noiseWord: noiseWords[k], condition: nil)
      labels[k] = y
      cells?[k] = cell
    }
  }

  /// `finish` for eight word-major samples at once, for the common model: an xor (pair) label and a single
  /// spurious coordinate or none. The same bits as eight scalar `finish` calls; returns false (nothing
  /// done) for other signals and block spurious features. Lanes at and beyond `count` are scratch.
  @inline(__always)
  private func finishPairs(
    _ bits: UnsafeMutablePointer<UInt64>, labels: UnsafeMutablePointer<Float>, count: Int, stride: Int,
    extras: (flips: UnsafePointer<UInt32>, noises: UnsafePointer<UInt32>)
  ) -> Bool {
    guard case .pair(let i, let j, let positiveWhenEqual) = signal, !hasSpurious || spuriousCoordinate >= 0
    else { return false }
    typealias Words = SIMD8<UInt64>
    @inline(__always) func load(_ w: Int) -> Words {
      UnsafeRawPointer(bits + w * stride).loadUnaligned(as: Words.self)
    }
    @inline(__always) func store(_ v: Words, _ w: Int) {
      UnsafeMutableRawPointer(bits + w * stride).storeBytes(of: v, as: Words.self)
    }
    let zero = Words()
    let one = Words(repeating: 1)
    store(load(words - 1) & Words(repeating: tailMask), words - 1)
    // y = 1 where y = +1.
    var y = ((load(i >> 6) &>> UInt64(i & 63)) ^ (load(j >> 6) &>> UInt64(j & 63))) & one
    if positiveWhenEqual { y ^= one }
    let noises = Words(
      truncatingIfNeeded: UnsafeRawPointer(extras.noises).loadUnaligned(as: SIMD8<UInt32>.self))
    let noise = zero.replacing(with: one, where: noises .< Words(repeating: noiseThreshold))
    if noiseBeforeSpurious { y ^= noise }
    if hasSpurious {
      let flips = Words(
        truncatingIfNeeded: UnsafeRawPointer(extras.flips).loadUnaligned(as: SIMD8<UInt32>.self))
      let agree = zero.replacing(with: one, where: flips .>= Words(repeating: flipThreshold))
      let k = spuriousCoordinate
      let positive = one ^ y ^ agree
      let w = k >> 6
      store((load(w) & Words(repeating: ~(UInt64(1) << UInt64(k & 63)))) | (positive &<< UInt64(k & 63)), w)
    }
    if !noiseBeforeSpurious { y ^= noise }
    let signs = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: y &* 2)) - 1
    for k in 0..<count { labels[k] = signs[k] }
    return true
  }

  /// The flip and noise words of items first..<first+count (zeros where unused), eight Philox blocks
  /// (32 items) per vector call; `flips` and `noises` need room for count + 8 words.
  func extraWords(
    first: Int, count: Int, random: CounterRandom, sequence: UInt64, flips: UnsafeMutablePointer<UInt32>,
    noises: UnsafeMutablePointer<UInt32>
  ) {
    for (block, target, used) in [
      (Self.flipBlock, flips, hasSpurious), (Self.noiseBlock, noises, noiseThreshold != 0),
    ] {
      guard used else {
        target.update(repeating: 0, count: count)
        continue
      }
      let firstQuad = first >> 2
      let lastQuad = (first + count - 1) >> 2
      var quad = firstQuad
      while quad <= lastQuad {
        let quads = SIMD8<UInt64>(repeating: UInt64(quad)) &+ SIMD8(0, 1, 2, 3, 4, 5, 6, 7)
        let (x0, x1, x2, x3) = Philox4x32.blocks8(
          SIMD8(repeating: UInt64(block)), quads, SIMD8(repeating: sequence & 0xFFFF_FFFF),
          SIMD8(repeating: sequence >> 32), key: random.key)
        for lane in 0..<8 where quad + lane <= lastQuad {
          let base = (quad + lane) * 4 - first
          if base >= 0 && base + 4 <= count {
            target[base] = UInt32(truncatingIfNeeded: x0[lane])
            target[base + 1] = UInt32(truncatingIfNeeded: x1[lane])
            target[base + 2] = UInt32(truncatingIfNeeded: x2[lane])
            target[base + 3] = UInt32(truncatingIfNeeded: x3[lane])
            continue
          }
          let words = SIMD4(x0[lane], x1[lane], x2[lane], x3[lane])
          for w in 0..<4 {
            let k = (quad + lane) * 4 + w - first
            if k >= 0 && k < count { target[k] = UInt32(truncatingIfNeeded: words[w]) }
          }
        }
        quad += 8
      }
    }
  }

  /// Applies the label, label noise and spurious feature to a sample whose coordinates are drawn.
  @inline(__always)
  private func finish(
    _ bits: UnsafeMutablePointer<UInt64>, wordStride: Int = 1, flipWord: UInt32, noiseWord: UInt32,
    condition: Condition?
  ) -> (y: Float, cell: UInt8) {
    var yPositive = signal.label(bits, wordStride: wordStride)
    if noiseBeforeSpurious && UInt64(noiseWord) < noiseThreshold { yPositive.toggle() }
    var agree: Bool
    switch condition {
    case .none: agree = UInt64(flipWord) >= flipThreshold
    case .agreement(let a): agree = a
    case .cell(_, let a): agree = a
    }
    if hasSpurious {
      setSpurious(bits, positive: yPositive == agree, wordStride: wordStride)
    } else {
      agree = true
    }
    let spuriousPositive = yPositive == agree
    if !noiseBeforeSpurious && UInt64(noiseWord) < noiseThreshold { yPositive.toggle() }
    return (yPositive ? 1 : -1, Group.cellIndex(yPositive: yPositive, spuriousPositive: spuriousPositive))
  }

  /// Fills the coordinate bits of one sample (scalar path, same words as `generateGroup`).
  private func fillCoordinates(
    _ bits: UnsafeMutablePointer<UInt64>, random: CounterRandom, sequence: UInt64, item: UInt32,
    attempt: UInt32
  ) {
    let base = attempt &* UInt32(coordinateBlocks)
    for b in 0..<coordinateBlocks {
      let r = random.block(sequence: sequence, item: item, block: base &+ UInt32(b))
      let w = 2 * b
      bits[w] = UInt64(r[0]) | (UInt64(r[1]) << 32)
      if w + 1 < words { bits[w + 1] = UInt64(r[2]) | (UInt64(r[3]) << 32) }
    }
    bits[words - 1] &= tailMask
  }

  /// Sets the spurious coordinate to `positive`, or makes the block's parity `positive` by flipping
  /// its first coordinate when needed (the block stays uniform given its parity).
  @inline(__always)
  private func setSpurious(_ bits: UnsafeMutablePointer<UInt64>, positive: Bool, wordStride: Int) {
    if spuriousCoordinate >= 0 {
      let k = spuriousCoordinate
      let mask = UInt64(1) << UInt64(k & 63)
      let w = (k >> 6) * wordStride
      if positive { bits[w] |= mask } else { bits[w] &= ~mask }
    } else {
      var negatives = 0
      for k in spurious where !coordinateIsPositive(bits, k, wordStride: wordStride) { negatives += 1 }
      let parityPositive = negatives & 1 == 0
      if parityPositive != positive {
        let k = spurious[0]
        bits[(k >> 6) * wordStride] ^= UInt64(1) << UInt64(k & 63)
      }
    }
  }
}

/// The probability p as a threshold on a uniform 32-bit word (exact to 2⁻³²).
func probabilityThreshold(_ p: Double) -> UInt64 {
  UInt64((min(max(p, 0), 1) * 4_294_967_296).rounded())
}

/// The sign of coordinate `k` (0-based) of a packed sample.
@inline(__always)
func coordinateIsPositive(_ bits: UnsafePointer<UInt64>, _ k: Int, wordStride: Int = 1) -> Bool {
  bits[(k >> 6) * wordStride] & (UInt64(1) << UInt64(k & 63)) != 0
}

/// A label function over packed bits, with 0-based coordinates.
enum CompiledSignal: Sendable {
  case pair(Int, Int, positiveWhenEqual: Bool)
  case parity([Int])
  case staircase([Int])
  case majority([Int])

  init(_ signal: Signal) {
    switch signal {
    case .xor(let i, let j, let sign): self = .pair(i - 1, j - 1, positiveWhenEqual: sign > 0)
    case .parity(let s): self = .parity(s.map { $0 - 1 })
    case .staircase(let s): self = .staircase(s.map { $0 - 1 })
    case .majority(let s): self = .majority(s.map { $0 - 1 })
    }
  }

  /// Whether y(x) = +1.
  @inline(__always)
  func label(_ bits: UnsafePointer<UInt64>, wordStride stride: Int = 1) -> Bool {
    switch self {
    case .pair(let i, let j, let positiveWhenEqual):
      return
        (coordinateIsPositive(bits, i, wordStride: stride)
        == coordinateIsPositive(bits, j, wordStride: stride)) == positiveWhenEqual
    case .parity(let s):
      var negatives = 0
      for k in s where !coordinateIsPositive(bits, k, wordStride: stride) { negatives += 1 }
      return negatives & 1 == 0
    case .staircase(let s):
      var product = 1
      var sum = 0
      for k in s {
        product *= coordinateIsPositive(bits, k, wordStride: stride) ? 1 : -1
        sum += product
      }
      return sum == 0 ? coordinateIsPositive(bits, s[0], wordStride: stride) : sum > 0
    case .majority(let s):
      var sum = 0
      for k in s { sum += coordinateIsPositive(bits, k, wordStride: stride) ? 1 : -1 }
      return sum == 0 ? coordinateIsPositive(bits, s[0], wordStride: stride) : sum > 0
    }
  }
}
