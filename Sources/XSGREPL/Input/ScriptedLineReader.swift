/// A line reader that replays a fixed list of inputs and records what the REPL asked: for tests, and for
/// feeding a REPL from a program.
public final class ScriptedLineReader: LineReader {
  private var pending: ArraySlice<LineInput>
  /// Every prompt shown, in order.
  public private(set) var prompts: [String] = []
  public private(set) var history: [String] = []
  public private(set) var isClosed = false
  /// Runs just before each input is handed out: lets a test act "while the user types" (for example press
  /// Ctrl-C during the entry that follows).
  public var beforeEachRead: ((LineInput) -> Void)?

  public init(_ inputs: [LineInput]) {
    pending = inputs[...]
  }

  /// Replays `lines`, one `.line` each, then reports the end of the input.
  public convenience init(lines: [String]) {
    self.init(lines.map(LineInput.line))
  }

  public func readLine(prompt: String) -> LineInput {
    prompts.append(prompt)
    guard let next = pending.popFirst() else { return .endOfInput }
    beforeEachRead?(next)
    return next
  }

  public func addHistory(_ entry: String) {
    if isWorthRemembering(entry) { history.append(entry) }
  }

  public func close() {
    isClosed = true
  }
}
