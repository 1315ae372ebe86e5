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
  /// The last line of a legend box too short for all entries: "+N more", and where it starts.
  private(set) var legendMore: (text: String, x: Double, y: Double)?
  /// The labels of the windows, markers and references, placed so that none covers another.
  private(set) var labels: [DecorationLabel] = []

  /// Average advance of a character of a sans-serif font, in ems; good enough to reserve label space.
  static let charWidth = 0.62
  static let tickLength = 3.0

  /// The space a panel's cell keeps around its plotting area, for tick labels, titles and axis titles.
  struct Margins: Equatable {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
  }

  /// The plan of `panel` drawn in `cell`: fewer ticks in small cells.
  static func plan(_ panel: Panel, in cell: Rect) -> PanelPlan {
    PanelPlan(panel, xTicks: cell.width > 200 ? 5 : 4, yTicks: cell.height > 140 ? 5 : 4)
  }

  /// The margins `panel` needs on its own: as wide as its longest y tick label, and so on.
  static func margins(_ panel: Panel, plan: PanelPlan, fontSize: Double) -> Margins {
    let tickFont = fontSize - 1
    let yLabelChars = plan.y.ticks.map(\.label.count).max() ?? 1
    let left =
      PanelDrawing.tickLength + 2 + Double(yLabelChars) * PanelDrawing.charWidth * tickFont
      + (panel.yLabel == nil ? 3 : fontSize + 5)
    let lastX = plan.x.ticks.last?.label.count ?? 1
    let right = max(6, Double(lastX) * PanelDrawing.charWidth * tickFont / 2 + 3)
    let top = panel.title == nil ? 6 : fontSize + 7
    let note = plan.hiddenNote == nil ? 0 : fontSize
    let bottom = PanelDrawing.tickLength + 3 + tickFont + (panel.xLabel == nil ? 3 : fontSize + 5) + note
    return Margins(left: left, right: right, top: top, bottom: bottom)
  }

  /// The margins of a grid's panels, `columns` to a row: each column takes the widest left and right
  /// margins of its panels, and each row the tallest top and bottom, so that the plots of a column line up
  /// and those of a row have one height.
  static func aligned(_ margins: [Margins], columns: Int) -> [Margins] {
    let columns = max(columns, 1)
    return margins.indices.map { i in
      let column = margins.indices.filter { $0 % columns == i % columns }.map { margins[$0] }
      let row = margins.indices.filter { $0 / columns == i / columns }.map { margins[$0] }
      return Margins(
        left: column.map(\.left).max() ?? 0, right: column.map(\.right).max() ?? 0,
        top: row.map(\.top).max() ?? 0, bottom: row.map(\.bottom).max() ?? 0)
    }
  }

  /// A panel drawn in `cell`, with `margins` around its plotting area (by default, the ones it needs).
  init(panel: Panel, number: Int, cell: Rect, fontSize: Double, margins: Margins? = nil) {
    self.panel = panel
    self.number = number
    self.cell = cell
    self.fontSize = fontSize
    let plan = PanelDrawing.plan(panel, in: cell)
    self.plan = plan
    let margins = margins ?? PanelDrawing.margins(panel, plan: plan, fontSize: fontSize)
    let (left, right, top, bottom) = (margins.left, margins.right, margins.top, margins.bottom)
    let areaBelow = { (extraTop: Double) in
      Rect(
        x: cell.x + left, y: cell.y + top + extraTop, width: max(10, cell.width - left - right),
        height: max(10, cell.height - top - extraTop - bottom))
    }
    area = areaBelow(0)
    // The labels are placed first, so that the legend can avoid them; then again in the final plot area,
    // clear of the legend.
    labels = placedLabels(avoiding: [])
    layOutLegend(areaBelow: areaBelow)
    labels = placedLabels(avoiding: [legend.box].compactMap { $0 })
  }

  /// The legend goes in the corner of the plot where it hides nothing; when every corner would hide
  /// something, it becomes a row of entries above the plot instead, which moves the plot's top down.
  private mutating func layOutLegend(areaBelow: (Double) -> Rect) {
    let entries = panel.showsLegend ? plan.legendEntries(panel) : []
    guard PanelPlan.legendIsUseful(entries, in: panel) else { return }
    let font = fontSize - 1
    let lineHeight = font + 2.5
    let boxWidth = { (names: [String]) in
      PanelDrawing.sample + 9 + Double(names.map(\.count).max() ?? 0) * PanelDrawing.charWidth * font
    }
    let width = boxWidth(entries.map(PanelDrawing.legendName))
    let obstacles = legendObstacles()
    let (corner, covered) = legendCorner(
      width: width, height: Double(entries.count) * lineHeight + 4, avoiding: obstacles)
    let fitsInside = Double(entries.count) * lineHeight + 4 <= area.height - 6
    let rows = legendRows(entries, font: font)
    // Rows that would squeeze the plot to less than two thirds of its height are too many.
    let mostRows = max(1, Int((area.height / 3 - 2) / lineHeight))
    if fitsInside && (covered == 0 || rows.count > mostRows) {
      placeBox(entries, more: nil, at: corner, lineHeight: lineHeight, width: width)
      return
    }
    var shown = rows
    var more: (text: String, x: Double)?
    if rows.count > mostRows {
      // Too many entries for the plot (dozens of runs): a box listing what fits and "+N more", in a corner
      // where it hides nothing, shortened to as little as half the plot's height to find one.
      let most = max(2, Int((area.height - 10) / lineHeight))
      for lines in stride(from: most, through: max(2, (most + 1) / 2), by: -1) {
        let listed = Array(entries.prefix(lines - 1))
        let rest = "+\(entries.count - listed.count) more"
        let width = boxWidth(listed.map(PanelDrawing.legendName) + [rest])
        let (at, covered) = legendCorner(
          width: width, height: Double(lines) * lineHeight + 4, avoiding: obstacles)
        if covered == 0 {
          placeBox(listed, more: rest, at: at, lineHeight: lineHeight, width: width)
          return
        }
      }
      // When every such box would hide something, rows above the plot, as many as fit, the last ending in
      // "+N more" (in place of as many of its entries as that takes).
      shown = Array(rows.prefix(mostRows))
      while true {
        let text = "+\(entries.count - shown.map(\.count).reduce(0, +)) more"
        let last = shown[shown.count - 1]
        let x = last.last.map { $0.1 + legendEntryWidth(PanelDrawing.legendName($0.0), font: font) } ?? 0
        if last.isEmpty || x + Double(text.count) * PanelDrawing.charWidth * font <= area.width {
          more = (text, x)
          break
        }
        shown[shown.count - 1].removeLast()
      }
    }
    area = areaBelow(Double(shown.count) * lineHeight + 2)
    let rowsTop = area.y - Double(shown.count) * lineHeight - 2
    legend.entries = shown.enumerated().flatMap { r, row in
      row.map { ($0.0, area.x + $0.1, rowsTop + lineHeight * (Double(r) + 0.5)) }
    }
    legendMore = more.map { ($0.text, area.x + $0.x, rowsTop + lineHeight * (Double(shown.count) - 0.5)) }
  }

  /// A legend box at `at` listing `entries`, then `more` on a line of its own.
  private mutating func placeBox(
    _ entries: [Series], more: String?, at: (Double, Double), lineHeight: Double, width: Double
  ) {
    let lines = entries.count + (more == nil ? 0 : 1)
    let box = Rect(x: at.0, y: at.1, width: width, height: Double(lines) * lineHeight + 4)
    legend.box = box
    legend.entries = entries.enumerated().map { i, series in
      (series, box.x + 3, box.y + 2 + lineHeight * (Double(i) + 0.5))
    }
    legendMore = more.map { ($0, box.x + 3, box.y + 2 + lineHeight * (Double(entries.count) + 0.5)) }
  }

  /// The width a legend entry takes in a row: its line sample, its name and the space before the next.
  func legendEntryWidth(_ name: String, font: Double) -> Double {
    PanelDrawing.sample + 4 + Double(name.count) * PanelDrawing.charWidth * font + 8
  }

  /// `entries` laid out in rows as wide as the plot, each with its offset from the plot's left edge.
  func legendRows(_ entries: [Series], font: Double) -> [[(Series, Double)]] {
    var rows: [[(Series, Double)]] = [[]]
    var x = 0.0
    for series in entries {
      let width = legendEntryWidth(PanelDrawing.legendName(series), font: font)
      if x + width > area.width, !rows[rows.count - 1].isEmpty {
        rows.append([])
        x = 0
      }
      rows[rows.count - 1].append((series, x))
      x += width
    }
    return rows
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
      // On a line of its own at the bottom of the cell, where it hides no data (the margins make room).
      svg.element(
        "text",
        [
          ("class", .text("note")), ("x", .number(area.maxX)), ("y", .number(cell.maxY - 2)),
          ("text-anchor", .text("end")), ("font-size", .number(fontSize - 2)),
          ("font-style", .text("italic")), ("fill", .text("#555555")),
        ], content: note)
    }
    svg.close("g")
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

  func drawSeries(into svg: inout SVGWriter) {
    // Neuron lines first, so means and plain lines sit on top of them.
    let ordered = panel.series.filter { $0.role == .neuron } + panel.series.filter { $0.role != .neuron }
    for series in ordered {
      let runs = screenRuns(series).map { Decimation.minMax($0, bucket: 0.25) }
      guard !runs.isEmpty else { continue }
      let style = plan.styleIndex(of: series)
      var stroke = SeriesStroke(role: series.role, style: style)
      if plan.isReplicated(series) { stroke.width = "0.7" }
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

  func n(_ v: Double) -> String { SVGWriter.number(v) }

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
