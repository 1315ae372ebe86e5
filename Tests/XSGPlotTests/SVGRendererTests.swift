import Foundation
import Testing

@testable import XSGPlot

@Suite struct SVGRendererTests {
  /// The pixel coordinate of the tick at `value`: x ticks' x, y ticks' y.
  func tickPosition(_ svg: SVGDocument, axis: String, value label: String) throws -> Double {
    let labels = svg.all("text", class: "tick-label").filter { $0.classes.contains(axis) }
    let ticks = svg.all("line", class: "tick").filter { $0.classes.contains(axis) }
    let index = try #require(labels.firstIndex { $0.text == label }, "no tick labelled \(label)")
    return try #require(ticks[index].number(axis == "x" ? "x1" : "y1"))
  }

  func seriesPoints(_ svg: SVGDocument, named name: String) throws -> [(Double, Double)] {
    let path = try #require(svg.all("path", class: "series").first { $0.attributes["data-name"] == name })
    return SVGDocument.points(try #require(path.attributes["d"]))
  }

  @Test func outputIsWellFormedXMLWithEscapedText() throws {
    let figure = Figure(
      title: "a < b & \"c\"",
      panel: Panel(
        title: "λ = 0.1 <tricky>", yLabel: "w's", series: [Series(name: "x&y", points: [(0, 1), (1, 2)])],
        references: [.constant(1.5, label: "logit(1−λ) > 0")]))
    let text = SVGRenderer().render(figure)
    let svg = try SVGDocument(text)
    #expect(svg.elements.first?.name == "svg")
    #expect(svg.texts(class: "figure-title") == ["a < b & \"c\""])
    #expect(svg.texts(class: "panel-title") == ["λ = 0.1 <tricky>"])
    #expect(svg.texts(class: "axis-title") == ["step", "w's"])
    #expect(svg.texts(class: "reference-label") == ["logit(1−λ) > 0"])
    #expect(svg.elements.first?.attributes["width"] == "3.4in")
  }

  @Test func linearAxesPutPointsOnTheirTicks() throws {
    let series = Series(name: "s", points: [(0, 0), (250, 5), (500, 10)])
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: Panel(series: [series]))))
    let points = try seriesPoints(svg, named: "s")
    #expect(points.count == 3)
    let x0 = try tickPosition(svg, axis: "x", value: "0")
    let x500 = try tickPosition(svg, axis: "x", value: "500")
    let y0 = try tickPosition(svg, axis: "y", value: "0")
    let y10 = try tickPosition(svg, axis: "y", value: "10")
    #expect(abs(points[0].0 - x0) < 0.011 && abs(points[0].1 - y0) < 0.011)
    #expect(abs(points[2].0 - x500) < 0.011 && abs(points[2].1 - y10) < 0.011)
    // The middle point sits half way in both directions.
    #expect(abs(points[1].0 - (x0 + x500) / 2) < 0.011)
    #expect(abs(points[1].1 - (y0 + y10) / 2) < 0.011)
    #expect(y10 < y0, "larger values are drawn higher")
  }

  @Test func logAxesSpaceDecadesEvenly() throws {
    let series = Series(name: "w_sp", points: [(0, 1e-3), (100, pow(10, -1.5)), (200, 1)])
    let panel = Panel(yScale: .log, series: [series])
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: panel)))
    let points = try seriesPoints(svg, named: "w_sp")
    let yLow = try tickPosition(svg, axis: "y", value: "10⁻³")
    let yHigh = try tickPosition(svg, axis: "y", value: "1")
    let y2 = try tickPosition(svg, axis: "y", value: "10⁻²")
    #expect(abs(points[0].1 - yLow) < 0.011)
    #expect(abs(points[2].1 - yHigh) < 0.011)
    #expect(abs(points[1].1 - (yLow + yHigh) / 2) < 0.011)
    #expect(abs((y2 - yLow) - (yHigh - yLow) / 3) < 0.011)
  }

  @Test func logAxesLeaveOutZerosAndSaySo() throws {
    let series = Series(name: "m", points: [(0, 0), (1, .nan), (2, 0.1), (3, 1), (4, 10)])
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: Panel(yScale: .log, series: [series]))))
    #expect(try seriesPoints(svg, named: "m").count == 3)
    #expect(svg.texts(class: "note") == ["2 non-positive or non-finite values not shown"])
  }

  @Test func logAxesOfNegativeValuesBecomeSymmetricAndSaySo() throws {
    let series = Series(name: "w", points: [(0, 0.001), (1, -0.01), (2, -0.1), (3, -0.13)])
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: Panel(yScale: .log, series: [series]))))
    #expect(try seriesPoints(svg, named: "w").count == 4)
    #expect(svg.texts(class: "note") == ["symmetric log: the values go negative"])
    #expect(svg.texts(class: "tick-label").contains("0"))
  }

  @Test func theNoteSitsBelowThePlotWhereItHidesNothing() throws {
    // Margins settling at ±2.2 ran under the note at the bottom right of the plot.
    let majority = Series(
      name: "maj", points: (0...50).map { (x: Double($0) * 10, y: 2.2 * Double($0) / 50) })
    let minority = Series(name: "min", points: majority.points.map { (x: $0.x, y: -$0.y) })
    let svg = try SVGDocument(
      SVGRenderer().render(Figure(panel: Panel(yScale: .log, series: [majority, minority]))))
    let note = try #require(svg.all("text", class: "note").first)
    let frame = SVGDocument.points(try #require(svg.all("path", class: "frame").first?.attributes["d"]))
    let title = try #require(svg.all("text", class: "axis-title").first { $0.classes.contains("x") })
    let noteY = try #require(note.number("y"))
    let titleY = try #require(title.number("y"))
    let height = try #require(
      svg.elements.first?.attributes["viewBox"]?.split(separator: " ").last.flatMap { Double($0) })
    // On a line of its own below the plot and the x-axis title, inside the figure.
    #expect(noteY > frame[1].1 && noteY - 0.8 * 6 > titleY + 0.25 * 8 && noteY + 0.25 * 6 <= height)
  }

  @Test func gapsBreakTheLine() throws {
    let series = Series(name: "g", points: [(0, 1), (1, 2), (2, .nan), (3, 2), (4, 1)])
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: Panel(series: [series]))))
    let d = try #require(svg.all("path", class: "series").first?.attributes["d"])
    #expect(d.filter { $0 == "M" }.count == 2)
  }

  @Test func neuronsAreThinAndTheMeanBoldInOneColour() throws {
    let neurons = (1...3).map { j in
      Series(name: "n\(j)", points: [(0, Double(j)), (1, Double(j) + 1)], role: .neuron, group: "w_sp")
    }
    let mean = Series.mean(of: neurons, name: "w_sp", group: "w_sp")
    #expect(mean.points.map(\.y) == [2, 3])
    let other = Series(name: "w_sig", points: [(0, 1), (1, 1)])
    let svg = try SVGDocument(
      SVGRenderer().render(Figure(panel: Panel(series: neurons + [mean, other]))))
    let thin = svg.all("path", class: "neuron")
    let bold = svg.all("path", class: "mean")
    #expect(thin.count == 3 && bold.count == 1)
    #expect(Set(thin.map { $0.attributes["stroke"] }) == [bold[0].attributes["stroke"]])
    #expect(
      Double(thin[0].attributes["stroke-width"] ?? "") ?? 9 < Double(bold[0].attributes["stroke-width"] ?? "")
        ?? 0)
    // One legend entry per group, in order of appearance.
    #expect(svg.texts(class: "legend-label") == ["w_sp", "w_sig"])
    let lineStroke = svg.all("path", class: "line").first?.attributes["stroke"]
    #expect(lineStroke != bold[0].attributes["stroke"])
  }

  @Test func decorationsAreDrawn() throws {
    let series = Series(
      name: "w", points: (0...10).map { (x: Double($0) * 50, y: 0.01 * exp(0.02 * Double($0) * 50)) })
    let panel = Panel(
      yScale: .log, series: [series],
      references: [.exponential(coefficient: 0.01, rate: 0.02, label: "0.01·e^{0.02t}")],
      windows: [Window(from: 100, to: 300, label: "phase 2")], markers: [Marker(x: 350, label: "takeover")])
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: panel)))
    #expect(svg.all("rect", class: "window").count == 1)
    #expect(svg.texts(class: "window-label") == ["phase 2"])
    #expect(svg.all("line", class: "marker").count == 1)
    #expect(svg.texts(class: "marker-label") == ["takeover"])
    // On a log axis the exponential is a straight line through the measured points.
    let reference = SVGDocument.points(
      try #require(svg.all("path", class: "reference").first?.attributes["d"]))
    let measured = try seriesPoints(svg, named: "w")
    #expect(reference.count == 2)
    #expect(abs(reference[0].1 - measured[0].1) < 0.02 && abs(reference[1].1 - measured.last!.1) < 0.02)
  }

  @Test func aLineOnTheLastTickIsNotHiddenUnderTheFrame() throws {
    // The fraction of seeds that learn, 0 up to λ = 0.15 and 1 from 0.25: both ends ran along the frame.
    let fraction = Series(name: "f", points: [(0, 0), (0.15, 0), (0.2, 0.4), (0.25, 1), (0.4, 1)])
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: Panel(series: [fraction]))))
    let frame = SVGDocument.points(try #require(svg.all("path", class: "frame").first?.attributes["d"]))
    let (top, bottom) = (frame[0].1, frame[1].1)
    let ys = try seriesPoints(svg, named: "f").map(\.1)
    #expect(ys.allSatisfy { $0 > top + 2 && $0 < bottom - 2 }, "\(ys) within \(top)…\(bottom)")
    #expect(abs(try tickPosition(svg, axis: "y", value: "1.0") - ys.min()!) < 0.01)
  }

  @Test func aLegendThatOnlyRepeatsTheYAxisTitleIsLeftOut() throws {
    // plot(run, ["acc"]) and chart(…, y_label: …) name their lone line on the y axis already.
    let line = Series(name: "acc", points: [(0, 0.5), (100, 0.9)])
    let repeated = try SVGDocument(SVGRenderer().render(Figure(panel: Panel(yLabel: "acc", series: [line]))))
    #expect(repeated.all("g", class: "legend").isEmpty)
    let other = try SVGDocument(
      SVGRenderer().render(Figure(panel: Panel(yLabel: "accuracy", series: [line]))))
    #expect(other.texts(class: "legend-label") == ["acc"])
    let tex = PGFPlotsRenderer().render(Figure(panel: Panel(yLabel: "acc", series: [line])))
    #expect(!tex.contains("\\addlegendentry"))
  }

  @Test func thePlotsOfAColumnLineUpAndThoseOfARowShareAHeight() throws {
    // A log panel's tick labels (10⁻³) are wider than a linear one's (2); only the bottom panel of a
    // column names its x axis. The frames still line up, as the docs figure's panels (a) and (b) should.
    let weights = Panel(
      xLabel: nil, yScale: .log, series: [Series(name: "w", points: [(0, 1e-3), (500, 0.6)])])
    let margins = Panel(series: [Series(name: "m", points: [(0, 0), (500, 2.2)])])
    let frames = { (figure: Figure) throws -> [(Double, Double, Double, Double)] in
      try SVGDocument(SVGRenderer().render(figure)).all("path", class: "frame").map {
        let p = SVGDocument.points(try #require($0.attributes["d"]))
        return (p[0].0, p[0].1, p[2].0 - p[0].0, p[2].1 - p[0].1)
      }
    }
    let column = try frames(Figure(panels: [weights, margins], columns: 1))
    #expect(column.count == 2 && column[0].0 == column[1].0 && column[0].2 == column[1].2)
    let row = try frames(Figure(panels: [weights, margins], columns: 2))
    #expect(row.count == 2 && row[0].1 == row[1].1 && row[0].3 == row[1].3)
  }

  @Test func smallMultiplesFillAGrid() throws {
    let panels = (1...5).map {
      Panel(title: "p\($0)", series: [Series(name: "s", points: [(0, 0), (1, Double($0))])])
    }
    let figure = Figure(panels: panels)
    #expect(figure.columnCount == 3 && figure.rowCount == 2)
    let svg = try SVGDocument(SVGRenderer().render(figure))
    #expect(svg.all("g", class: "panel").count == 5)
    #expect(svg.texts(class: "panel-title") == ["p1", "p2", "p3", "p4", "p5"])
    #expect(svg.elements.first?.attributes["width"] == "7in")
  }

  @Test func coordinatesAreRoundedToTwoDecimals() {
    #expect(SVGWriter.number(1.005) == "1" || SVGWriter.number(1.005) == "1.01")
    #expect(SVGWriter.number(12.5) == "12.5")
    #expect(SVGWriter.number(-0.25) == "-0.25")
    #expect(SVGWriter.number(3.999) == "4")
    #expect(SVGWriter.number(0.07) == "0.07")
    #expect(SVGWriter.number(1e300) == "1000000000" && SVGWriter.number(.nan) == "0")
    let text = SVGRenderer().render(
      Figure(panel: Panel(series: [Series(name: "s", points: [(0, 1.0 / 3), (1, 2.0 / 3)])])))
    let numbers = text.split(whereSeparator: { !"0123456789.".contains($0) }).filter { $0.contains(".") }
    #expect(
      numbers.allSatisfy { $0.split(separator: ".", omittingEmptySubsequences: false).last!.count <= 2 })
  }
}

