import Foundation

/// Draws one panel into an SVG: frame, grid, ticks, axis titles, windows, markers, references, series,
/// legend and the note about hidden points.
struct PanelDrawing {
  let panel: Panel
  let number: Int
  let cell: Rect
  let fontSize: Double
  let plan: PanelPlan
  /// The plotting area inside the cell.
  private(set) var area: Rect
  /// Where each legend entry's line sample starts (its vertical centre), and the box behind an inside legend.
  private(set) var legend: (entries: [(Series, Double, Double)], box: Rect?) = ([], nil)

  /// Average advance of a character of a sans-serif font, in ems; good enough to reserve label space.
  static let charWidth = 0.62
  static let tickLength = 3.0

  init(panel: Panel, number: Int, cell: Rect, fontSize: Double) {
    self.panel = panel
    self.number = number
    self.cell = cell
    self.fontSize = fontSize
    let plan = PanelPlan(panel, xTicks: cell.width > 200 ? 5 : 4, yTicks: cell.height > 140 ? 5 : 4)
    self.plan = plan
    let tickFont = fontSize - 1
    let yLabelChars = plan.y.ticks.map(\.label.count).max() ?? 1
    let left =
      PanelDrawing.tickLength + 2 + Double(yLabelChars) * PanelDrawing.charWidth * tickFont
      + (panel.yLabel == nil ? 3 : fontSize + 5)
    let lastX = plan.x.ticks.last?.label.count ?? 1
    let right = max(6, Double(lastX) * PanelDrawing.charWidth * tickFont / 2 + 3)
    let top = panel.title == nil ? 6 : fontSize + 7
    let bottom = PanelDrawing.tickLength + 3 + tickFont + (panel.xLabel == nil ? 3 : fontSize + 5)
    let areaBelow = { (extraTop: Double) in
      Rect(
        x: cell.x + left, y: cell.y + top + extraTop, width: max(10, cell.width - left - right),
        height: max(10, cell.height - top - extraTop - bottom))
    }
    area = areaBelow(0)
    // The legend goes in the corner of the plot where it hides nothing; when every corner would hide
    // something, it becomes a row of entries above the plot instead.
    let entries = panel.showsLegend ? plan.legendEntries(panel) : []
    guard entries.count > 1 || (entries.count == 1 && panel.title == nil) else { return }
    let font = fontSize - 1
    let lineHeight = font + 2.5
    let names = entries.map { PanelDrawing.legendName($0) }
    let boxWidth =
      PanelDrawing.sample + 9 + Double(names.map(\.count).max() ?? 0) * PanelDrawing.charWidth * font
    let boxHeight = Double(entries.count) * lineHeight + 4
    let (corner, covered) = legendCorner(width: boxWidth, height: boxHeight)
    if covered == 0 {
      let box = Rect(x: corner.0, y: corner.1, width: boxWidth, height: boxHeight)
      legend.box = box
      legend.entries = entries.enumerated().map { i, series in
        (series, box.x + 3, box.y + 2 + lineHeight * (Double(i) + 0.5))
      }
      return
    }
    var rows: [[(Series, Double)]] = [[]]
    var x = 0.0
    for (series, name) in zip(entries, names) {
      let width = PanelDrawing.sample + 4 + Double(name.count) * PanelDrawing.charWidth * font + 8
      if x + width > area.width, !rows[rows.count - 1].isEmpty {
        rows.append([])
        x = 0
      }
      rows[rows.count - 1].append((series, x))
      x += width
    }
    area = areaBelow(Double(rows.count) * lineHeight + 2)
    let rowsTop = area.y - Double(rows.count) * lineHeight - 2
    legend.entries = rows.enumerated().flatMap { r, row in
      row.map { ($0.0, area.x + $0.1, rowsTop + lineHeight * (Double(r) + 0.5)) }
    }
  }

  static let sample = 14.0

  func px(_ x: Double) -> Double? { plan.x.map(x, from: area.x, to: area.maxX) }
  func py(_ y: Double) -> Double? { plan.y.map(y, from: area.maxY, to: area.y) }

