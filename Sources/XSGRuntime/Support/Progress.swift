import Foundation

/// Training progress on stderr. On a terminal: a bar redrawn in place with step, samples/s, ETA and the
/// latest probe values. Otherwise: a plain line every few seconds, readable in a cluster log.
public final class Progress: @unchecked Sendable {
  public enum Mode: Sendable {
    case quiet
    case bar
    case lines(every: Double)
  }
  let mode: Mode
  let write: @Sendable (String) -> Void
  private var label = ""
  private var total = 0
  private var samplesPerStep = 0
  private var started = Date()
  private var firstStep = 0
  private var lastDraw = Date.distantPast
  private var drawn = false

  public init(mode: Mode, write: @escaping @Sendable (String) -> Void = Progress.standardError) {
    self.mode = mode
    self.write = write
  }

  /// Bar on a terminal, lines every 5 s otherwise, nothing with `quiet`.
  public static func automatic(quiet: Bool) -> Progress {
    if quiet { return Progress(mode: .quiet) }
    return Progress(mode: isatty(STDERR_FILENO) != 0 ? .bar : .lines(every: 5))
  }

  public static let standardError: @Sendable (String) -> Void = { text in
    FileHandle.standardError.write(Data(text.utf8))
  }

  public func begin(label: String, from step: Int, total: Int, samplesPerStep: Int) {
    self.label = label
    self.firstStep = step
    self.total = total
    self.samplesPerStep = samplesPerStep
    started = Date()
    lastDraw = Date()
  }

  /// Called at probe times (and at most that often): redraws when due.
  public func update(step: Int, probes: [(String, String)]) {
    let now = Date()
    switch mode {
    case .quiet: return
    case .bar:
      guard now.timeIntervalSince(lastDraw) >= 0.1 || step == total else { return }
      lastDraw = now
      let width = 24
      let done = total > 0 ? min(width, width * step / total) : width
      let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
      // A line longer than the terminal wraps, and `\r` then redraws only its last part: cut it to fit.
      let line = "\(label) \(bar) \(status(step: step, now: now, probes: probes))"
      write("\r\u{1B}[K" + String(line.prefix(Self.terminalColumns() - 1)))
      drawn = true
    case .lines(let every):
      guard now.timeIntervalSince(lastDraw) >= every else { return }
      lastDraw = now
      write("\(label): \(status(step: step, now: now, probes: probes))\n")
    }
  }

  /// Clears the bar (the caller prints its own closing line).
  public func end() {
    if case .bar = mode, drawn { write("\r\u{1B}[K") }
    drawn = false
  }

  func status(step: Int, now: Date, probes: [(String, String)]) -> String {
    let elapsed = now.timeIntervalSince(started)
    let done = step - firstStep
    var parts = ["step \(step)/\(total)"]
    if elapsed > 0, done > 0 {
      let rate = Double(done * samplesPerStep) / elapsed
      parts.append(Self.rate(rate) + " samples/s")
      let remaining = Double(total - step) * elapsed / Double(done)
      parts.append("ETA " + Self.duration(remaining))
    }
    let values = probes.prefix(4).map { "\($0.0) \($0.1)" }
    return (parts + values).joined(separator: "  ")
  }

  /// The width of the terminal on stderr, 80 when it does not say.
  static func terminalColumns() -> Int {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  static func rate(_ x: Double) -> String {
    if x >= 1e9 { return String(format: "%.2f G", x / 1e9) }
    if x >= 1e6 { return String(format: "%.2f M", x / 1e6) }
    if x >= 1e3 { return String(format: "%.1f k", x / 1e3) }
    return String(format: "%.0f", x)
  }

  static func duration(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.0fs", seconds) }
    if seconds < 3600 { return String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60) }
    return String(format: "%dh%02dm", Int(seconds) / 3600, (Int(seconds) % 3600) / 60)
  }
}
