/// A unified diff of two texts (`xsg fmt --check`), from a longest-common-subsequence alignment of
/// lines with three lines of context, in the format `diff -u` and `patch` read.
public enum UnifiedDiff {
  private enum Edit {
    case same(Int, Int)
    case delete(Int)
    case insert(Int)

    var isChange: Bool {
      if case .same = self { return false }
      return true
    }
  }

  public static func diff(_ old: String, _ new: String, oldName: String, newName: String) -> String {
    let a = lines(old)
    let b = lines(new)
    guard a != b else { return "" }
    // lcs[i][j] = length of the LCS of a[i...] and b[j...].
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var edits: [Edit] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        edits.append(.same(i, j))
        i += 1
        j += 1
      } else if j < b.count, i == a.count || lcs[i][j + 1] > lcs[i + 1][j] {
        edits.append(.insert(j))
        j += 1
      } else {
        edits.append(.delete(i))
        i += 1
      }
    }
    // Lines of the old and new text before each edit, for the hunk headers.
    var oldBefore: [Int] = []
    var newBefore: [Int] = []
    var (oldSeen, newSeen) = (0, 0)
    for edit in edits {
      oldBefore.append(oldSeen)
      newBefore.append(newSeen)
      switch edit {
      case .same: (oldSeen, newSeen) = (oldSeen + 1, newSeen + 1)
      case .delete: oldSeen += 1
      case .insert: newSeen += 1
      }
    }
    let context = 3
    var out = "--- \(oldName)\n+++ \(newName)\n"
    var index = 0
    while let firstChange = edits[index...].firstIndex(where: { $0.isChange }) {
      // Extend the hunk while changes are at most 2 × context unchanged lines apart.
      var lastChange = firstChange
      var cursor = firstChange + 1
      while cursor < edits.count, cursor - lastChange <= 2 * context {
        if edits[cursor].isChange { lastChange = cursor }
        cursor += 1
      }
      let start = max(index, firstChange - context)
      let stop = min(edits.count, lastChange + context + 1)
      var body = ""
      var (oldCount, newCount) = (0, 0)
      for edit in edits[start..<stop] {
        switch edit {
        case .same(let x, _):
          body += " " + a[x] + "\n"
          (oldCount, newCount) = (oldCount + 1, newCount + 1)
        case .delete(let x):
          body += "-" + a[x] + "\n"
          oldCount += 1
        case .insert(let y):
          body += "+" + b[y] + "\n"
          newCount += 1
        }
      }
      let oldStart = oldBefore[start] + (oldCount == 0 ? 0 : 1)
      let newStart = newBefore[start] + (newCount == 0 ? 0 : 1)
      out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
      index = stop
      if index >= edits.count { break }
    }
    return out
  }

  private static func lines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
