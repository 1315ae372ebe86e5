import Foundation

@testable import XSGSyntax

/// Files of the repository that the tests read: golden scripts and examples.
enum Fixtures {
  /// The repository root, found from this file's path (tests run from any directory).
  static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func text(_ path: String) throws -> String {
    try String(contentsOf: root.appending(path: path), encoding: .utf8)
  }

  /// Every `.xsg` file under a folder of the repository, sorted, as paths relative to the root.
  static func scripts(under folder: String) -> [String] {
    let base = root.appending(path: folder)
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
      return []
    }
    var paths: [String] = []
    for case let url as URL in walker where url.pathExtension == "xsg" {
      paths.append(String(url.path.dropFirst(root.path.count + 1)))
    }
    return paths.sorted()
  }

  static func source(_ path: String) throws -> SourceFile {
    SourceFile(name: path, text: try text(path))
  }
}
