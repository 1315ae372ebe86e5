import Foundation
import Testing

@testable import XSGPlot

/// The figure in docs/figures.md, built from the `phases` fixture (a synthetic λ = 0.1 run shaped like the
/// theory: w_sp growing at η(½ − λ) = 0.02 per step until the majority margin reaches logit(0.9)).
/// XSG_UPDATE_GOLDEN=1 rewrites docs/figures/phases.svg; render it to PNG with
/// `rsvg-convert -d 200 -p 200 docs/figures/phases.svg -o docs/figures/phases.png`.
@Suite struct DocsFigureTests {
  static let svgFile = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appending(path: "docs/figures/phases.svg")

  static func phases() throws -> Figure {
    let run = try RunFolder.load(Fixtures.root.appending(path: "phases"))
    let lambda = 0.1
    let rate = 0.05 * (0.5 - lambda)
    let plateau = log((1 - lambda) / lambda)
    let spurious = run.probeSeries("w_sp")
    let signal = try #require(run.series("w_sig"))
    let start = try #require(spurious.last?.points.first?.y)
    let majority = try #require(run.series("margin_maj"))
    // The event: the first step at which the majority margin is within 5 % of its predicted plateau.
    let reached = try #require(majority.points.first { $0.y >= 0.95 * plateau }?.x)
    let weights = Panel(
      title: "(a) first-layer weights", xLabel: nil, yLabel: "weight", yScale: .log,
      series: spurious + [Series(name: "w_sig", points: signal.points, role: .mean)],
      references: [.exponential(coefficient: start, rate: rate, label: "∝ exp(η(½−λ)t)")],
      windows: [Window(from: 0, to: reached)], markers: [Marker(x: reached, label: "plateau")])
    let margins = Panel(
      title: "(b) margins y·f(x) by group", yLabel: "margin",
      series: [
        Series(name: "majority", points: majority.points),
        Series(name: "minority", points: try #require(run.series("margin_min")).points),
      ],
      references: [.constant(plateau, label: "logit(1−λ)"), .constant(-plateau, label: "−logit(1−λ)")],
      windows: [Window(from: 0, to: reached, label: "spurious growth")], markers: [Marker(x: reached)])
    return Figure(panels: [weights, margins], columns: 1)
  }

  @Test func docsFigureIsCurrent() throws {
    let text = SVGRenderer().render(try Self.phases())
    if ProcessInfo.processInfo.environment["XSG_UPDATE_GOLDEN"] == "1" {
      try Data(text.utf8).write(to: Self.svgFile)
    }
    let golden = try SVGDocument(String(decoding: try Data(contentsOf: Self.svgFile), as: UTF8.self))
    let actual = try SVGDocument(text)
    #expect(actual.elements.map(\.name) == golden.elements.map(\.name))
    #expect(actual.elements.map(\.text) == golden.elements.map(\.text))
    #expect(actual.texts(class: "legend-label") == ["w_sp", "w_sig", "majority", "minority"])
  }
}
