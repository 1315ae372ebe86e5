import Foundation
import TestSupport
import Testing
import XSGSyntax

@testable import XSGRuntime

/// Golden scripts in Tests/Golden/run: each `.xsg` file holds chunks separated by `# ---` lines; each
/// chunk runs in a fresh interpreter (with a scratch run folder) and must print exactly its
/// `# expect: TEXT` lines, in order, and fail with its `# error: TEXT` (on that line; TEXT is found in
/// "CODE message") if it has one.
@Suite struct GoldenTests {
  static let folder = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Golden/run")

  static let files: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".xsg") }.sorted()
  }()

  @Test func goldenScriptsExist() {
    #expect(Self.files.count >= 10)
  }

  /// Every builtin and every member is exercised by some golden script.
  @Test func everyBuiltinAndMemberHasAGoldenScript() throws {
    let text = try Self.files.map { try String(contentsOf: Self.folder.appending(path: $0), encoding: .utf8) }
      .joined(separator: "\n")
    let words = Set(
      text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init))
    let unused = Registry.all.map(\.name).filter { !words.contains($0) }
    #expect(unused.isEmpty, "no golden script uses \(unused)")
    let members = Members.network + Members.run + Members.series + Members.data + Members.optimizer
    let unusedMembers = members.map(\.name).filter { $0 != "<probe>" && !words.contains($0) }
    #expect(unusedMembers.isEmpty, "no golden script uses the members \(unusedMembers)")
  }

  @Test(arguments: files)
  func golden(_ name: String) throws {
    let text = try String(contentsOf: Self.folder.appending(path: name), encoding: .utf8)
    for chunk in GoldenChunk.split(text) {
      let outcome = try GoldenChunk.run(chunk.source, name: name)
      #expect(outcome.output == chunk.expected, "\(name):\(chunk.firstLine): output differs")
      switch (chunk.error, outcome.error) {
      case (nil, nil): break
      case (let expected?, nil):
        Issue.record(
          "\(name):\(expected.line): expected the error '\(expected.text)', the chunk ran to the end")
      case (nil, let actual?):
        Issue.record("\(name):\(actual.line): unexpected error \(actual.text)")
      case (let expected?, let actual?):
        #expect(
          actual.line == expected.line, "\(name): error on line \(actual.line), expected \(expected.line)")
        #expect(actual.text.contains(expected.text), "\(name):\(expected.line): got '\(actual.text)'")
      }
    }
  }
}

struct GoldenChunk {
  struct ExpectedError {
    var line: Int
    var text: String
  }
  /// The whole file with other chunks blanked, so line numbers stay those of the file.
  var source: String
  var firstLine: Int
  var expected: [String]
  var error: ExpectedError?

  static func split(_ text: String) -> [GoldenChunk] {
    let lines = text.components(separatedBy: "\n")
    var chunks: [GoldenChunk] = []
    var start = 0
    let marked = lines.enumerated().map { ($0.offset, $0.element) } + [(lines.count, "# ---")]
    for (i, line) in marked where line.trimmingCharacters(in: .whitespaces) == "# ---" {
      var source = [String](repeating: "", count: lines.count)
      var expected: [String] = []
      var error: ExpectedError?
      for j in start..<i {
        source[j] = lines[j]
        if let range = lines[j].range(of: "# expect: ") {
          expected.append(String(lines[j][range.upperBound...]))
        } else if lines[j].hasSuffix("# expect:") {
          expected.append("")
        }
        if let range = lines[j].range(of: "# error: ") {
          error = ExpectedError(line: j + 1, text: String(lines[j][range.upperBound...]))
        }
      }
      chunks.append(
        GoldenChunk(
          source: source.joined(separator: "\n"), firstLine: start + 1, expected: expected, error: error))
      start = i + 1
    }
    return chunks
  }

  struct Outcome {
    var output: [String]
    var error: (line: Int, text: String)?
  }

  /// Runs `source` in a fresh interpreter with a scratch run folder.
  static func run(_ source: String, name: String) throws -> Outcome {
    let file = SourceFile(name: name, text: source)
    let front = FrontEnd.check(file, oracle: RegistryOracle())
    if let first = front.diagnostics.first(where: { $0.severity == .error }) {
      return Outcome(output: [], error: (first.range.start.line, "\(first.code) \(first.message)"))
    }
    let buffer = OutputBuffer()
    let scratch = try ScratchFolder.make("xsg-golden")
    defer { ScratchFolder.remove(scratch) }
    let folder = try RunFolderWriter(
      url: scratch.appending(path: "run"), script: source, overrides: [],
      meta: RunMeta(xsgVersion: "test", script: source, scriptPath: nil, threads: 1, argv: []))
    let interpreter = Interpreter(
      settings: .init(write: { buffer.append($0) }, shouldStop: { false }), folder: folder)
    var error: (Int, String)?
    do {
      try interpreter.run(front.program)
    } catch let failure as RuntimeError {
      error = (failure.range?.start.line ?? 0, "\(failure.code.rawValue) \(failure.message)")
    }
    var lines = buffer.text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return Outcome(output: lines, error: error)
  }
}

/// Collects `print` output (the interpreter writes from one thread at a time).
final class OutputBuffer: @unchecked Sendable {
  private let lock = NSLock()
  private var storage = ""

  func append(_ text: String) {
    lock.lock()
    storage += text
    lock.unlock()
  }

  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
