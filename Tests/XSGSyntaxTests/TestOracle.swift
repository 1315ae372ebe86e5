@testable import XSGSyntax

/// A stand-in for the runtime's builtin registry: the builtins of the language sketch, enough to test
/// the checks that need an oracle.
enum TestOracle {
  static let table = BuiltinTable(
    names: ["iid", "logistic2", "log", "majority", "minority"],
    signatures: [
      "hypercube": CallSignature([.init("d")]),
      "xor": CallSignature([.init("i"), .init("j")]),
      "spurious": CallSignature([.init("coordinate"), .init("flip", hasDefault: true)]),
      "test": CallSignature([.init("data"), .init("distribution"), .init("n", hasDefault: true)]),
      "relu2": CallSignature([.init("width"), .init("init", hasDefault: true)]),
      "sphere": CallSignature([.init("theta")]),
      "sgd": CallSignature([
        .init("lr"), .init("batch", hasDefault: true), .init("loss", hasDefault: true),
      ]),
      "batch_loss": CallSignature([]),
      "mean": CallSignature([.init("x")]),
      "abs": CallSignature([.init("x")]),
      "accuracy": CallSignature([.init("net"), .init("data")]),
      "plot": CallSignature([
        .init("run"), .init("probes", hasDefault: true), .init("y", hasDefault: true),
        .init("file", hasDefault: true),
      ]),
      "max": CallSignature([.init("a")], variadic: true),
      "map": CallSignature([.init("items"), .init("function")]),
    ])
}
