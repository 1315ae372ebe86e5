import XSGCore
import XSGSyntax

/// An error while running a script: it points at the call or operator that failed and renders like a
/// syntax error (file:line:col, the source line, a caret). `xsg run` exits 70 on it.
public struct RuntimeError: Error, CustomStringConvertible, Sendable {
  public enum Code: String, Sendable {
    case type = "R001"
    case value = "R002"
    case shape = "R003"
    case name = "R004"
    case arguments = "R005"
    case training = "R006"
    case memory = "R007"
    case file = "R008"
    case limit = "R009"
  }
  public var code: Code
  public var message: String
  public var range: SourceRange?
  /// A hint shown under the caret ("did you mean …", the allowed range).
  public var help: String?

  public init(_ code: Code, _ message: String, at range: SourceRange?, help: String? = nil) {
    self.code = code
    self.message = message
    self.range = range
    self.help = help
  }

  public var description: String {
    var text = message
    if let range { text = "\(range.start.line):\(range.start.column): " + text }
    if let help { text += " (\(help))" }
    return text
  }
}

/// Ctrl-C reached a step boundary or a statement: the run stops cleanly and is recorded as interrupted.
public struct Interrupted: Error, Sendable {
  public init() {}
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
      RuntimeError(.memory, error.description, at: range, help: "reduce the batch, the width, d or the test set size")
    case .shapeMismatch:
      RuntimeError(.shape, error.description, at: range)
    }
  }
}
