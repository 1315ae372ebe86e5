/// A group of samples defined by the label y and the spurious feature s (x_k, or the block's parity).
public enum Group: Sendable, Hashable, CustomStringConvertible {
  /// s = y: the shortcut is right.
  case majority
  /// s ≠ y: the shortcut is wrong.
  case minority
  /// One of the four cells (y, s), each ±1.
  case cell(y: Int, spurious: Int)

  /// The four cells in a fixed order: (+,+), (+,−), (−,+), (−,−).
  public static let cells: [Group] = [
    .cell(y: 1, spurious: 1), .cell(y: 1, spurious: -1), .cell(y: -1, spurious: 1),
    .cell(y: -1, spurious: -1),
  ]

  /// The cell index 0...3 of (y, s), in the order of `cells`.
  @inlinable @inline(__always)
  public static func cellIndex(yPositive: Bool, spuriousPositive: Bool) -> UInt8 {
    (yPositive ? 0 : 2) + (spuriousPositive ? 0 : 1)
  }

  /// Whether a sample in cell `index` (0...3) belongs to this group.
  public func contains(cellIndex index: UInt8) -> Bool {
    switch self {
    case .majority: return index == 0 || index == 3
    case .minority: return index == 1 || index == 2
    case .cell(let y, let s): return index == Group.cellIndex(yPositive: y > 0, spuriousPositive: s > 0)
    }
  }

  /// Checks that a cell's signs are ±1.
  public func validate() throws {
    if case .cell(let y, let s) = self {
      guard (y == 1 || y == -1) && (s == 1 || s == -1) else {
        throw CoreError.invalidParameter(
          name: "group cell", value: "(\(y), \(s))", expected: "signs ±1 for (y, spurious)")
      }
    }
  }

  public var description: String {
    switch self {
    case .majority: return "majority"
    case .minority: return "minority"
    case .cell(let y, let s): return "(y=\(y > 0 ? "+" : "-"),s=\(s > 0 ? "+" : "-"))"
    }
  }
}

/// How a test set is drawn relative to the training data. Test labels are clean (no label noise).
public enum TestDistribution: Sendable, Hashable {
  /// The spurious feature is independent of y (λ = ½).
  case iid
  /// The training λ.
  case same
  /// λ replaced by 1 − λ: the shortcut mostly points the wrong way.
  case reversed
  /// Only samples of one group (majority, minority or a cell).
  case group(Group)
  /// The four cells in equal proportions (sample i is in cell i mod 4).
  case groupBalanced
  /// Drawn from the held-out stream with its own λ' (e.g. for last-layer retraining).
  case heldOut(flip: Double)
}
