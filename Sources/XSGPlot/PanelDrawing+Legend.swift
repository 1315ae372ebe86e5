import Foundation

/// The legend: one entry per series group, in the plot corner where it hides nothing, else in a row above.
extension PanelDrawing {
  /// Where the legend went, for renderers that place it themselves (PGFPlots): `nil` without a legend.
  var legendPlacement: LegendPlacement? {
    guard !legend.entries.isEmpty else { return nil }
    guard let box = legend.box else { return .above }
    let left = box.x + box.width / 2 < area.x + area.width / 2
    let top = box.y + box.height / 2 < area.y + area.height / 2
    switch (top, left) {
    case (true, true): return .topLeft
    case (true, false): return .topRight
    case (false, false): return .bottomRight
    case (false, true): return .bottomLeft
    }
  }
  /// The number of rows of a legend above the plot ("+N more" may start one).
  var legendRows: Int { Set(legend.entries.map(\.2) + [legendMore?.y].compactMap { $0 }).count }

  /// The number of entries in the first row of a legend above the plot ("+N more" counts as one).
  var legendColumns: Int {
    guard let first = legend.entries.first else { return 0 }
    return legend.entries.filter { $0.2 == first.2 }.count + (legendMore?.y == first.2 ? 1 : 0)
  }

  func drawLegend(into svg: inout SVGWriter) {
    guard !legend.entries.isEmpty else { return }
    let font = fontSize - 1
    svg.open("g", [("class", .text("legend"))])
    if let box = legend.box {
      svg.element(
        "rect",
        [
          ("x", .number(box.x)), ("y", .number(box.y)), ("width", .number(box.width)),
          ("height", .number(box.height)), ("fill", .text("white")), ("fill-opacity", .text("0.85")),
          ("stroke", .text("#BBBBBB")), ("stroke-width", .text("0.4")),
        ])
    }
    for (series, x, y) in legend.entries {
      let stroke = SeriesStroke(
        role: series.role == .neuron ? .line : series.role, style: plan.styleIndex(of: series))
      svg.element(
        "line",
        [
          ("x1", .number(x)), ("y1", .number(y)), ("x2", .number(x + PanelDrawing.sample)),
          ("y2", .number(y)), ("stroke", .text(stroke.color)), ("stroke-width", .text(stroke.width)),
          ("stroke-dasharray", stroke.dash.isEmpty ? nil : .text(stroke.dash)),
        ])
      svg.element(
        "text",
        [
          ("class", .text("legend-label")), ("x", .number(x + PanelDrawing.sample + 3)),
          ("y", .number(y + font * 0.35)), ("font-size", .number(font)),
        ], content: PanelDrawing.legendName(series))
    }
    if let more = legendMore {
      svg.element(
        "text",
        [
          ("class", .text("legend-more")), ("x", .number(more.x)), ("y", .number(more.y + font * 0.35)),
          ("font-size", .number(font)), ("font-style", .text("italic")), ("fill", .text("#555555")),
        ], content: more.text)
    }
    svg.close("g")
  }

  static func legendName(_ series: Series) -> String { series.group ?? series.name }

  /// The corner of the plotting area (top-left, top-right, bottom-right, bottom-left) whose legend box
  /// would cover the fewest of `points` (the `legendObstacles()`), and how many it covers; ties go to the
  /// earlier.
  func legendCorner(width: Double, height: Double, avoiding points: [(Double, Double)]) -> (
    (Double, Double), Int
  ) {
    let inset = 3.0
    let corners = [
      (area.x + inset, area.y + inset), (area.maxX - inset - width, area.y + inset),
      (area.maxX - inset - width, area.maxY - inset - height), (area.x + inset, area.maxY - inset - height),
    ]
    var best = (corners[0], Int.max)
    for corner in corners {
      let box = Rect(x: corner.0 - 2, y: corner.1 - 2, width: width + 4, height: height + 4)
      let covered = points.reduce(0) { $0 + (box.contains($1.0, $1.1) ? 1 : 0) }
      if covered < best.1 { best = (corner, covered) }
    }
    return best
  }

  /// What a legend should not cover: the data as the decoration labels see them, with points along long
  /// segments (a box that a steep line crosses between two of its points hides it too), and the decorations.
  func legendObstacles() -> [(Double, Double)] { dataPoints() + decorationPoints() }

  /// Points the legend should not cover besides the data: reference curves and the decorations' labels.
  func decorationPoints() -> [(Double, Double)] {
    var points: [(Double, Double)] = []
    let x0 = plan.x.domain.lowerBound
    let x1 = plan.x.domain.upperBound
    for reference in panel.references {
      for i in 0...40 {
        let x = x0 + (x1 - x0) * Double(i) / 40
        if let sx = px(x), let sy = py(reference.value(at: x)) { points.append((sx, sy)) }
      }
    }
    for box in labels.map(\.box) {
      for i in 0...8 { points.append((box.x + box.width * Double(i) / 8, box.y + box.height / 2)) }
    }
    return points
  }
}

enum LegendPlacement: Equatable {
  case topLeft
  case topRight
  case bottomRight
  case bottomLeft
  /// A row of entries above the plot.
  case above
}
