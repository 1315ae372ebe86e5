import XSGSyntax

/// A lexical scope: its bindings, its probe blocks, and its parent. Blocks (`if`, `for` bodies) and
/// function calls each get a fresh scope; the top-level scope persists across REPL entries.
public final class Environment: @unchecked Sendable {
  /// How a name was bound (the REPL's `:env` shows it).
  public enum BindingKind: String, Sendable {
    case `let`, data, net, opt, function, parameter, loop
  }
  public struct Binding: Sendable {
    public var value: Value
    public var kind: BindingKind
    public var range: SourceRange?
  }
  /// A `probe every N { … }` block, evaluated at probe times in the scope that declared it.
  struct ProbeBlock {
    var every: Int
    var entries: [ProbeEntry]
    /// The scope that holds this block in its `probes`: unowned, or the two would keep each other alive
    /// and every loop iteration or call with a probe block would keep its test sets and networks until
    /// the end of the script (a sweep's memory grew with each run).
    unowned let scope: Environment
    var range: SourceRange
  }

  let parent: Environment?
  private(set) var bindings: [String: Binding] = [:]
  /// Names in the order they were bound (for listings).
  private(set) var order: [String] = []
  var probes: [ProbeBlock] = []

  init(parent: Environment?) { self.parent = parent }

  /// The binding of `name` here or in a scope around; a function comes out holding its scope (see
  /// `FunctionValue`).
  func lookup(_ name: String) -> Binding? {
    var scope: Environment? = self
    while let current = scope {
      if var binding = current.bindings[name] {
        if case .function(let function) = binding.value { binding.value = .function(function.retainingScope) }
        return binding
      }
      scope = current.parent
    }
    return nil
  }

  func define(_ name: String, _ value: Value, kind: BindingKind, range: SourceRange?) {
    if bindings[name] == nil { order.append(name) }
    bindings[name] = Binding(value: value, kind: kind, range: range)
  }

  func isDefinedHere(_ name: String) -> Bool { bindings[name] != nil }

  /// Every probe block visible from here, outermost first (declaration order within a scope).
  var activeProbes: [ProbeBlock] {
    (parent?.activeProbes ?? []) + probes
  }

  /// All visible names (for suggestions).
  var visibleNames: [String] {
    var names = Array(bindings.keys)
    if let parent { names += parent.visibleNames }
    return names
  }

  /// Bindings of this scope in binding order.
  var orderedBindings: [(String, Binding)] { order.compactMap { name in bindings[name].map { (name, $0) } } }
}
