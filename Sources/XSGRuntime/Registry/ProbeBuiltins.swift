import XSGCore
import XSGSyntax

/// Measurements of a network: on the training batch, on test sets (per group), and its Fourier
/// coefficients and cosines. Inside a probe block they are taken at every probe time.
enum ProbeBuiltins {
  static let group = ParamType.option("test distribution")

  static let all: [Builtin] = [
    Builtin(
      "batch_loss", .probe, returns: "number",
      doc: "the mean loss on the batch of the current step (in a probe block)"
    ) { call in
      guard let moment = call.interpreter.probeMoment else {
        throw RuntimeError(
          .value, "batch_loss() is measured during training: use it in a probe block", at: call.range)
      }
      return .number(moment.batchLoss ?? .nan)
    },
    Builtin(
      "loss", .probe,
      [.required("net", .net), .required("data", .data, "a test set"), .optional("group", group)],
      returns: "number",
      doc: "the mean loss (of the network's last optimiser) on a test set or one of its groups"
    ) { call in .number(try metrics(call).loss) },
    Builtin(
      "accuracy", .probe, [.required("net", .net), .required("data", .data), .optional("group", group)],
      returns: "number", doc: "the fraction of a test set (or group) with y·f(x) > 0"
    ) { call in .number(try metrics(call).accuracy) },
    Builtin(
      "margin", .probe, [.required("net", .net), .required("data", .data), .optional("group", group)],
      returns: "number", doc: "the mean margin y·f(x) on a test set or group"
    ) { call in .number(try metrics(call).marginMean) },
    Builtin(
      "min_margin", .probe, [.required("net", .net), .required("data", .data), .optional("group", group)],
      returns: "number", doc: "the smallest margin y·f(x) on a test set or group"
    ) { call in .number(try metrics(call).marginMin) },
    Builtin(
      "worst_group_accuracy", .probe, [.required("net", .net), .required("data", .data)], returns: "number",
      doc: "the smallest accuracy over the non-empty (y, x_k) cells (a λ = 0 test set has no minority cells)"
    ) { call in
      let evaluation = try evaluate(call)
      guard let worst = evaluation.worstGroupAccuracy else {
        throw DataBuiltins.Spurious.missing(
          "worst_group_accuracy needs data with a spurious coordinate (groups)", at: call.range(of: "data"),
          data: call.value("data"))
      }
      return .number(worst)
    },
    Builtin(
      "fourier", .probe,
      [
        .required("net", .net), .required("data", .data),
        .required("coordinates", .list(.integer(min: 1)), "S"),
      ],
      returns: "number", doc: "the Fourier coefficient f̂(S) = E[f(x)·Π_{i∈S} x_i] on a test set"
    ) { call in
      // S is a set: [3, 3] would silently give the product x3·x3 = 1, i.e. the mean of f.
      let subset = call.ints("coordinates")
      if let repeated = subset.first(where: { k in subset.filter { $0 == k }.count > 1 }) {
        throw call.error("coordinates", "S is a set of coordinates; \(repeated) appears more than once")
      }
      let (network, set) = try prepared(call)
      do {
        return .number(try Evaluator.fourierCoefficient(network, on: set, subset: subset))
      } catch let error as CoreError {
        throw RuntimeError.from(error, at: call.range(of: "coordinates"))
      }
    },
    Builtin(
      "cosine", .probe,
      [
        .required("net", .net),
        .required(
          "direction", .oneOf([.integer(min: 1), .list(.number), .numeric]),
          "a coordinate k or a vector of length d"),
      ],
      returns: "vector", doc: "per neuron, the cosine between w_j and a coordinate axis or a direction"
    ) { call in
      let network = try parameters(call)
      do {
        switch call.value("direction") {
        case .number(let k)?:
          // A number passes the `numeric` alternative even when it is no coordinate: 2.5 would be read as
          // 2, and 1e300 cannot be converted at all.
          guard k == k.rounded(), abs(k) < 1e15 else {
            throw call.error(
              "direction", "direction: a coordinate is a whole number ≥ 1, got \(ValueText.show(.number(k)))")
          }
          return .vector(try NeuronProbes.cosine(network, coordinate: Int(k)))
        case let direction?:
          let v = MathBuiltins.flatten(direction)
          // The core gives 0 for a zero direction, which reads as "every neuron is orthogonal to it".
          if !v.isEmpty, v.allSatisfy({ $0 == 0 }) {
            throw call.error("direction", "direction: the zero vector has no direction")
          }
          return .vector(try NeuronProbes.cosine(network, direction: v))
        case nil: return .none
        }
      } catch let error as CoreError {
        throw RuntimeError.from(error, at: call.range(of: "direction"))
      }
    },
  ]

  static func parameters(_ call: Call) throws -> Network {
    guard case .net(let net)? = call.value("net") else {
      throw call.error("net", "expected a network", code: .type)
    }
    guard let network = net.network else {
      throw call.error(
        "net", "the network has no parameters yet: train it first", help: "or give relu2(d: …)")
    }
    return network
  }

