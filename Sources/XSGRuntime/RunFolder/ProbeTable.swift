import Foundation

/// The probe values of one run as they arrive: one row per probe time. Scalars go to `probes.csv` and
/// `probes.jsonl`; per-neuron vectors to `neurons/<probe>.csv`; booleans are events (first step true).
/// A probe whose block is not due at a row's step (`probe every 50` beside `probe every 10`) is missing
/// there: an empty cell, no JSON member, no neuron row, and not a point of its series.
public struct ProbeTable: Sendable {
  public enum Column: Sendable, Equatable {
    case scalar(Double)
    case bool(Bool)
    case vector([Double])
    case missing
  }
  /// Probe names in script order.
  public private(set) var names: [String]
  public private(set) var steps: [Int] = []
  /// rows[i][name] for the row at steps[i].
  public private(set) var rows: [[Column]] = []

  public init(names: [String]) { self.names = names }

  public mutating func append(step: Int, values: [Column]) {
    precondition(values.count == names.count)
    steps.append(step)
    rows.append(values)
  }

  /// The first value of column `i` (nil while the probe has never been evaluated): it fixes the kind.
  private func firstValue(_ i: Int) -> Column? {
    rows.lazy.map { $0[i] }.first { $0 != .missing }
  }

  /// Names whose values are scalars or booleans (the columns of probes.csv), in script order. A probe not
  /// yet evaluated has no known kind: it is listed nowhere, rather than a per-neuron probe as a scalar.
  public var scalarNames: [String] {
    names.indices.filter { i in
      switch firstValue(i) {
      case .scalar?, .bool?: true
      default: false
      }
    }.map { names[$0] }
  }

  public var vectorNames: [String] {
    names.indices.filter { if case .vector? = firstValue($0) { true } else { false } }.map { names[$0] }
  }

  public func index(of name: String) -> Int? { names.firstIndex(of: name) }

  /// The steps at which `name` was evaluated (all probe times unless its block has a longer cadence).
  public func steps(of name: String) -> [Int] {
    guard let i = index(of: name) else { return [] }
    return zip(rows, steps).filter { $0.0[i] != .missing }.map(\.1)
  }

  /// The series of a scalar or boolean probe as numbers (booleans as 0/1), at `steps(of: name)`.
  /// A per-neuron probe's value at one step, as a number: the mean over the neurons.
  static func neuronMean(_ v: [Double]) -> Double {
    v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
  }

  public func scalars(_ name: String) -> [Double] {
    guard let i = index(of: name) else { return [] }
    return rows.compactMap { row in
      switch row[i] {
      case .scalar(let x): x
      case .bool(let b): b ? 1 : 0
      case .vector(let v): Self.neuronMean(v)
      case .missing: nil
      }
    }
  }

  /// The per-neuron values of `name`, at `steps(of: name)`.
  public func vectors(_ name: String) -> [[Double]] {
    guard let i = index(of: name) else { return [] }
    return rows.compactMap { row in
      switch row[i] {
      case .vector(let v): v
      case .scalar(let x): [x]
      case .bool(let b): [b ? 1 : 0]
      case .missing: nil
      }
    }
  }

  /// The last value of `name` (nil: never evaluated).
  public func last(_ name: String) -> Column? {
    guard let i = index(of: name) else { return nil }
    return rows.lazy.reversed().map { $0[i] }.first { $0 != .missing }
  }

  public func isBoolean(_ name: String) -> Bool {
    guard let i = index(of: name) else { return false }
    if case .bool? = firstValue(i) { return true }
    return false
  }

  /// The first step at which a boolean probe is true (nil: never).
  public func eventStep(_ name: String) -> Int? {
    guard let i = index(of: name) else { return nil }
    for (row, step) in zip(rows, steps) {
      if case .bool(true) = row[i] { return step }
    }
    return nil
  }

  // MARK: file texts

  public var csv: String {
    let scalars = scalarNames
    let columns = scalars.compactMap(index(of:))
    var out = (["step"] + scalars.map(CSV.field)).joined(separator: ",") + "\n"
    for (row, step) in zip(rows, steps) {
      out += ([String(step)] + columns.map { CSV.number(row[$0]) }).joined(separator: ",") + "\n"
    }
    return out
  }

  public var jsonLines: String {
    let scalars = scalarNames
    let columns = scalars.compactMap(index(of:))
    var out = ""
    for (row, step) in zip(rows, steps) {
      var members: [(String, JSON)] = [("step", .int(step))]
      for (name, column) in zip(scalars, columns) {
        switch row[column] {
        case .scalar(let x): members.append((name, .number(x)))
        case .bool(let b): members.append((name, .bool(b)))
        case .vector, .missing: break
        }
      }
      out += JSON.object(members).text + "\n"
    }
    return out
  }

  public func neuronCSV(_ name: String) -> String {
    let series = vectors(name)
    let width = series.map(\.count).max() ?? 0
    var out = (["step"] + (0..<width).map { "n\($0 + 1)" }).joined(separator: ",") + "\n"
    for (values, step) in zip(series, steps(of: name)) {
      out += ([String(step)] + values.map(NumberText.roundTrip)).joined(separator: ",") + "\n"
    }
    return out
  }
}

enum CSV {
  static func number(_ column: ProbeTable.Column) -> String {
    switch column {
    case .scalar(let x): NumberText.roundTrip(x)
    case .bool(let b): b ? "1" : "0"
    case .vector(let v): NumberText.roundTrip(v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count))
    case .missing: ""
    }
  }

  /// A field quoted only when it must be.
  static func field(_ text: String) -> String {
    if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) {
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }
}
