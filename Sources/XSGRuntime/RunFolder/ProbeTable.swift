import Foundation

/// The probe values of one run as they arrive: one row per probe time. Scalars go to `probes.csv` and
/// `probes.jsonl`; per-neuron vectors to `neurons/<probe>.csv`; booleans are events (first step true).
public struct ProbeTable: Sendable {
  public enum Column: Sendable, Equatable {
    case scalar(Double)
    case bool(Bool)
    case vector([Double])
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

  /// Names whose values are scalars or booleans (the columns of probes.csv), in script order. Before the
  /// first row no probe's kind is known: none is listed, rather than a per-neuron probe as a scalar.
  public var scalarNames: [String] {
    guard let first = rows.first else { return [] }
    return names.indices.filter { if case .vector = first[$0] { false } else { true } }.map { names[$0] }
  }

  public var vectorNames: [String] {
    guard let first = rows.first else { return [] }
    return names.indices.filter { if case .vector = first[$0] { true } else { false } }.map { names[$0] }
  }

  public func index(of name: String) -> Int? { names.firstIndex(of: name) }

  /// The series of a scalar or boolean probe as numbers (booleans as 0/1).
  public func scalars(_ name: String) -> [Double] {
    guard let i = index(of: name) else { return [] }
    return rows.map { row in
      switch row[i] {
      case .scalar(let x): x
      case .bool(let b): b ? 1 : 0
      case .vector(let v): v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
      }
    }
  }

  public func vectors(_ name: String) -> [[Double]] {
    guard let i = index(of: name) else { return [] }
    return rows.map { row in
      switch row[i] {
      case .vector(let v): v
      case .scalar(let x): [x]
      case .bool(let b): [b ? 1 : 0]
      }
    }
  }

  public func isBoolean(_ name: String) -> Bool {
    guard let i = index(of: name), let first = rows.first else { return false }
    if case .bool = first[i] { return true }
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
        case .vector: break
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
    for (values, step) in zip(series, steps) {
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
