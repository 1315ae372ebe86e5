import Foundation

/// The label of a window, marker or reference curve, as placed in the plot.
struct DecorationLabel {
  enum Owner: Equatable {
    case window(Int)
    case marker(Int)
    case reference(Int)
  }

  /// Which point of the text `x` is: its start, middle or end (SVG's `text-anchor`).
  enum Anchor: String {
    case start, middle, end
  }

  var owner: Owner
  var text: String
  var x: Double
  var baseline: Double
  var anchor: Anchor
  /// The box the text covers, estimated from its length.
  var box: Rect
}

/// Decoration labels are placed one after the other, each at the best of its candidate positions (the
/// top line of the plot first, then lower lines): never on a label already placed or the legend if it can
/// help it, then inside the plot, then off the other decorations' lines, then off the data; among
/// equals, the earliest. So labels that would collide on the top line stack downwards instead.
extension PanelDrawing {
  var labelFont: Double { fontSize - 2 }

  /// The box of a text of `count` characters at `x` (anchored as `anchor`) on `baseline`.
  func textBox(count: Int, x: Double, baseline: Double, anchor: DecorationLabel.Anchor, font: Double) -> Rect
  {
    let width = Double(count) * PanelDrawing.charWidth * font
    let left: Double
    switch anchor {
    case .start: left = x
    case .middle: left = x - width / 2
    case .end: left = x - width
    }
    return Rect(x: left, y: baseline - 0.8 * font, width: width, height: 1.05 * font)
  }

  /// The visible points of a reference curve, sampled finely, in screen coordinates.
  func visiblePoints(of reference: Reference) -> [(Double, Double)] {
    let x0 = plan.x.domain.lowerBound
    let x1 = plan.x.domain.upperBound
    return (0...120).compactMap { i -> (Double, Double)? in
      let x = x0 + (x1 - x0) * Double(i) / 120
      guard let sx = px(x), let sy = py(reference.value(at: x)), area.contains(sx, sy) else { return nil }
      return (sx, sy)
    }
  }

  /// The decorations' lines (markers and reference curves) as thin boxes, each with its owner, whose own
  /// label may touch it.
  func decorationLines() -> [(DecorationLabel.Owner, Rect)] {
    var lines: [(DecorationLabel.Owner, Rect)] = []
    for (i, marker) in panel.markers.enumerated() {
      guard let x = px(marker.x), x >= area.x, x <= area.maxX else { continue }
      lines.append((.marker(i), Rect(x: x - 0.5, y: area.y, width: 1, height: area.height)))
    }
    for (i, reference) in panel.references.enumerated() {
      let points = visiblePoints(of: reference)
      for (a, b) in zip(points, points.dropFirst()) {
        let box = Rect(
          x: min(a.0, b.0), y: min(a.1, b.1) - 0.5, width: abs(b.0 - a.0), height: abs(b.1 - a.1) + 1)
        lines.append((.reference(i), box))
      }
    }
    return lines
  }

  /// The data as screen points, with points added every 2 pt along longer segments, so that a label box
  /// a line crosses contains one of them.
  func dataPoints() -> [(Double, Double)] {
    var points: [(Double, Double)] = []
    for series in panel.series {
      for run in screenRuns(series).map({ Decimation.minMax($0, bucket: 0.25) }) {
        points.append(run[0])
        for (a, b) in zip(run, run.dropFirst()) {
          let steps = Int(min(200, max(abs(b.0 - a.0), abs(b.1 - a.1)) / 2))
          for k in stride(from: 1, through: steps, by: 1) {
            let t = Double(k) / Double(steps + 1)
            points.append((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t))
          }
          points.append(b)
        }
      }
    }
    return points
  }

