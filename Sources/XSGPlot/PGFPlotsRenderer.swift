import Foundation

/// Renders a figure as a PGFPlots `tikzpicture` for LaTeX users, with the same panels, scales, colours,
/// dash patterns, references, windows and markers as the SVG. Include it with `\input{figure.tex}` after
/// `\usepackage{pgfplots}`, `\usepgfplotslibrary{groupplots}` and `\pgfplotsset{compat=1.17}`.
public struct PGFPlotsRenderer: Sendable {
  /// Width and height of one panel's axis box, as TeX dimensions.
  public var panelWidth: String
  public var panelHeight: String

  public init(panelWidth: String = "3.4in", panelHeight: String = "2.1in") {
    self.panelWidth = panelWidth
    self.panelHeight = panelHeight
  }

  public func render(_ figure: Figure) -> String {
    var out = """
      % Written by xsg. Needs \\usepackage{pgfplots}, \\usepgfplotslibrary{groupplots}, \\pgfplotsset{compat=1.17}.

      """
    out += "\\begin{tikzpicture}\n"
    for (i, color) in Palette.colors.enumerated() {
      out += "\\definecolor{xsg\(Self.letter(i))}{HTML}{\(color.dropFirst())}\n"
    }
    let columns = figure.columnCount
    // The legend goes where the SVG of the same figure puts it (a corner that hides nothing).
    let cellWidth = 72 * (columns == 1 ? 3.4 : 7.0) / Double(columns)
    let cell = Rect(x: 0, y: 0, width: cellWidth, height: max(110, min(190, cellWidth / 1.6)))
    let margins = PanelDrawing.aligned(
      figure.panels.map { PanelDrawing.margins($0, plan: PanelDrawing.plan($0, in: cell), fontSize: 8) },
      columns: columns)
    let drawings = figure.panels.enumerated().map { i, panel in
      PanelDrawing(panel: panel, number: i + 1, cell: cell, fontSize: 8, margins: margins[i])
    }
    // A title above a legend above the plot needs the legend's rows more room from the row of plots above.
    let titled = drawings.dropFirst(columns).filter { $0.legendPlacement == .above && $0.panel.title != nil }
    let sep = 1.5 + 0.35 * Double(titled.map(\.legendRows).max() ?? 0)
    let width = figure.columnCount == 1 ? panelWidth : "\\linewidth/\(columns)-1.2cm"
    out += "\\begin{groupplot}[group style={group size=\(columns) by \(figure.rowCount), "
    out += "horizontal sep=1.4cm, vertical sep=\(Self.number(sep))cm},\n"
    out += "  width=\(width), height=\(panelHeight), scale only axis, tick label style={font=\\scriptsize},\n"
    out += "  label style={font=\\small}, title style={font=\\small}, legend style={font=\\scriptsize},\n"
    out += "  legend cell align=left, every axis plot/.append style={line join=round}]\n"
    for drawing in drawings { out += renderPanel(drawing) }
    out += "\\end{groupplot}\n"
    if let title = figure.title {
      out +=
        "\\node[anchor=south, font=\\small\\bfseries] at (current bounding box.north) {\(Self.latex(title))};\n"
    }
    out += "\\end{tikzpicture}\n"
    return out
  }

