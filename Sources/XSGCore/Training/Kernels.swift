/// Vector helpers for the hot loops: 16 floats (one zmm register with -target-cpu native).
typealias Vec16 = SIMD16<Float>

@inline(__always)
func load16(_ p: UnsafePointer<Float>) -> Vec16 {
  UnsafeRawPointer(p).loadUnaligned(as: Vec16.self)
}

@inline(__always)
func load16(_ p: UnsafeMutablePointer<Float>) -> Vec16 {
  UnsafeRawPointer(p).loadUnaligned(as: Vec16.self)
}

@inline(__always)
func store16(_ v: Vec16, _ p: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec16.self)
}

/// A 64-byte aligned, zeroed float buffer owned by its creator (freed with `deallocate()`).
func allocateFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
  let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 16) * 4, alignment: 64)
  let p = raw.bindMemory(to: Float.self, capacity: max(count, 16))
  p.initialize(repeating: 0, count: max(count, 16))
  return p
}

/// The 16 nibble-table rows of one group of four coordinates: row n holds Σ_k ±w_{4g+k}, with + where
/// bit k of n is set (x = +1). Then ⟨w, x⟩ = Σ_g T[g][nibble_g(x)]: d/4 vector adds instead of d FMAs.
@inline(__always)
func buildTableGroup(
  weights w: UnsafePointer<Float>, weightStride: Int, table t: UnsafeMutablePointer<Float>, tableStride: Int
) {
  let w0 = load16(w)
  let w1 = load16(w + weightStride)
  let w2 = load16(w + 2 * weightStride)
  let w3 = load16(w + 3 * weightStride)
  let low: (Vec16, Vec16, Vec16, Vec16) = (-w0 - w1, w0 - w1, -w0 + w1, w0 + w1)
  let high: (Vec16, Vec16, Vec16, Vec16) = (-w2 - w3, w2 - w3, -w2 + w3, w2 + w3)
  @inline(__always) func rows(_ hi: Int, _ h: Vec16) {
    let base = t + hi * 4 * tableStride
    store16(low.0 + h, base)
    store16(low.1 + h, base + tableStride)
    store16(low.2 + h, base + 2 * tableStride)
    store16(low.3 + h, base + 3 * tableStride)
  }
  rows(0, high.0)
  rows(1, high.1)
  rows(2, high.2)
  rows(3, high.3)
}

/// (T0[n0] + T1[n1]) + (T2[n2] + T3[n3]) for four consecutive 16-row tables (256 floats apart) and the
/// nibbles n0…n3 in the low 16 bits of `x`.
@inline(__always)
func fourRows(_ t: UnsafeMutablePointer<Float>, _ x: Int) -> Vec16 {
  (load16(t + ((x << 4) & 0xF0)) + load16(t + 256 + (x & 0xF0)))
    + (load16(t + 512 + ((x >> 4) & 0xF0)) + load16(t + 768 + ((x >> 8) & 0xF0)))
}

/// The inverse of `buildTableGroup` for gradients: coordinate k's sum is Σ_n ±U[n] (+ where bit k set),
/// stored into `g` or added to it. A butterfly over the four bits: 16 loads and 30 adds instead of 64.
/// The buckets are left zeroed for their next use (cheaper than a separate clearing pass).
@inline(__always)
func reduceBucketGroup(
  buckets u: UnsafeMutablePointer<Float>, bucketStride: Int, gradient g: UnsafeMutablePointer<Float>,
  gradientStride: Int, accumulate: Bool = false
) {
  @inline(__always) func row(_ n: Int) -> Vec16 { load16(u + n * bucketStride) }
  // Bit 0: pair sums s8[m] = U[2m+1] + U[2m] and differences, whose total is coordinate 0's sum.
  let s0 = row(1) + row(0)
  let s1 = row(3) + row(2)
  let s2 = row(5) + row(4)
  let s3 = row(7) + row(6)
  let s4 = row(9) + row(8)
  let s5 = row(11) + row(10)
  let s6 = row(13) + row(12)
  let s7 = row(15) + row(14)
  let d0 =
    (((row(1) - row(0)) + (row(3) - row(2))) + ((row(5) - row(4)) + (row(7) - row(6))))
    + (((row(9) - row(8)) + (row(11) - row(10))) + ((row(13) - row(12)) + (row(15) - row(14))))
  // Bit 1 on the eight pair sums, then bits 2 and 3.
  let t0 = s1 + s0
  let t1 = s3 + s2
  let t2 = s5 + s4
  let t3 = s7 + s6
  let d1 = ((s1 - s0) + (s3 - s2)) + ((s5 - s4) + (s7 - s6))
  let d2 = (t1 - t0) + (t3 - t2)
  let d3 = (t3 + t2) - (t1 + t0)
  @inline(__always) func put(_ k: Int, _ v: Vec16) {
    let target = g + k * gradientStride
    store16(accumulate ? load16(target) + v : v, target)
  }
  put(0, d0)
  put(1, d1)
  put(2, d2)
  put(3, d3)
  for n in 0..<16 { store16(Vec16(), u + n * bucketStride) }
}

/// The nibble (four sign bits) of group g of a packed sample.
@inline(__always)
func nibble(_ bits: UnsafePointer<UInt64>, _ g: Int) -> Int {
  Int(truncatingIfNeeded: (bits[g >> 4] >> UInt64((g & 15) << 2)) & 15)
}
