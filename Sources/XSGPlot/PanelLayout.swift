/// What both renderers need to know about a panel before drawing it: the fitted axes, the series groups
/// in legend order, and how many points the y scale could not show.
struct PanelPlan {
  var x: Axis
  var y: Axis
  /// Group keys in order of first appearance; a group's index picks its colour and dash.
  var groups: [String]
  /// Points left out because the y scale cannot show them (y ≤ 0 on a log axis, NaN, ±∞).
  var hiddenPoints: Int

  /// Whether a log scale was asked for but the data go negative, so the plan uses a symmetric log.
  var symmetricFallback = false

  init(_ panel: Panel, xTicks: Int = 5, yTicks: Int = 5, margins: Bool = true) {
    var xs: [Double] = []
    var ys: [Double] = []
    var hidden = 0
    var groups: [String] = []
    // Negative values have no place on a log axis at all: rather than leave them out (possibly the whole
    // series), the panel switches to a symmetric log and says so. Zeros alone are only left out.
    var scale = panel.yScale
    if scale == .log {
      let values = panel.series.flatMap { $0.points.map(\.y) }
      if values.contains(where: { $0.isFinite && $0 < 0 }) {
        scale = Scale.symmetricLog(fitting: values)
        symmetricFallback = true
      }
    }
    for series in panel.series {
      if !groups.contains(series.groupKey) { groups.append(series.groupKey) }
      for p in series.points where p.x.isFinite {
        xs.append(p.x)
        if Axis.canShow(p.y, on: scale) { ys.append(p.y) } else { hidden += 1 }
      }
    }
    xs += panel.windows.flatMap { [$0.from, $0.to] } + panel.markers.map(\.x)
    // A constant reference is part of the story (the predicted plateau), so the y axis makes room for it;
    // exponentials are clipped instead, since they leave any range eventually.
    for reference in panel.references {
      if case .constant(let value) = reference.curve, Axis.canShow(value, on: scale) {
        ys.append(value)
      }
    }
    x = Axis(fitting: xs, scale: .linear, loose: false, targetTicks: xTicks)
    y = Axis(fitting: ys, scale: scale, loose: true, targetTicks: yTicks, margins: margins)
    self.groups = groups
    hiddenPoints = hidden
    var lineCounts: [String: Int] = [:]
    for series in panel.series where series.role == .line && !series.points.isEmpty {
      lineCounts[series.groupKey, default: 0] += 1
    }
    replicated = Set(lineCounts.filter { $0.value > 1 }.map(\.key))
  }

  /// Plain lines that share their group with other plain lines (seeds of one configuration) are drawn
  /// thinner, so a bundle of replicates reads as a band rather than a thick smear.
  var replicated: Set<String>

  func styleIndex(of series: Series) -> Int { groups.firstIndex(of: series.groupKey) ?? 0 }

  func isReplicated(_ series: Series) -> Bool { series.role == .line && replicated.contains(series.groupKey) }

  /// One legend entry per group: the series that represents it (its mean or plain line if it has one).
  func legendEntries(_ panel: Panel) -> [Series] {
    groups.compactMap { key in
      let members = panel.series.filter { $0.groupKey == key }
      return members.first { $0.role != .neuron } ?? members.first
    }
  }

  /// Whether a legend of `entries` tells the reader anything: it does with several entries, and with a lone
  /// one only when neither the panel's title nor its y-axis title already names it.
  static func legendIsUseful(_ entries: [Series], in panel: Panel) -> Bool {
    guard let only = entries.first, entries.count == 1 else { return entries.count > 1 }
    return panel.title == nil && panel.yLabel != (only.group ?? only.name)
  }

  /// The note a panel shows when points were left out.
  var hiddenNote: String? {
    var notes: [String] = []
    if symmetricFallback { notes.append("symmetric log: the values go negative") }
    if hiddenPoints > 0 {
      let what = y.scale == .log ? "non-positive or non-finite" : "non-finite"
      notes.append("\(hiddenPoints) \(what) value\(hiddenPoints == 1 ? "" : "s") not shown")
    }
    return notes.isEmpty ? nil : notes.joined(separator: "; ")
  }
}