  /// One panel, with the axis limits, legend corner and label places of the SVG's drawing of it.
  private func renderPanel(_ drawing: PanelDrawing) -> String {
    let panel = drawing.panel
    let plan = drawing.plan
    let placement = drawing.legendPlacement
    // A legend too tall for the plot lists what fits and "+N more", as in the SVG.
    let shown = drawing.legendMore == nil ? nil : drawing.legend.entries.count
    let more = drawing.legendMore?.text
    let symlog: Bool
    if case .symlog = plan.y.scale { symlog = true } else { symlog = false }
    // pgfplots has no symmetric log, so those values are transformed here and the ticks labelled by hand.
    let y: (Double) -> Double = { symlog ? plan.y.transform($0) : $0 }
    var options = [
      "xmin=\(Self.number(plan.x.domain.lowerBound))", "xmax=\(Self.number(plan.x.domain.upperBound))",
      "ymin=\(Self.number(y(plan.y.domain.lowerBound)))", "ymax=\(Self.number(y(plan.y.domain.upperBound)))",
    ]
    if plan.y.scale == .log { options.append("ymode=log") }
    // The ticks and their labels are the SVG's: pgfplots's own would thin log decades its own way (possibly
    // leaving an end of the axis unlabelled), write 1-2-5 values as 2·10⁻¹, and round 0.495 and 0.505 to
    // "0.5" alike.
    options.append("xtick={\(plan.x.ticks.map { Self.number($0.value) }.joined(separator: ","))}")
    options.append("xticklabels={\(plan.x.ticks.map { Self.latex($0.label) }.joined(separator: ","))}")
    options.append("ytick={\(plan.y.ticks.map { Self.number(y($0.value)) }.joined(separator: ","))}")
    options.append("yticklabels={\(plan.y.ticks.map { Self.latex($0.label) }.joined(separator: ","))}")
    // A legend in rows above the plot would hide the title there, so the title then goes above the legend
    // (drawn after it, as an extra description), as in the SVG.
    if let title = panel.title, placement != .above { options.append("title={\(Self.latex(title))}") }
    if let label = panel.xLabel { options.append("xlabel={\(Self.latex(label))}") }
    if let label = panel.yLabel { options.append("ylabel={\(Self.latex(label))}") }
    let all = panel.showsLegend ? plan.legendEntries(panel) : []
    let entries = shown.map { Array(all.prefix($0)) } ?? all
    let showLegend = placement != nil
    switch placement {
    case .none: break
    case .topLeft: options.append("legend pos=north west")
    case .topRight: options.append("legend pos=north east")
    case .bottomRight: options.append("legend pos=south east")
    case .bottomLeft: options.append("legend pos=south west")
    case .above:
      // In rows as the SVG's: a single row is as long as it needs, more rows break where the SVG's do.
      let columns = drawing.legendRows > 1 ? drawing.legendColumns : -1
      let name = "xsglegend\(drawing.number)"
      options.append(
        "legend style={at={(0,1.02)}, anchor=south west, draw=none, name=\(name)}, legend columns=\(columns)")
      if let title = panel.title {
        options.append(
          "extra description/.append code={\\node[font=\\small, above] at ({axis description cs:0.5,1} |- "
            + "\(name).north) {\(Self.latex(title))};}")
      }
    }
    if let note = plan.hiddenNote {
      // As in the SVG: in small italics under the plot's right end, below the x-axis title if there is one
      // (an extra description, which the axis does not clip).
      let below = panel.xLabel == nil ? "3pt" : "14pt"
      options.append(
        "extra description/.append code={\\node[font=\\tiny\\itshape, text=darkgray, anchor=north east, "
          + "inner sep=0pt] at (xticklabel cs:1,\(below)) {\(Self.latex(note))};}")
    }
    var out = "\\nextgroupplot[\(options.joined(separator: ", "))]\n"

    let ymin = Self.number(y(plan.y.domain.lowerBound))
    let ymax = Self.number(y(plan.y.domain.upperBound))
    for (i, window) in panel.windows.enumerated() {
      out += "\\fill[black, opacity=0.07] (axis cs:\(Self.number(window.from)),\(ymin)) rectangle "
      out += "(axis cs:\(Self.number(window.to)),\(ymax));\n"
      out += Self.node(drawing, .window(i), color: "darkgray")
    }
    for (i, marker) in panel.markers.enumerated() {
      out += "\\draw[densely dashed, gray] (axis cs:\(Self.number(marker.x)),\(ymin)) -- "
      out += "(axis cs:\(Self.number(marker.x)),\(ymax));\n"
      out += Self.node(drawing, .marker(i), color: "darkgray")
    }
    for (i, reference) in panel.references.enumerated() {
      let x0 = plan.x.domain.lowerBound
      let x1 = plan.x.domain.upperBound
      let points = (0...100).compactMap { i -> (Double, Double)? in
        let x = x0 + (x1 - x0) * Double(i) / 100
        let v = reference.value(at: x)
        guard Axis.canShow(v, on: plan.y.scale), plan.y.domain.contains(v) else { return nil }
        return (x, y(v))
      }
      guard points.count >= 2 else { continue }
      out += "\\addplot[gray, dashed, forget plot] coordinates {\(Self.coordinates(points))};\n"
      out += Self.node(drawing, .reference(i), color: nil)
    }
    let ordered = panel.series.filter { $0.role == .neuron } + panel.series.filter { $0.role != .neuron }
    let legendSeries = Set(entries.map(\.name))
    var legendDone: Set<String> = []
    for series in ordered {
      let style = plan.styleIndex(of: series)
      var points: [(Double, Double)] = []
      var runs: [[(Double, Double)]] = []
      for p in series.points {
        if Axis.canShow(p.y, on: plan.y.scale), p.x.isFinite {
          points.append((p.x, y(p.y)))
        } else if !points.isEmpty {
          runs.append(points)
          points = []
        }
      }
      if !points.isEmpty { runs.append(points) }
      let bucket = (plan.x.domain.upperBound - plan.x.domain.lowerBound) / 600
      runs = runs.map { Decimation.minMax($0, bucket: bucket) }
      guard !runs.isEmpty else { continue }
      var stroke = SeriesStroke(role: series.role, style: style)
      if plan.isReplicated(series) { stroke.width = "0.7" }
      var options = [
        "color=xsg\(Self.letter(style % Palette.colors.count))", "line width=\(stroke.width)pt", "mark=none",
      ]
      if !stroke.dash.isEmpty {
        let parts = stroke.dash.split(separator: " ")
        let pattern = stride(from: 0, to: parts.count - 1, by: 2).map {
          "on \(parts[$0])pt off \(parts[$0 + 1])pt"
        }
        options.append("dash pattern=\(pattern.joined(separator: " "))")
      }
      if let opacity = stroke.opacity { options.append("opacity=\(opacity)") }
      let inLegend =
        showLegend && series.role != .neuron && legendSeries.contains(series.name)
        && !legendDone.contains(series.groupKey)
      if !inLegend { options.append("forget plot") }
      options.append("unbounded coords=jump")
      // Gaps become `nan` rows, which `unbounded coords=jump` turns into breaks in the line.
      let body = runs.map { Self.coordinates($0) }.joined(separator: " (\(Self.number(runs[0][0].0)),nan) ")
      out += "\\addplot[\(options.joined(separator: ", "))] coordinates {\(body)};\n"
      if inLegend {
        out += "\\addlegendentry{\(Self.latex(series.group ?? series.name))}\n"
        legendDone.insert(series.groupKey)
      }
    }
    if showLegend, let more {
      out += "\\addlegendimage{empty legend}\n\\addlegendentry{\\textit{\(Self.latex(more))}}\n"
    }
    return out
  }

