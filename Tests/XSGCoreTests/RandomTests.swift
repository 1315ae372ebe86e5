import Testing

@testable import XSGCore

@Suite struct RandomTests {
  @Test func philoxMatchesRandom123KnownAnswers() {
    // Random123's kat_vectors: philox4x32_10 with zero counter and key, and with all bits set.
    let zero = Philox4x32.block(counter: .zero, key: .zero)
    #expect(zero == SIMD4(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8))
    let ones = Philox4x32.block(counter: SIMD4(repeating: 0xFFFF_FFFF), key: SIMD2(repeating: 0xFFFF_FFFF))
    #expect(ones == SIMD4(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd))
  }

  @Test func eightLaneBlocksEqualScalarBlocks() {
    let key = SIMD2<UInt32>(0x1234_5678, 0x9ABC_DEF0)
    let c0 = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 0xFFFF_FFFF)
    let c1 = SIMD8<UInt64>(7, 6, 5, 4, 3, 2, 1, 0)
    let c2 = SIMD8<UInt64>(repeating: 42)
    let c3 = SIMD8<UInt64>(repeating: 0xDEAD)
    let (x0, x1, x2, x3) = Philox4x32.blocks8(c0, c1, c2, c3, key: key)
    for lane in 0..<8 {
      let scalar = Philox4x32.block(
        counter: SIMD4(UInt32(c0[lane]), UInt32(c1[lane]), UInt32(c2[lane]), UInt32(c3[lane])), key: key)
      #expect(scalar == SIMD4(UInt32(x0[lane]), UInt32(x1[lane]), UInt32(x2[lane]), UInt32(x3[lane])))
    }
  }

  @Test func streamsAndSeedsAreIndependent() {
    let keys = RandomStream.allCases.map { CounterRandom(seed: 1, stream: $0).key }
    #expect(Set(keys.map { [$0.x, $0.y] }).count == keys.count)
    #expect(CounterRandom(seed: 1, stream: .trainingData) != CounterRandom(seed: 2, stream: .trainingData))
    var a = PhiloxGenerator(seed: 9, stream: .auxiliary)
    var b = PhiloxGenerator(seed: 9, stream: .auxiliary)
    #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
  }

  @Test func gaussianDrawsHaveUnitVariance() {
    var rng = PhiloxGenerator(seed: 4, stream: .initialization)
    let n = 200_000
    let xs = (0..<n).map { _ in rng.nextGaussian() }
    let mean = xs.reduce(0, +) / Double(n)
    let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
    // Standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the variance; 5σ bounds.
    #expect(abs(mean) < 0.012)
    #expect(abs(variance - 1) < 0.016)
  }
}
