import Glibc

/// The width of the terminal on stdout, for sizing terminal plots.
public enum TerminalSize {
  /// Used when stdout is not a terminal or does not report a size.
  public static let fallbackColumns = 80

  public static func columns() -> Int {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return fallbackColumns }
    return Int(size.ws_col)
  }
}
