/// Where the REPL keeps its history between sessions: `$XDG_STATE_HOME/xsg/history`, else `~/.xsg_history`.
public enum HistoryFile {
  /// The largest number of entries kept; older ones are dropped when the file is written.
  public static let capacity: Int32 = 1000

  /// The history file's path, or nil when neither `XDG_STATE_HOME` nor `HOME` is set (no history is kept).
  public static func path(environment: [String: String]) -> String? {
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      return state + "/xsg/history"
    }
    if let home = environment["HOME"], !home.isEmpty {
      return home + "/.xsg_history"
    }
    return nil
  }
}
