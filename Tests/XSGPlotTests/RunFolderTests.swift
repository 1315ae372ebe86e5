import Foundation
import TestSupport
import Testing

@testable import XSGPlot

/// The fixture folders under Tests/Golden/plot/: a single run (probes.csv plus neurons/) and a λ sweep.
enum Fixtures {
  static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Golden/plot")
  static let run = root.appending(path: "run")
  static let sweep = root.appending(path: "sweep")
}

extension URL {
  /// A fresh folder in this one (a test's scratch folder), holding `files` (relative path → contents).
  fileprivate func subfolder(_ files: [String: String]) throws -> URL {
    let url = appending(path: UUID().uuidString)
    for (path, text) in files {
      let file = url.appending(path: path)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

@Suite struct RunFolderTests {
  @Test func readsASingleRun() throws {
    let run = try RunFolder.load(Fixtures.run)
    #expect(!run.isSweep)
    #expect(
      run.probes.map(\.name) == ["loss", "w_sp", "w_sig", "acc", "acc_iid", "margin_maj", "margin_min"])
    #expect(run.probeNames == run.probes.map(\.name))
    let loss = try #require(run.series("loss"))
    #expect(loss.points.count == 11)
    #expect(loss.points.first == Point(x: 0, y: 1.3862334706051669))
    #expect(loss.points.last?.x == 500)
    #expect(run.neurons["w_sp"]?.count == 4)
    #expect(run.neurons["w_sp"]?.allSatisfy { $0.role == .neuron && $0.group == "w_sp" } == true)
  }

  @Test func readsASweepInIndexOrder() throws {
    let sweep = try RunFolder.load(Fixtures.sweep)
    #expect(sweep.isSweep)
    #expect(sweep.runs.map(\.name) == ["lam=0.0", "lam=0.1", "lam=0.25"])
    #expect(sweep.index?.column("lam") == ["0.0", "0.1", "0.25"])
    #expect(sweep.probeNames.first == "loss")
  }

  @Test func aFolderOfRunsWithoutIndexIsASweepInNameOrder() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let url = try scratch.subfolder([
      "b/probes.csv": "step,loss\n0,1\n10,0.5\n", "a/probes.csv": "step,loss\n0,1\n10,0.7\n",
    ])
    let sweep = try RunFolder.load(url)
    #expect(sweep.runs.map(\.name) == ["a", "b"])
  }

  /// `xsg run` writes probes.csv with `step` alone when every probe is per-neuron.
  @Test func aStepOnlyProbesFileWithNeuronsIsARun() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let url = try scratch.subfolder([
      "probes.csv": "step\n0\n5\n", "neurons/w_sp.csv": "step,n1,n2\n0,1,3\n5,2,6\n",
    ])
    let run = try RunFolder.load(url)
    #expect(run.probes.isEmpty)
    #expect(run.probeNames == ["w_sp"])
    #expect(run.series("w_sp")?.points.map(\.y) == [2, 4])
  }