  func draw(into svg: inout SVGWriter) {
    let clip = "clip\(number)"
    svg.open("g", [("class", .text("panel")), ("id", .text("panel\(number)"))])
    svg.open("clipPath", [("id", .text(clip))])
    svg.element(
      "rect",
      [
        ("x", .number(area.x)), ("y", .number(area.y)), ("width", .number(area.width)),
        ("height", .number(area.height)),
      ])
    svg.close("clipPath")
    if let title = panel.title {
      svg.element(
        "text",
        [
          ("class", .text("panel-title")), ("x", .number(area.x + area.width / 2)),
          ("y", .number(cell.y + fontSize + 1)), ("text-anchor", .text("middle")),
        ], content: title)
    }
    drawWindows(into: &svg)
    drawGrid(into: &svg)
    svg.open("g", [("clip-path", .text("url(#\(clip))"))])
    drawMarkers(into: &svg)
    drawReferences(into: &svg)
    drawSeries(into: &svg)
    svg.close("g")
    drawAxes(into: &svg)
    drawLegend(into: &svg)
    if let note = plan.hiddenNote {
      svg.element(
        "text",
        [
          ("class", .text("note")), ("x", .number(area.maxX - 2)), ("y", .number(area.maxY - 3)),
          ("text-anchor", .text("end")), ("font-size", .number(fontSize - 2)),
          ("font-style", .text("italic")), ("fill", .text("#555555")),
        ], content: note)
    }
    svg.close("g")
  }

  private func drawWindows(into svg: inout SVGWriter) {
    for window in panel.windows {
      guard let a = px(min(window.from, window.to)), let b = px(max(window.from, window.to)) else { continue }
      let x0 = max(area.x, a)
      let x1 = min(area.maxX, b)
      guard x1 > x0 else { continue }
      svg.element(
        "rect",
        [
          ("class", .text("window")), ("x", .number(x0)), ("y", .number(area.y)),
          ("width", .number(x1 - x0)), ("height", .number(area.height)), ("fill", .text("#000000")),
          ("fill-opacity", .text("0.07")),
        ])
      if let label = window.label {
        svg.element(
          "text",
          [
            ("class", .text("window-label")), ("x", .number((x0 + x1) / 2)),
            ("y", .number(area.y + fontSize - 1)), ("text-anchor", .text("middle")),
            ("font-size", .number(fontSize - 2)), ("fill", .text("#444444")),
          ], content: label)
      }
    }
  }

  private func drawGrid(into svg: inout SVGWriter) {
    svg.open("g", [("class", .text("grid")), ("stroke", .text("#E4E4E4")), ("stroke-width", .text("0.4"))])
    for tick in plan.y.ticks {
      guard let y = py(tick.value) else { continue }
      svg.element(
        "line", [("x1", .number(area.x)), ("y1", .number(y)), ("x2", .number(area.maxX)), ("y2", .number(y))])
    }
    svg.close("g")
  }

  private func drawAxes(into svg: inout SVGWriter) {
    let tickFont = fontSize - 1
    svg.open(
      "g",
      [
        ("class", .text("axes")), ("stroke", .text("#000000")), ("stroke-width", .text("0.6")),
        ("fill", .text("none")),
      ])
    svg.element(
      "path",
      [
        ("class", .text("frame")),
        (
          "d",
          .text(
            "M\(n(area.x)) \(n(area.y))V\(n(area.maxY))H\(n(area.maxX))V\(n(area.y))Z"
          )
        ),
      ])
    for tick in plan.x.ticks {
      guard let x = px(tick.value) else { continue }
      svg.element(
        "line",
        [
          ("class", .text("tick x")), ("x1", .number(x)), ("y1", .number(area.maxY)), ("x2", .number(x)),
          ("y2", .number(area.maxY + PanelDrawing.tickLength)),
        ])
    }
    for tick in plan.y.ticks {
      guard let y = py(tick.value) else { continue }
      svg.element(
        "line",
        [
          ("class", .text("tick y")), ("x1", .number(area.x - PanelDrawing.tickLength)), ("y1", .number(y)),
          ("x2", .number(area.x)), ("y2", .number(y)),
        ])
    }
    svg.close("g")
    svg.open("g", [("class", .text("tick-labels")), ("font-size", .number(tickFont))])
    for tick in plan.x.ticks {
      guard let x = px(tick.value) else { continue }
      svg.element(
        "text",
        [
          ("class", .text("tick-label x")), ("x", .number(x)),
          ("y", .number(area.maxY + PanelDrawing.tickLength + 1 + tickFont)),
          ("text-anchor", .text("middle")),
        ], content: tick.label)
    }
    for tick in plan.y.ticks {
      guard let y = py(tick.value) else { continue }
      svg.element(
        "text",
        [
          ("class", .text("tick-label y")), ("x", .number(area.x - PanelDrawing.tickLength - 1.5)),
          ("y", .number(y + tickFont * 0.35)), ("text-anchor", .text("end")),
        ], content: tick.label)
    }
    svg.close("g")
    if let label = panel.xLabel {
      svg.element(
        "text",
        [
          ("class", .text("axis-title x")), ("x", .number(area.x + area.width / 2)),
          ("y", .number(area.maxY + PanelDrawing.tickLength + 3 + tickFont + fontSize)),
          ("text-anchor", .text("middle")),
        ], content: label)
    }
    if let label = panel.yLabel {
      let x = cell.x + fontSize
      let y = area.y + area.height / 2
      svg.element(
        "text",
        [
          ("class", .text("axis-title y")),
          ("transform", .text("translate(\(n(x)),\(n(y))) rotate(-90)")), ("text-anchor", .text("middle")),
        ], content: label)
    }
  }

