import Foundation
import TestSupport
import Testing

/// Every shipped example runs end to end at a reduced size (command-line overrides of its top-level
/// `let`s) and leaves its probes and figures in the run folder. The full sizes are run by hand; their
/// expected runtime is written at the top of each script.
@Suite struct ExamplesTests {
  static let examples = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appending(path: "examples")

  struct Example: CustomTestStringConvertible, Sendable {
    var file: String
    var overrides: [String]
    /// Files the run folder must hold, relative to it.
    var outputs: [String]
    var testDescription: String { file }
  }

  static let all: [Example] = [
    Example(
      file: "quickstart.xsg", overrides: ["d=20", "steps=40"], outputs: ["probes.csv", "phases.svg"]),
    Example(
      file: "paper/1_xor_alone.xsg", overrides: ["d=20", "steps=40"],
      outputs: ["probes.csv", "neurons/w_sig.csv", "w_sig.svg", "accuracy.svg"]),
    Example(
      file: "paper/2_default.xsg", overrides: ["d=20", "steps=40"],
      outputs: ["probes.csv", "neurons/w_sp.csv", "phases.svg", "margins.svg"]),
    Example(
      file: "paper/3_lambda0.xsg", overrides: ["d=20", "steps=40"],
      outputs: ["probes.csv", "phases.svg", "accuracy.svg"]),
    Example(
      file: "paper/4_lambda025.xsg", overrides: ["d=20", "steps=40"],
      outputs: ["probes.csv", "phases.svg", "accuracy.svg"]),
    Example(
      file: "paper/5_sweep.xsg", overrides: ["d=20", "steps=40", "λs=[0, 0.25]", "seeds=2"],
      outputs: ["index.csv", "fraction.svg"] + (1...4).map { "run\($0)/probes.csv" }),
    Example(
      file: "paper/6_loss_ablation.xsg", overrides: ["d=20", "steps=40"],
      outputs: ["index.csv"]
        + ["loss=linear0", "loss=logistic2"].flatMap { ["\($0)/probes.csv", "\($0)/phases.svg"] }),
    Example(
      file: "paper/7_glasgow_scaling.xsg", overrides: ["ds=[10, 20]", "steps=40", "seeds=1"],
      outputs: ["index.csv"]
        + ["d=10,trial=1", "d=20,trial=1"].flatMap { ["\($0)/probes.csv", "\($0)/accuracy.svg"] }),
  ]

  @Test(arguments: all) func runsAtReducedSize(_ example: Example) throws {
    let scratch = try ScratchFolder.make("xsg-example")
    defer { ScratchFolder.remove(scratch) }
    let out = scratch.appending(path: "out")
    let script = Self.examples.appending(path: example.file).path
    let result = try Binary.run(["run", script] + example.overrides + ["--out", out.path, "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.isEmpty, "an example says what happened")
    for output in example.outputs {
      let path = out.appending(path: output).path
      #expect(FileManager.default.fileExists(atPath: path), "\(example.file) did not write \(output)")
    }
    for svg in example.outputs where svg.hasSuffix(".svg") {
      let text = try String(contentsOf: out.appending(path: svg), encoding: .utf8)
      #expect(text.hasPrefix("<svg") || text.hasPrefix("<?xml"), "\(svg) is not an SVG")
    }
  }

  /// A new example cannot be shipped without a row above, and every example says how long it takes,
  /// passes `xsg check` and is in `xsg fmt`'s layout (which keeps the examples' hand-made line breaks).
  @Test func everyExampleIsListedAndChecked() throws {
    let paper = try FileManager.default.contentsOfDirectory(
      atPath: Self.examples.appending(path: "paper").path
    )
    .filter { $0.hasSuffix(".xsg") }.map { "paper/" + $0 }
    let top = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path).filter {
      $0.hasSuffix(".xsg")
    }
    #expect(Set(paper + top) == Set(Self.all.map(\.file)))
    let paths = Self.all.map { Self.examples.appending(path: $0.file).path }
    let check = try Binary.run(["check"] + paths)
    #expect(check.status == 0, "\(check.stderr)")
    let format = try Binary.run(["fmt", "--check"] + paths)
    #expect(format.status == 0, "\(format.stdout)")
    for example in Self.all where example.file.hasPrefix("paper/") {
      let text = try String(contentsOf: Self.examples.appending(path: example.file), encoding: .utf8)
      #expect(text.contains("Expected runtime"), "\(example.file) does not state its expected runtime")
    }
  }
}
