import Foundation
import TestSupport
import Testing

/// The tests leave nothing behind in the temporary directory. Each makes its files in a scratch folder that
/// a `defer` on the next line removes (Tests/TestSupport/ScratchFolder.swift); before, only some did, and every run of the
/// suite left some forty `xsg-plot-…`, `xsg-plot-cli-…` and `xsg-checkfmt-…` folders in /tmp.
@Suite struct ScratchFolderTests {
  static let testsFolder = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

  /// Every Swift file under Tests/ but this one: its path below Tests/ and its text.
  static func sources() throws -> [(path: String, text: String)] {
    let files =
      FileManager.default.enumerator(at: testsFolder, includingPropertiesForKeys: nil)?
      .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
    return try files.filter { $0.lastPathComponent != URL(filePath: #filePath).lastPathComponent }
      .map {
        (String($0.path.dropFirst(testsFolder.path.count + 1)), try String(contentsOf: $0, encoding: .utf8))
      }
      .sorted { $0.path < $1.path }
  }

  @Test func onlyScratchFolderReachesTheTemporaryDirectory() throws {
    let sources = try Self.sources()
    #expect(sources.count > 50)
    for (path, text) in sources where !path.hasSuffix("/ScratchFolder.swift") {
      #expect(!text.contains("temporaryDirectory") && !text.contains("NSTemporaryDirectory"), "\(path)")
    }
  }

  /// `let x = try ScratchFolder.make(…)` is followed by `defer { ScratchFolder.remove(x) }`, and
  /// `let t = try ReplTerminal(…)` (whose `close()` removes its folder) by `defer { t.close() }`.
  @Test func everyScratchFolderIsRemovedByADeferOnTheNextLine() throws {
    // What makes a folder, how the line that makes it reads, and the `defer` that must follow it.
    let owners: [(make: String, line: Regex<(Substring, Substring)>, removal: (Substring) -> String)] = [
      (
        "ScratchFolder.make(", #/^\s*let (\w+) = try ScratchFolder\.make\(/#,
        { "ScratchFolder.remove(\($0))" }
      ),
      ("ReplTerminal(", #/^\s*let (\w+) = try ReplTerminal\(/#, { "\($0).close()" }),
    ]
    for (path, text) in try Self.sources()
    where !path.hasSuffix("/ScratchFolder.swift") && !path.hasSuffix("/ReplTerminal.swift") {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      for (index, line) in lines.enumerated() {
        for owner in owners where line.contains(owner.make) {
          let next = index + 1 < lines.count ? lines[index + 1].trimmingCharacters(in: .whitespaces) : ""
          let expected = line.firstMatch(of: owner.line).map { "defer { \(owner.removal($0.1)) }" }
          #expect(expected != nil && next == expected, "\(path):\(index + 1): \(line)")
        }
      }
    }
  }

  @Test func removeTakesTheFolderWithEverythingInIt() throws {
    let folder = try ScratchFolder.make("xsg-scratch")
    defer { ScratchFolder.remove(folder) }
    #expect(folder.lastPathComponent.hasPrefix("xsg-scratch-"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    try FileManager.default.createDirectory(
      at: folder.appending(path: "a/b"), withIntermediateDirectories: true)
    try Data("x".utf8).write(to: folder.appending(path: "a/b/c.txt"))
    ScratchFolder.remove(folder)
    #expect(!FileManager.default.fileExists(atPath: folder.path))
    ScratchFolder.remove(folder)  // a folder that is already gone is no error
  }

  /// tmux leaves its socket behind when the server is killed: 651 `xsg-test-…` sockets had piled up in
  /// /tmp/tmux-0 from the REPL tests.
  @Test(.enabled(if: ReplTerminal.tmux != nil, "needs tmux"))
  func aClosedTerminalLeavesNothingBehind() throws {
    let terminal = try ReplTerminal()
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    #expect(FileManager.default.fileExists(atPath: terminal.socketPath))
    terminal.close()
    #expect(!FileManager.default.fileExists(atPath: terminal.folder.path))
    #expect(!FileManager.default.fileExists(atPath: terminal.socketPath))
  }
}
