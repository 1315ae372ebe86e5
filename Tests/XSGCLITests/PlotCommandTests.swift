import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `xsg plot` end to end, on copies of the fixture folders under Tests/Golden/plot/.
@Suite struct PlotCommandTests {
  static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Golden/plot")

  /// A copy of a fixture folder in the test's `scratch` folder, so the command can write its figure.svg
  /// beside the data.
  func copy(_ name: String, into scratch: URL) throws -> URL {
    let target = scratch.appending(path: name)
    try FileManager.default.copyItem(at: Self.fixtures.appending(path: name), to: target)
    return target
  }

  func isWellFormedXML(_ url: URL) throws -> Bool {
    XMLParser(data: try Data(contentsOf: url)).parse()
  }

  @Test func drawsARunIntoItsFolder() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let run = try copy("run", into: scratch)
    let result = try Binary.run(["plot", run.path])
    #expect(result.status == 0, "\(result.stderr)")
    let figure = run.appending(path: "figure.svg")
    #expect(try isWellFormedXML(figure))
    let text = try String(contentsOf: figure, encoding: .utf8)
    #expect(text.contains(">w_sp</text>") && text.contains(">margin_min</text>"))
    #expect(result.stdout.contains("figure.svg"))
  }

  @Test func namedProbesToAChosenFileWithATitle() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let run = try copy("run", into: scratch)
    let output = run.appending(path: "phases.svg")
    let result = try Binary.run([
      "plot", run.path, "w_sp", "w_sig", "--log", "--title", "λ = 0.1 & friends", "-o", output.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(text.contains("λ = 0.1 &amp; friends"))
    #expect(text.contains("10⁻²"))
    #expect(try isWellFormedXML(output))
  }

  @Test func overlaysASweep() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let sweep = try copy("sweep", into: scratch)
    let result = try Binary.run(["plot", sweep.path, "acc", "--terminal"])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOf: sweep.appending(path: "figure.svg"), encoding: .utf8)
    for run in ["lam=0.0", "lam=0.1", "lam=0.25"] { #expect(text.contains(">\(run)</text>")) }
    #expect(result.stdout.contains("┤"))
  }

  @Test func aTexFileGetsPGFPlots() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let run = try copy("run", into: scratch)
    let output = run.appending(path: "figure.tex")
    let result = try Binary.run(["plot", run.path, "loss", "-o", output.path])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(text.contains("\\begin{tikzpicture}") && text.contains("\\nextgroupplot["))
  }

  @Test func decorationsFromTheCommandLine() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let run = try copy("run", into: scratch)
    let result = try Binary.run([
      "plot", run.path, "margin_maj", "margin_min", "--hline=2.197=logit(0.9)", "--hline=-2.197",
      "--exp=0.0001,0.04", "--marker=310=plateau", "--window=0:310=growth",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let text = try String(contentsOf: run.appending(path: "figure.svg"), encoding: .utf8)
    #expect(text.components(separatedBy: "class=\"reference\"").count - 1 == 3)
    #expect(
      text.contains(">logit(0.9)</text>") && text.contains(">plateau</text>")
        && text.contains(">growth</text>"))
  }

  @Test func aMalformedDecorationIsAUsageError() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let result = try Binary.run(["plot", try copy("run", into: scratch).path, "--window=5"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--window '5' is not of the form FROM:TO[=LABEL]"))
  }

  @Test func aMissingFolderIsNoInput() throws {
    let result = try Binary.run(["plot", "/nonexistent/run"])
    #expect(result.status == 66)
    #expect(result.stderr.contains("no run folder at '/nonexistent/run'"))
  }

  @Test func aRunWithoutProbeValuesIsNoInput() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let run = try copy("run", into: scratch)
    try Data("step,loss,w_sp\n".utf8).write(to: run.appending(path: "probes.csv"))
    try FileManager.default.removeItem(at: run.appending(path: "neurons"))
    let result = try Binary.run(["plot", run.path])
    #expect(result.status == 66)
    #expect(
      result.stderr.contains("has no probe values: the run failed or was interrupted before its first probe"))
    #expect(!FileManager.default.fileExists(atPath: run.appending(path: "figure.svg").path))
  }

  @Test func aSweepRunWithoutProbeValuesIsSkipped() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let sweep = try copy("sweep", into: scratch)
    try Data("step,loss,acc\n".utf8).write(to: sweep.appending(path: "lam=0.25/probes.csv"))
    try? FileManager.default.removeItem(at: sweep.appending(path: "lam=0.25/neurons"))
    let result = try Binary.run(["plot", sweep.path, "acc"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("skipped: "))
    #expect(result.stderr.contains("lam=0.25' has no probe values"))
    let text = try String(contentsOf: sweep.appending(path: "figure.svg"), encoding: .utf8)
    #expect(text.contains(">lam=0.1</text>") && !text.contains(">lam=0.25</text>"))
  }

  @Test func anUnknownProbeIsAUsageErrorWithASuggestion() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let result = try Binary.run(["plot", try copy("run", into: scratch).path, "w_spp"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("unknown probe 'w_spp'; did you mean 'w_sp'?"))
  }

  @Test func aMalformedCSVIsADataError() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let run = try copy("run", into: scratch)
    try Data("step,loss\n0,1\n10,x\n".utf8).write(to: run.appending(path: "probes.csv"))
    let result = try Binary.run(["plot", run.path])
    #expect(result.status == 65)
    #expect(result.stderr.contains("probes.csv:3: 'x' in column 'loss' is not a number"))
    #expect(!result.stderr.contains("Fatal"))
  }

  @Test func logAndLinearTogetherIsAUsageError() throws {
    let scratch = try ScratchFolder.make("xsg-plot-cli")
    defer { ScratchFolder.remove(scratch) }
    let result = try Binary.run(["plot", try copy("run", into: scratch).path, "--log", "--linear"])
    #expect(result.status == 64)
  }
}
