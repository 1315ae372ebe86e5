import Foundation
import Testing

@testable import XSGPlot

/// Whatever numbers a run produces (overflow, underflow, a single point, nothing), every renderer draws
/// something well-formed instead of trapping.
@Suite struct ExtremeInputTests {
  static let cases: [[Double]] = [
    [], [1], [0, 0, 0], [1e300, -1e300, 5], [.infinity, 1, -.infinity], [.nan, .nan],
    [.leastNonzeroMagnitude, 1e-300, 1e-300 / 1e10], [-3, -2, -1], [1e15, 1e15 + 1, 1e15 + 2],
    [0, 1e308, 1.7e308],
  ]

  @Test(arguments: cases, [Scale.linear, .log, .symlog(threshold: 1)])
  func rendersWithoutTrapping(values: [Double], scale: Scale) throws {
    let series = Series(
      name: "s", points: values.enumerated().map { (x: Double($0.offset) * 10, y: $0.element) })
    let panel = Panel(
      yScale: scale, series: [series, Series(name: "t", points: [(0, 1), (10, 2)])],
      references: [.exponential(coefficient: 1, rate: 50), .constant(1e300)],
      windows: [Window(from: -1e300, to: 1e300)], markers: [Marker(x: .infinity)])
    let figure = Figure(panel: panel)
    _ = try SVGDocument(SVGRenderer().render(figure))
    let text = TerminalRenderer(width: 40, height: 10).render(figure)
    #expect(!text.isEmpty)
    let tex = PGFPlotsRenderer().render(figure)
    #expect(tex.contains("\\end{tikzpicture}"))
  }

  @Test func anEmptyFigureIsStillADocument() throws {
    let svg = try SVGDocument(SVGRenderer().render(Figure(panels: [])))
    #expect(svg.elements.first?.name == "svg")
    #expect(TerminalRenderer().render(Figure(panels: [Panel()])).contains("└"))
  }
}
