/// "Did you mean" by edit distance, after Elm's `nearbyNames`: names shorter than 3 characters allow
/// one edit, longer ones two, and the nearest candidate wins (ties go to the first in sorted order).
public enum Suggestions {
  /// The candidate closest to `name`, or nil when none is close enough (or `name` itself is listed).
  public static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(name.unicodeScalars)
    let limit = target.count < 3 ? 1 : 2
    var best: (distance: Int, name: String)?
    for candidate in Set(candidates).sorted() {
      if candidate == name { return nil }
      let distance = editDistance(target, Array(candidate.unicodeScalars), limit: limit)
      guard distance <= limit else { continue }
      if best == nil || distance < best!.distance { best = (distance, candidate) }
    }
    return best?.name
  }

  /// Optimal-string-alignment distance (insert, delete, substitute, swap adjacent), computed only up to
  /// `limit + 1` so long unrelated names are rejected quickly.
  public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
    if abs(a.count - b.count) > limit { return limit == .max ? abs(a.count - b.count) : limit + 1 }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
