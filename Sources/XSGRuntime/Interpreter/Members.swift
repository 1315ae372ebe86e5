import XSGCore
import XSGSyntax

/// The members of each kind of value (`f.w_sp`, `run.final`, `series.last`): one table feeds evaluation,
/// REPL completion and docs/builtins.md.
public enum Members {
  public struct Member: Sendable {
    public let name: String
    public let returns: String
    public let doc: String
  }

  public static let network: [Member] = [
    .init(name: "a", returns: "vector", doc: "second-layer weights a_j, one per neuron"),
    .init(name: "abs_a", returns: "vector", doc: "|a_j|"),
    .init(
      name: "w", returns: "matrix",
      doc: "first-layer weights, width × d; `f.w[k]` is coordinate k of every neuron"),
    .init(name: "b", returns: "vector", doc: "biases b_j (empty without biases)"),
    .init(
      name: "w_sig", returns: "vector",
      doc: "|⟨w_j[i,j], μ_sig⟩|/√2, μ_sig the signal direction matching sign(a_j)"),
    .init(name: "w_opp", returns: "vector", doc: "the same with the opposite direction μ_opp"),
    .init(name: "w_sp", returns: "vector", doc: "w_j[k], the weight on the spurious coordinate"),
    .init(
      name: "w_perp", returns: "vector",
      doc: "‖w_j‖ over the coordinates that are neither signal nor spurious"),
    .init(name: "w_norm", returns: "vector", doc: "‖w_j‖"),
    .init(
      name: "balance", returns: "vector",
      doc: "a_j² − ‖w_j‖² − b_j² (b_j² only with trained biases), conserved by gradient flow"),
    .init(
      name: "alignment", returns: "number",
      doc: "fraction of neurons with sign(a_j) = sign(w_j[k]), both nonzero"),
    .init(name: "moved", returns: "number", doc: "‖W_t − W_0‖, the distance travelled by the first layer"),
    .init(name: "signal_neurons", returns: "number", doc: "neurons whose signal component dominates"),
    .init(name: "spurious_neurons", returns: "number", doc: "neurons whose spurious weight dominates"),
    .init(name: "noise_neurons", returns: "number", doc: "neurons dominated by the other coordinates"),
    .init(name: "width", returns: "number", doc: "the width p"),
    .init(name: "d", returns: "number", doc: "the input dimension (known after the first train)"),
    .init(name: "step", returns: "number", doc: "SGD steps taken so far"),
  ]

  public static let run: [Member] = [
    .init(name: "final", returns: "record", doc: "the last value of every probe: `run.final.w_sp`"),
    .init(
      name: "events", returns: "record",
      doc: "for each true/false probe, the first step it was true (none: never)"),
    .init(name: "steps", returns: "number", doc: "steps trained in this run"),
    .init(name: "first_step", returns: "number", doc: "the network's step when the run started"),
    .init(name: "last_step", returns: "number", doc: "the network's step when the run ended"),
    .init(name: "network", returns: "network", doc: "the network it trained"),
    .init(name: "status", returns: "string", doc: "ok, interrupted or failed"),
    .init(
      name: "<probe>", returns: "series",
      doc: "the series of a probe, by its name in the probe block: `run.w_sp`"),
  ]

  public static let series: [Member] = [
    .init(name: "steps", returns: "vector", doc: "the probe steps"),
    .init(name: "values", returns: "vector", doc: "the values (per-neuron probes: the mean over neurons)"),
    .init(
      name: "last", returns: "number or vector",
      doc: "the last value (a vector, one per neuron, for a per-neuron probe)"),
    .init(
      name: "first", returns: "number or vector", doc: "the first value (a vector for a per-neuron probe)"),
    .init(name: "count", returns: "number", doc: "the number of probe times"),
  ]

  public static let data: [Member] = [
    .init(name: "d", returns: "number", doc: "the dimension"),
    .init(
      name: "flip", returns: "number", doc: "the spurious flip probability λ (½ without a spurious feature)"),
    .init(name: "n", returns: "number", doc: "the number of samples (test sets and finite training sets)"),
  ]

  public static let optimizer: [Member] = [
    .init(name: "lr", returns: "number", doc: "the learning rate η"),
    .init(name: "batch", returns: "number", doc: "the batch size"),
  ]

  /// The members a value offers (REPL completion after `x.`).
  public static func names(of value: Value) -> [String] {
    switch value {
    case .net: network.map(\.name)
    case .run(let value): value.table.names + Members.run.filter { $0.name != "<probe>" }.map(\.name)
    case .series: series.map(\.name)
    case .data: data.map(\.name)
    case .opt: optimizer.map(\.name)
    case .record(let record): record.fields.map(\.0)
    default: []
    }
  }
}