@Suite struct DecimationTests {
  @Test func longSeriesKeepTheirExtremesAndShrink() throws {
    // 100 000 steps with one spike: the file stays small and the spike survives.
    var points = (0..<100_000).map { (x: Double($0), y: sin(Double($0) / 5000)) }
    points[54_321].y = 5
    let text = SVGRenderer().render(Figure(panel: Panel(series: [Series(name: "long", points: points)])))
    #expect(text.utf8.count < 60_000)
    let svg = try SVGDocument(text)
    let d = try #require(svg.all("path", class: "series").first?.attributes["d"])
    let ys = SVGDocument.points(d).map(\.1)
    #expect(ys.count < 8000)
    let labels = svg.all("text", class: "tick-label").filter { $0.classes.contains("y") }.map(\.text)
    let ticks = svg.all("line", class: "tick").filter { $0.classes.contains("y") }.compactMap {
      $0.number("y1")
    }
    let y0 = ticks[try #require(labels.firstIndex(of: "0"))]
    let y2 = ticks[try #require(labels.firstIndex(of: "2"))]
    #expect(abs((ys.min() ?? 0) - (y0 + 2.5 * (y2 - y0))) < 0.011)
  }

  @Test func shortRunsAreUntouched() {
    let points = [(0.0, 1.0), (0.1, 2.0), (0.2, 0.0), (5.0, 1.0)]
    #expect(Decimation.minMax(points, bucket: 1).map(\.1) == [1, 2, 0, 1])
    let dense = (0..<10).map { (Double($0) / 100, Double($0 % 3)) }
    let kept = Decimation.minMax(dense, bucket: 1)
    #expect(kept.map(\.0) == [0, 0.02, 0.09])
  }
}

@Suite struct LegendOverflowTests {
  /// The plotting area of a one-panel SVG: its clip path's rectangle, the first rect without a fill (the
  /// background has one).
  func area(_ svg: SVGDocument) throws -> (x: Double, y: Double, maxX: Double, maxY: Double) {
    let clip = try #require(svg.all("rect").first { $0.attributes["fill"] == nil })
    let (x, y) = (try #require(clip.number("x")), try #require(clip.number("y")))
    return (x, y, x + (try #require(clip.number("width"))), y + (try #require(clip.number("height"))))
  }

  /// The series' lines as points every half point along them.
  func inkPoints(_ svg: SVGDocument) -> [(Double, Double)] {
    svg.all("path", class: "series").flatMap { path -> [(Double, Double)] in
      let points = SVGDocument.points(path.attributes["d"] ?? "")
      return zip(points, points.dropFirst()).flatMap { a, b -> [(Double, Double)] in
        let steps = Int(max(abs(b.0 - a.0), abs(b.1 - a.1)) * 2) + 1
        return (0...steps).map { k in
          let t = Double(k) / Double(steps)
          return (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        }
      }
    }
  }

  /// A sweep of 35 runs whose lines fill the whole plot: no box can go anywhere without hiding some, so the
  /// legend lists what fits in rows above the plot, then "+N more"; before, a box as tall as the plot
  /// covered the lines of one side (and earlier, its 35 entries ran off the figure).
  @Test func aLegendTooTallForThePlotGoesAboveItWhenEveryCornerHasData() throws {
    let runs: [Series] = (1...35).map { i in
      let points: [(x: Double, y: Double)] = (0...20).map { s in (Double(s * 10), Double(i) + Double(s) / 10)
      }
      return Series(name: "run\(i)", points: points)
    }
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: Panel(series: runs))))
    let area = try area(svg)
    #expect(svg.all("rect").allSatisfy { $0.ancestors.last != "legend" }, "no box")
    let labels = svg.texts(class: "legend-label")
    #expect(labels.count >= 3 && labels.count < 35)
    #expect(labels == runs.prefix(labels.count).map { $0.name })
    #expect(svg.texts(class: "legend-more") == ["+\(35 - labels.count) more"])
    let width = try #require(
      svg.elements.first?.attributes["viewBox"]?.split(separator: " ").dropLast().last.flatMap { Double($0) })
    for label in svg.all("text", class: "legend-label") + svg.all("text", class: "legend-more") {
      let (x, y) = (try #require(label.number("x")), try #require(label.number("y")))
      #expect(y < area.y && y > 0, "above the plot")
      #expect(x + Double(label.text.count) * 0.62 * 7 <= min(width, area.maxX + 8), "'\(label.text)' fits")
    }
    // The PGFPlots output of the same figure shortens its legend the same way (it listed all 35), in rows
    // that break where the SVG's do.
    let tex = PGFPlotsRenderer().render(Figure(panel: Panel(series: runs)))
    let entries = tex.components(separatedBy: "\\addlegendentry{").dropFirst().map { $0.prefix { $0 != "}" } }
    #expect(entries.count == labels.count + 1, "\(entries.count)")
    #expect(entries.last == "\\textit{+\(35 - labels.count) more")
    let firstRow = svg.all("text", class: "legend-label").filter {
      $0.number("y") == svg.all("text", class: "legend-label")[0].number("y")
    }
    #expect(tex.contains("anchor=south west, draw=none, name=xsglegend1}, legend columns=\(firstRow.count)]"))
  }

  /// 35 runs that are flat until step 200, then jump up, and drop at the end: the top left of the plot is
  /// empty, and the box goes there, shortened until it hides no line; before, it was as tall as the plot and
  /// hid the flat start of the lines (it counted the lines' points, and none of those was under it).
  @Test func aLegendTooTallForThePlotTakesAFreeCornerShortenedToFit() throws {
    let runs: [Series] = (1...35).map { i in
      let top = 1 + Double(i) / 35
      return Series(name: "run\(i)", points: [(0, 0.5), (200, 0.5), (220, top), (390, top), (400, 0)])
    }
    let svg = try SVGDocument(SVGRenderer().render(Figure(panel: Panel(series: runs))))
    let area = try area(svg)
    let box = try #require(svg.all("rect").first { $0.ancestors.last == "legend" })
    let (x, y) = (try #require(box.number("x")), try #require(box.number("y")))
    let (maxX, maxY) = (x + (try #require(box.number("width"))), y + (try #require(box.number("height"))))
    #expect(x >= area.x && y >= area.y && maxX <= area.maxX && maxY <= area.maxY, "inside the plot")
    let hidden = inkPoints(svg).filter { $0.0 >= x && $0.0 <= maxX && $0.1 >= y && $0.1 <= maxY }
    #expect(hidden.count == 0, "the box hides points of the lines")
    let labels = svg.texts(class: "legend-label")
    #expect(labels.count >= 3 && svg.texts(class: "legend-more") == ["+\(35 - labels.count) more"])
  }
}
