import XSGCore
import XSGSyntax

/// The tree-walking interpreter. Statements and expressions run here; `train` hands the declared
/// experiment to the native core and only comes back at probe times.
public final class Interpreter: @unchecked Sendable {
  /// What the command line (or the REPL) decides about a run.
  public struct Settings: Sendable {
    /// `--seed N`: replaces the value of the script's top-level `seed` statements (and the default seed).
    public var seedOverride: Int?
    /// `--threads N` for the core; results are identical for every N.
    public var threads: Int
    /// `NAME=VALUE` replacing top-level `let`s.
    public var overrides: [Override]
    public var progress: Progress
    /// Where `print` writes (stdout for `xsg run`).
    public var write: @Sendable (String) -> Void
    /// Polled at every step boundary and between statements: true stops the script cleanly.
    public var shouldStop: @Sendable () -> Bool
    /// The width of the terminal that `plot(…)` draws in when there is no run folder (the REPL sets it
    /// to its terminal's width).
    public var terminalColumns: @Sendable () -> Int = { 72 }

    public init(
      seedOverride: Int? = nil, threads: Int = 1, overrides: [Override] = [],
      progress: Progress = Progress(mode: .quiet), write: @escaping @Sendable (String) -> Void,
      shouldStop: @escaping @Sendable () -> Bool = { Interrupt.isRequested }
    ) {
      self.seedOverride = seedOverride
      self.threads = threads
      self.overrides = overrides
      self.progress = progress
      self.write = write
      self.shouldStop = shouldStop
    }
  }

  /// The seed when a script sets none.
  public static let defaultSeed = 0
  /// User functions may nest this deep (a clean error instead of a stack overflow).
  static let maximumCallDepth = 150

  public internal(set) var settings: Settings
  public let globals = Environment(parent: nil)
  /// The run folder, when the interpreter runs under `xsg run` (nil in the REPL and in tests).
  public var folder: RunFolderWriter?
  /// Runs started so far (a run's ordinal is its name without a run folder). The runs themselves are not
  /// kept: each holds its network, and a sweep's memory grew by a network per run.
  public internal(set) var runCount = 0
  var seed: UInt64
  var loopVariables: [(String, Value)] = []
  var probeMoment: ProbeMoment?
  var callDepth = 0
  /// Test-set evaluations at the current network step (several probes read one evaluation).
  var evaluations: [EvaluationKey: Evaluation] = [:]
  /// Top-level `let` names of the script, for override checks.
  var overridable: Set<String> = []

  public init(settings: Settings, folder: RunFolderWriter? = nil) {
    self.settings = settings
    self.folder = folder
    self.seed = UInt64(settings.seedOverride ?? Interpreter.defaultSeed)
  }

  /// Runs a whole script. Overrides must name top-level `let`s of this script.
  public func run(_ program: Program) throws {
    try checkOverrides(program)
    for statement in program.statements {
      if case .return(let value) = try execute(statement, in: globals, topLevel: true) {
        _ = value
        return
      }
    }
  }

  /// Evaluates one REPL entry in the persistent top-level scope: the value of a lone expression
  /// (for auto-printing), nil otherwise.
  public func evaluate(_ program: Program) throws -> Value? {
    var last: Value?
    for statement in program.statements {
      last = nil
      if case .expression(let expr) = statement.kind {
        try checkInterrupt()
        last = try evaluate(expr, in: globals)
        continue
      }
      if case .return = try execute(statement, in: globals, topLevel: true) { return nil }
    }
    return last
  }

  /// Checks that every override names a top-level `let` of `program` (before anything runs or is written).
  public func checkOverrides(_ program: Program) throws {
    for statement in program.statements {
      if case .let(let name, _) = statement.kind { overridable.insert(name.name) }
    }
    for override in settings.overrides where !overridable.contains(override.name) {
      throw UsageError.unknownOverride(
        name: override.name, suggestion: Suggestion.closest(to: override.name, in: overridable),
        known: overridable.sorted())
    }
    // `--seed` replaces top-level seeds only: in a script whose every `seed` is inside a block (a seed per
    // loop iteration), it would change nothing and still write a folder of its own, as if a new seed.
    if let seed = settings.seedOverride,
      !program.statements.contains(where: { if case .seed = $0.kind { true } else { false } }),
      let inner = Self.firstSeed(in: program.statements)
    {
      throw UsageError.seedUnused(seed: seed, line: inner.range.start.line)
    }
  }

  /// The first `seed` statement among `statements` and the blocks inside them, in source order.
  private static func firstSeed(in statements: [Stmt]) -> Stmt? {
    for statement in statements {
      if case .seed = statement.kind { return statement }
      if let inner = firstSeed(in: blocks(of: statement)) { return inner }
    }
    return nil
  }

  /// The statements of the blocks a statement holds (if, for, fn bodies).
  private static func blocks(of statement: Stmt) -> [Stmt] {
    switch statement.kind {
    case .if(let branches, let otherwise):
      branches.flatMap(\.body.statements) + (otherwise?.statements ?? [])
    case .for(_, _, let body): body.statements
    case .function(let declaration): declaration.body.statements
    default: []
    }
  }

  func record(seed: UInt64) throws {
    try folder?.recordSeed(Int(seed))
  }

  func checkInterrupt() throws {
    if settings.shouldStop() { throw Interrupted() }
  }

  /// The current seed (`seed` statements change it).
  public var currentSeed: UInt64 { seed }
}

/// Mistakes on the command line that only show once the script is read (exit 64).
public enum UsageError: Error, CustomStringConvertible, Equatable {
  case unknownOverride(name: String, suggestion: String?, known: [String])
  /// `element`: the list element that does not fit, as typed (nil when the whole value does not).
  case overrideKind(name: String, expected: String, got: String, element: String? = nil)
  case seedUnused(seed: Int, line: Int)
  /// `d=nan`, `lr=inf`: words that read as numbers that are not finite.
  case overrideNotFinite(name: String, text: String)

  public var description: String {
    switch self {
    case .unknownOverride(let name, let suggestion, let known):
      var text = "override \(name)=…: the script has no top-level 'let \(name)'"
      if let suggestion {
        text += "; did you mean '\(suggestion)'?"
      } else if !known.isEmpty {
        text += "; it can override: " + known.joined(separator: ", ")
      } else {
        text += "; it has no top-level lets to override"
      }
      return text
    case .overrideKind(let name, let expected, let got, let element):
      if let element {
        return
          "override \(name)=…: every element must be \(article(expected)) \(expected) like the script's, got \(got) \(element)"
      }
      return
        "override \(name)=…: the script's \(name) is \(article(expected)) \(expected), not \(article(got)) \(got)"
    case .overrideNotFinite(let name, let text):
      return "override \(name)=…: \(text) is not a finite number, as every number in a script is"
    case .seedUnused(let seed, let line):
      return
        "--seed \(seed) would change nothing: it replaces a top-level seed, and this script sets its seeds "
        + "inside blocks (line \(line)); give it a top-level let to override instead, e.g. `let base = 1` "
        + "and `seed base + trial`, then run with base=\(seed)"
    }
  }
}

/// While probes are evaluated: the step and the last training batch's loss.
struct ProbeMoment {
  var step: Int
  var batchLoss: Double?
}

/// "a" or "an" before a kind's name ("an optimiser", "an output scale").
private func article(_ kind: String) -> String {
  kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
}