extension Interpreter {
  func member(of base: Value, _ name: Identifier, baseRange: SourceRange) throws -> Value {
    let range = name.range
    func missing(_ what: String, _ names: [String]) -> RuntimeError {
      RuntimeError(
        .name, "\(what) has no member '\(name.name)'", at: range,
        help: Suggestion.didYouMean(name.name, in: names)
          ?? (names.isEmpty ? nil : "its members: " + names.joined(separator: ", ")))
    }
    switch base {
    case .net(let net):
      return try networkMember(net, name, range: range)
        ?? { throw missing("a network", Members.names(of: base)) }()
    case .run(let run):
      if let series = run.series(name.name) { return .series(series) }
      switch name.name {
      case "final": return .record(Record(fields: run.finals))
      case "events": return .record(Record(fields: run.events))
      case "steps": return .number(Double(run.lastStep - run.firstStep))
      case "first_step": return .number(Double(run.firstStep))
      case "last_step": return .number(Double(run.lastStep))
      case "network": return .net(run.network)
      case "status": return .string(run.status.rawValue)
      default: throw missing("this run", Members.names(of: base))
      }
    case .series(let s):
      switch name.name {
      case "steps": return .vector(s.steps.map(Double.init))
      case "values": return .vector(s.values)
      case "last": return s.neurons?.last.map(Value.vector) ?? s.values.last.map(Value.number) ?? .none
      case "first": return s.neurons?.first.map(Value.vector) ?? s.values.first.map(Value.number) ?? .none
      case "count": return .number(Double(s.values.count))
      default: throw missing("a series", Members.names(of: base))
      }
    case .record(let record):
      if let value = record[name.name] { return value }
      throw missing("this record", record.fields.map(\.0))
    case .data(let data):
      switch name.name {
      case "d": return .number(Double(data.spec.dimension))
      case "flip": return .number(data.spec.spuriousFlip)
      case "n":
        if case .test(_, _, let n, _) = data.kind { return .number(Double(n)) }
        if case .finite(let n) = data.spec.sampling { return .number(Double(n)) }
        throw RuntimeError(.value, "online data has no fixed number of samples", at: range)
      default: throw missing("data", Members.names(of: base))
      }
    case .opt(let opt):
      switch name.name {
      case "lr": return .number(opt.spec.learningRate)
      case "batch": return .number(Double(opt.spec.batchSize))
      default: throw missing("an optimiser", Members.names(of: base))
      }
    default:
      throw RuntimeError(.type, "\(ValueText.described(base)) has no members", at: baseRange)
    }
  }

  private func networkMember(_ net: NetValue, _ name: Identifier, range: SourceRange) throws -> Value? {
    switch name.name {
    case "width": return .number(Double(net.spec.width))
    case "step": return .number(Double(net.network?.step ?? 0))
    case "d":
      guard let network = net.network else { return Value.none }
      return .number(Double(network.dimension))
    default: break
    }
    guard Members.network.contains(where: { $0.name == name.name }) else { return nil }
    guard let network = net.network else {
      throw RuntimeError(
        .value,
        "the network has no parameters yet: its input dimension comes from the data at its first train",
        at: range, help: "train it first, or give relu2(d: …) to create it at once")
    }
    let metrics = NetMetrics(network: network, data: net.trainedOn)
    do {
      switch name.name {
      case "a": return .vector(metrics.a)
      case "abs_a": return .vector(metrics.absA)
      case "w": return .matrix(metrics.w)
      case "b": return .vector(metrics.b)
      case "w_sig": return .vector(try metrics.wSignal())
      case "w_opp": return .vector(try metrics.wOpposite())
      case "w_sp": return .vector(try metrics.wSpurious())
      case "w_perp": return .vector(try metrics.wPerp())
      case "w_norm": return .vector(metrics.wNorm)
      case "balance": return .vector(metrics.balance)
      case "alignment": return .number(try metrics.alignment())
      case "moved": return .number(metrics.moved)
      case "signal_neurons": return .number(try metrics.count(.signal))
      case "spurious_neurons": return .number(try metrics.count(.spurious))
      case "noise_neurons": return .number(try metrics.count(.noise))
      default: return nil
      }
    } catch let error as CoreError {
      // The core names the quantity it needed (alignment needs w_sp): name the member the script asked for.
      if case .probeUndefined(_, let reason) = error {
        throw RuntimeError(.value, "\(name.name) is not defined here: \(reason)", at: range)
      }
      throw RuntimeError.from(error, at: range)
    }
  }
}
