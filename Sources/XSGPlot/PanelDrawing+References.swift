import Foundation

/// Theory curves: dashed, clipped to the plot, each labelled where `placedLabels` put its label: where it
/// leaves the plot or at its right end.
extension PanelDrawing {
  func drawReferences(into svg: inout SVGWriter) {
    let x0 = plan.x.domain.lowerBound
    let x1 = plan.x.domain.upperBound
    for (index, reference) in panel.references.enumerated() {
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
      if let label = label(of: .reference(index)) {
        drawLabel(label, class: "reference-label", color: "#333333", into: &svg)
      }
    }
  }
}
