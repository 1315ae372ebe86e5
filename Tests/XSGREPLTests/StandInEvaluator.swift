import Foundation
import Synchronization
import XSGPlot

@testable import XSGREPL

/// A tiny language for testing the loop alone: `let NAME = NUMBER` binds, a bound name alone shows its
/// value, `fail` fails, `train` reports an interruption, and an entry is incomplete while a `(` or `{` is
/// open or it ends with `+`.
final class StandInEvaluator: ReplEvaluator {
  private(set) var values: [(name: String, value: String)] = []
  private(set) var ran: [(entry: String, name: String)] = []

  var keywords: [String] { ["let", "train"] }
  var names: [String] { values.map(\.name) }
  func members(of path: [String]) -> [String] { [] }
  func argumentLabels(of callee: [String]) -> [String] { [] }
  func directoryEntries(at path: String) -> [DirectoryEntry] { [] }

  func isIncomplete(_ entry: String) -> Bool {
    let open = entry.filter { $0 == "(" || $0 == "{" }.count
    let closed = entry.filter { $0 == ")" || $0 == "}" }.count
    return open > closed || entry.trimmingWhitespace().hasSuffix("+")
  }

  func run(_ entry: String, name: String, warn: (String) -> Void) -> EntryOutcome {
    ran.append((entry, name))
    let words = entry.split(whereSeparator: \.isWhitespace).map(String.init)
    if words.count == 4, words[0] == "let", words[2] == "=" {
      values.removeAll { $0.name == words[1] }
      values.append((words[1], words[3]))
      return .completed(shown: nil)
    }
    if words == ["train"] {
      return .interrupted(message: "interrupted at step 7; the network keeps its state")
    }
    if words.count == 1, let value = values.first(where: { $0.name == words[0] }) {
      return .completed(shown: value.value)
    }
    return .failed(EntryFailure("\(name):1: error: cannot run '\(entry)'"))
  }

  func bindings() -> [Binding] {
    values.map { Binding(name: $0.name, kind: "number", summary: $0.value) }
  }

  func describe(_ name: String) -> String? {
    values.first { $0.name == name }.map { "\($0.name) is the number \($0.value)" }
  }

  func help(_ topic: String) -> String? { topic == "let" ? "let NAME = EXPR binds a name" : nil }

  func figure(of expressions: [String], logScale: Bool) -> Result<Figure, EntryFailure> {
    let series = expressions.enumerated().map { index, name in
      Series(name: name, points: (1...10).map { Point(x: Double($0), y: pow(Double($0), Double(index + 1))) })
    }
    return .success(Figure(panel: Panel(yScale: logScale ? .log : .linear, series: series)))
  }

  func reset() { values = [] }
}

/// Everything a REPL wrote, split by stream, and both streams in the order written.
final class CapturedOutput: Sendable {
  private let text = Mutex<(out: String, err: String, both: String)>(("", "", ""))

  var out: String { text.withLock { $0.out } }
  var err: String { text.withLock { $0.err } }
  var both: String { text.withLock { $0.both } }

  var sink: ReplOutput {
    ReplOutput(
      write: { piece in
        self.text.withLock {
          $0.out += piece
          $0.both += piece
        }
      },
      writeError: { piece in
        self.text.withLock {
          $0.err += piece
          $0.both += piece
        }
      })
  }
}
