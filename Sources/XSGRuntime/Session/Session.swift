import XSGPlot
import XSGSyntax

/// An interactive session for the REPL: entries are evaluated one after another in a persistent
/// top-level scope. Everything the REPL shows (auto-printed values, `:env`, `:describe`, help,
/// completion, figures) comes from here.
public final class Session: @unchecked Sendable {
  /// How an entry ended.
  public enum Outcome: Sendable {
    /// It ran; `value` is the value of an expression entered alone (for auto-printing), nil otherwise.
    case completed(value: Value?)
    /// It failed; `rendered` is the diagnostics as scripts show them (source line, caret).
    case failed(rendered: String, diagnostics: [Diagnostic])
    /// The stop request came; what ran before is kept. `message` says where it stopped.
    case interrupted(message: String)
  }

  /// One binding, for `:env`.
  public struct BindingInfo: Sendable {
    public var name: String
    /// How it was bound: let, data, net, opt, function…
    public var binding: String
    /// The value's kind: number, network, run…
    public var kind: String
    /// The value in one line.
    public var summary: String
  }

  public private(set) var interpreter: Interpreter
  private let settings: Interpreter.Settings
  /// The entries run so far, each its own source: a function or probe block declared in one entry may
  /// fail in a later one, and the diagnostic then shows the entry that declared it.
  private var entries: [SourceFile] = []
  /// The ID of the next entry's source (never reused, not even after `reset`).
  private var nextSourceID = 1
  /// Whether diagnostics are coloured.
  public var color: Bool

  /// `settings.write` receives `print` output; `settings.shouldStop` is polled at step boundaries.
  public init(settings: Interpreter.Settings, color: Bool = false) {
    self.settings = settings
    self.color = color
    self.interpreter = Interpreter(settings: settings)
  }

  /// The language's keywords and contextual words (for completion).
  public static let keywords = [
    "seed", "let", "data", "net", "opt", "probe", "every", "print", "if", "else", "for", "in", "fn", "return",
    "train", "on", "with", "steps", "true", "false", "and", "or", "not",
  ]

  /// Whether `entry` stops too early (an unclosed bracket, a trailing operator): read another line.
  public func isIncomplete(_ entry: String) -> Bool {
    Parser.isIncomplete(SourceFile(name: "<repl>", text: entry))
  }

  /// Runs one complete entry; `name` names it in diagnostics (`<repl>:3`). The static check's warnings
  /// (W0201) go to `warn`, rendered like errors, before the entry runs; an entry with errors does not run,
  /// and its warnings are reported with its errors.
  public func run(_ entry: String, name: String = "<repl>", warn: (String) -> Void = { _ in }) -> Outcome {
    let source = SourceFile(name: name, text: entry, id: SourceFile.ID(nextSourceID))
    nextSourceID += 1
    let bindings = interpreter.globals.orderedBindings
    let front = FrontEnd.check(
      source, oracle: RegistryOracle(), predeclared: Set(bindings.map(\.0)),
      declarations: bindings.reduce(into: [:]) { declared, binding in declared[binding.0] = binding.1.range })
    if front.diagnostics.hasErrors {
      let renderer = DiagnosticRenderer(source: source, others: entries, color: color)
      return .failed(rendered: renderer.render(front.diagnostics), diagnostics: front.diagnostics)
    }
    entries.append(source)
    let renderer = DiagnosticRenderer(source: source, others: entries, color: color)
    if !front.diagnostics.isEmpty { warn(renderer.render(front.diagnostics)) }
    do {
      return .completed(value: try interpreter.evaluate(front.program))
    } catch let error as RuntimeError {
      let diagnostic = error.diagnostic(fallback: source.endRange)
      return .failed(rendered: renderer.render([diagnostic]), diagnostics: [diagnostic])
    } catch let stop as Interrupted {
      let step = stop.step.map { " at step \($0)" } ?? ""
      let bound = stop.boundName.map { "; \($0) holds the run so far" } ?? ""
      return .interrupted(message: "interrupted\(step)\(bound)")
    } catch {
      let diagnostic = Diagnostic(
        DiagnosticCode(RuntimeError.Code.value.rawValue), "\(error)", at: source.endRange)
      return .failed(rendered: renderer.render([diagnostic]), diagnostics: [diagnostic])
    }
  }