  private func drawMarkers(into svg: inout SVGWriter) {
    for marker in panel.markers {
      guard let x = px(marker.x) else { continue }
      svg.element(
        "line",
        [
          ("class", .text("marker")), ("x1", .number(x)), ("y1", .number(area.y)), ("x2", .number(x)),
          ("y2", .number(area.maxY)), ("stroke", .text("#555555")), ("stroke-width", .text("0.6")),
          ("stroke-dasharray", .text("2 1.5")),
        ])
      if let label = marker.label {
        svg.element(
          "text",
          [
            ("class", .text("marker-label")), ("x", .number(x + 1.5)),
            ("y", .number(area.y + fontSize - 1)), ("font-size", .number(fontSize - 2)),
            ("fill", .text("#444444")),
          ], content: label)
      }
    }
  }

  private func drawReferences(into svg: inout SVGWriter) {
    let x0 = plan.x.domain.lowerBound
    let x1 = plan.x.domain.upperBound
    for reference in panel.references {
      // Constants are straight on any axis; exponentials are straight only on a log axis, so they are sampled.
      let samples: Int
      switch (reference.curve, plan.y.scale) {
      case (.constant, _), (.exponential, .log): samples = 2
      case (.exponential, _): samples = 120
      }
      var points: [(Double, Double)] = []
      for i in 0..<samples {
        let x = x0 + (x1 - x0) * Double(i) / Double(samples - 1)
        guard let sx = px(x), let sy = py(reference.value(at: x)) else { continue }
        // Keep far-off points near the frame so the clip path does the cutting without huge coordinates.
        points.append((sx, min(max(sy, area.y - area.height), area.maxY + area.height)))
      }
      guard points.count >= 2 else { continue }
      svg.element(
        "path",
        [
          ("class", .text("reference")), ("d", .text(pathData([points]))), ("fill", .text("none")),
          ("stroke", .text("#555555")), ("stroke-width", .text("0.8")),
          ("stroke-dasharray", .text("3 2")),
        ])
      // The label sits where the curve leaves the plot (or at its right end), found on a fine sampling.
      let fine = (0...120).compactMap { i -> (Double, Double)? in
        let x = x0 + (x1 - x0) * Double(i) / 120
        guard let sx = px(x), let sy = py(reference.value(at: x)) else { return nil }
        return (sx, sy)
      }
      if let label = reference.label,
        let last = fine.last(where: { area.contains($0.0, $0.1) })
      {
        // Just above the curve's last visible point, kept inside the plot; for a rising curve, moved left
        // to where the curve crosses the text's baseline so the text does not sit on the line.
        let baseline = max(last.1 - 2, area.y + fontSize)
        let visible = fine.filter { area.contains($0.0, $0.1) }
        let crossing = visible.min { a, b in
          abs(a.1 - baseline) < abs(b.1 - baseline)
            || (abs(a.1 - baseline) == abs(b.1 - baseline) && a.0 > b.0)
        }
        let labelX = min(last.0, crossing?.0 ?? last.0, area.maxX)
        svg.element(
          "text",
          [
            ("class", .text("reference-label")), ("x", .number(labelX - 3)),
            ("y", .number(baseline)), ("text-anchor", .text("end")),
            ("font-size", .number(fontSize - 2)), ("fill", .text("#333333")),
          ], content: label)
      }
    }
  }

  /// Screen coordinates of a series, split into runs wherever a point cannot be shown.
  func screenRuns(_ series: Series) -> [[(Double, Double)]] {
    var runs: [[(Double, Double)]] = [[]]
    for p in series.points {
      if let x = px(p.x), let y = py(p.y) {
        runs[runs.count - 1].append((x, y))
      } else if !runs[runs.count - 1].isEmpty {
        runs.append([])
      }
    }
    return runs.filter { !$0.isEmpty }
  }

