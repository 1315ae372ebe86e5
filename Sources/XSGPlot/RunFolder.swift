import Foundation

/// A finished run as `xsg run` leaves it on disk (docs/figures.md): a single run with `probes.csv` and
/// `neurons/<probe>.csv`, or a sweep whose `index.csv` names one subfolder per run.
public struct RunFolder: Equatable, Sendable {
  /// The folder name, or for a run inside a sweep its subfolder name (e.g. `lam=0.1,seed=2`).
  public var name: String
  /// The columns of `probes.csv` after `step`, as series, in the script's order.
  public var probes: [Series]
  /// Per-neuron series by probe name, from `neurons/<probe>.csv` (one series per neuron, role `.neuron`).
  public var neurons: [String: [Series]]
  /// The runs of a sweep, in `index.csv` order; empty for a single run.
  public var runs: [RunFolder]
  /// The sweep's `index.csv`, if present.
  public var index: CSVTable?
  /// Why runs listed in `index.csv` were left out (no subfolder, or no probe data yet).
  public var skipped: [String] = []

  public init(
    name: String, probes: [Series] = [], neurons: [String: [Series]] = [:], runs: [RunFolder] = [],
    index: CSVTable? = nil
  ) {
    self.name = name
    self.probes = probes
    self.neurons = neurons
    self.runs = runs
    self.index = index
  }

  /// Whether this folder holds several runs.
  public var isSweep: Bool { !runs.isEmpty }

  /// Every probe name the run can draw: the columns of probes.csv, then per-neuron probes not among them.
  /// For a sweep, the names of its first run followed by any the other runs add.
  public var probeNames: [String] {
    if isSweep {
      var names: [String] = []
      for run in runs { for name in run.probeNames where !names.contains(name) { names.append(name) } }
      return names
    }
    return probes.map(\.name) + neurons.keys.sorted().filter { key in !probes.contains { $0.name == key } }
  }

  /// The probe as one series: its probes.csv column, or else the mean of its neurons.
  public func series(_ probe: String) -> Series? {
    if let s = probes.first(where: { $0.name == probe }) { return s }
    if let lines = neurons[probe], !lines.isEmpty { return Series.mean(of: lines, name: probe) }
    return nil
  }

  /// Loads the folder at `url`. `display` is how messages name it (defaults to the path as given).
  public static func load(_ url: URL, display: String? = nil) throws(PlotError) -> RunFolder {
    let shown = display ?? url.path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw .missingFolder(path: shown) }
    let name = url.standardizedFileURL.lastPathComponent
    let probesURL = url.appending(path: "probes.csv")
    let indexURL = url.appending(path: "index.csv")
    if FileManager.default.fileExists(atPath: probesURL.path) || hasNeurons(url) {
      return try loadSingle(url, name: name, display: shown)
    }
    if FileManager.default.fileExists(atPath: indexURL.path) {
      let index = try CSVTable.load(indexURL, path: join(shown, "index.csv"))
      guard let runNames = index.column("run") else {
        throw .malformedCSV(
          path: join(shown, "index.csv"), line: 1,
          message: "the header has no 'run' column naming the subfolders")
      }
      var runs: [RunFolder] = []
      // A run that failed or was interrupted before its first probe has no data: the others are still
      // drawn, and the skipped ones are listed. Only a sweep with nothing to draw is an error.
      var skipped: [PlotError] = []
      for (i, runName) in runNames.enumerated() {
        let sub = url.appending(path: runName)
        guard FileManager.default.fileExists(atPath: sub.path) else {
          skipped.append(
            .malformedCSV(
              path: join(shown, "index.csv"), line: index.rowLines[i],
              message: "run '\(runName)' has no subfolder"))
          continue
        }
        if let run = try loadSweepMember(sub, name: runName, display: join(shown, runName), skipped: &skipped)
        {
          runs.append(run)
        }
      }
      if runs.isEmpty, let first = skipped.first { throw first }
      var folder = RunFolder(name: name, runs: runs, index: index)
      folder.skipped = skipped.map(\.description)
      return folder
    }
    // No index: a folder of run folders still overlays, in name order.
    let children = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    var runs: [RunFolder] = []
    var skipped: [PlotError] = []
    for child in children.sorted() {
      let sub = url.appending(path: child)
      guard FileManager.default.fileExists(atPath: sub.appending(path: "probes.csv").path) else { continue }
      if let run = try loadSweepMember(sub, name: child, display: join(shown, child), skipped: &skipped) {
        runs.append(run)
      }
    }
    if runs.isEmpty, let first = skipped.first { throw first }
    guard !runs.isEmpty else { throw .notARunFolder(path: shown) }
    var folder = RunFolder(name: name, runs: runs)
    folder.skipped = skipped.map(\.description)
    return folder
  }

  /// One run of a sweep, or nil (noted in `skipped`) when it has no data to draw: a run that failed or was
  /// interrupted before its first probe is left out, not drawn as an empty legend entry.
  private static func loadSweepMember(
    _ url: URL, name: String, display: String, skipped: inout [PlotError]
  ) throws(PlotError) -> RunFolder? {
    do {
      return try loadSingle(url, name: name, display: display)
    } catch {
      switch error {
      case .notARunFolder, .noData:
        skipped.append(error)
        return nil
      default:
        throw error
      }
    }
  }

  private static func hasNeurons(_ url: URL) -> Bool {
    let folder = url.appending(path: "neurons")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.contains { $0.hasSuffix(".csv") }
  }

  private static func loadSingle(_ url: URL, name: String, display: String) throws(PlotError) -> RunFolder {
    var probes: [Series] = []
    let probesURL = url.appending(path: "probes.csv")
    let hasProbesFile = FileManager.default.fileExists(atPath: probesURL.path)
    if hasProbesFile {
      let path = join(display, "probes.csv")
      probes = try NumericCSV.series(probesURL, path: path)
    }
    var neurons: [String: [Series]] = [:]
    let folder = url.appending(path: "neurons")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for file in files.sorted() where file.hasSuffix(".csv") {
      let probe = String(file.dropLast(4))
      let path = join(display, "neurons/\(file)")
      neurons[probe] = try NumericCSV.series(
        folder.appending(path: file), path: path, role: .neuron, group: probe)
    }
    guard hasProbesFile || !neurons.isEmpty else { throw .notARunFolder(path: display) }
    // `xsg run` writes the header before the first row: a run that stopped before its first probe has
    // no values (and, since no probe's kind is known yet, a probes.csv of `step` alone).
    let hasValues =
      probes.contains { !$0.points.isEmpty } || neurons.values.contains { $0.contains { !$0.points.isEmpty } }
    guard hasValues else { throw .noData(path: display) }
    return RunFolder(name: name, probes: probes, neurons: neurons)
  }

  private static func join(_ folder: String, _ file: String) -> String {
    folder.hasSuffix("/") ? folder + file : folder + "/" + file
  }
}
