/// Where the REPL keeps its history between sessions: `$XDG_STATE_HOME/xsg/history`, else `~/.xsg_history`.
public enum HistoryFile {
  /// The largest number of entries kept; older ones are dropped when a session starts.
  public static let capacity: Int32 = 1000

  /// The history file's path, or nil when neither `XDG_STATE_HOME` nor `HOME` is set (no history is kept).
  public static func path(environment: [String: String]) -> String? {
    // The XDG specification says a relative path there is invalid and to be ignored.
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/xsg/history"
    }
    if let home = environment["HOME"], !home.isEmpty {
      return home + "/.xsg_history"
    }
    return nil
  }
}
