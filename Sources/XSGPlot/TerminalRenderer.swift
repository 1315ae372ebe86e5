/// Draws a figure as text for a terminal: braille dots for the lines, box-drawing axes, tick labels from
/// the same `Axis`/`Ticks` code as the SVG. Panels are stacked vertically. Colour (ANSI 256) is off by
/// default; without it, several series are told apart by their number at the right end of each line.
public struct TerminalRenderer: Sendable {
  /// Total width of each line in characters, labels included.
  public var width: Int
  /// Total height of each panel in lines: title, plot rows, axis, tick labels (legend lines come after).
  public var height: Int
  public var color: Bool

  public init(width: Int = 72, height: Int = 16, color: Bool = false) {
    self.width = width
    self.height = height
    self.color = color
  }

  public func render(_ figure: Figure) -> String {
    var lines: [String] = []
    if let title = figure.title { lines.append(title) }
    let drawn = figure.panels.map { renderPanel($0) }
    // Small multiples whose legends all read the same (a sweep's runs in every panel) get it once, under
    // the first panel, as in the SVG; legends that differ stay with their panels.
    let legends = drawn.compactMap(\.legend)
    let shared = Set(legends).count == 1
    var legendShown = false
    for (i, panel) in drawn.enumerated() {
      if i > 0 { lines.append("") }
      lines += panel.plot
      if let legend = panel.legend, !(shared && legendShown) {
        lines += wrapped(legend, indent: panel.indent)
        legendShown = true
      }
      if let note = panel.note { lines.append(panel.indent + "(\(note))") }
    }
    return lines.map { trimTrailingSpaces($0) }.joined(separator: "\n") + "\n"
  }

  private func trimTrailingSpaces(_ s: String) -> String {
    var t = Substring(s)
    while t.hasSuffix(" ") { t = t.dropLast() }
    return String(t)
  }

  /// A legend entry: its text (coloured or numbered) and its width on screen.
  struct LegendItem: Hashable {
    var text: String
    var width: Int
  }

  /// A panel's plot (title, rows, axis and tick labels); its legend, if it shows one, and its note about hidden
  /// points, to be written below the plot after `indent` (which lines them up with the plot's left edge).
  func renderPanel(_ panel: Panel) -> (plot: [String], legend: [LegendItem]?, note: String?, indent: String) {
    let titleRows = panel.title == nil ? 0 : 1
    let rows = max(2, height - 2 - titleRows)
    let plan = PanelPlan(panel, xTicks: max(2, width / 14), yTicks: max(2, rows / 3), margins: false)
    let entries = plan.legendEntries(panel)
    let numbered = !color && entries.count > 1
    let labelWidth = plan.y.ticks.map(\.label.count).max() ?? 1
    let dotY: (Double) -> Double? = { y in
      plan.y.fraction(y).map { (1 - $0) * Double(rows * 4 - 1) }
    }
    // The row where each group's line ends (its last series' last point), for its number at the right.
    let ordered = panel.series.filter { $0.role == .neuron } + panel.series.filter { $0.role != .neuron }
    var ends: [Int: Int] = [:]
    for series in ordered where series.role != .neuron {
      let last = series.points.last { plan.x.fraction($0.x) != nil && plan.y.fraction($0.y) != nil }
      if let y = last.flatMap({ dotY($0.y) }) {
        ends[plan.styleIndex(of: series)] = min(max(BrailleCanvas.dot(y) / 4, 0), rows - 1)
      }
    }
    let endNumbers = Dictionary(grouping: ends.keys.sorted()) { ends[$0] ?? 0 }
    // The numbers take the room the longest list needs, but at most a fifth of the line: a list longer
    // than that (a dozen runs ending together) is cut short with "…".
    let longest = endNumbers.values.map { $0.map { String($0 + 1) }.joined(separator: ",").count }.max() ?? 0
    let gutter = numbered ? max(2, min(width / 5, longest + 1)) : 0
    let columns = max(4, width - labelWidth - 2 - gutter)
    var canvas = BrailleCanvas(columns: columns, rows: rows)

    let dotX: (Double) -> Double? = { x in
      plan.x.fraction(x).map { $0 * Double(canvas.dotWidth - 1) }
    }

    // References as dotted lines: every third dot column.
    for reference in panel.references {
      for dx in stride(from: 0, to: canvas.dotWidth, by: 3) {
        let x =
          plan.x.domain.lowerBound + (plan.x.domain.upperBound - plan.x.domain.lowerBound) * Double(dx)
          / Double(max(canvas.dotWidth - 1, 1))
        if let y = dotY(reference.value(at: x)) { canvas.set(dx, BrailleCanvas.dot(y), style: -1) }
      }
    }
    // Series: neurons first so the means are drawn over them.
    for series in ordered {
      let style = plan.styleIndex(of: series)
      var previous: (Double, Double)?
      for p in series.points {
        guard let x = dotX(p.x), let y = dotY(p.y) else {
          previous = nil
          continue
        }
        if let from = previous {
          canvas.line(from: from, to: (x, y), style: style)
        } else {
          canvas.set(BrailleCanvas.dot(x), BrailleCanvas.dot(y), style: style)
        }
        previous = (x, y)
      }
    }
    // Markers as vertical bars in cells no line passes through.
    var markerColumns: Set<Int> = []
    for marker in panel.markers {
      if let x = dotX(marker.x) { markerColumns.insert(BrailleCanvas.dot(x) / 2) }
    }

    var yTickRows: [Int: String] = [:]
    for tick in plan.y.ticks {
      if let y = dotY(tick.value) { yTickRows[min(max(BrailleCanvas.dot(y) / 4, 0), rows - 1)] = tick.label }
    }

    var lines: [String] = []
    if let title = panel.title { lines.append(String(repeating: " ", count: labelWidth + 2) + title) }
    for row in 0..<rows {
      var line = ""
      let label = yTickRows[row] ?? ""
      line += String(repeating: " ", count: labelWidth - label.count) + label
      line += yTickRows[row] == nil ? " │" : " ┤"
      for column in 0..<columns {
        if canvas.isSet(column: column, row: row) {
          line += paint(
            String(canvas.character(column: column, row: row)), style: canvas.style(column: column, row: row))
        } else if markerColumns.contains(column) {
          line += "┊"
        } else {
          line += " "
        }
      }
      if numbered, let here = endNumbers[row] {
        line += " " + TerminalRenderer.numberList(here.map { $0 + 1 }, fitting: gutter - 1)
      }
      lines.append(line)
    }
    lines.append(xAxisLine(plan: plan, labelWidth: labelWidth, columns: columns, dotX: dotX, panel: panel))
    lines.append(xLabelLine(plan: plan, labelWidth: labelWidth, columns: columns, dotX: dotX))
    let indent = String(repeating: " ", count: labelWidth + 2)
    var legend: [LegendItem]?
    if panel.showsLegend, PanelPlan.legendIsUseful(entries, in: panel) {
      legend = entries.map { series in
        let style = plan.styleIndex(of: series)
        let name = series.group ?? series.name
        return numbered
          ? LegendItem(text: "\(style + 1) \(name)", width: "\(style + 1) \(name)".count)
          : LegendItem(text: paint("━━", style: style) + " " + name, width: 3 + name.count)
      }
    }
    return (lines, legend, plan.hiddenNote, indent)
  }