  func placedLabels(avoiding obstacles: [Rect]) -> [DecorationLabel] {
    let labelled =
      panel.windows.contains { $0.label != nil } || panel.markers.contains { $0.label != nil }
      || panel.references.contains { $0.label != nil }
    guard labelled else { return [] }
    let font = labelFont
    let pitch = font + 1.5
    // The baseline of the plot's top line of labels, and the baselines of the lines below it.
    let top = area.y + font + 1
    let rows = (0...max(0, Int((area.maxY - top) / pitch))).map { top + Double($0) * pitch }
    var taken = obstacles
    var placed: [DecorationLabel] = []
    let decorations = decorationLines()
    let data = dataPoints()
    typealias Candidate = (x: Double, baseline: Double, anchor: DecorationLabel.Anchor)
    func place(_ owner: DecorationLabel.Owner, _ text: String, _ candidates: [Candidate]) {
      var best: (label: DecorationLabel, cost: Int)?
      for c in candidates {
        let box = textBox(count: text.count, x: c.x, baseline: c.baseline, anchor: c.anchor, font: font)
        // Inside the plot, and not touching its frame.
        let inside =
          box.x >= area.x + 0.5 && box.maxX <= area.maxX - 0.5 && box.y >= area.y + 1
          && box.maxY <= area.maxY - 0.5
        var cost = taken.contains { $0.overlaps(box, gap: 2) } ? 8 : 0
        if !inside { cost += 4 }
        if decorations.contains(where: { $0.0 != owner && $0.1.overlaps(box) }) { cost += 2 }
        if data.contains(where: { box.contains($0.0, $0.1) }) { cost += 1 }
        if cost < best?.cost ?? .max {
          let label = DecorationLabel(
            owner: owner, text: text, x: c.x, baseline: c.baseline, anchor: c.anchor, box: box)
          best = (label, cost)
        }
        if cost == 0 { break }
      }
      guard let label = best?.label else { return }
      placed.append(label)
      taken.append(label.box)
    }

    for (i, window) in panel.windows.enumerated() {
      guard let text = window.label, let a = px(min(window.from, window.to)),
        let b = px(max(window.from, window.to))
      else { continue }
      let x0 = max(area.x, a)
      let x1 = min(area.maxX, b)
      guard x1 > x0 else { continue }
      // Centred over the shaded band (moved in from the frame when the band is at an edge), else at
      // either side of it.
      let half = Double(text.count) * PanelDrawing.charWidth * font / 2
      let x = max(area.x + half + 1, min(area.maxX - half - 1, (x0 + x1) / 2))
      place(.window(i), text, rows.flatMap { [(x, $0, .middle), (x0 + 2, $0, .start), (x1 - 2, $0, .end)] })
    }
    for (i, marker) in panel.markers.enumerated() {
      guard let text = marker.label, let x = px(marker.x), x >= area.x, x <= area.maxX else { continue }
      // Right of the line, else left of it.
      place(.marker(i), text, rows.flatMap { [(x + 1.5, $0, .start), (x - 1.5, $0, .end)] })
    }
    for (i, reference) in panel.references.enumerated() {
      let visible = visiblePoints(of: reference)
      guard let text = reference.label, let last = visible.last else { continue }
      switch reference.curve {
      case .constant:
        // Above the line at its right end, else below it, else at its left end; one line further away at
        // most, so that the label stays next to its line.
        let ends: [(Double, DecorationLabel.Anchor)] = [(last.0 - 3, .end), (area.x + 3, .start)]
        let candidates = [0, pitch].flatMap { d in
          ends.flatMap { x, anchor -> [Candidate] in
            [(x, last.1 - 2 - d, anchor), (x, last.1 + 2 + 0.8 * font + d, anchor)]
          }
        }
        place(.reference(i), text, candidates)
      case .exponential:
        // Just above the curve where it leaves the plot (or at its right end); on a lower line, moved left
        // to where the curve crosses that line, so that the text does not sit on the curve.
        let candidates = rows.map { row -> Candidate in
          let baseline = max(last.1 - 2, top) + row - top
          let crossing = visible.min { a, b in
            abs(a.1 - baseline) < abs(b.1 - baseline)
              || (abs(a.1 - baseline) == abs(b.1 - baseline) && a.0 > b.0)
          }
          return (min(last.0, crossing?.0 ?? last.0) - 3, baseline, .end)
        }
        place(.reference(i), text, candidates)
      }
    }
    return placed
  }

  /// The placed label of a decoration, if it has one.
  func label(of owner: DecorationLabel.Owner) -> DecorationLabel? { labels.first { $0.owner == owner } }
}

extension Rect {
  /// Whether the two boxes overlap, or come closer than `gap` side by side.
  func overlaps(_ other: Rect, gap: Double = 0) -> Bool {
    x < other.maxX + gap && other.x < maxX + gap && y < other.maxY && other.y < maxY
  }
}
