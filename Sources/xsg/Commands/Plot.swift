import ArgumentParser
import Foundation
import XSGPlot

/// `xsg plot RUN_DIR [PROBE…]`: draws a finished run, or overlays the runs of a sweep, as an SVG figure.
struct Plot: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw the probes of a finished run (or a sweep of runs) as an SVG figure.",
    discussion: """
      With no probe named, draws every probe, one panel each. Named probes of a single run share one \
      panel; a sweep folder (with index.csv) gets one panel per probe and one line per run. \
      The figure goes to RUN_DIR/figure.svg unless -o names another file; a name ending in .tex gets a \
      PGFPlots picture for LaTeX instead of an SVG.
      """)

  @Argument(help: "A run folder written by `xsg run`, or a sweep folder holding several runs.")
  var runDirectory: String

  @Argument(help: "Probes to draw (default: all of them).")
  var probes: [String] = []

  @Option(
    name: .shortAndLong, help: "The file to write: .svg, or .tex for PGFPlots (default: RUN_DIR/figure.svg).")
  var output: String?

  @Flag(help: "Log y axis (symmetric log when values reach zero or below).")
  var log = false

  @Flag(help: "Linear y axis, even where values span decades.")
  var linear = false

  @Option(help: "A title above the figure.")
  var title: String?

  @Flag(help: "Also print the figure to the terminal.")
  var terminal = false

  @Option(
    name: .customLong("hline"),
    help: ArgumentHelp(
      "A dashed horizontal reference in every panel, e.g. --hline=2.197=logit(0.9).",
      valueName: "VALUE[=LABEL]"))
  var hlines: [String] = []

  @Option(
    name: .customLong("exp"),
    help: ArgumentHelp(
      "A dashed reference c·e^(r·step), e.g. --exp=0.0035,0.02=theory.", valueName: "C,R[=LABEL]"))
  var exponentials: [String] = []

  @Option(
    name: .customLong("marker"),
    help: ArgumentHelp(
      "A vertical line at an event step, e.g. --marker=310=plateau.", valueName: "STEP[=LABEL]"))
  var markers: [String] = []

  @Option(
    name: .customLong("window"),
    help: ArgumentHelp("A shaded range of steps, e.g. --window=0:300=growth.", valueName: "FROM:TO[=LABEL]"))
  var windows: [String] = []

  func validate() throws {
    if log && linear { throw ValidationError("--log and --linear cannot be used together") }
    _ = try decorations()
  }

  /// The decorations given on the command line, checked.
  func decorations() throws -> (references: [Reference], markers: [Marker], windows: [Window]) {
    func parse<T>(_ specs: [String], _ option: String, _ form: String, _ parse: (String) -> T?) throws -> [T]
    {
      try specs.map { spec in
        guard let value = parse(spec) else {
          throw ValidationError("--\(option) '\(spec)' is not of the form \(form)")
        }
        return value
      }
    }
    let references =
      try parse(hlines, "hline", "VALUE[=LABEL]", DecorationSpec.constant)
      + parse(exponentials, "exp", "C,R[=LABEL]", DecorationSpec.exponential)
    return (
      references, try parse(markers, "marker", "STEP[=LABEL]", DecorationSpec.marker),
      try parse(windows, "window", "FROM:TO[=LABEL]", DecorationSpec.window)
    )
  }

  func run() throws {
    let folder = URL(filePath: runDirectory)
    var figure: Figure
    do {
      let run = try RunFolder.load(folder, display: runDirectory)
      for reason in run.skipped {
        FileHandle.standardError.write(Data("xsg plot: skipped: \(reason)\n".utf8))
      }
      figure = try run.figure(probes: probes, scale: log ? .log : linear ? .linear : .automatic, title: title)
    } catch {
      FileHandle.standardError.write(Data("xsg plot: error: \(error)\n".utf8))
      throw Plot.exitCode(for: error)
    }
    let extras = try decorations()
    for i in figure.panels.indices {
      figure.panels[i].references += extras.references
      figure.panels[i].markers += extras.markers
      figure.panels[i].windows += extras.windows
    }
    let target = output.map { URL(filePath: $0) } ?? folder.appending(path: "figure.svg")
    let shown = output ?? (runDirectory.hasSuffix("/") ? runDirectory : runDirectory + "/") + "figure.svg"
    do {
      let text =
        target.pathExtension.lowercased() == "tex"
        ? PGFPlotsRenderer().render(figure) : SVGRenderer().render(figure)
      try Data(text.utf8).write(to: target, options: .atomic)
    } catch {
      FileHandle.standardError.write(Data("xsg plot: error: cannot write '\(shown)'\n".utf8))
      throw ExitStatus.software
    }
    if terminal {
      // The terminal's width when the shell exports it, else a classic 80 columns less a margin.
      let columns =
        ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).map { max(30, $0 - 1) } ?? 72
      print(TerminalRenderer(width: columns).render(figure), terminator: "")
    }
    print("wrote \(shown)")
  }

  static func exitCode(for error: PlotError) -> ExitCode {
    switch error {
    case .missingFolder, .notARunFolder, .noData, .unreadableFile: return ExitStatus.noInput
    case .malformedCSV: return ExitStatus.dataError
    case .unknownProbe: return ExitStatus.usage
    }
  }
}
