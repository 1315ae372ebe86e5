import Foundation

/// Folders for a test's files under the system temporary directory, named `PREFIX-<UUID>`. A test removes
/// each folder it makes in a `defer` right after making it, so that nothing is left behind however the test
/// ends (passed, failed an expectation, threw):
///
///     let folder = try ScratchFolder.make("xsg-run")
///     defer { ScratchFolder.remove(folder) }
///
/// The test targets that write files depend on this target for it; ScratchFolderTests (in XSGCLITests)
/// checks that no test reaches the temporary directory another way.
public enum ScratchFolder {
  /// A new empty folder.
  public static func make(_ prefix: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// Deletes `folder` with everything in it. A process the test started may still be writing there as it
  /// ends (bash saves its history when the tmux server is killed): the removal then fails on a folder that
  /// is not empty, so it is tried again, for at most a second.
  public static func remove(_ folder: URL) {
    for _ in 0..<20 {
      do {
        try FileManager.default.removeItem(at: folder)
        return
      } catch {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        usleep(50_000)
      }
    }
  }
}
