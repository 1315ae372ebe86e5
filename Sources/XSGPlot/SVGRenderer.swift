import Foundation

/// Renders a figure as a standalone SVG document sized for a paper: 3.4 in wide (one column) for a single
/// panel, 7 in (the text width) for small multiples, 8 pt text. All text is real `<text>`, so it can be
/// selected and searched; elements carry `class` names (`series`, `tick`, `legend`, …) for tests and CSS.
public struct SVGRenderer: Sendable {
  /// Figure width in inches; `nil` chooses 3.4 in for one column of panels and 7 in for more.
  public var widthInches: Double?
  /// Height of one panel in points; `nil` gives panels an aspect ratio of about 1.6.
  public var panelHeight: Double?
  /// Base font size in points (tick labels are one point smaller).
  public var fontSize: Double
  public var fontFamily: String

  public init(
    widthInches: Double? = nil, panelHeight: Double? = nil, fontSize: Double = 8,
    fontFamily: String = "Helvetica, Arial, sans-serif"
  ) {
    self.widthInches = widthInches
    self.panelHeight = panelHeight
    self.fontSize = fontSize
    self.fontFamily = fontFamily
  }

  /// The figure's width in points (1 pt = 1/72 in = one SVG user unit here).
  public func width(of figure: Figure) -> Double {
    72 * (widthInches ?? (figure.columnCount == 1 ? 3.4 : 7.0))
  }

  public func render(_ figure: Figure) -> String {
    let width = width(of: figure)
    let columns = figure.columnCount
    let rows = figure.rowCount
    let cellWidth = width / Double(columns)
    let cellHeight = panelHeight ?? max(110, min(190, cellWidth / 1.6))
    let titleHeight = figure.title == nil ? 0 : fontSize + 8
    let height = titleHeight + cellHeight * Double(rows)

    var svg = SVGWriter()
    svg.open(
      "svg",
      [
        ("xmlns", .text("http://www.w3.org/2000/svg")),
        ("width", .text(SVGWriter.number(width / 72) + "in")),
        ("height", .text(SVGWriter.number(height / 72) + "in")),
        ("viewBox", .text("0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))")),
        ("font-family", .text(fontFamily)), ("font-size", .number(fontSize)),
      ])
    if let title = figure.title {
      svg.element("title", [], content: title)
    }
    svg.element("rect", [("width", .number(width)), ("height", .number(height)), ("fill", .text("white"))])
    if let title = figure.title {
      svg.element(
        "text",
        [
          ("class", .text("figure-title")), ("x", .number(width / 2)), ("y", .number(fontSize + 3)),
          ("text-anchor", .text("middle")), ("font-size", .number(fontSize + 1)),
          ("font-weight", .text("bold")),
        ], content: title)
    }
    let cells = figure.panels.indices.map { i in
      Rect(
        x: Double(i % columns) * cellWidth, y: titleHeight + Double(i / columns) * cellHeight,
        width: cellWidth, height: cellHeight)
    }
    let margins = PanelDrawing.aligned(
      zip(figure.panels, cells).map { panel, cell in
        PanelDrawing.margins(panel, plan: PanelDrawing.plan(panel, in: cell), fontSize: fontSize)
      }, columns: columns)
    for (i, panel) in figure.panels.enumerated() {
      PanelDrawing(panel: panel, number: i + 1, cell: cells[i], fontSize: fontSize, margins: margins[i])
        .draw(into: &svg)
    }
    svg.close("svg")
    return svg.text
  }
}

/// An axis-aligned rectangle in SVG user units (points), y growing downwards.
struct Rect {
  var x: Double
  var y: Double
  var width: Double
  var height: Double
  var maxX: Double { x + width }
  var maxY: Double { y + height }

  func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }
}
