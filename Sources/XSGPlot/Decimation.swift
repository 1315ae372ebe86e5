/// Thinning of long polylines before they are written: a run of 100 000 steps has far more points than a
/// 3.4 in figure has columns of ink.
enum Decimation {
  /// Keeps, for each vertical strip `bucket` wide, the strip's first and last points and its lowest and
  /// highest, in their original order. The drawn line then looks the same to within `bucket`, spikes
  /// included, while a long series shrinks to at most four points per strip.
  static func minMax(_ points: [(Double, Double)], bucket: Double) -> [(Double, Double)] {
    guard points.count > 4, bucket > 0 else { return points }
    var kept: [(Double, Double)] = []
    kept.reserveCapacity(min(points.count, 4096))
    var start = 0
    while start < points.count {
      let strip = (points[start].0 / bucket).rounded(.down)
      var end = start + 1
      while end < points.count && (points[end].0 / bucket).rounded(.down) == strip { end += 1 }
      if end - start <= 4 {
        kept += points[start..<end]
      } else {
        var low = start
        var high = start
        for i in start..<end {
          if points[i].1 < points[low].1 { low = i }
          if points[i].1 > points[high].1 { high = i }
        }
        for i in Set([start, low, high, end - 1]).sorted() { kept.append(points[i]) }
      }
      start = end
    }
    return kept
  }
}
