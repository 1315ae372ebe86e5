import XSGCore
import XSGSyntax

/// An error while running a script: it points at the call or operator that failed and renders like a
/// syntax error (file:line:col, the source line, a caret). `xsg run` exits 70 on it.
public struct RuntimeError: Error, CustomStringConvertible, Sendable {
  /// Stable codes (E05xx: the runtime's range of docs/diagnostics.md).
  public enum Code: String, Sendable, CaseIterable {
    /// A value of the wrong kind: `1 - "a"`, `train 3 on …`.
    case type = "E0501"
    /// A value out of range: `flip: 1.3`, `width: 0`; arithmetic with no finite result (`1 / 0`, `log(0)`).
    case value = "E0502"
    /// Shapes that do not fit: vectors of different lengths, a network of another dimension.
    case shape = "E0503"
    /// A name or member that does not exist.
    case name = "E0504"
    /// A call with missing, extra or unknown arguments.
    case arguments = "E0505"
    /// Training diverged (NaN or infinity), with the step.
    case training = "E0506"
    /// The memory estimate of a configuration is too large.
    case memory = "E0507"
    /// A file name that leaves the run folder, or a file that cannot be written.
    case file = "E0508"
    /// A limit of the interpreter (recursion depth).
    case limit = "E0509"
  }
  public var code: Code
  public var message: String
  public var range: SourceRange?
  /// A hint shown under the caret ("did you mean …", the allowed range).
  public var help: String?
  /// The name the user probably meant.
  public var suggestion: String?
  /// For "'x' is not defined": the name, until the innermost function call whose body uses it has
  /// noted the call (see `Interpreter.callUser`).
  var undefinedName: String?
  /// The name of an "'x' is not defined" raised inside `range` (nil for any other error).
  func undefinedName(in range: SourceRange) -> String? {
    guard let name = undefinedName, let own = self.range, range.contains(own) else { return nil }
    return name
  }

  /// Where the error was reached from in sources other than its own (see `reached(from:_:)`).
  public var labels: [Diagnostic.Label] = []

  public init(_ code: Code, _ message: String, at range: SourceRange?, help: String? = nil) {
    self.code = code
    self.message = message
    self.range = range
    if let help, help.hasPrefix("did you mean '"), help.hasSuffix("'?") {
      self.suggestion = String(help.dropFirst("did you mean '".count).dropLast(2))
    } else {
      self.help = help
    }
  }

  /// As a diagnostic for the shared renderer (`fallback` when the error has no range).
  public func diagnostic(fallback: SourceRange) -> Diagnostic {
    var diagnostic = Diagnostic(DiagnosticCode(code.rawValue), message, at: range ?? fallback, labels: labels)
    if let help { diagnostic = diagnostic.noting(help) }
    return diagnostic.suggesting(suggestion)
  }

  /// The error as it leaves the call or `train` at `range`. When it happened in another source (in the
  /// REPL, a function or probe block that an earlier entry declared), `range` gets a label with `message`,
  /// so the diagnostic shows the entry's own part as well; only the innermost such range of each source.
  /// An error in the source of `range` is left as it is: a script is one source, and its messages stay.
  func reached(from range: SourceRange, _ message: String) -> RuntimeError {
    guard let own = self.range, own.source != range.source,
      !labels.contains(where: { $0.range.source == range.source })
    else { return self }
    var copy = self
    copy.labels.append(Diagnostic.Label(range, message))
    return copy
  }

  public var description: String {
    var text = message
    if let range { text = "\(range.start.line):\(range.start.column): " + text }
    if let help { text += " (\(help))" }
    if let suggestion { text += " (did you mean '\(suggestion)'?)" }
    return text
  }
}

/// Ctrl-C reached a step boundary or a statement: the run stops cleanly and is recorded as interrupted.
public struct Interrupted: Error, Sendable {
  /// The run so far, when `train` was interrupted.
  var partial: Value?
  /// The name `let NAME = train …` bound to the partial run, if any.
  public internal(set) var boundName: String?

  public init() {}

  init(partial: Value) { self.partial = partial }

  /// The step `train` stopped at; nil when the stop came between statements, where the last run (if
  /// any) had already finished and its step would say nothing about this stop.
  public var step: Int? {
    if case .run(let run)? = partial { run.lastStep } else { nil }
  }
}

extension RuntimeError {
  /// A core failure, placed at the declaration or `train` that caused it.
  static func from(_ error: CoreError, at range: SourceRange?) -> RuntimeError {
    switch error {
    case .invalidParameter, .coordinateOutOfRange, .overlappingCoordinates, .probeUndefined:
      RuntimeError(.value, error.description, at: range)
    case .nonFinite:
      RuntimeError(.training, "training diverged: " + error.description, at: range, help: "try a smaller lr")
    case .memoryEstimateTooLarge:
      RuntimeError(
        .memory, error.description, at: range, help: "reduce the batch, the width, d or the test set size")
    case .shapeMismatch:
      RuntimeError(.shape, error.description, at: range)
    }
  }
}