  /// A decoration's label where the SVG puts it, as a fraction of the plot's width and height: the
  /// labels stay clear of each other as long as the axis is no smaller than the SVG's plot, which holds
  /// for the default sizes (a 3.4 in wide one-column axis, 2.1 in high, and \tiny text).
  static func node(_ drawing: PanelDrawing, _ owner: DecorationLabel.Owner, color: String?) -> String {
    guard let label = drawing.label(of: owner) else { return "" }
    let area = drawing.area
    let x = (label.x - area.x) / area.width
    let y = (area.maxY - label.baseline) / area.height
    let anchor: String
    switch label.anchor {
    case .start: anchor = "base west"
    case .middle: anchor = "base"
    case .end: anchor = "base east"
    }
    let style = ["font=\\tiny", color.map { "text=\($0)" }, "anchor=\(anchor)", "inner sep=0pt"]
    return
      "\\node[\(style.compactMap { $0 }.joined(separator: ", "))] at (rel axis cs:\(number(x)),\(number(y))) "
      + "{\(latex(label.text))};\n"
  }

  static func letter(_ i: Int) -> String { String(UnicodeScalar(UInt8(97 + i % 26))) }

  static func coordinates(_ points: [(Double, Double)]) -> String {
    points.map { "(\(number($0.0)),\(number($0.1)))" }.joined(separator: " ")
  }

  /// Six significant digits, without exponent markers TeX would not read: pgfplots accepts `1e-05`.
  static func number(_ v: Double) -> String {
    guard v.isFinite else { return "nan" }
    if v == 0 { return "0" }
    return String(format: "%.6g", v)
  }

  /// Text as LaTeX: specials escaped, common Unicode (Greek letters, ½, minus, superscripts) as math.
  static func latex(_ text: String) -> String {
    let specials: [Character: String] = [
      "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "$": "\\$", "&": "\\&", "#": "\\#", "_": "\\_",
      "%": "\\%", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}",
      // In LaTeX's default OT1 text font, a bare < or > prints as ¡ or ¿.
      "<": "\\textless{}", ">": "\\textgreater{}",
    ]
    let math: [Character: String] = [
      "λ": "\\lambda", "η": "\\eta", "θ": "\\theta", "μ": "\\mu", "ρ": "\\rho", "σ": "\\sigma",
      "∝": "\\propto",
      "½": "\\frac12", "−": "-", "·": "\\cdot", "×": "\\times", "⊥": "\\perp", "≥": "\\geq", "≤": "\\leq",
    ]
    let superscripts: [Character: String] = [
      "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
      "⁻": "-",
    ]
    var out = ""
    var superscript = ""
    func flush() {
      if !superscript.isEmpty {
        out += "$^{\(superscript)}$"
        superscript = ""
      }
    }
    for c in text {
      if let s = superscripts[c] {
        superscript += s
        continue
      }
      flush()
      if let s = specials[c] {
        out += s
      } else if let m = math[c] {
        out += "$\(m)$"
      } else {
        out.append(c)
      }
    }
    flush()
    return out.replacingOccurrences(of: "$$", with: "")
  }
}
