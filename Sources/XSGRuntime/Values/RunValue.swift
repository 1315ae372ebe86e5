import XSGCore

/// The result of `train …`: the probe series, final values and event times of one training segment.
public final class RunValue: @unchecked Sendable {
  /// Where the run's files are; nil without a run folder (the REPL).
  let record: RunRecord?
  /// Its place among the session's runs, counted from 1: its name when there is no run folder.
  let ordinal: Int
  /// The run's name: its subfolder in the run folder ("." while it is the folder's only run; a later run
  /// moves it into a subfolder, and the name follows), or `run<N>` without a run folder.
  public var name: String { record.map { $0.subfolder ?? "." } ?? "run\(ordinal)" }
  public let network: NetValue
  public let data: DataValue
  public let optimizer: OptValue
  public let firstStep: Int
  public internal(set) var lastStep: Int
  public internal(set) var table: ProbeTable
  public internal(set) var status: RunMeta.Status = .running
  /// The loop variables when it ran: its parameters in `index.csv`.
  public let parameters: [(String, String)]

  init(
    record: RunRecord?, ordinal: Int, network: NetValue, data: DataValue, optimizer: OptValue, firstStep: Int,
    probeNames: [String],
    parameters: [(String, String)]
  ) {
    self.record = record
    self.ordinal = ordinal
    self.network = network
    self.data = data
    self.optimizer = optimizer
    self.firstStep = firstStep
    self.lastStep = firstStep
    self.table = ProbeTable(names: probeNames)
    self.parameters = parameters
  }

  public var summary: String {
    var text = "run: steps \(firstStep)→\(lastStep), \(table.steps.count) probe times"
    if status != .ok { text += " (\(status.rawValue))" }
    let finals = table.scalarNames.prefix(6).map { name -> String in
      if table.isBoolean(name) { return "\(name) at " + (table.eventStep(name).map(String.init) ?? "never") }
      return "\(name) = " + (table.scalars(name).last.map(ValueText.number) ?? "–")
    }
    if !finals.isEmpty { text += "; " + finals.joined(separator: ", ") }
    return text
  }

  /// The series of one probe.
  public func series(_ name: String) -> ProbeSeries? {
    guard table.index(of: name) != nil else { return nil }
    if table.vectorNames.contains(name) {
      return ProbeSeries(
        name: name, steps: table.steps(of: name), values: table.scalars(name), neurons: table.vectors(name))
    }
    return ProbeSeries(name: name, steps: table.steps(of: name), values: table.scalars(name), neurons: nil)
  }

  /// `run.final`: the last value of every probe.
  public var finals: [(String, Value)] {
    table.names.compactMap { name in
      switch table.last(name) {
      case .scalar(let x)?: return (name, .number(x))
      case .bool(let b)?: return (name, .bool(b))
      case .vector(let v)?: return (name, .vector(v))
      case .missing?, nil: return nil
      }
    }
  }

  /// `run.events`: for each boolean probe, the first step it was true (none: never).
  public var events: [(String, Value)] {
    table.scalarNames.filter(table.isBoolean).map { name in
      (name, table.eventStep(name).map { .number(Double($0)) } ?? .none)
    }
  }
}

/// A probe series: values at probe steps (for per-neuron probes, the mean per step plus each neuron).
public struct ProbeSeries: Sendable {
  public var name: String
  public var steps: [Int]
  public var values: [Double]
  public var neurons: [[Double]]?

  public var summary: String {
    guard let last = values.last, let step = steps.last else { return "series \(name) (empty)" }
    let points = values.count == 1 ? "1 point" : "\(values.count) points"
    return "series \(name): \(points), steps \(steps[0])…\(step), last \(ValueText.number(last))"
  }
}

/// Named fields: `run.final`, `run.events`.
public struct Record: Sendable {
  public var fields: [(String, Value)]

  public subscript(name: String) -> Value? { fields.first(where: { $0.0 == name })?.1 }
}
