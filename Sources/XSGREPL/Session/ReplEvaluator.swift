import XSGPlot

/// What the REPL needs from the language, behind a narrow interface: the interpreter answers it in
/// `RuntimeEvaluator`; tests may answer it with a stand-in when they need to control timing.
public protocol ReplEvaluator: CompletionSource {
  /// Whether `entry` (ending with the line break the user typed) stops too early, for example inside an
  /// unclosed bracket or after a trailing operator, so the REPL should read another line.
  func isIncomplete(_ entry: String) -> Bool
  /// Runs one complete entry. `name` names it in diagnostics (`<repl>:3`). Warnings about an entry without
  /// errors go to `warn`, rendered, before it runs.
  func run(_ entry: String, name: String, warn: (String) -> Void) -> EntryOutcome
  /// The session's bindings in the order they were made.
  func bindings() -> [Binding]
  /// A few lines about the binding `name`, or nil if nothing is bound to it.
  func describe(_ name: String) -> String?
  /// Help on a builtin or keyword, or nil if `topic` names neither.
  func help(_ topic: String) -> String?
  /// A figure of the series that `expressions` denote (probe series, or runs for all their probes).
  func figure(of expressions: [String], logScale: Bool) -> Result<Figure, EntryFailure>
  /// Forgets every binding, network and run.
  func reset()
}

/// How an entry ended.
public enum EntryOutcome: Equatable, Sendable {
  /// It ran; `shown` is the value of an expression entered alone, in one line, or nil for statements.
  case completed(shown: String?)
  /// It failed; the message is already rendered (diagnostics with the source line and a caret).
  case failed(EntryFailure)
  /// Ctrl-C stopped it at a step boundary; what ran before the stop is kept. `message` says where it
  /// stopped.
  case interrupted(message: String)
}

/// A rendered error: diagnostics as scripts show them, or a one-line message.
public struct EntryFailure: Error, Equatable, Sendable {
  public var text: String
  /// The leading statements of the entry known to have run before the error (their bindings stay in the
  /// session, so `:save` keeps them too); empty when nothing is known to have run.
  public var ranBefore: String

  public init(_ text: String, ranBefore: String = "") {
    self.text = text
    self.ranBefore = ranBefore
  }
}

/// One name bound in the session, for `:env`.
public struct Binding: Equatable, Sendable {
  public var name: String
  /// `network`, `data`, `run`, `number`…
  public var kind: String
  /// The value in one line.
  public var summary: String

  public init(name: String, kind: String, summary: String) {
    self.name = name
    self.kind = kind
    self.summary = summary
  }
}
