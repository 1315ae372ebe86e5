import XSGSyntax

/// The registry as the static checker sees it: every predefined name and each builtin's parameters, so
/// `xsg check` reports unknown names, wrong arity and unknown named arguments before anything runs.
public struct RegistryOracle: NameOracle {
  public init() {}

  public var predefinedNames: Set<String> { Set(Registry.names) }

  public func signature(of name: String) -> CallSignature? {
    guard let builtin = Registry.builtin(named: name), builtin.isFunction else { return nil }
    return CallSignature(
      builtin.parameters.map {
        CallSignature.Parameter($0.label, hasDefault: $0.defaultValue != nil || $0.optional)
      })
  }
}
