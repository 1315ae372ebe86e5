import Foundation
import Testing
import XSGSyntax

@testable import XSGRuntime

@Suite struct RegistryTests {
  @Test func namesAreUnique() {
    var seen = Set<String>()
    for builtin in Registry.all {
      #expect(seen.insert(builtin.name).inserted, "\(builtin.name) is registered twice")
    }
  }

  @Test func everyBuiltinHasADocAndLabels() {
    for builtin in Registry.all {
      #expect(!builtin.doc.isEmpty, "\(builtin.name) has no doc")
      #expect(Set(builtin.parameters.map(\.label)).count == builtin.parameters.count)
    }
  }

  /// Every option of model.md has a builtin (the names scripts use).
  @Test func modelOptionsAreExpressible() {
    let required = [
      "hypercube", "xor", "parity", "staircase", "majority_vote", "spurious", "spurious_block", "label_noise",
      "samples", "test", "heldout", "cell", "iid", "same", "reversed", "balanced", "majority", "minority",
      "relu2", "sphere", "gaussian", "symmetric", "mean_field", "ntk", "logistic2", "logistic", "linear0",
      "hinge", "square", "sgd", "step_decay", "cosine_decay", "inverse_time", "batch_loss", "loss",
      "accuracy",
      "worst_group_accuracy", "margin", "min_margin", "fourier", "cosine", "first_step", "rate", "plot",
    ]
    for name in required { #expect(Registry.builtin(named: name) != nil, "no builtin \(name)") }
    let sgd = Registry.builtin(named: "sgd")!.parameters.map(\.label)
    for label in [
      "lr", "batch", "loss", "schedule", "weight_decay", "lr_w", "lr_a", "freeze_w", "freeze_a", "sign",
    ] {
      #expect(sgd.contains(label))
    }
    let relu2 = Registry.builtin(named: "relu2")!.parameters.map(\.label)
    for label in ["width", "init", "bias", "second", "scale"] { #expect(relu2.contains(label)) }
  }

  @Test func oracleFeedsTheStaticChecker() {
    let source = SourceFile(name: "t.xsg", text: "let a = spurious(3, flop: 0.1)\nlet b = hypercub(3)\n")
    let result = FrontEnd.check(source, oracle: RegistryOracle())
    let codes = result.diagnostics.map(\.code.rawValue)
    #expect(codes.contains("E0205"))
    #expect(codes.contains("E0201"))
    #expect(result.diagnostics.contains { $0.suggestion == "hypercube" })
  }

  /// docs/builtins.md is generated from the registry; regenerate with XSG_REGENERATE_DOCS=1.
  @Test func builtinsReferenceIsCurrent() throws {
    let url = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appending(path: "docs/builtins.md")
    let generated = BuiltinDocs.markdown
    if ProcessInfo.processInfo.environment["XSG_REGENERATE_DOCS"] == "1" {
      try generated.write(to: url, atomically: true, encoding: .utf8)
    }
    let current = try? String(contentsOf: url, encoding: .utf8)
    #expect(
      current == generated,
      "docs/builtins.md is stale: run XSG_REGENERATE_DOCS=1 swift test --filter RegistryTests")
  }

  @Test func helpShowsSignatureAndParameters() {
    let help = BuiltinDocs.help(Registry.builtin(named: "spurious")!)
    #expect(help.hasPrefix("spurious(k, flip) → data stage"))
    #expect(help.contains("flip: number in [0, 1]"))
  }
}