  /// The network and the drawn test set (drawn once, then cached on the data value).
  static func prepared(_ call: Call) throws -> (Network, SampleSet) {
    let network = try parameters(call)
    guard case .data(let data)? = call.value("data") else { throw call.error("data", "expected a test set") }
    guard case .test(let base, let distribution, let n, let seed) = data.kind else {
      throw call.error(
        "data", "measurements need a test set, not the training distribution",
        help: "make one with test(train, iid, n: 100_000); the training loss is batch_loss()")
    }
    guard base.dimension == network.dimension else {
      throw call.error(
        "data",
        "the network has input dimension \(network.dimension) but the test set has d = \(base.dimension)",
        code: .shape)
    }
    if data.sampleSet == nil {
      do {
        data.sampleSet = try SampleSet.test(
          train: base, distribution: distribution, count: n, seed: seed)
      } catch let error as CoreError {
        throw RuntimeError.from(error, at: call.range(of: "data"))
      }
    }
    return (network, data.sampleSet!)
  }

  static func evaluate(_ call: Call) throws -> Evaluation {
    let (network, set) = try prepared(call)
    guard case .net(let net)? = call.value("net"), case .data(let data)? = call.value("data") else {
      throw call.error("net", "expected a network")
    }
    return try call.interpreter.evaluation(of: net, network, on: data, set, at: call.range)
  }

  static func metrics(_ call: Call) throws -> GroupMetrics {
    let evaluation = try evaluate(call)
    guard call.has("group") else { return evaluation.overall }
    guard case .option(.distribution(.group(let group)))? = call.value("group") else {
      throw call.error("group", "group: expected majority, minority or cell(y, s)", code: .type)
    }
    guard let metrics = evaluation.metrics(for: group) else {
      throw DataBuiltins.Spurious.missing(
        "group: \(DistributionText.source(.group(group))) needs data with a spurious coordinate",
        at: call.range(of: "group"), data: call.value("data"))
    }
    // An empty group has no loss, accuracy or margin (they would be NaN): `group: minority` of a test set
    // drawn from majority, or from a λ = 0 training distribution.
    guard metrics.count > 0 else {
      var help = "test(…, balanced) has samples in every cell"
      if case .data(let data)? = call.value("data"), case .test(_, let distribution, _, _) = data.kind {
        help = "the test set is drawn from \(DistributionText.source(distribution)); " + help
      }
      throw call.error(
        "group", "group: no sample of the test set is in \(DistributionText.source(.group(group)))",
        help: help)
    }
    return metrics
  }

}

extension Interpreter {
  /// Loss, accuracy and margins of a network on a test set, computed once per network step.
  func evaluation(
    of net: NetValue, _ network: Network, on data: DataValue, _ set: SampleSet, at range: SourceRange
  )
    throws -> Evaluation
  {
    let key = EvaluationKey(net: net, step: network.step, data: data, loss: net.lastLoss)
    // Entries of test sets or networks that are gone can never be asked for again.
    evaluations = evaluations.filter { $0.key.isLive }
    if let cached = evaluations[key] { return cached }
    do {
      let evaluation = try Evaluator.evaluate(network, on: set, loss: net.lastLoss)
      // Small: only one probe time's evaluations are reused.
      if evaluations.count >= 16 { evaluations.removeAll() }
      evaluations[key] = evaluation
      return evaluation
    } catch let error as CoreError {
      throw RuntimeError.from(error, at: range)
    }
  }
}

/// The key refers to the network and the test set themselves, not just their addresses: an address alone
/// can be reused by a later object once the first is freed (a test set declared in a loop, a network
/// redeclared in a sweep), and the cache then answered for the wrong one. It refers to them weakly: a
/// test set drawn inside a function (100 000 samples of d = 1000 are 12 MB) was kept alive by the cache
/// after the call, so a loop of such calls grew by one test set per call.
struct EvaluationKey: Hashable {
  private(set) weak var net: NetValue?
  private(set) weak var data: DataValue?
  private let netID: ObjectIdentifier
  private let dataID: ObjectIdentifier
  let step: Int
  let loss: Loss

  init(net: NetValue, step: Int, data: DataValue, loss: Loss) {
    self.net = net
    self.data = data
    netID = ObjectIdentifier(net)
    dataID = ObjectIdentifier(data)
    self.step = step
    self.loss = loss
  }

  /// Whether the network and the test set still exist (the cache drops an entry as soon as not).
  var isLive: Bool { net != nil && data != nil }

  static func == (lhs: EvaluationKey, rhs: EvaluationKey) -> Bool {
    lhs.netID == rhs.netID && lhs.dataID == rhs.dataID && lhs.step == rhs.step && lhs.loss == rhs.loss
      && lhs.net === rhs.net && lhs.data === rhs.data
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(netID)
    hasher.combine(step)
    hasher.combine(dataID)
    hasher.combine(loss)
  }
}
