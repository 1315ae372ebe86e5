/// What the static checker may know about the runtime's builtins. The interpreter's registry provides
/// it (the syntax layer knows no builtin names); without one, `xsg check` skips the checks that need it.
public protocol NameOracle: Sendable {
  /// Every predefined name a script may use: builtin functions and constants such as `iid`, `log`.
  var predefinedNames: Set<String> { get }
  /// The parameters of a builtin function; nil for a constant or a builtin whose calls are not checked.
  func signature(of name: String) -> CallSignature?
}

/// The parameters a function takes, for arity and named-argument checks. Builtins and user functions
/// follow the same rule: positional arguments fill parameters in order, a named argument names one
/// parameter, each parameter is given at most once, and every parameter without a default is given.
public struct CallSignature: Hashable, Sendable {
  public struct Parameter: Hashable, Sendable {
    public var name: String
    public var hasDefault: Bool

    public init(_ name: String, hasDefault: Bool = false) {
      self.name = name
      self.hasDefault = hasDefault
    }
  }

  public var parameters: [Parameter]
  var names: Set<String> { Set(parameters.map(\.name)) }
  /// Accepts any number of extra positional arguments (e.g. `max(a, b, c)`).
  public var variadic: Bool

  public init(_ parameters: [Parameter], variadic: Bool = false) {
    self.parameters = parameters
    self.variadic = variadic
  }
}

/// A ready-made oracle from a table: what tests use, and a simple way for the runtime to build one.
public struct BuiltinTable: NameOracle {
  public var predefinedNames: Set<String>
  public var signatures: [String: CallSignature]

  /// `names` are constants; every key of `signatures` is a function and is predefined too.
  public init(names: Set<String> = [], signatures: [String: CallSignature] = [:]) {
    self.predefinedNames = names.union(signatures.keys)
    self.signatures = signatures
  }

  public func signature(of name: String) -> CallSignature? { signatures[name] }
}
