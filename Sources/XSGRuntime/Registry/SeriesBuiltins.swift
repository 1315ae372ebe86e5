import XSGCore

/// Event times and growth rates of probe series (`run.w_sp`).
enum SeriesBuiltins {
  static let all: [Builtin] = [
    Builtin(
      "first_step", .series,
      [.required("series", .series), .optional("above", .number), .optional("below", .number)],
      returns: "number or none",
      doc: "the first probe step at which the series is ≥ above or ≤ below (give exactly one); none if never"
    ) { call in
      let series = points(call)
      guard call.has("above") != call.has("below") else {
        throw RuntimeError(.arguments, "first_step needs exactly one of above: or below:", at: call.range)
      }
      let step =
        call.has("above")
        ? SeriesAnalysis.firstCrossing(series, threshold: call.number("above"), direction: .above)
        : SeriesAnalysis.firstCrossing(series, threshold: call.number("below"), direction: .below)
      return step.map { .number(Double($0)) } ?? .none
    },
    Builtin(
      "rate", .series,
      [.required("series", .series), .required("from", .integer(min: 0)), .required("to", .integer(min: 0))],
      returns: "number or none",
      doc:
        "the fitted exponential growth rate per step of |series| from step from to a later step to (least "
        + "squares on log|v|; zeros and non-finite values are skipped)"
    ) { call in
      guard call.int("from") < call.int("to") else { throw call.error("to", "to: must be after from") }
      let rate = SeriesAnalysis.exponentialRate(points(call), from: call.int("from"), to: call.int("to"))
      return rate.map(Value.number) ?? .none
    },
    Builtin(
      "at", .series, [.required("series", .series), .required("step", .integer(min: 0))], returns: "number",
      doc: "the value of the series at a probe step"
    ) { call in
      guard case .series(let series)? = call.value("series") else { return .none }
      guard let i = series.steps.firstIndex(of: call.int("step")) else {
        let shown = series.steps.prefix(4).map(String.init).joined(separator: ", ")
        throw call.error(
          "step", "step \(call.int("step")) is not a probe step of \(series.name) (\(shown), …)")
      }
      if let neurons = series.neurons { return .vector(neurons[i]) }
      return .number(series.values[i])
    },
  ]

  static func points(_ call: Call) -> [SeriesPoint] {
    guard case .series(let series)? = call.value("series") else { return [] }
    return zip(series.steps, series.values).map { SeriesPoint(step: $0, value: $1) }
  }
}