  @Test func neuronOnlyProbesAreAveraged() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let url = try scratch.subfolder(["neurons/a_abs.csv": "step,n1,n2\n0,1,3\n5,2,6\n"])
    let run = try RunFolder.load(url)
    #expect(run.probeNames == ["a_abs"])
    #expect(run.series("a_abs")?.points == [Point(x: 0, y: 2), Point(x: 5, y: 4)])
  }

  /// `nan` and `inf` are values; an empty field is a probe its block did not evaluate at that step
  /// (`probe every 5` beside `probe every 2`): no point, so the series is not broken into gaps.
  @Test func emptyFieldsAreNoPointAndInfinitiesAreNumbers() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let url = try scratch.subfolder(["probes.csv": "step,x,y\n0,,inf\n1,nan,-inf\n2,3,4\n"])
    let run = try RunFolder.load(url)
    #expect(run.series("x")?.points.map(\.x) == [1, 2])
    #expect(run.series("x")?.points.map(\.y.isNaN) == [true, false])
    #expect(run.series("y")?.points.map(\.y) == [.infinity, -.infinity, 4])
  }

  @Test func theFastReaderAgreesWithTheGeneralOne() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let text = "step, a ,b\r\n0,1.5,-2e-3\r\n\r\n10, 7 ,\r\n20,inf,-nan\n"
    let url = try scratch.subfolder(["probes.csv": text])
    let fast = try RunFolder.load(url).probes
    let general = try CSVTable.parse(text, path: "p").numericSeries(path: "p")
    #expect(fast.map(\.name) == ["a", "b"] && general.map(\.name) == ["a", "b"])
    for (f, g) in zip(fast, general) {
      #expect(f.points.map(\.x) == g.points.map(\.x))
      #expect(
        f.points.map { $0.y.isNaN ? "nan" : "\($0.y)" } == g.points.map { $0.y.isNaN ? "nan" : "\($0.y)" })
    }
    let bad = try scratch.subfolder(["probes.csv": "step,a\n0,1.2.3\n"])
    #expect(
      throws: PlotError.malformedCSV(
        path: "h/probes.csv", line: 2, message: "'1.2.3' in column 'a' is not a number")
    ) {
      try RunFolder.load(bad, display: "h")
    }
  }

  @Test func missingAndEmptyFoldersAreNamed() throws {
    #expect(throws: PlotError.missingFolder(path: "nowhere")) {
      try RunFolder.load(URL(filePath: "/nonexistent/xsg"), display: "nowhere")
    }
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let empty = try scratch.subfolder([:])
    #expect(throws: PlotError.notARunFolder(path: "e")) { try RunFolder.load(empty, display: "e") }
  }

  @Test func malformedCSVNamesFileAndLine() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let ragged = try scratch.subfolder(["probes.csv": "step,loss\n0,1\n\n10,0.5,7\n"])
    #expect(
      throws: PlotError.malformedCSV(
        path: "r/probes.csv", line: 4, message: "expected 2 fields as in the header, found 3")
    ) {
      try RunFolder.load(ragged, display: "r")
    }
    let text = try scratch.subfolder(["probes.csv": "step,loss\n0,one\n"])
    #expect(
      throws: PlotError.malformedCSV(
        path: "t/probes.csv", line: 2, message: "'one' in column 'loss' is not a number")
    ) {
      try RunFolder.load(text, display: "t")
    }
    let index = try scratch.subfolder(["index.csv": "run,lam\nmissing,0.1\n"])
    #expect(
      throws: PlotError.malformedCSV(path: "i/index.csv", line: 2, message: "run 'missing' has no subfolder")
    ) {
      try RunFolder.load(index, display: "i")
    }
  }

  @Test func sweepRunsWithoutDataAreSkippedAndListed() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let url = try scratch.subfolder([
      "index.csv": "run,lam\na,0.1\nb,0.2\nc,0.3\n", "a/probes.csv": "step,loss\n0,1\n",
      "b/meta.json": "{}",
    ])
    let sweep = try RunFolder.load(url, display: "s")
    #expect(sweep.runs.map(\.name) == ["a"])
    #expect(
      sweep.skipped == [
        "'s/b' is not a run folder: it has no probes.csv, no index.csv and no run subfolders",
        "s/index.csv:4: run 'c' has no subfolder",
      ])
  }

  /// A run that failed or was interrupted before its first probe leaves probes.csv with a header and no
  /// rows: alone it is an error, in a sweep it is skipped like a run without files, not a blank legend entry.
  @Test func aRunWithoutProbeValuesHasNoData() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let single = try scratch.subfolder(["probes.csv": "step,a,w\n"])
    #expect(throws: PlotError.noData(path: "h")) { try RunFolder.load(single, display: "h") }
    let sweep = try RunFolder.load(
      scratch.subfolder([
        "index.csv": "run,k,final_a,steps,status\nk=1,1,1,50,ok\nk=5,5,,0,failed\n",
        "k=1/probes.csv": "step,a\n0,1\n10,1\n", "k=5/probes.csv": "step,a,w\n",
      ]), display: "s")
    #expect(sweep.runs.map(\.name) == ["k=1"])
    #expect(
      sweep.skipped == [
        "'s/k=5' has no probe values: the run failed or was interrupted before its first probe"
      ])
    let unindexed = try RunFolder.load(
      scratch.subfolder(["a/probes.csv": "step,x\n0,1\n", "b/probes.csv": "step,x\n"]), display: "u")
    #expect(unindexed.runs.map(\.name) == ["a"])
    #expect(unindexed.skipped.count == 1)
    // What `xsg run` writes for such a run: no probe's kind is known, so the header is `step` alone.
    let stepOnly = try scratch.subfolder(["probes.csv": "step\n"])
    #expect(throws: PlotError.noData(path: "h")) { try RunFolder.load(stepOnly, display: "h") }
    let nothing = try scratch.subfolder(["index.csv": "run\na\n", "a/probes.csv": "step,x\n"])
    #expect(throws: PlotError.noData(path: "n/a")) { try RunFolder.load(nothing, display: "n") }
  }

  /// Without `step` first, the first probe silently became the x axis; an unnamed column drew an untitled
  /// panel. Both are malformed, on the fast path and on the quoted-CSV path alike.
  @Test func theHeaderStartsWithStepAndNamesEveryColumn() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    for quote in ["", "\""] {
      let noStep = try scratch.subfolder(["probes.csv": "a,\(quote)b\(quote)\n1,2\n"])
      #expect(
        throws: PlotError.malformedCSV(
          path: "r/probes.csv", line: 1, message: "expected a header 'step,<names…>', found 'a' first")
      ) { try RunFolder.load(noStep, display: "r") }
      let unnamed = try scratch.subfolder(["probes.csv": "\nstep,,\(quote)b\(quote)\n0,1,2\n"])
      #expect(
        throws: PlotError.malformedCSV(
          path: "r/probes.csv", line: 2, message: "column 2 of the header has no name")
      ) { try RunFolder.load(unnamed, display: "r") }
      let neurons = try scratch.subfolder(["neurons/w.csv": "n1,\(quote)n2\(quote)\n1,2\n"])
      #expect(throws: PlotError.self) { try RunFolder.load(neurons, display: "r") }
    }
    let quotedStepOnly = try scratch.subfolder([
      "probes.csv": "\"step\"\n0\n", "neurons/w.csv": "step,n1\n0,1\n",
    ])
    #expect(try RunFolder.load(quotedStepOnly).probeNames == ["w"])
  }

  @Test func quotedFieldsMayHoldCommasAndQuotes() throws {
    let table = try CSVTable.parse("run,note\n\"lam=0.1,seed=2\",\"say \"\"hi\"\"\"\n", path: "x")
    #expect(table.rows == [["lam=0.1,seed=2", "say \"hi\""]])
    #expect(throws: PlotError.self) { try CSVTable.parse("a\n\"open\n", path: "x") }
  }
}

