import Foundation

/// Theory curves: dashed, clipped to the plot, each labelled where it leaves the plot or at its right end.
extension PanelDrawing {
  func drawReferences(into svg: inout SVGWriter) {
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
}