  /// Legend entries three spaces apart, on as many lines after `indent` as the width needs.
  private func wrapped(_ items: [LegendItem], indent: String) -> [String] {
    var lines: [String] = []
    var line = ""
    var used = indent.count
    for item in items {
      if !line.isEmpty, used + 3 + item.width > width {
        lines.append(indent + line)
        line = ""
        used = indent.count
      }
      if !line.isEmpty {
        line += "   "
        used += 3
      }
      line += item.text
      used += item.width
    }
    return lines + [indent + line]
  }

  /// `numbers` as "1,2,3", or as many of them as fit in `room` characters followed by "…".
  static func numberList(_ numbers: [Int], fitting room: Int) -> String {
    let all = numbers.map(String.init).joined(separator: ",")
    guard all.count > room else { return all }
    var kept = ""
    for number in numbers {
      let next = kept.isEmpty ? String(number) : kept + "," + String(number)
      guard next.count + 2 <= room else { break }
      kept = next
    }
    return kept.isEmpty ? "…" : kept + ",…"
  }

  private func xAxisLine(
    plan: PanelPlan, labelWidth: Int, columns: Int, dotX: (Double) -> Double?, panel: Panel
  ) -> String {
    var axis = Array(repeating: Character("─"), count: columns)
    for window in panel.windows {
      guard let a = dotX(min(window.from, window.to)), let b = dotX(max(window.from, window.to)) else {
        continue
      }
      let lo = max(0, BrailleCanvas.dot(a) / 2)
      let hi = min(columns - 1, BrailleCanvas.dot(b) / 2)
      if lo <= hi { for c in lo...hi { axis[c] = "═" } }
    }
    for tick in plan.x.ticks {
      guard let x = dotX(tick.value) else { continue }
      let c = BrailleCanvas.dot(x) / 2
      if c >= 0, c < columns { axis[c] = "┬" }
    }
    return String(repeating: " ", count: labelWidth + 1) + "└" + String(axis)
  }

  private func xLabelLine(plan: PanelPlan, labelWidth: Int, columns: Int, dotX: (Double) -> Double?) -> String
  {
    let offset = labelWidth + 2
    // The line is exactly `width` wide: a label at the right end moves left rather than wrap the terminal.
    var chars = Array(repeating: Character(" "), count: max(width, offset + columns))
    var nextFree = 0
    for tick in plan.x.ticks {
      guard let x = dotX(tick.value) else { continue }
      let center = offset + BrailleCanvas.dot(x) / 2
      let label = Array(tick.label)
      let start = max(0, min(center - label.count / 2, chars.count - label.count))
      guard start >= nextFree else { continue }
      for (i, c) in label.enumerated() { chars[start + i] = c }
      nextFree = start + label.count + 1
    }
    while chars.last == " " { chars.removeLast() }
    return String(chars)
  }

  private func paint(_ text: String, style: Int?) -> String {
    guard color, let style else { return text }
    if style < 0 { return "\u{1B}[38;5;244m" + text + "\u{1B}[0m" }
    return "\u{1B}[38;5;\(Palette.ansi[style % Palette.ansi.count])m" + text + "\u{1B}[0m"
  }
}