@Suite struct RunFigureTests {
  @Test func defaultFigureHasAPanelPerProbeWithNeuronsUnderTheMean() throws {
    let figure = try RunFolder.load(Fixtures.run).figure()
    #expect(
      figure.panels.map(\.title) == ["loss", "w_sp", "w_sig", "acc", "acc_iid", "margin_maj", "margin_min"])
    let wsp = figure.panels[1]
    #expect(wsp.series.filter { $0.role == .neuron }.count == 4)
    #expect(wsp.series.filter { $0.role == .mean }.map(\.name) == ["w_sp"])
    // w_sp grows over decades: log; the loss and the margins (which go negative) stay linear.
    #expect(wsp.yScale == .log)
    #expect(figure.panels[0].yScale == .linear)
    #expect(figure.panels[6].yScale == .linear)
    // Only the bottom panel of each column labels the step axis.
    #expect(figure.panels.map { $0.xLabel != nil } == [false, false, false, false, true, true, true])
  }

  @Test func namedProbesShareOnePanel() throws {
    let figure = try RunFolder.load(Fixtures.run).figure(probes: ["w_sp", "w_sig"], scale: .log)
    #expect(figure.panels.count == 1)
    #expect(figure.panels[0].yScale == .log)
    #expect(Set(figure.panels[0].series.map(\.groupKey)) == ["w_sp", "w_sig"])
  }

  @Test func aLoneProbeIsNamedOnTheYAxis() throws {
    let figure = try RunFolder.load(Fixtures.run).figure(probes: ["loss"])
    #expect(figure.panels[0].title == nil && figure.panels[0].yLabel == "loss")
  }

  /// `xsg plot --log` on signed values draws a symmetric log and says so, as `plot(…, y: log)` does;
  /// before, the command line switched silently.
  @Test func logOfSignedValuesIsSymlogWithItsNote() throws {
    let figure = try RunFolder.load(Fixtures.run).figure(probes: ["margin_min"], scale: .log)
    let plan = PanelPlan(figure.panels[0])
    guard case .symlog = plan.y.scale else {
      Issue.record("expected symlog, got \(plan.y.scale)")
      return
    }
    #expect(plan.hiddenNote?.contains("symmetric log: the values go negative") == true)
  }

  @Test func sweepsOverlayRunsWithOneLegend() throws {
    let figure = try RunFolder.load(Fixtures.sweep).figure(probes: ["margin_maj", "acc"])
    #expect(figure.panels.count == 2)
    #expect(figure.panels[0].series.map(\.name) == ["lam=0.0", "lam=0.1", "lam=0.25"])
    #expect(figure.panels.map(\.showsLegend) == [true, false])
  }

  @Test func seedsOfOneConfigurationShareALegendEntry() {
    let names = ["lam=0.1,seed=1", "lam=0.1,seed=2", "lam=0.25,seed=1", "lam=0.25,seed=2"]
    #expect(RunFolder.replicateGroups(names) == ["lam=0.1", "lam=0.1", "lam=0.25", "lam=0.25"])
    #expect(RunFolder.replicateGroups(["seed=1", "seed=2"]) == ["all runs", "all runs"])
    // Without a replicate key, or with names that are not key=value lists, every run stays its own entry.
    #expect(RunFolder.replicateGroups(["lam=0.1", "lam=0.25"]) == [nil, nil])
    #expect(RunFolder.replicateGroups(["run1", "run2"]) == [nil, nil])
  }

  @Test func replicatesAreDrawnThinInOneColour() throws {
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let url = try scratch.subfolder([
      "lam=0.1,seed=1/probes.csv": "step,loss\n0,1\n10,0.5\n",
      "lam=0.1,seed=2/probes.csv": "step,loss\n0,1\n10,0.6\n",
      "lam=0.25,seed=1/probes.csv": "step,loss\n0,1\n10,0.8\n",
    ])
    let figure = try RunFolder.load(url).figure()
    let svg = try SVGDocument(SVGRenderer().render(figure))
    #expect(svg.texts(class: "legend-label") == ["lam=0.1", "lam=0.25"])
    let lines = svg.all("path", class: "series")
    #expect(lines.count == 3)
    #expect(lines[0].attributes["stroke"] == lines[1].attributes["stroke"])
    #expect(lines[0].attributes["stroke-width"] == "0.7" && lines[2].attributes["stroke-width"] == "1.1")
  }

  @Test func aRunKeepsItsColourInPanelsOfProbesAnotherRunLacks() throws {
    // The first run has no "acc": the second run's line was drawn in the first colour there, which the
    // legend (in the first panel only) gave to the first run.
    let scratch = try ScratchFolder.make("xsg-plot")
    defer { ScratchFolder.remove(scratch) }
    let url = try scratch.subfolder([
      "a/probes.csv": "step,loss\n0,1\n10,0.5\n",
      "b/probes.csv": "step,loss,acc\n0,1,0.5\n10,0.6,0.9\n",
    ])
    let figure = try RunFolder.load(url).figure()
    let svg = try SVGDocument(SVGRenderer().render(figure))
    #expect(svg.texts(class: "legend-label") == ["a", "b"])
    let lines = svg.all("path", class: "series").map {
      ($0.attributes["data-name"] ?? "", $0.attributes["stroke"] ?? "")
    }
    #expect(lines.count == 3, "\(lines)")
    #expect(lines.filter { $0.0 == "b" }.map(\.1).count == 2)
    #expect(Set(lines.filter { $0.0 == "b" }.map(\.1)).count == 1, "\(lines)")
  }

  @Test func unknownProbesSuggestTheNearestName() throws {
    let run = try RunFolder.load(Fixtures.run)
    #expect(throws: PlotError.unknownProbe(name: "w_spp", known: run.probeNames, suggestion: "w_sp")) {
      try run.figure(probes: ["w_spp"])
    }
    #expect(PlotError.suggestion(for: "zzz", in: run.probeNames) == nil)
    #expect(PlotError.suggestion(for: "LOSS", in: run.probeNames) == "loss")
  }
}
