import Foundation

/// The frame, grid, ticks and axis titles of a panel, and the decorations tied to the x axis: shaded
/// windows and event markers.
extension PanelDrawing {
  func drawWindows(into svg: inout SVGWriter) {
    for (i, window) in panel.windows.enumerated() {
      guard let a = px(min(window.from, window.to)), let b = px(max(window.from, window.to)) else { continue }
      let x0 = max(area.x, a)
      let x1 = min(area.maxX, b)
      guard x1 > x0 else { continue }
      svg.element(
        "rect",
        [
          ("class", .text("window")), ("x", .number(x0)), ("y", .number(area.y)),
          ("width", .number(x1 - x0)), ("height", .number(area.height)), ("fill", .text("#000000")),
          ("fill-opacity", .text("0.07")),
        ])
      if let label = label(of: .window(i)) {
        drawLabel(label, class: "window-label", color: "#444444", into: &svg)
      }
    }
  }

  /// A decoration's label where `placedLabels` put it.
  func drawLabel(_ label: DecorationLabel, class name: String, color: String, into svg: inout SVGWriter) {
    svg.element(
      "text",
      [
        ("class", .text(name)), ("x", .number(label.x)), ("y", .number(label.baseline)),
        ("text-anchor", label.anchor == .start ? nil : .text(label.anchor.rawValue)),
        ("font-size", .number(labelFont)), ("fill", .text(color)),
      ], content: label.text)
  }

  func drawGrid(into svg: inout SVGWriter) {
    svg.open("g", [("class", .text("grid")), ("stroke", .text("#E4E4E4")), ("stroke-width", .text("0.4"))])
    for tick in plan.y.ticks {
      guard let y = py(tick.value) else { continue }
      svg.element(
        "line", [("x1", .number(area.x)), ("y1", .number(y)), ("x2", .number(area.maxX)), ("y2", .number(y))])
    }
    svg.close("g")
  }

  func drawAxes(into svg: inout SVGWriter) {
    let tickFont = fontSize - 1
    svg.open(
      "g",
      [
        ("class", .text("axes")), ("stroke", .text("#000000")), ("stroke-width", .text("0.6")),
        ("fill", .text("none")),
      ])
    svg.element(
      "path",
      [
        ("class", .text("frame")),
        (
          "d",
          .text(
            "M\(n(area.x)) \(n(area.y))V\(n(area.maxY))H\(n(area.maxX))V\(n(area.y))Z"
          )
        ),
      ])
    for tick in plan.x.ticks {
      guard let x = px(tick.value) else { continue }
      svg.element(
        "line",
        [
          ("class", .text("tick x")), ("x1", .number(x)), ("y1", .number(area.maxY)), ("x2", .number(x)),
          ("y2", .number(area.maxY + PanelDrawing.tickLength)),
        ])
    }
    for tick in plan.y.ticks {
      guard let y = py(tick.value) else { continue }
      svg.element(
        "line",
        [
          ("class", .text("tick y")), ("x1", .number(area.x - PanelDrawing.tickLength)), ("y1", .number(y)),
          ("x2", .number(area.x)), ("y2", .number(y)),
        ])
    }
    svg.close("g")
    svg.open("g", [("class", .text("tick-labels")), ("font-size", .number(tickFont))])
    for tick in plan.x.ticks {
      guard let x = px(tick.value) else { continue }
      svg.element(
        "text",
        [
          ("class", .text("tick-label x")), ("x", .number(x)),
          ("y", .number(area.maxY + PanelDrawing.tickLength + 1 + tickFont)),
          ("text-anchor", .text("middle")),
        ], content: tick.label)
    }
    for tick in plan.y.ticks {
      guard let y = py(tick.value) else { continue }
      svg.element(
        "text",
        [
          ("class", .text("tick-label y")), ("x", .number(area.x - PanelDrawing.tickLength - 1.5)),
          ("y", .number(y + tickFont * 0.35)), ("text-anchor", .text("end")),
        ], content: tick.label)
    }
    svg.close("g")
    if let label = panel.xLabel {
      svg.element(
        "text",
        [
          ("class", .text("axis-title x")), ("x", .number(area.x + area.width / 2)),
          ("y", .number(area.maxY + PanelDrawing.tickLength + 3 + tickFont + fontSize)),
          ("text-anchor", .text("middle")),
        ], content: label)
    }
    if let label = panel.yLabel {
      let x = cell.x + fontSize
      let y = area.y + area.height / 2
      svg.element(
        "text",
        [
          ("class", .text("axis-title y")),
          ("transform", .text("translate(\(n(x)),\(n(y))) rotate(-90)")), ("text-anchor", .text("middle")),
        ], content: label)
    }
  }

  func drawMarkers(into svg: inout SVGWriter) {
    for (i, marker) in panel.markers.enumerated() {
      guard let x = px(marker.x) else { continue }
      svg.element(
        "line",
        [
          ("class", .text("marker")), ("x1", .number(x)), ("y1", .number(area.y)), ("x2", .number(x)),
          ("y2", .number(area.maxY)), ("stroke", .text("#555555")), ("stroke-width", .text("0.6")),
          ("stroke-dasharray", .text("2 1.5")),
        ])
      if let label = label(of: .marker(i)) {
        drawLabel(label, class: "marker-label", color: "#444444", into: &svg)
      }
    }
  }
}
