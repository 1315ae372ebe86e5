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

/// The front end's diagnostics for a script given as lines, checked against `TestOracle.table`.
func checkLines(_ lines: [String], predeclared: Set<String> = []) -> [Diagnostic] {
  let source = SourceFile(name: "t.xsg", text: lines.joined(separator: "\n") + "\n")
  return FrontEnd.check(source, oracle: TestOracle.table, predeclared: predeclared).diagnostics
}

/// "line: [code] message" of each diagnostic, for compact expectations.
func lineSummary(_ diagnostics: [Diagnostic]) -> [String] {
  diagnostics.map { "\($0.range.start.line): [\($0.code)] \($0.message)" }
}