  /// The text the REPL shows for an auto-printed value.
  public func show(_ value: Value) -> String { ValueText.show(value) }

  /// The session's bindings in the order they were made.
  public var bindings: [BindingInfo] {
    interpreter.globals.orderedBindings.map { name, binding in
      BindingInfo(
        name: name, binding: binding.kind.rawValue, kind: binding.value.kind,
        summary: ValueText.show(binding.value))
    }
  }

  /// A few lines about a binding (or a builtin), nil when `name` is neither.
  public func describe(_ name: String) -> String? {
    if let binding = interpreter.globals.lookup(name) {
      var lines = [
        "\(name): \(binding.value.kind) (\(binding.kind.rawValue))", ValueText.show(binding.value),
      ]
      let members = Members.names(of: binding.value)
      if !members.isEmpty { lines.append("members: " + members.joined(separator: ", ")) }
      return lines.joined(separator: "\n")
    }
    return help(name)
  }

  /// Help on a builtin: its signature, its one-line doc and its parameters.
  public func help(_ topic: String) -> String? {
    guard let builtin = Registry.builtin(named: topic) else { return nil }
    return BuiltinDocs.help(builtin)
  }

  /// Builtins and bound names (for completion).
  public var names: [String] { Array(Set(Registry.names + interpreter.globals.visibleNames)).sorted() }

  /// The value a dotted path denotes (`["run", "final"]`), nil when it denotes nothing.
  public func value(at path: [String]) -> Value? {
    guard let first = path.first else { return nil }
    var value: Value
    if let binding = interpreter.globals.lookup(first) {
      value = binding.value
    } else if let builtin = Registry.builtin(named: first) {
      value = builtin.constant ?? .builtin(builtin)
    } else {
      return nil
    }
    for name in path.dropFirst() {
      guard
        let next = try? interpreter.member(
          of: value, Identifier(name, SourceFile(name: "", text: "").endRange),
          baseRange: SourceFile(name: "", text: "").endRange)
      else { return nil }
      value = next
    }
    return value
  }

  /// The members of the value a dotted path denotes.
  public func members(of path: [String]) -> [String] {
    value(at: path).map(Members.names(of:)) ?? []
  }

  /// The named-argument labels of the function a dotted path denotes.
  public func argumentLabels(of callee: [String]) -> [String] {
    switch value(at: callee) {
    case .builtin(let builtin)?: builtin.parameters.map(\.label)
    case .function(let function)?: function.declaration.parameters.map(\.name.name)
    default: []
    }
  }

  /// A figure of the series that `expressions` denote (`run.w_sp`, or a run for all its probes).
  public func figure(of expressions: [String], logScale: Bool) throws -> Figure {
    var series: [XSGPlot.Series] = []
    for text in expressions {
      let source = SourceFile(name: "<plot>", text: text + "\n")
      let parsed = Parser.parse(source)
      guard !parsed.diagnostics.hasErrors, let statement = parsed.program.statements.first,
        case .expression(let expr) = statement.kind
      else {
        throw RuntimeError(.type, "'\(text)' is not an expression", at: nil)
      }
      let value = try interpreter.evaluate(expr, in: interpreter.globals)
      switch value {
      case .series(let s):
        series.append(XSGPlot.Series(name: text, xs: s.steps.map(Double.init), ys: s.values))
      case .run(let run):
        for name in run.table.scalarNames {
          let values = run.table.scalars(name)
          series.append(
            XSGPlot.Series(name: name, xs: run.table.steps(of: name).map(Double.init), ys: values))
        }
      default:
        // No position: the text is :plot's own argument, quoted in the message.
        let article = value.kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        throw RuntimeError(
          .type, "'\(text)' is \(article) \(value.kind), not a probe series or a run", at: nil)
      }
    }
    return Figure(panel: Panel(yScale: logScale ? .log : .linear, series: series))
  }

  /// Forgets every binding, network and run.
  public func reset() {
    interpreter = Interpreter(settings: settings)
    entries = []
  }
}