  private func drawSeries(into svg: inout SVGWriter) {
    // Neuron lines first, so means and plain lines sit on top of them.
    let ordered = panel.series.filter { $0.role == .neuron } + panel.series.filter { $0.role != .neuron }
    for series in ordered {
      let runs = screenRuns(series)
      guard !runs.isEmpty else { continue }
      let style = plan.styleIndex(of: series)
      let stroke = SeriesStroke(role: series.role, style: style)
      let single = runs.allSatisfy { $0.count == 1 }
      if single {
        for run in runs {
          svg.element(
            "circle",
            [
              ("class", .text("series point")), ("cx", .number(run[0].0)), ("cy", .number(run[0].1)),
              ("r", .text("1.2")), ("fill", .text(stroke.color)),
            ])
        }
        continue
      }
      svg.element(
        "path",
        [
          ("class", .text("series \(stroke.roleClass)")), ("data-name", .text(series.name)),
          ("d", .text(pathData(runs))), ("fill", .text("none")), ("stroke", .text(stroke.color)),
          ("stroke-width", .text(stroke.width)), ("stroke-opacity", stroke.opacity.map { .text($0) }),
          ("stroke-dasharray", stroke.dash.isEmpty ? nil : .text(stroke.dash)),
          ("stroke-linejoin", .text("round")), ("stroke-linecap", .text("round")),
        ])
    }
  }

  private func drawLegend(into svg: inout SVGWriter) {
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
    svg.close("g")
  }

  static func legendName(_ series: Series) -> String { series.group ?? series.name }

  /// The corner of the plotting area (top-left, top-right, bottom-right, bottom-left) whose legend box
  /// would cover the fewest data points and decorations, and how many it covers; ties go to the earlier.
  private func legendCorner(width: Double, height: Double) -> ((Double, Double), Int) {
    let inset = 3.0
    let corners = [
      (area.x + inset, area.y + inset), (area.maxX - inset - width, area.y + inset),
      (area.maxX - inset - width, area.maxY - inset - height), (area.x + inset, area.maxY - inset - height),
    ]
    let points = panel.series.flatMap { screenRuns($0).flatMap { $0 } } + decorationPoints()
    var best = (corners[0], Int.max)
    for corner in corners {
      let box = Rect(x: corner.0 - 2, y: corner.1 - 2, width: width + 4, height: height + 4)
      let covered = points.reduce(0) { $0 + (box.contains($1.0, $1.1) ? 1 : 0) }
      if covered < best.1 { best = (corner, covered) }
    }
    return best
  }

  /// Points the legend should not cover besides the data: reference curves and the labels at the top.
  private func decorationPoints() -> [(Double, Double)] {
    var points: [(Double, Double)] = []
    let x0 = plan.x.domain.lowerBound
    let x1 = plan.x.domain.upperBound
    for reference in panel.references {
      for i in 0...40 {
        let x = x0 + (x1 - x0) * Double(i) / 40
        if let sx = px(x), let sy = py(reference.value(at: x)) { points.append((sx, sy)) }
      }
    }
    let labelY = area.y + fontSize / 2
    let labels =
      panel.windows.compactMap { w in w.label.flatMap { l in px((w.from + w.to) / 2).map { ($0, l, 0.5) } } }
      + panel.markers.compactMap { m in m.label.flatMap { l in px(m.x).map { ($0, l, 0.0) } } }
    for (x, label, anchor) in labels {
      let width = Double(label.count) * PanelDrawing.charWidth * (fontSize - 2)
      for i in 0...8 { points.append((x - anchor * width + width * Double(i) / 8, labelY)) }
    }
    return points
  }

  private func n(_ v: Double) -> String { SVGWriter.number(v) }

  /// SVG path data for polylines: "M x y L x y …" per run, skipping points that round to the previous one.
  func pathData(_ runs: [[(Double, Double)]]) -> String {
    var d = ""
    for run in runs {
      var last = ""
      for (i, p) in run.enumerated() {
        let xy = "\(n(p.0)) \(n(p.1))"
        if xy == last { continue }
        d += (i == 0 ? "M" : "L") + xy
        last = xy
      }
    }
    return d
  }
}

/// How a series' line looks, from its role and its group's style index.
struct SeriesStroke {
  var color: String
  var dash: String
  var width: String
  var opacity: String?
  var roleClass: String

  init(role: Series.Role, style: Int) {
    color = Palette.color(style)
    switch role {
    case .line:
      dash = Palette.dash(style)
      width = "1.1"
      opacity = nil
      roleClass = "line"
    case .neuron:
      dash = ""
      width = "0.45"
      opacity = "0.4"
      roleClass = "neuron"
    case .mean:
      dash = Palette.dash(style)
      width = "1.6"
      opacity = nil
      roleClass = "mean"
    }
  }
}
