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

  @Test func smallMultiplesWithOneLegendPrintItOnce() throws {
    // A sweep's panels all name the same runs: the legend was printed under every panel. Tick labels of
    // different widths (0.00276 against 10) must not make the legends differ.
    let same = [
      Panel(title: "a", series: [diagonal, flat]),
      Panel(
        title: "b",
        series: [diagonal, flat].map { Series(name: $0.name, points: $0.points.map { ($0.x, $0.y / 3000) }) }),
      Panel(title: "c", series: [diagonal, flat]),
    ]
    let text = TerminalRenderer(width: 30, height: 8).render(Figure(panels: same))
    #expect(text.components(separatedBy: "1 up   2 flat").count - 1 == 1, "\n\(text)")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let legendRow = try #require(lines.firstIndex { $0.contains("1 up   2 flat") })
    let secondTitle = try #require(lines.firstIndex { $0.hasSuffix(" b") })
    #expect(legendRow < secondTitle, "under the first panel")
    // Panels whose legends differ keep one each.
    let other = Panel(title: "d", series: [flat, diagonal])
    let mixed = TerminalRenderer(width: 30, height: 8).render(Figure(panels: [same[0], other]))
    #expect(mixed.contains("1 up   2 flat") && mixed.contains("1 flat   2 up"), "\n\(mixed)")
    // And a panel that does not show its legend (the SVG shows a sweep's in its first panel only) has none.
    var hidden = other
    hidden.showsLegend = false
    #expect(
      !TerminalRenderer(width: 30, height: 8).render(Figure(panels: [same[0], hidden])).contains("1 flat"))
  }

  @Test func aSweepOfManyRunsStaysWithinTheWidth() {
    // 30 runs ending at one value: their numbers at the right end ran to 80 characters, and the legend was
    // a single line of 300.
    let runs = (1...30).map { i in
      Series(name: "seed=\(i)", points: [(0, Double(i) / 30), (10, 1)])
    }
    let text = TerminalRenderer(width: 40, height: 10).render(Figure(panel: Panel(series: runs)))
    let lines = text.split(separator: "\n")
    for line in lines { #expect(line.count <= 40, "\(line.count): \(line)") }
    // The numbers that fit, then "…"; every run in the legend, wrapped.
    #expect(lines.contains { $0.hasSuffix(" 1,2,3,…") }, "\n\(text)")
    for i in 1...30 { #expect(text.contains("\(i) seed=\(i)")) }
    // A colour legend's escape codes take no room on the screen: it wraps at the same places.
    let coloured = TerminalRenderer(width: 40, height: 10, color: true).render(
      Figure(panel: Panel(series: runs)))
    let plain = { (s: String) in
      s.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }
    for line in coloured.split(separator: "\n") {
      #expect(plain(String(line)).count <= 40, "\(plain(String(line)))")
    }
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
