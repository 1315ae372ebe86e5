/// What the completion engine needs to know about the session; the REPL answers from the interpreter,
/// tests answer from fixed tables.
public protocol CompletionSource {
  /// The language's keywords and contextual words.
  var keywords: [String] { get }
  /// Every name in scope: builtins from the registry and the session's bindings.
  var names: [String] { get }
  /// The field and method names of the value that the dotted name `path` denotes (`["run", "final"]` for
  /// `run.final`), or none when it denotes nothing.
  func members(of path: [String]) -> [String]
  /// The named-argument labels of the function that the dotted name `callee` denotes, without colons.
  func argumentLabels(of callee: [String]) -> [String]
  /// The entries of the directory at `path` ("" is the current directory), for file-name completion.
  func directoryEntries(at path: String) -> [DirectoryEntry]
}

/// One name in a directory listing.
public struct DirectoryEntry: Equatable, Sendable {
  public var name: String
  public var isDirectory: Bool

  public init(name: String, isDirectory: Bool) {
    self.name = name
    self.isDirectory = isDirectory
  }
}
