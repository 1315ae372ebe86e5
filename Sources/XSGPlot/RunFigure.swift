import Foundation

/// How `RunFolder.figure` chooses a panel's y scale.
public enum ScaleChoice: Equatable, Sendable {
  /// Log when every value is positive and they span at least two decades; linear otherwise.
  case automatic
  case linear
  /// Log, or symmetric log when the panel has zeros or negative values.
  case log
}

extension RunFolder {
  /// The figure `xsg plot` draws. For a single run: the named probes overlaid in one panel (per-neuron
  /// probes as thin lines under a bold mean), or with no names one panel per probe. For a sweep: one
  /// panel per probe with one line per run and a legend naming the runs.
  public func figure(probes requested: [String] = [], scale: ScaleChoice = .automatic, title: String? = nil)
    throws(PlotError) -> Figure
  {
    let known = probeNames
    for name in requested where !known.contains(name) {
      throw .unknownProbe(name: name, known: known, suggestion: PlotError.suggestion(for: name, in: known))
    }
    let names = requested.isEmpty ? known : requested
    var panels: [Panel]
    if isSweep {
      let groups = RunFolder.replicateGroups(runs.map(\.name))
      // Every run has a series in every panel, empty where it lacks the probe, so that a run keeps its
      // colour across the panels that the first panel's legend speaks for.
      panels = names.map { probe in
        Panel(
          title: probe,
          series: zip(runs, groups).map { run, group in
            Series(name: run.name, points: run.series(probe)?.points ?? [], group: group)
          })
      }
      for i in panels.indices { panels[i].showsLegend = i == 0 }
    } else if requested.count > 1 {
      panels = [Panel(series: names.flatMap { probeSeries($0) })]
    } else {
      panels = names.map { Panel(title: $0, series: probeSeries($0)) }
    }
    if panels.count == 1, title == nil, panels[0].title != nil, !isSweep {
      // A lone panel names its probe on the y axis instead of a title, as a paper figure would.
      panels[0].yLabel = panels[0].title
      panels[0].title = nil
      panels[0].showsLegend = false
    }
    let columns = Figure(panels: panels).columnCount
    for i in panels.indices {
      panels[i].yScale = RunFolder.yScale(for: panels[i].series, choice: scale)
      // In a grid, only the bottom panel of each column says what x is.
      if i + columns < panels.count { panels[i].xLabel = nil }
    }
    return Figure(title: title, panels: panels)
  }

  /// The series for one probe of a single run: neuron lines plus their mean, or the probes.csv column.
  public func probeSeries(_ probe: String) -> [Series] {
    guard let lines = neurons[probe], !lines.isEmpty else {
      return series(probe).map { [$0] } ?? []
    }
    var mean = series(probe) ?? Series.mean(of: lines, name: probe)
    mean.role = .mean
    mean.group = probe
    return lines + [mean]
  }

  /// Keys that mark repetitions of one configuration in a run name such as `lam=0.1,seed=2`.
  static let replicateKeys: Set<String> = ["seed", "seeds", "rep", "replicate", "repeat", "trial"]

  /// The legend group of each run of a sweep. Runs named `key=value,…` that differ only in a replicate key
  /// (`seed`, `rep`, …) share a group named by their other pairs (`lam=0.1`), so five seeds of one λ are one
  /// colour and one legend entry; otherwise (`nil`) each run is its own entry.
  public static func replicateGroups(_ names: [String]) -> [String?] {
    let parsed = names.map { name -> [(String, String)]? in
      let pairs = name.split(separator: ",").map { part -> (String, String)? in
        guard let eq = part.firstIndex(of: "="), eq != part.startIndex else { return nil }
        return (String(part[..<eq]), String(part[part.index(after: eq)...]))
      }
      return pairs.allSatisfy { $0 != nil } ? pairs.compactMap { $0 } : nil
    }
    let grouped = parsed.map { pairs -> String? in
      guard let pairs, pairs.contains(where: { replicateKeys.contains($0.0.lowercased()) }) else {
        return nil
      }
      let rest = pairs.filter { !replicateKeys.contains($0.0.lowercased()) }
      return rest.isEmpty ? "all runs" : rest.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
    }
    // Grouping only helps when it merges something and applies to every run.
    guard grouped.allSatisfy({ $0 != nil }), Set(grouped.compactMap { $0 }).count < names.count else {
      return names.map { _ in nil }
    }
    return grouped
  }

  /// The y scale for a panel's series under `choice`.
  public static func yScale(for series: [Series], choice: ScaleChoice) -> Scale {
    let values = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
    guard let low = values.min(), let high = values.max() else { return .linear }
    switch choice {
    case .linear: return .linear
    case .automatic: return low > 0 && high / low >= 100 ? .log : .linear
    case .log:
      // As in scripts (`plot(…, y: log)`): the panel leaves zeros out and, when values go negative,
      // switches to a symmetric log itself, saying so in a note (see PanelPlan).
      return values.contains(where: { $0 != 0 }) ? .log : .linear
    }
  }
}
