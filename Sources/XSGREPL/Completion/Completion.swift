/// The answer to a Tab press: the text just before the cursor that a choice replaces, and the choices.
public struct Completion: Equatable, Sendable {
  /// A suffix of the text before the cursor (possibly empty); every candidate starts with it.
  public var replacing: String
  /// The choices, sorted and without duplicates.
  public var candidates: [String]

  public init(replacing: String, candidates: [String]) {
    self.replacing = replacing
    self.candidates = Array(Set(candidates.filter { $0.hasPrefix(replacing) })).sorted()
  }

  public static let none = Completion(replacing: "", candidates: [])

  /// The same choices for a line editor that replaces `word` instead: readline decides by itself where the
  /// word under the cursor starts (at its break characters), so the candidates gain or lose the difference.
  /// `word` and `replacing` are both suffixes of the same text, so one is a suffix of the other.
  public func rebased(onto word: String) -> [String] {
    if replacing.hasSuffix(word) {
      let extra = replacing.utf8.count - word.utf8.count
      return candidates.map { String(decoding: $0.utf8.dropFirst(extra), as: UTF8.self) }
    }
    if word.hasSuffix(replacing) {
      let extra = String(decoding: word.utf8.prefix(word.utf8.count - replacing.utf8.count), as: UTF8.self)
      return candidates.map { extra + $0 }
    }
    return []
  }
}
