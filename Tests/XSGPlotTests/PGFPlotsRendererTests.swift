import Foundation
import Testing

@testable import XSGPlot

@Suite struct PGFPlotsRendererTests {
  func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  @Test func aPanelPerGroupPlotWithLegendAndForgottenNeurons() throws {
    let figure = try RunFolder.load(Fixtures.run).figure(
      probes: ["w_sp", "w_sig"], scale: .log, title: "λ = 0.1")
    let text = PGFPlotsRenderer().render(figure)
    #expect(text.hasPrefix("% Written by xsg."))
    #expect(count("\\begin{tikzpicture}", in: text) == 1 && count("\\end{tikzpicture}", in: text) == 1)
    #expect(count("\\nextgroupplot[", in: text) == 1)
    #expect(text.contains("ymode=log"))
    // Eight neuron lines (4 for each probe) stay out of the legend; the two means are in it.
    #expect(count("\\addplot[", in: text) == 10)
    #expect(count("forget plot", in: text) == 8)
    #expect(text.contains("\\addlegendentry{w\\_sp}") && text.contains("\\addlegendentry{w\\_sig}"))
    #expect(text.contains("{$\\lambda$ = 0.1}"))
    #expect(count("{", in: text) == count("}", in: text))
  }

  @Test func symlogIsTransformedWithHandMadeTicks() {
    let series = Series(name: "m", points: [(0, -100), (1, 0), (2, 100)])
    let text = PGFPlotsRenderer().render(
      Figure(panel: Panel(yScale: .symlog(threshold: 1), series: [series])))
    #expect(text.contains("yticklabels={$-$10$^{2}$,$-$10,0,10,10$^{2}$}"))
    #expect(text.contains("(1,0)"))
    #expect(!text.contains("ymode=log"))
  }

  @Test func theLegendGoesWhereTheSVGPutsIt() throws {
    let text = PGFPlotsRenderer().render(try DocsFigureTests.phases())
    // Panel (a) has room top left; in panel (b) every corner is busy, so the legend is a row above.
    #expect(text.contains("legend pos=north west"))
    #expect(
      text.contains(
        "legend style={at={(0,1.02)}, anchor=south west, draw=none, name=xsglegend2}, legend columns=-1"))
    // There it would hide panel (b)'s title, which pgfplots puts at the same place: the title goes above it.
    #expect(text.contains("title={(a) first-layer weights}"))
    #expect(!text.contains("title={(b)"))
    #expect(text.contains("vertical sep=1.85cm"), "room for the legend's row between (a) and (b)'s title")
    #expect(
      text.contains(
        "extra description/.append code={\\node[font=\\small, above] at ({axis description cs:0.5,1} |- "
          + "xsglegend2.north) {(b) margins y$\\cdot$f(x) by group};}"))
    #expect(count("{", in: text) == count("}", in: text))
  }

  @Test func logTicksAreTheSVGsWithBothEndsLabelled() {
    let series = Series(name: "w", points: [(0, 0.015), (1, 300)])
    let text = PGFPlotsRenderer().render(Figure(panel: Panel(yScale: .log, series: [series])))
    #expect(text.contains("ymin=0.01, ymax=1000, ymode=log"))
    #expect(text.contains("ytick={0.01,0.1,1,10,100,1000}"))
    #expect(text.contains("yticklabels={10$^{-2}$,10$^{-1}$,1,10,10$^{2}$,10$^{3}$}"))
  }

  @Test func linearTicksAreTheSVGsToo() {
    // pgfplots labelled such an axis 0.49, 0.5, 0.5, 0.51, rounding its ticks to two digits.
    let series = Series(name: "acc", points: [(0, 0.4931), (250, 0.5027), (500, 0.4979)])
    let text = PGFPlotsRenderer().render(Figure(panel: Panel(series: [series])))
    #expect(text.contains("yticklabels={0.492,0.494,0.496,0.498,0.500,0.502,0.504}"))
    #expect(text.contains("xtick={0,100,200,300,400,500}, xticklabels={0,100,200,300,400,500}"))
  }

  @Test func pointsLeftOutAreNotedUnderThePlotAsInTheSVG() {
    // The SVG said "2 non-positive or non-finite values not shown"; the .tex dropped them silently.
    let zeros = Series(name: "m", points: [(0, 0), (1, .nan), (2, 0.1), (3, 1), (4, 10)])
    let text = PGFPlotsRenderer().render(Figure(panel: Panel(yScale: .log, series: [zeros])))
    #expect(
      text.contains(
        "extra description/.append code={\\node[font=\\tiny\\itshape, text=darkgray, anchor=north east, "
          + "inner sep=0pt] at (xticklabel cs:1,14pt) {2 non-positive or non-finite values not shown};}"))
    #expect(count("{", in: text) == count("}", in: text))
    // Without an x-axis title (a panel above another in a grid), right under the tick labels.
    let negative = Series(name: "w", points: [(0, 0.001), (1, -0.01), (2, -0.1)])
    let symlog = PGFPlotsRenderer().render(
      Figure(panel: Panel(xLabel: nil, yScale: .log, series: [negative])))
    #expect(symlog.contains("at (xticklabel cs:1,3pt) {symmetric log: the values go negative};}"))
    let plain = PGFPlotsRenderer().render(Figure(panel: Panel(series: [negative])))
    #expect(!plain.contains("extra description"))
  }

  @Test func gapsAreJumps() {
    let series = Series(name: "g", points: [(0, 1), (1, .nan), (2, 3)])
    let text = PGFPlotsRenderer().render(Figure(panel: Panel(series: [series])))
    #expect(text.contains("coordinates {(0,1) (0,nan) (2,3)}"))
  }

  @Test func latexSpecialsAreEscaped() {
    #expect(PGFPlotsRenderer.latex("a_b & 50% #1 {x}") == "a\\_b \\& 50\\% \\#1 \\{x\\}")
    #expect(PGFPlotsRenderer.latex("∝ exp(η(½−λ)t)") == "$\\propto$ exp($\\eta$($\\frac12-\\lambda$)t)")
    #expect(PGFPlotsRenderer.latex("2×10⁻³") == "2$\\times$10$^{-3}$")
    #expect(PGFPlotsRenderer.latex("acc > 0.9") == "acc \\textgreater{} 0.9")
  }

  @Test func decorationsAppear() {
    let panel = Panel(
      series: [Series(name: "s", points: [(0, 0.1), (10, 0.9)])], references: [.constant(0.5, label: "half")],
      windows: [Window(from: 2, to: 4, label: "w")], markers: [Marker(x: 6, label: "m")])
    let text = PGFPlotsRenderer().render(Figure(panel: panel))
    #expect(text.contains("\\fill[black, opacity=0.07] (axis cs:2,0) rectangle (axis cs:4,1);"))
    #expect(text.contains("\\draw[densely dashed, gray] (axis cs:6,0) -- (axis cs:6,1);"))
    #expect(text.contains("{half};"))
  }
}
