import Testing

@testable import XSGPlot

@Suite struct TerminalRendererTests {
  let diagonal = Series(name: "up", points: [(0, 0), (10, 10)])
  let flat = Series(name: "flat", points: [(0, 5), (10, 5)])

  @Test func singleSeriesSnapshot() {
    let text = TerminalRenderer(width: 24, height: 8).render(
      Figure(panel: Panel(title: "up", series: [diagonal])))
    let expected = """
          up
      10 ┤                ⣀⠤⠒⠉
         │            ⣀⠤⠒⠉
       5 ┤        ⣀⠤⠒⠉
         │    ⣀⠤⠒⠉
       0 ┤⣀⠤⠒⠉
         └┬─────────┬────────┬
          0         5       10

      """
    #expect(text == expected, "\n\(text)")
  }

  @Test func seriesAreNumberedWithoutColour() {
    let text = TerminalRenderer(width: 24, height: 8).render(Figure(panel: Panel(series: [diagonal, flat])))
    let expected = """
      10 ┤               ⣀⠔⠊ 1
         │            ⣀⠔⠊
         │         ⣀⠔⠊
       5 ┤⠉⠉⠉⠉⠉⠉⡩⠝⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉ 2
         │   ⡠⠔⠉
       0 ┤⡠⠔⠉
         └┬────────┬───────┬
          0        5      10
          1 up   2 flat

      """
    #expect(text == expected, "\n\(text)")
  }

  @Test func aLoneLineNamedOnTheYAxisHasNoLegend() {
    let render = { (yLabel: String) in
      TerminalRenderer(width: 24, height: 8).render(Figure(panel: Panel(yLabel: yLabel, series: [diagonal])))
    }
    #expect(!render("up").contains("━━"))
    #expect(render("height").contains("━━ up"))
  }

  @Test func colourIsOptIn() {
    let figure = Figure(panel: Panel(series: [diagonal, flat]))
    #expect(!TerminalRenderer(width: 24, height: 8).render(figure).contains("\u{1B}["))
    let coloured = TerminalRenderer(width: 24, height: 8, color: true).render(figure)
    #expect(coloured.contains("\u{1B}[38;5;\(Palette.ansi[0])m"))
    #expect(coloured.contains("\u{1B}[38;5;\(Palette.ansi[1])m"))
  }

  @Test func logAxisSharesTheSVGTicks() {
    let series = Series(name: "w", points: [(0, 1e-3), (5, 1e-2), (10, 1)])
    let panel = Panel(yScale: .log, series: [series])
    let text = TerminalRenderer(width: 40, height: 12).render(Figure(panel: panel))
    let plan = PanelPlan(panel, xTicks: 40 / 14, yTicks: 10 / 3)
    for tick in plan.y.ticks { #expect(text.contains(tick.label + " ┤")) }
    #expect(text.contains("10⁻³ ┤"))
  }

  @Test func everyLineFitsTheWidth() {
    let panel = Panel(
      title: "w_sp", series: [diagonal, flat], references: [.constant(7)], windows: [Window(from: 2, to: 4)],
      markers: [Marker(x: 6)])
    let text = TerminalRenderer(width: 30, height: 10).render(Figure(title: "t", panels: [panel, panel]))
    for line in text.split(separator: "\n") { #expect(line.count <= 30, "\(line)") }
    #expect(text.contains("═") && text.contains("┊"))
  }
}
