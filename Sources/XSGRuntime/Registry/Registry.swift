/// The builtin registry: every name a script can use without defining it. Feeds the interpreter, the
/// static checks of `xsg check` (`StaticNames`), REPL completion, `xsg help builtins` and docs/builtins.md.
public enum Registry {
  /// Every builtin, grouped by category in the order docs list them.
  public static let all: [Builtin] =
    DataBuiltins.all + NetworkBuiltins.all + OptimizerBuiltins.all + ProbeBuiltins.all + SeriesBuiltins.all
    + MathBuiltins.all + OutputBuiltins.all + Constants.all

  private static let byName: [String: Builtin] = Dictionary(
    all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

  public static func builtin(named name: String) -> Builtin? { byName[name] }

  /// All names, sorted.
  public static var names: [String] { all.map(\.name).sorted() }
}
