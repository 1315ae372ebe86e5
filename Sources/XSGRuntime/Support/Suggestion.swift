import XSGSyntax

/// "Did you mean" for misspelt names at run time, with the same edit-distance rule as the front end's
/// diagnostics (`XSGSyntax.Suggestions`), so a name is suggested the same way by `xsg check` and `xsg run`.
enum Suggestion {
  static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
    Suggestions.nearest(to: word, among: candidates)
  }

  /// "did you mean 'x'?" when a candidate is close enough.
  static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String? {
    closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
  }
}
