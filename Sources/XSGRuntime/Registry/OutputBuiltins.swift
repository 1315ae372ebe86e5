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
      let scale = try scale(call)
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
      return try emit(figure, defaultName: probes.joined(separator: "-") + ".svg", call)
    },
    Builtin(
      "chart", .output,
      [
        .required("xs", .list(.number), "the x values, e.g. the λs of a sweep"),
        .required(
          "ys", .oneOf([.list(.number), .list(.list(.number))]), "one list of y values, or one per line"),
        .optional("names", .list(.string), "a legend name per line"),
        .defaulted("x_label", .string, .string("x")),
        .defaulted("y_label", .string, .string("y")),
        .defaulted("y", .any, .symbol("linear"), "linear | log"),
        .optional("file", .string, "an .svg name inside the run folder"),
        .optional("title", .string),
      ],
      returns: "string",
      doc: "draw y against x (a quantity across a sweep, e.g. the fraction of seeds that learn XOR against λ)"
    ) { call in
      let xs = numbers(call.value("xs"))
      // As plot says "nothing to plot": an empty figure is written otherwise.
      guard !xs.isEmpty else { throw call.error("xs", "nothing to chart: xs is empty") }
      var lines: [[Double]]
      switch call.value("ys") {
      case .list(let items)?
      where items.allSatisfy({ if case .list = $0 { true } else { false } }) && !items.isEmpty:
        lines = items.map(numbers)
      case let other: lines = [numbers(other)]
      }
      for (k, line) in lines.enumerated() where line.count != xs.count {
        // With several lines, say which one is short: the list as a whole may have the right length.
        let which = lines.count > 1 ? "line \(k + 1) of ys" : "ys"
        throw call.error(
          "ys", "\(which) has \(line.count) values for \(xs.count) x values", code: .shape)
      }
      let names = call.has("names") ? strings(call.value("names")) : []
      guard names.isEmpty || names.count == lines.count else {
        throw call.error("names", "\(names.count) names for \(lines.count) lines", code: .shape)
      }
      let series = lines.enumerated().map { i, ys in
        XSGPlot.Series(name: names.isEmpty ? call.string("y_label") : names[i], xs: xs, ys: ys)
      }
      let figure = Figure(
        title: call.has("title") ? call.string("title") : nil,
        panel: Panel(
          xLabel: call.string("x_label"), yLabel: call.string("y_label"), yScale: try scale(call),
          series: series))
      return try emit(figure, defaultName: "chart.svg", call)
    },
  ]

  private static func numbers(_ value: Value?) -> [Double] {
    guard case .list(let items)? = value else { return [] }
    return items.compactMap { if case .number(let x) = $0 { x } else { nil } }
  }

  private static func strings(_ value: Value?) -> [String] {
    guard case .list(let items)? = value else { return [] }
    return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
  }

  /// The `y:` argument as an axis scale.
  private static func scale(_ call: Call) throws -> Scale {
    switch call.value("y") {
    case .symbol("linear")?, nil: return .linear
    case .builtin(let b)? where b.name == "log": return .log
    case let other?:
      throw call.error("y", "y: expected linear or log, got \(ValueText.show(other))", code: .type)
    }
  }

  /// Writes the figure as an SVG inside the run folder (hermetic: relative names only), or draws it in the
  /// terminal when there is no run folder (the REPL). Returns the file name, or none.
  private static func emit(_ figure: Figure, defaultName: String, _ call: Call) throws -> Value {
    guard let folder = call.interpreter.folder else {
      let width = call.interpreter.settings.terminalColumns()
      call.interpreter.settings.write(TerminalRenderer(width: width).render(figure) + "\n")
      return .none
    }
    let name = call.has("file") ? call.string("file") : defaultName
    let url: URL
    switch HermeticPath.check(name) {
    case .success(let relative): url = folder.url.appending(path: relative)
    case .failure(let problem): throw call.error("file", problem.description, code: .file)
    }
    // Only .svg names: anything else could replace one of the run folder's own files (probes.csv,
    // meta.json, …) with a figure, or the figure with them.
    guard name.lowercased().hasSuffix(".svg") else {
      throw call.error(
        "file", "'\(name)' does not end in .svg: plot and chart write SVG figures", code: .file,
        help: "name it like \"figure.svg\"")
    }
    do {
      try AtomicFile.write(SVGRenderer().render(figure), to: url)
    } catch {
      throw call.error("file", "cannot write \(name): \(RunFolderError.reason(error))", code: .file)
    }
    return .string(name)
  }
}
