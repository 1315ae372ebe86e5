import Foundation

/// The built `xsg` running in a private tmux server, driven like a person at a terminal: type text, press
/// keys, wait for text on the screen. Every wait is bounded; `close()` kills the server.
final class ReplTerminal {
  /// tmux, if this machine has it; tests that need it are skipped otherwise.
  static let tmux: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = URL(filePath: String(folder)).appending(path: "tmux")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }()

  struct Timeout: Error, CustomStringConvertible {
    var waitingFor: String
    var screen: String
    var description: String { "timed out waiting for \(waitingFor); the screen was:\n\(screen)" }
  }

  /// A fresh folder that is the session's working directory, HOME and XDG_STATE_HOME.
  let folder: URL
  private let socket = "xsg-test-\(UUID().uuidString.prefix(8))"

  /// Starts `xsg ARGUMENTS` in a 100×40 terminal.
  init(_ arguments: [String] = []) throws {
    folder = FileManager.default.temporaryDirectory.appending(path: "xsg-repl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let command = ([Binary.url.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    try tmux([
      "-f", "/dev/null", "new-session", "-d", "-s", "repl", "-x", "100", "-y", "40", "-c", folder.path,
      "-e", "HOME=\(folder.path)", "-e", "XDG_STATE_HOME=\(folder.path)/state", "-e", "NO_COLOR=1",
      "-e", "TERM=xterm", "-e", "INPUTRC=/dev/null", command,
    ])
    // Keep the pane after xsg exits, so the test can read its last screen and exit status.
    try tmux(["set-option", "-t", "repl", "remain-on-exit", "on"])
  }

  /// Types `text` literally (no key names).
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", "repl", "-l", text])
  }

  /// Presses keys by tmux name: `Enter`, `Tab`, `C-c`, `C-d`, `Up`.
  func press(_ keys: String...) throws {
    try tmux(["send-keys", "-t", "repl"] + keys)
  }

  /// The visible screen, trailing blank lines dropped.
  func screen() throws -> String {
    try tmux(["capture-pane", "-p", "-t", "repl"]).trimmingCharacters(in: .newlines)
  }

  /// Waits until `predicate` holds for the screen, for at most `seconds`.
  @discardableResult
  func waitFor(
    _ description: String, seconds: Double = 30, _ predicate: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if predicate(last) { return last }
      usleep(50_000)
    }
    throw Timeout(waitingFor: description, screen: last)
  }

  /// Waits until the screen contains `text`.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 30) throws -> String {
    try waitFor("'\(text)'", seconds: seconds) { $0.contains(text) }
  }

  /// The exit status of xsg once it has exited, waiting at most `seconds`.
  func exitStatus(seconds: Double = 10) throws -> Int32 {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      let state = try tmux(["display-message", "-p", "-t", "repl", "#{pane_dead} #{pane_dead_status}"])
      let fields = state.split(separator: " ")
      if fields.first == "1", fields.count > 1, let status = Int32(fields[1].trimmingCharacters(in: .newlines)) {
        return status
      }
      usleep(50_000)
    }
    throw Timeout(waitingFor: "xsg to exit", screen: (try? screen()) ?? "")
  }

  /// Stops the tmux server (and xsg with it) and removes the folder.
  func close() {
    _ = try? tmux(["kill-server"])
    try? FileManager.default.removeItem(at: folder)
  }

  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = Self.tmux
    process.arguments = ["-L", socket] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
