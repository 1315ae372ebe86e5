import Foundation
import TestSupport

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
  /// Where the server of `tmux -L socket` listens (tmux leaves the socket behind when the server is killed).
  var socketPath: String {
    let base = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    return "\(base)/tmux-\(getuid())/\(socket)"
  }

  /// Starts `xsg ARGUMENTS` in a 100×40 terminal, with `environment` added to the session's. With
  /// `jobControl`, xsg is typed into an interactive bash, so Ctrl-Z stops it and `fg` brings it back; the
  /// test then types `echo "[xsg exited with status $?]"` itself once xsg has ended.
  /// With `output`, xsg's stdout goes to that file in `folder` instead of the terminal. With `inScript`,
  /// the shell around xsg is a bash script that does not ignore Ctrl-C: like any script, it stops where
  /// xsg dies of SIGINT, and goes on to its `echo` when xsg exits (the screen then shows it).
  init(
    _ arguments: [String] = [], environment: [String: String] = [:], jobControl: Bool = false,
    output: String? = nil, inScript: Bool = false
  ) throws {
    folder = try ScratchFolder.make("xsg-repl")
    // A terminal that fails to start is closed here: no test would get to close it.
    do {
      try start(
        arguments, environment: environment, jobControl: jobControl, output: output, inScript: inScript)
    } catch {
      close()
      throw error
    }
  }

  private func start(
    _ arguments: [String], environment: [String: String], jobControl: Bool, output: String?, inScript: Bool
  ) throws {
    // The shell reports xsg's exit status on the screen: tmux's own `pane_dead_status` is sometimes
    // missing when the pane has just died. It ignores Ctrl-C itself, so only xsg sees it (xsg installs its
    // own handler, so the inherited "ignore" does not reach it).
    let xsg =
      ([Binary.url.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
      + (output.map { " > '\($0)'" } ?? "")
    let command = "trap '' INT; \(xsg); echo \"[xsg exited with status $?]\""
    let shell = "PS1='$ ' exec bash --norc --noprofile -i"
    let script = "\(xsg); echo \"[xsg exited with status $?]\""
    let bashScript =
      "exec bash --norc --noprofile -c '" + script.replacingOccurrences(of: "'", with: "'\\''") + "'"
    try tmux(
      [
        "-f", "/dev/null", "new-session", "-d", "-s", "repl", "-x", "100", "-y", "40", "-c", folder.path,
        "-e", "HOME=\(folder.path)", "-e", "XDG_STATE_HOME=\(folder.path)/state", "-e", "NO_COLOR=1",
        "-e", "TERM=xterm", "-e", "INPUTRC=/dev/null",
      ] + environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
        + [jobControl ? shell : inScript ? bashScript : command])
    // Keep the pane after xsg exits, so the test can read its last screen and exit status.
    try tmux(["set-option", "-t", "repl", "remain-on-exit", "on"])
    if jobControl {
      try waitFor("$")
      // xsg alone, so that bash follows xsg itself: a job led by a subshell counts as stopped as soon as
      // the subshell stops, and `fg` could then continue xsg before it had stopped.
      try type(xsg)
      try press("Enter")
    }
  }

  /// Types `text` literally (no key names).
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", "repl", "-l", text])
  }

  /// Presses keys by tmux name: `Enter`, `Tab`, `C-c`, `C-d`, `Up`.
  func press(_ keys: String...) throws {
    try tmux(["send-keys", "-t", "repl"] + keys)
  }

  /// Resizes the terminal, which sends xsg a SIGWINCH.
  func resize(columns: Int, rows: Int) throws {
    try tmux(["resize-window", "-t", "repl", "-x", String(columns), "-y", String(rows)])
  }

  /// The visible screen, trailing blank lines dropped (tmux also drops the spaces that end a line, so
  /// the prompt reads `xsg>`).
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
    let marker = "[xsg exited with status "
    let screen = try waitFor("xsg to exit", seconds: seconds) { $0.contains(marker) }
    let status = screen.components(separatedBy: marker).last?.prefix { $0.isNumber } ?? ""
    return Int32(status) ?? -1
  }

  /// Whether the pane's shell has ended, waiting at most `seconds` for it.
  func hasEnded(seconds: Double = 10) throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if try tmux(["display-message", "-p", "-t", "repl", "#{pane_dead}"]).hasPrefix("1") { return true }
      usleep(50_000)
    }
    return false
  }

  /// Stops the tmux server (and xsg with it) and removes the folder and the server's socket.
  func close() {
    _ = try? tmux(["kill-server"])
    unlink(socketPath)
    ScratchFolder.remove(folder)
  }

  /// Runs one tmux command and returns what it printed, killing it after 10 s.
  ///
  /// Spawned directly rather than with Foundation's `Process`: the tmux server that `new-session` starts
  /// inherits whatever `Process` sets up to watch its child and keeps it open, so `Process` never sees the
  /// client exit. The child also gets an empty signal mask (test threads block signals, and the REPL in
  /// the pane inherits the mask through the server).
  @discardableResult
  private func tmux(_ arguments: [String]) throws -> String {
    let outputPath = folder.appending(path: ".tmux-output").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

    let argv = ([Self.tmux!.path, "-L", socket] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, Self.tmux!.path, &actions, &attributes, argv, environ)
    guard spawned == 0 else { throw SpawnFailure(code: spawned) }
    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(10)
    while waitpid(pid, &status, WNOHANG) == 0 {
      if Date() > deadline {
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        throw Timeout(waitingFor: "tmux \(arguments.first ?? "")", screen: "")
      }
      usleep(10_000)
    }
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
  }

  struct SpawnFailure: Error {
    var code: Int32
  }
}
