/// Draws samples as packed sign bits: bit i of a sample's words is 1 exactly when x_{i+1} = +1.
/// Each sample is a pure function of (key, sequence, item), so batches can be generated in parallel and
/// regenerated later. Layout of a sample's random words: ⌈d/32⌉ coordinate words, then one word for the
/// spurious flip and one for the label noise; rejection attempts (conditioned test sets) use fresh blocks.
struct SampleGenerator: Sendable {
  /// A condition on the sample's group, for test sets of one group.
  enum Condition: Sendable, Equatable {
    /// Spurious feature agrees (majority) or disagrees (minority) with y.
    case agreement(Bool)
    /// A cell: y's sign and agreement.
    case cell(yPositive: Bool, agree: Bool)
  }

  let dimension: Int
  let words: Int
  let coordinateWords: Int
  let blocksPerAttempt: Int
  let signal: CompiledSignal
  /// 0-based spurious coordinates (empty: none).
  let spurious: [Int]
  let spuriousIsBlock: Bool
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
    blocksPerAttempt = (coordinateWords + 2 + 3) / 4
    signal = CompiledSignal(spec.signal)
    spurious = spec.spuriousCoordinates.map { $0 - 1 }
    if case .block = spec.spurious { spuriousIsBlock = true } else { spuriousIsBlock = false }
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
  @inline(__always)
  func generate(
    into bits: UnsafeMutablePointer<UInt64>, random: CounterRandom, sequence: UInt64, item: UInt32,
    condition: Condition? = nil
  ) -> (y: Float, cell: UInt8) {
    var attempt: UInt32 = 0
    while true {
      let (flipWord, noiseWord) = fillCoordinates(
        bits, random: random, sequence: sequence, item: item, attempt: attempt)
      var yPositive = signal.label(bits)
      if case .cell(let wanted, _) = condition, yPositive != wanted, attempt < 200 {
        attempt += 1  // the labels are balanced: each attempt succeeds with probability ½
        continue
      }
      if noiseBeforeSpurious && UInt64(noiseWord) < noiseThreshold { yPositive.toggle() }
      var agree: Bool
      switch condition {
      case .none: agree = UInt64(flipWord) >= flipThreshold
      case .agreement(let a): agree = a
      case .cell(_, let a): agree = a
      }
      if !spurious.isEmpty {
        setSpurious(bits, positive: yPositive == agree)
      } else {
        agree = true
      }
      let spuriousPositive = yPositive == agree
      if !noiseBeforeSpurious && UInt64(noiseWord) < noiseThreshold { yPositive.toggle() }
      return (
        yPositive ? 1 : -1, Group.cellIndex(yPositive: yPositive, spuriousPositive: spuriousPositive)
      )
    }
  }

  /// Fills the coordinate bits and returns the two extra uniform words (flip, noise).
  @inline(__always)
  private func fillCoordinates(
    _ bits: UnsafeMutablePointer<UInt64>, random: CounterRandom, sequence: UInt64, item: UInt32,
    attempt: UInt32
  ) -> (UInt32, UInt32) {
    var flipWord: UInt32 = 0
    var noiseWord: UInt32 = 0
    var w = 0  // 32-bit word index within the sample
    let base = attempt &* UInt32(blocksPerAttempt)
    for blockIndex in 0..<blocksPerAttempt {
      let r = random.block(sequence: sequence, item: item, block: base &+ UInt32(blockIndex))
      for lane in 0..<4 {
        let word = r[lane]
        if w < coordinateWords {
          let half = UInt64(word)
          if w & 1 == 0 {
            bits[w >> 1] = half
          } else {
            bits[w >> 1] |= half << 32
          }
        } else if w == coordinateWords {
          flipWord = word
        } else if w == coordinateWords + 1 {
          noiseWord = word
        }
        w += 1
      }
    }
    bits[words - 1] &= tailMask
    return (flipWord, noiseWord)
  }

  /// Sets the spurious coordinate to `positive`, or makes the block's parity `positive` by flipping
  /// its first coordinate when needed (the block stays uniform given its parity).
  @inline(__always)
  private func setSpurious(_ bits: UnsafeMutablePointer<UInt64>, positive: Bool) {
    if !spuriousIsBlock {
      let k = spurious[0]
      let mask = UInt64(1) << UInt64(k & 63)
      if positive { bits[k >> 6] |= mask } else { bits[k >> 6] &= ~mask }
    } else {
      var negatives = 0
      for k in spurious where bits[k >> 6] & (UInt64(1) << UInt64(k & 63)) == 0 { negatives += 1 }
      let parityPositive = negatives & 1 == 0
      if parityPositive != positive {
        let k = spurious[0]
        bits[k >> 6] ^= UInt64(1) << UInt64(k & 63)
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
func coordinateIsPositive(_ bits: UnsafePointer<UInt64>, _ k: Int) -> Bool {
  bits[k >> 6] & (UInt64(1) << UInt64(k & 63)) != 0
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
  func label(_ bits: UnsafePointer<UInt64>) -> Bool {
    switch self {
    case .pair(let i, let j, let positiveWhenEqual):
      return (coordinateIsPositive(bits, i) == coordinateIsPositive(bits, j)) == positiveWhenEqual
    case .parity(let s):
      var negatives = 0
      for k in s where !coordinateIsPositive(bits, k) { negatives += 1 }
      return negatives & 1 == 0
    case .staircase(let s):
      var product = 1
      var sum = 0
      for k in s {
        product *= coordinateIsPositive(bits, k) ? 1 : -1
        sum += product
      }
      return sum == 0 ? coordinateIsPositive(bits, s[0]) : sum > 0
    case .majority(let s):
      var sum = 0
      for k in s { sum += coordinateIsPositive(bits, k) ? 1 : -1 }
      return sum == 0 ? coordinateIsPositive(bits, s[0]) : sum > 0
    }
  }
}
