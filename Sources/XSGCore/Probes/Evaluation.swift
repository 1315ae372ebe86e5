/// Loss, accuracy and margins of a network on a sample set, overall and per group.
public struct Evaluation: Sendable, Equatable {
  /// Metrics over the whole set.
  public let overall: GroupMetrics
  /// Metrics for majority, minority and the four cells (empty when the data has no spurious feature).
  public let groups: [GroupMetrics]

  /// The metrics of `group` (nil without a spurious feature).
  public func metrics(for group: Group) -> GroupMetrics? {
    groups.first { $0.group == group }
  }

  /// The smallest accuracy over the non-empty cells (y, s): the worst-group accuracy of group DRO.
  public var worstGroupAccuracy: Double? {
    groups.filter { if case .cell = $0.group { return $0.count > 0 } else { return false } }
      .map(\.accuracy).min()
  }
}

/// Metrics over one subset of samples. With no samples, every value is NaN.
public struct GroupMetrics: Sendable, Equatable {
  /// The group (nil for the whole set).
  public let group: Group?
  /// Number of samples.
  public let count: Int
  /// Mean loss ℓ(y·f(x)).
  public let loss: Double
  /// Fraction with y·f(x) > 0 (f = 0 counts as an error).
  public let accuracy: Double
  /// Mean margin y·f(x).
  public let marginMean: Double
  /// Smallest margin y·f(x).
  public let marginMin: Double
}

/// Network outputs on sample sets, through the same nibble tables as training.
public enum Evaluator {
  /// f(x) for every sample of `set`, in single precision as in training.
  public static func outputs(_ net: Network, on set: SampleSet) throws -> [Float] {
    guard net.dimension == set.spec.dimension else {
      throw CoreError.shapeMismatch(
        what: "network input dimension vs data dimension", expected: set.spec.dimension,
        actual: net.dimension)
    }
    let d = net.dimension
    let groups = (d + 3) / 4
    let words = set.wordsPerSample
    let blocks = (net.width + 15) / 16
    let weights = allocateFloats(groups * 4 * 16)
    let table = allocateFloats(groups * 256)
    defer {
      weights.deallocate()
      table.deallocate()
    }
    var partial = [Vec16](repeating: Vec16(), count: set.count)
    set.bits.withUnsafeBufferPointer { all in
      let bitsBase = all.baseAddress!
      for jb in 0..<blocks {
        var a = Vec16()
        var b = Vec16()
        weights.update(repeating: 0, count: groups * 64)
        for lane in 0..<16 where jb * 16 + lane < net.width {
          let j = jb * 16 + lane
          a[lane] = net.a[j]
          b[lane] = net.b[j]
          for i in 0..<d { weights[i * 16 + lane] = net.W[j * d + i] }
        }
        for g in 0..<groups {
          buildTableGroup(
            weights: weights + 64 * g, weightStride: 16, table: table + 256 * g, tableStride: 16)
        }
        for s in 0..<set.count {
          let bits = bitsBase + s * words
          var acc = Vec16()
          for g in 0..<groups { acc += load16(table + (((g << 4) + nibble(bits, g)) << 4)) }
          let pre = acc + b
          partial[s].addProduct(a, pre.replacing(with: 0, where: pre .< 0))
        }
      }
    }
    let scale = net.spec.scale
    return partial.map { scale * $0.sum() }
  }

  /// Loss, accuracy and margins of `net` on `set`, overall and per group.
  public static func evaluate(_ net: Network, on set: SampleSet, loss: Loss = .logistic2) throws
    -> Evaluation
  {
    let f = try outputs(net, on: set)
    let margins = (0..<set.count).map { Double(set.labels[$0]) * Double(f[$0]) }
    func metrics(_ group: Group?) -> GroupMetrics {
      var count = 0
      var lossSum = 0.0
      var correct = 0
      var marginSum = 0.0
      var marginMin = Double.infinity
      for s in 0..<set.count where group?.contains(cellIndex: set.cells[s]) ?? true {
        let m = margins[s]
        count += 1
        lossSum += loss.value(m)
        if m > 0 { correct += 1 }
        marginSum += m
        marginMin = min(marginMin, m)
      }
      guard count > 0 else {
        return GroupMetrics(
          group: group, count: 0, loss: .nan, accuracy: .nan, marginMean: .nan, marginMin: .nan)
      }
      let n = Double(count)
      return GroupMetrics(
        group: group, count: count, loss: lossSum / n, accuracy: Double(correct) / n,
        marginMean: marginSum / n, marginMin: marginMin)
    }
    let groups: [GroupMetrics] =
      set.hasGroups ? ([Group.majority, .minority] + Group.cells).map { metrics($0) } : []
    return Evaluation(overall: metrics(nil), groups: groups)
  }

  /// The Fourier coefficient f̂(S) = E[f(x)·Π_{i∈S} x_i] over `set` (S 1-based; empty S gives E[f]).
  public static func fourierCoefficient(_ net: Network, on set: SampleSet, subset: [Int]) throws -> Double {
    for k in subset { try checkCoordinate(k, name: "Fourier subset", dimension: net.dimension) }
    let f = try outputs(net, on: set)
    var sum = 0.0
    set.bits.withUnsafeBufferPointer { all in
      for s in 0..<set.count {
        var negatives = 0
        for k in subset where !coordinateIsPositive(all.baseAddress! + s * set.wordsPerSample, k - 1) {
          negatives += 1
        }
        sum += negatives & 1 == 0 ? Double(f[s]) : -Double(f[s])
      }
    }
    return sum / Double(set.count)
  }
}
