/// What can go wrong when reading run folders or choosing probes; each case knows its message.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path does not exist or is not a folder.
  case missingFolder(path: String)
  /// A folder with neither `probes.csv` nor `index.csv` nor run subfolders.
  case notARunFolder(path: String)
  /// A run folder whose files hold no probe values: the run failed or was interrupted before its first
  /// probe, so `probes.csv` has a header and no rows.
  case noData(path: String)
  /// A file that should be there but cannot be read.
  case unreadableFile(path: String)
  /// A CSV file that does not have the expected shape; `line` is 1-based.
  case malformedCSV(path: String, line: Int, message: String)
  /// A probe name that is not in the run; `suggestion` is the nearest known name, if any is close.
  case unknownProbe(name: String, known: [String], suggestion: String?)

  public var description: String {
    switch self {
    case .missingFolder(let path): return "no run folder at '\(path)'"
    case .notARunFolder(let path):
      return "'\(path)' is not a run folder: it has no probes.csv, no index.csv and no run subfolders"
    case .noData(let path):
      return "'\(path)' has no probe values: the run failed or was interrupted before its first probe"
    case .unreadableFile(let path): return "cannot read '\(path)'"
    case .malformedCSV(let path, let line, let message): return "\(path):\(line): \(message)"
    case .unknownProbe(let name, let known, let suggestion):
      var text = "unknown probe '\(name)'"
      if let suggestion { text += "; did you mean '\(suggestion)'?" }
      if !known.isEmpty { text += " (the run has: \(known.joined(separator: ", ")))" }
      return text
    }
  }

  /// The nearest of `candidates` to `name` by edit distance, if it is close enough to be a likely typo
  /// (distance 1 for names shorter than 3 characters, otherwise 2, or a case-insensitive match).
  public static func suggestion(for name: String, in candidates: [String]) -> String? {
    if let match = candidates.first(where: { $0.lowercased() == name.lowercased() }) { return match }
    let limit = name.count < 3 ? 1 : 2
    let scored = candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= limit }
    return scored.min { $0.1 < $1.1 }?.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
