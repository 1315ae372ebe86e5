import Foundation
import XSGPlot
import XSGRuntime
import XSGSyntax

/// The interpreter as the REPL sees it: XSGRuntime's `Session` answers for the language, and this adds
/// what only an interactive front end needs (file names for completion, keyword help, Ctrl-C).
public final class RuntimeEvaluator: ReplEvaluator {
  public private(set) var session: Session
  private let interrupts: InterruptFlag

  /// `session` should stop when `interrupts` is set (its settings' `shouldStop`); the flag is cleared
  /// before each entry, so a Ctrl-C at the prompt does not stop the next one.
  public init(session: Session, interrupts: InterruptFlag) {
    self.session = session
    self.interrupts = interrupts
  }

  public var keywords: [String] { Session.keywords }
  public var names: [String] { session.names }
  public func members(of path: [String]) -> [String] { session.members(of: path) }
  public func argumentLabels(of callee: [String]) -> [String] { session.argumentLabels(of: callee) }

  public func directoryEntries(at path: String) -> [DirectoryEntry] {
    let folder = Repl.expandingTilde(path.isEmpty ? "." : path)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.map { name in
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory)
      return DirectoryEntry(name: name, isDirectory: isDirectory.boolValue)
    }
  }

  public func isIncomplete(_ entry: String) -> Bool { session.isIncomplete(entry) }

  public func run(_ entry: String, name: String, warn: (String) -> Void) -> EntryOutcome {
    _ = interrupts.consume()
    let boundBefore = Set(session.bindings.map(\.name))
    switch session.run(entry, name: name, warn: warn) {
    case .completed(let value):
      // Statements and calls made for their effect (`plot(…)`, `print`) have nothing to show.
      guard let value else { return .completed(shown: nil) }
      if case .none = value { return .completed(shown: nil) }
      return .completed(shown: session.show(value))
    case .failed(let rendered, _):
      let newlyBound = Set(session.bindings.map(\.name)).subtracting(boundBefore)
      return .failed(EntryFailure(rendered, ranBefore: Self.part(of: entry, thatBound: newlyBound)))
    case .interrupted(let message):
      _ = interrupts.consume()
      return .interrupted(message: message + "; everything trained so far is kept")
    }
  }

  /// The statements of `entry` up to the last one that bound a name of `names`: a pasted script or a
  /// `:load`ed file that failed half-way ran them, and its bindings stay. Statements after that one may
  /// have run too (a `train` without `let`), but nothing in the session shows it.
  static func part(of entry: String, thatBound names: Set<String>) -> String {
    guard !names.isEmpty else { return "" }
    let statements = Parser.parse(SourceFile(name: "", text: entry)).program.statements
    let last = statements.last { statement in
      switch statement.kind {
      case .let(let name, _), .declaration(_, let name, _): names.contains(name.name)
      case .function(let function): names.contains(function.name.name)
      default: false
      }
    }
    guard let last else { return "" }
    return String(decoding: entry.utf8.prefix(last.range.end.offset), as: UTF8.self)
  }

  public func bindings() -> [Binding] {
    session.bindings.map { Binding(name: $0.name, kind: $0.kind, summary: $0.summary) }
  }

  public func describe(_ name: String) -> String? { session.describe(name) }

  public func help(_ topic: String) -> String? {
    session.help(topic) ?? KeywordHelp.entries[topic]
  }

  public func figure(of expressions: [String], logScale: Bool) -> Result<Figure, EntryFailure> {
    do {
      return .success(try session.figure(of: expressions, logScale: logScale))
    } catch var error as RuntimeError {
      // Its position is in one `:plot` argument parsed alone, always line 1: "1:1:" told nothing.
      error.range = nil
      return .failure(EntryFailure("error: \(error)"))
    } catch {
      return .failure(EntryFailure("error: \(error)"))
    }
  }

  public func reset() { session.reset() }
}
