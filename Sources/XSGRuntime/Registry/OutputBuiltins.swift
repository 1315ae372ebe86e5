import Foundation
import XSGPlot

/// Figures. Under `xsg run` they are SVG files inside the run folder (hermetic: relative names only);
/// without a run folder (the REPL) they are drawn in the terminal.
enum OutputBuiltins {
  static let all: [Builtin] = [
    Builtin(
      "plot", .output,
      [
        .required("runs", .oneOf([.run, .list(.run)]), "a run or a list of runs"),
        .required("probes", .oneOf([.string, .list(.string)]), "probe names"),
        .defaulted("y", .any, .symbol("linear"), "linear | log"),
        .optional("file", .string, "an .svg name inside the run folder"),
        .optional("title", .string),
      ],
      returns: "string", doc: "draw probe series of one or more runs; writes an SVG into the run folder"
    ) { call in
      let runs: [RunValue]
      switch call.value("runs") {
      case .run(let run)?: runs = [run]
      case .list(let items)?: runs = items.compactMap { if case .run(let r) = $0 { r } else { nil } }
      default: runs = []
      }
      let probes: [String]
      switch call.value("probes") {
      case .string(let name)?: probes = [name]
      case .list(let items)?: probes = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
      default: probes = []
      }
      guard !runs.isEmpty, !probes.isEmpty else { throw call.error("probes", "nothing to plot") }
      let scale: Scale
      switch call.value("y") {
      case .symbol("linear")?: scale = .linear
      case .builtin(let b)? where b.name == "log": scale = .log
      case let other?:
        throw call.error("y", "y: expected linear or log, got \(ValueText.show(other))", code: .type)
      case nil: scale = .linear
      }
      var series: [XSGPlot.Series] = []
      for run in runs {
        for probe in probes {
          guard let values = run.series(probe) else {
            throw call.error(
              "probes", "the run has no probe '\(probe)'",
              help: Suggestion.didYouMean(probe, in: run.table.names) ?? "its probes: "
                + run.table.names.joined(separator: ", "))
          }
          let label = runs.count > 1 ? "\(probe) (\(run.name))" : probe
          let xs = values.steps.map(Double.init)
          if let neurons = values.neurons {
            let width = neurons.first?.count ?? 0
            for j in 0..<width {
              series.append(
                XSGPlot.Series(
                  name: "\(label)[\(j + 1)]", xs: xs, ys: neurons.map { $0[j] }, role: .neuron, group: label))
            }
            series.append(XSGPlot.Series(name: label, xs: xs, ys: values.values, role: .mean, group: label))
          } else {
            series.append(XSGPlot.Series(name: label, xs: xs, ys: values.values))
          }
        }
      }
      let title = call.has("title") ? call.string("title") : nil
      let figure = Figure(
        title: title, panel: Panel(yLabel: probes.joined(separator: ", "), yScale: scale, series: series))
      guard let folder = call.interpreter.folder else {
        let width = call.interpreter.settings.terminalColumns()
        call.interpreter.settings.write(TerminalRenderer(width: width).render(figure) + "\n")
        return .none
      }
      let name = call.has("file") ? call.string("file") : probes.joined(separator: "-") + ".svg"
      let url: URL
      switch HermeticPath.check(name) {
      case .success(let relative): url = folder.url.appending(path: relative)
      case .failure(let problem): throw call.error("file", problem.description, code: .file)
      }
      do {
        try AtomicFile.write(SVGRenderer().render(figure), to: url)
      } catch {
        throw call.error("file", "cannot write \(name): \(error)", code: .file)
      }
      return .string(name)
    }
  ]
}
