import CReadline

/// Where the REPL writes: results to one stream, errors to the other. Tests collect both.
public struct ReplOutput: Sendable {
  public var write: @Sendable (String) -> Void
  public var writeError: @Sendable (String) -> Void

  public init(write: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void) {
    self.write = write
    self.writeError = writeError
  }

  /// stdout and stderr, flushed after each write.
  public static let standard = ReplOutput(
    write: { xsg_write(0, $0) },
    writeError: { xsg_write(1, $0) })
}
