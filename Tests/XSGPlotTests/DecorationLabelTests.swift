import Foundation
import Testing

@testable import XSGPlot

/// The labels of windows, markers and reference curves: never on top of each other, and inside the plot,
/// in the SVG and at the same places in the PGFPlots picture.
@Suite struct DecorationLabelTests {
  struct Box {
    var text: String
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    func overlaps(_ other: Box) -> Bool {
      x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }
  }

  /// The decoration labels of a one-panel SVG, each with the box its text covers (estimated from its
  /// length as the renderer does: 0.62 em a character, 0.8 em above the baseline and 0.25 em below).
  static func labels(_ svg: SVGDocument) -> [Box] {
    svg.elements.filter { $0.name == "text" && $0.classes.contains { $0.hasSuffix("-label") } }
      .filter { !$0.classes.contains("tick-label") && !$0.classes.contains("legend-label") }
      .map { text in
        let font = text.number("font-size") ?? 0
        let width = Double(text.text.count) * 0.62 * font
        let x = text.number("x") ?? 0
        let anchor = text.attributes["text-anchor"]
        let shift = anchor == "middle" ? width / 2 : anchor == "end" ? width : 0
        return Box(
          text: text.text, x: x - shift, y: (text.number("y") ?? 0) - 0.8 * font, width: width,
          height: 1.05 * font)
      }
  }

  /// The plotting area: the frame path "M x y V maxY H maxX V y Z".
  static func frame(_ svg: SVGDocument) throws -> Box {
    let points = SVGDocument.points(try #require(svg.all("path", class: "frame").first?.attributes["d"]))
    let (x0, y0) = points[0]
    let (x1, y1) = points[2]
    return Box(text: "frame", x: x0, y: y0, width: x1 - x0, height: y1 - y0)
  }

  static func expectClearAndInside(_ svg: SVGDocument, count: Int) throws {
    let boxes = labels(svg)
    #expect(boxes.count == count, "\(boxes.map(\.text))")
    for (i, a) in boxes.enumerated() {
      for b in boxes[(i + 1)...] { #expect(!a.overlaps(b), "'\(a.text)' overlaps '\(b.text)'") }
    }
    let frame = try frame(svg)
    for box in boxes {
      let inside =
        box.x >= frame.x && box.x + box.width <= frame.x + frame.width && box.y >= frame.y + 1
        && box.y + box.height <= frame.y + frame.height
      #expect(inside, "'\(box.text)' leaves the plot or touches its frame")
    }
  }

  /// The tutorial's weights with its theory line, and a window and a marker near where that line leaves
  /// the plot: all three labels wanted the top line, and the exponential's sat on the window's.
  static func crowded() throws -> Panel {
    let run = try RunFolder.load(Fixtures.root.appending(path: "phases"))
    let start = try #require(run.series("w_sp")?.points.first?.y)
    return Panel(
      yScale: .log, series: run.probeSeries("w_sp") + [try #require(run.series("w_sig"))],
      references: [.exponential(coefficient: start, rate: 0.02, label: "∝ exp(η(½−λ)t)")],
      windows: [Window(from: 150, to: 300, label: "saturation")], markers: [Marker(x: 250, label: "plateau")])
  }

  @Test func labelsThatWantTheSamePlaceStack() throws {
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: try Self.crowded())))
    try Self.expectClearAndInside(svg, count: 3)
  }

  @Test func labelsAtTheEdgesStayInsideThePlot() throws {
    // A marker near the right end is labelled on its left; a window at the left end is labelled inside.
    let series = Series(name: "acc", points: (0...50).map { (x: Double($0) * 10, y: 0.5 + Double($0) / 100) })
    let panel = Panel(
      series: [series], references: [.constant(0.99, label: "target accuracy")],
      windows: [Window(from: 0, to: 20, label: "sign alignment")],
      markers: [Marker(x: 490, label: "plateau"), Marker(x: 480, label: "stop")])
    for width in [3.4, 2.4] {
      let svg = try SVGDocument(SVGRenderer(widthInches: width).render(Figure(panel: panel)))
      try Self.expectClearAndInside(svg, count: 4)
    }
  }

  @Test func twoConstantsCloseTogetherAreBothReadable() throws {
    let series = Series(name: "m", points: [(0, 0), (100, 2.3)])
    let panel = Panel(
      series: [series],
      references: [.constant(2.1972, label: "logit(0.9)"), .constant(2.25, label: "measured plateau")])
    try Self.expectClearAndInside(try SVGDocument(SVGRenderer().render(Figure(panel: panel))), count: 2)
  }

  @Test func aConstantJustUnderTheFrameIsLabelledBelowIt() throws {
    // Above the line, the label sat on the frame.
    let series = Series(name: "m", points: [(0, 0), (100, 2.3)])
    let panel = Panel(series: [series], references: [.constant(2.36, label: "plateau")])
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: panel)))
    try Self.expectClearAndInside(svg, count: 1)
    let line = SVGDocument.points(try #require(svg.all("path", class: "reference").first?.attributes["d"]))
    #expect(try #require(Self.labels(svg).first).y > line[0].1)
  }

  @Test func theLegendKeepsClearOfTheNote() throws {
    // Every corner but the bottom right holds data; the bottom right holds the note about the zeros.
    let top = Series(name: "top", points: (0...10).map { (x: Double($0) * 10, y: 1) })
    let low = Series(
      name: "low", points: (0...10).map { (x: Double($0) * 10, y: $0 < 3 ? 1e-3 : 0) })
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: Panel(yScale: .log, series: [top, low]))))
    let note = try #require(svg.all("text", class: "note").first)
    let font = try #require(note.number("font-size"))
    let width = Double(note.text.count) * 0.62 * font
    let noteBox = Box(
      text: note.text, x: (note.number("x") ?? 0) - width, y: (note.number("y") ?? 0) - 0.8 * font,
      width: width, height: 1.05 * font)
    for rect in svg.elements.filter({ $0.name == "rect" && $0.ancestors.contains("legend") }) {
      let box = Box(
        text: "legend", x: rect.number("x") ?? 0, y: rect.number("y") ?? 0, width: rect.number("width") ?? 0,
        height: rect.number("height") ?? 0)
      #expect(!box.overlaps(noteBox))
    }
    #expect(svg.texts(class: "legend-label") == ["top", "low"])
  }

  @Test func pgfplotsPutsTheLabelsWhereTheSVGDoes() throws {
    let panel = try Self.crowded()
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: panel)))
    let tex = PGFPlotsRenderer().render(Figure(panel: panel))
    let frame = try Self.frame(svg)
    for text in svg.elements.filter({ $0.classes.contains { ["window-label", "marker-label"].contains($0) } })
    {
      let x = ((text.number("x") ?? 0) - frame.x) / frame.width
      let y = (frame.y + frame.height - (text.number("y") ?? 0)) / frame.height
      let node = try #require(tex.components(separatedBy: "\n").first { $0.hasSuffix("{\(text.text)};") })
      let at = try #require(node.components(separatedBy: "rel axis cs:").last?.split(separator: ")").first)
      let xy = at.split(separator: ",").compactMap { Double($0) }
      #expect(xy.count == 2 && abs(xy[0] - x) < 1e-4 && abs(xy[1] - y) < 1e-4, "\(node)")
    }
    #expect(!tex.contains("below right") && !tex.contains("above left"))
  }
}
