import Foundation

/// Writes a whole file at once: the text goes to a temporary file beside the target, which is then renamed
/// over it. A crash or Ctrl-C at any moment leaves either the old or the new file, never a torn one.
public enum AtomicFile {
  public static func write(_ text: String, to url: URL) throws {
    try write(Data(text.utf8), to: url)
  }

  public static func write(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appending(path: ".\(url.lastPathComponent).\(getpid()).tmp")
    try data.write(to: temporary)
    // rename(2) replaces the target atomically on POSIX file systems.
    if rename(temporary.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw RunFolderError.cannotWrite(url.path, reason)
    }
  }
}

/// Failures of the run folder (the file system, not the script).
public enum RunFolderError: Error, CustomStringConvertible, Equatable {
  case cannotWrite(String, String)
  case cannotCreate(String, String)
  case notARunFolder(String)

  /// Why a write failed, in a few words ("File name too long"), not Foundation's dump of an NSError.
  static func reason(_ error: Error) -> String {
    if let error = error as? RunFolderError { return error.description }
    let error = error as NSError
    return ((error.userInfo[NSUnderlyingErrorKey] as? NSError) ?? error).localizedDescription
  }

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
    case .cannotCreate(let path, let reason): "cannot create the run folder \(path): \(reason)"
    case .notARunFolder(let path):
      "\(path) exists and is not a run folder (no meta.json); choose another --out, nothing was written"
    }
  }
}
