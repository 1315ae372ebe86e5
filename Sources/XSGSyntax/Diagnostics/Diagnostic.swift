/// One message about a script: a stable code, a headline that makes sense on its own, the exact range it
/// is about, and optional secondary labels, notes and a "did you mean" suggestion.
///
/// Syntax, static and runtime errors all use this type and the same renderer, so every error a user
/// can cause prints as `file:line:col`, the source line and a caret.
public struct Diagnostic: Error, Hashable, Sendable {
  public enum Severity: String, Hashable, Sendable {
    case error, warning, note
  }

  /// A secondary span with a short message, e.g. "'(' opened here".
  public struct Label: Hashable, Sendable {
    public var range: SourceRange
    public var message: String

    public init(_ range: SourceRange, _ message: String) {
      self.range = range
      self.message = message
    }
  }

  public var code: DiagnosticCode
  public var severity: Severity
  /// One phrase, no line breaks, no final period.
  public var message: String
  /// The primary range: the caret goes under it.
  public var range: SourceRange
  /// Printed beside the primary caret (e.g. "expected ')'"); optional.
  public var primaryLabel: String?
  public var labels: [Label]
  public var notes: [String]
  /// A replacement the user probably meant, shown as "did you mean 'x'?".
  public var suggestion: String?

  public init(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, severity: Severity = .error,
    primaryLabel: String? = nil, labels: [Label] = [], notes: [String] = [], suggestion: String? = nil
  ) {
    self.code = code
    self.message = message
    self.range = range
    self.severity = severity
    self.primaryLabel = primaryLabel
    self.labels = labels
    self.notes = notes
    self.suggestion = suggestion
  }

  /// An error at a range: the form the runtime uses, `Diagnostic.error(.typeMismatch, "…", at: range)`.
  public static func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange) -> Diagnostic {
    Diagnostic(code, message, at: range)
  }

  /// A copy with a secondary label added.
  public func labeled(_ range: SourceRange, _ message: String) -> Diagnostic {
    var copy = self
    copy.labels.append(Label(range, message))
    return copy
  }

  /// A copy with a note added ("= note: …").
  public func noting(_ note: String) -> Diagnostic {
    var copy = self
    copy.notes.append(note)
    return copy
  }

  /// A copy with a "did you mean" suggestion.
  public func suggesting(_ replacement: String?) -> Diagnostic {
    var copy = self
    copy.suggestion = replacement
    return copy
  }
}

extension Array where Element == Diagnostic {
  /// True when any diagnostic is an error (warnings alone do not fail `xsg check`).
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
