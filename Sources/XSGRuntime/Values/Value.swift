/// A value of the xsg language. Numbers are Doubles (integers are numbers with no fraction); networks,
/// data sets, optimisers and runs are handles to objects the interpreter and the core share.
public indirect enum Value: Sendable {
  case none
  case number(Double)
  case string(String)
  case bool(Bool)
  case list([Value])
  case range(RangeValue)
  /// A named constant of the registry (`iid`, `logistic2`, `log`, `majority`…): it stands for itself.
  case symbol(String)
  case function(FunctionValue)
  case builtin(Builtin)
  /// One number per neuron (or per coordinate): `f.a`, `f.w_sp`, `abs(f.w[3])`.
  case vector([Double])
  case matrix(Matrix)
  case data(DataValue)
  /// A pipe stage such as `xor(1, 2)` or `spurious(3, flip: 0.1)`, applied with `data | stage`.
  case dataStage(DataStage)
  case net(NetValue)
  case opt(OptValue)
  /// A configuration made by a builtin: an init such as `sphere(0.01)`, a schedule, a test distribution.
  case option(OptionValue)
  case run(RunValue)
  case series(ProbeSeries)
  /// Named fields, e.g. `run.final` and `run.events`.
  case record(Record)

  /// The kind as users read it in error messages and `:env`.
  public var kind: String {
    switch self {
    case .none: "none"
    case .number: "number"
    case .string: "string"
    case .bool: "boolean"
    case .list: "list"
    case .range: "range"
    case .symbol: "name"
    case .function, .builtin: "function"
    case .vector: "vector"
    case .matrix: "matrix"
    case .data: "data"
    case .dataStage: "data stage"
    case .net: "network"
    case .opt: "optimiser"
    case .option(let option): option.kind
    case .run: "run"
    case .series: "series"
    case .record: "record"
    }
  }
}

/// `a..b` (inclusive) or `a..<b`, over integers.
public struct RangeValue: Sendable, Equatable {
  public var lower: Int
  public var upper: Int
  public var inclusive: Bool
  /// The most numbers a range may hold (builtins such as `sum` and `list` materialise its elements).
  public static let maximumCount = 10_000_000

  /// Its numbers, without materialising them (loops, `len` and indexing use this).
  public var numbers: Range<Int> { lower..<max(lower, inclusive ? upper + 1 : upper) }

  public var elements: [Int] { Array(numbers) }
}

/// A dense row-major matrix: `f.w` is width × d (one row per neuron).
public struct Matrix: Sendable, Equatable {
  public var rows: Int
  public var columns: Int
  public var storage: [Double]

  public init(rows: Int, columns: Int, storage: [Double]) {
    precondition(storage.count == rows * columns)
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  public func row(_ i: Int) -> [Double] { Array(storage[i * columns..<(i + 1) * columns]) }

  public func column(_ j: Int) -> [Double] { (0..<rows).map { storage[$0 * columns + j] } }
}

extension Value {
  /// Whether the value can be called: a user function, or a builtin that is a function (not a name).
  var isCallable: Bool {
    switch self {
    case .function: true
    case .builtin(let builtin): builtin.isFunction
    default: false
    }
  }
}
