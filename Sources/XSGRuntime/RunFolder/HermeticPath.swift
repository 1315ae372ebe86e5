/// Scripts are hermetic: every file a script names (a plot, an output table) lives inside its run folder.
/// A name is a relative path without `..`; anything else is refused before a byte is written.
public enum HermeticPath {
  /// The checked relative path, or a message saying why `name` is refused.
  public static func check(_ name: String) -> Result<String, HermeticPathError> {
    if name.isEmpty { return .failure(.empty) }
    if name.hasPrefix("/") || name.hasPrefix("~") { return .failure(.absolute(name)) }
    let components = name.split(separator: "/", omittingEmptySubsequences: true)
    if components.contains(where: { $0 == ".." }) { return .failure(.parent(name)) }
    if name.contains("\0") { return .failure(.invalid(name)) }
    let clean = components.filter { $0 != "." }.joined(separator: "/")
    return clean.isEmpty ? .failure(.empty) : .success(clean)
  }
}

public enum HermeticPathError: Error, Equatable, CustomStringConvertible {
  case empty
  case absolute(String)
  case parent(String)
  case invalid(String)

  public var description: String {
    switch self {
    case .empty: "a file name is empty"
    case .absolute(let name):
      "'\(name)' is an absolute path; scripts write only inside their run folder, so give a relative name"
    case .parent(let name):
      "'\(name)' leaves the run folder ('..'); scripts write only inside their run folder"
    case .invalid(let name): "'\(name)' is not a valid file name"
    }
  }
}
