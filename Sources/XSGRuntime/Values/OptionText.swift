import Foundation
import XSGCore

/// Core options written back as a script would write them (summaries, REPL, docs).
enum OptionText {
  static func bias(_ bias: BiasMode) -> String? {
    switch bias {
    case .none: nil
    case .trained(let initial): initial == 0 ? "bias: trained" : "bias: trained, bias_init: \(n(initial))"
    case .fixed(let value): "bias: fixed, bias_init: \(n(value))"
    }
  }

  static func scale(_ scale: OutputScale) -> String {
    switch scale {
    case .one: "1"
    case .inverseWidth: "mean_field"
    case .inverseSqrtWidth: "ntk"
    }
  }

  static func schedule(_ schedule: LearningRateSchedule) -> String {
    switch schedule {
    case .constant: "constant"
    case .step(let every, let factor): "step_decay(\(every), \(n(factor)))"
    case .cosine(let total, let floor):
      floor == 0 ? "cosine_decay(\(total))" : "cosine_decay(\(total), floor: \(n(floor)))"
    case .inverseTime(let tau): "inverse_time(\(n(tau)))"
    }
  }

  static func stage(_ stage: DataStage) -> String {
    let probe = DataValue(.train(stageSpec(stage), hasSignal: true)).summary
    // The summary of a one-stage pipe, without its hypercube and mode.
    let parts = probe.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    switch stage {
    case .signal: return parts.count > 1 ? String(parts[1]) : probe
    default: return parts.last.map { String($0.replacingOccurrences(of: " (online)", with: "")) } ?? probe
    }
  }

  private static func stageSpec(_ stage: DataStage) -> DataSpec {
    var spec = DataSpec(dimension: 1)
    switch stage {
    case .signal(let signal): spec.signal = signal
    case .spurious(let spurious): spec.spurious = spurious
    case .labelNoise(let noise): spec.labelNoise = noise
    case .sampling(let sampling): spec.sampling = sampling
    }
    return spec
  }

  private static func n(_ x: Double) -> String { NumberText.roundTrip(x) }
}
