#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a counter-based
/// generator whose output is a pure function of (key, counter). Any batch of any step can be generated on
/// any thread, in any order, and always gives the same bits.
public enum Philox4x32 {
  @usableFromInline static let multiplier0: UInt32 = 0xD251_1F53
  @usableFromInline static let multiplier1: UInt32 = 0xCD9E_8D57
  @usableFromInline static let weyl0: UInt32 = 0x9E37_79B9
  @usableFromInline static let weyl1: UInt32 = 0xBB67_AE85

  /// The 128-bit output block for `counter` under `key` (ten rounds, as in Random123).
  @inlinable @inline(__always)
  public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
    var c0 = counter.x, c1 = counter.y, c2 = counter.z, c3 = counter.w
    var k0 = key.x, k1 = key.y
    for _ in 0..<10 {
      let p0 = UInt64(multiplier0) &* UInt64(c0)
      let p1 = UInt64(multiplier1) &* UInt64(c2)
      let next0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0
      let next2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1
      c1 = UInt32(truncatingIfNeeded: p1)
      c3 = UInt32(truncatingIfNeeded: p0)
      c0 = next0
      c2 = next2
      k0 &+= weyl0
      k1 &+= weyl1
    }
    return SIMD4(c0, c1, c2, c3)
  }
}

extension Philox4x32 {
  /// Eight blocks at once, one per lane, bit-identical to eight calls of `block`. Every word lives in
  /// the low half of a 64-bit lane, so the 32×32→64 products need no lane conversions.
  @inlinable @inline(__always)
  public static func blocks8(
    _ counter0: SIMD8<UInt64>, _ counter1: SIMD8<UInt64>, _ counter2: SIMD8<UInt64>,
    _ counter3: SIMD8<UInt64>, key: SIMD2<UInt32>
  ) -> (SIMD8<UInt64>, SIMD8<UInt64>, SIMD8<UInt64>, SIMD8<UInt64>) {
    var c0 = counter0
    var c1 = counter1
    var c2 = counter2
    var c3 = counter3
    var k0 = key.x
    var k1 = key.y
    let m0 = SIMD8<UInt64>(repeating: UInt64(multiplier0))
    let m1 = SIMD8<UInt64>(repeating: UInt64(multiplier1))
    let low = SIMD8<UInt64>(repeating: 0xFFFF_FFFF)
    for _ in 0..<10 {
      // Masking tells LLVM both factors fit in 32 bits: one vpmuludq instead of a 64-bit multiply.
      let p0 = (c0 & low) &* m0
      let p1 = (c2 & low) &* m1
      let next0 = (p1 &>> 32) ^ c1 ^ SIMD8(repeating: UInt64(k0))
      let next2 = (p0 &>> 32) ^ c3 ^ SIMD8(repeating: UInt64(k1))
      c1 = p1 & low
      c3 = p0 & low
      c0 = next0
      c2 = next2
      k0 &+= weyl0
      k1 &+= weyl1
    }
    return (c0, c1, c2, c3)
  }
}

/// The independent random streams of an experiment. Each has its own Philox key derived from the seed,
/// so drawing more test data or adding a probe never changes the training batches.
public enum RandomStream: UInt32, Sendable, CaseIterable {
  /// Network initialisation.
  case initialization = 1
  /// Training batches (online) or the finite training set and its epoch shuffles.
  case trainingData = 2
  /// Test sets.
  case testData = 3
  /// Held-out sets (e.g. for last-layer retraining), separate from test sets.
  case heldOutData = 4
  /// Free for callers outside the core (e.g. a script's own random draws).
  case auxiliary = 5
}

/// A keyed counter-based source: `(seed, stream)` fixes the key; callers address the random words by
/// `(sequence, item, block)`, e.g. (step, sample index, block within the sample).
public struct CounterRandom: Sendable, Hashable {
  /// The Philox key for this (seed, stream).
  public let key: SIMD2<UInt32>

  /// The key for `stream` under `seed`: two SplitMix64 finalisations decorrelate nearby seeds.
  public init(seed: UInt64, stream: RandomStream) {
    let mixed = splitMix64(splitMix64(seed) ^ (UInt64(stream.rawValue) &* 0xD6E8_FEB8_6659_FD93))
    key = SIMD2(UInt32(truncatingIfNeeded: mixed), UInt32(truncatingIfNeeded: mixed >> 32))
  }

  /// Four random 32-bit words at (sequence, item, block). `sequence` may use all 64 bits.
  @inlinable @inline(__always)
  public func block(sequence: UInt64, item: UInt32, block: UInt32) -> SIMD4<UInt32> {
    Philox4x32.block(
      counter: SIMD4(
        block, item, UInt32(truncatingIfNeeded: sequence), UInt32(truncatingIfNeeded: sequence >> 32)),
      key: key)
  }
}

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
@inlinable @inline(__always)
public func splitMix64(_ value: UInt64) -> UInt64 {
  var z = value &+ 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

/// A sequential generator over one (seed, stream, sequence): for code that is not hot and just wants
/// `RandomNumberGenerator` (shuffles, Gaussian init). Deterministic and independent of thread count.
public struct PhiloxGenerator: RandomNumberGenerator, Sendable {
  private let source: CounterRandom
  private let sequence: UInt64
  private var counter: UInt64 = 0
  private var buffer = SIMD4<UInt32>()
  private var used = 4

  /// A generator for `(seed, stream)` at `sequence` (e.g. a step, or a set index).
  public init(seed: UInt64, stream: RandomStream, sequence: UInt64 = 0) {
    source = CounterRandom(seed: seed, stream: stream)
    self.sequence = sequence
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    if used >= 4 {
      buffer = source.block(
        sequence: sequence, item: UInt32(truncatingIfNeeded: counter >> 32),
        block: UInt32(truncatingIfNeeded: counter))
      counter &+= 1
      used = 0
    }
    let value = UInt64(buffer[used]) | (UInt64(buffer[used + 1]) << 32)
    used += 2
    return value
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal variate (Box–Muller on two uniforms; used only for initialisation).
  public mutating func nextGaussian() -> Double {
    let u1 = 1 - nextUniform()  // (0, 1]: log stays finite
    let u2 = nextUniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
