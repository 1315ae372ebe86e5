import Foundation
import TestSupport
import Testing

/// The documentation a newcomer reads: every page the README promises exists, every relative link in
/// README.md and docs/ points at a file that exists, and the README's example is a valid script.
@Suite struct DocsTests {
  static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let pages = [
    "tutorial", "language", "builtins", "cli", "repl", "diagnostics", "model", "reproduction", "figures",
  ]

  static func markdownFiles() throws -> [URL] {
    let docs = root.appending(path: "docs")
    let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }
    return [root.appending(path: "README.md")] + names.sorted().map { docs.appending(path: $0) }
  }

  /// The targets of `[text](target)` and `![alt](target)` that are not web addresses or pure anchors.
  static func relativeLinks(in text: String) -> [String] {
    var links: [String] = []
    var rest = text[...]
    while let open = rest.range(of: "](") {
      let after = rest[open.upperBound...]
      guard let close = after.firstIndex(of: ")") else { break }
      let target = String(after[..<close])
      rest = after[close...]
      if target.contains("://") || target.hasPrefix("#") || target.hasPrefix("mailto:")
        || target.contains(" ")
      {
        continue
      }
      links.append(String(target.split(separator: "#", maxSplits: 1).first ?? ""))
    }
    return links
  }

  @Test func everyPageExists() {
    for page in Self.pages {
      let path = Self.root.appending(path: "docs/\(page).md").path
      #expect(FileManager.default.fileExists(atPath: path), "docs/\(page).md is missing")
    }
  }

  @Test func relativeLinksResolve() throws {
    for file in try Self.markdownFiles() {
      let text = try String(contentsOf: file, encoding: .utf8)
      let folder = file.deletingLastPathComponent()
      for link in Self.relativeLinks(in: text) where !link.isEmpty {
        let target = folder.appending(path: link).standardizedFileURL.path
        #expect(
          FileManager.default.fileExists(atPath: target), "\(file.lastPathComponent) links to missing \(link)"
        )
      }
    }
  }

  @Test func linkExtraction() {
    let text = "see [a](docs/a.md#x), ![f](figures/p.png) and [web](https://x.org) or [here](#top)"
    #expect(Self.relativeLinks(in: text) == ["docs/a.md", "figures/p.png"])
  }

  @Test func readmeExampleChecks() throws {
    let readme = try String(contentsOf: Self.root.appending(path: "README.md"), encoding: .utf8)
    guard let start = readme.range(of: "```xsg\n"), let end = readme[start.upperBound...].range(of: "```")
    else {
      Issue.record("README.md has no xsg example")
      return
    }
    let scratch = try ScratchFolder.make("xsg-readme")
    defer { ScratchFolder.remove(scratch) }
    let script = scratch.appending(path: "readme.xsg")
    try String(readme[start.upperBound..<end.lowerBound]).write(to: script, atomically: true, encoding: .utf8)
    let result = try Binary.run(["check", script.path])
    #expect(result.status == 0, "\(result.stderr)")
  }
}
