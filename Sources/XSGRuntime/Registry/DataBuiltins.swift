import XSGCore
import XSGSyntax

/// Data: the hypercube, label functions, the spurious feature, label noise, sampling, test sets.
enum DataBuiltins {
  static let coordinate = ParamType.integer(min: 1)
  static let coordinates = ParamType.list(.integer(min: 1))
  static let flip = ParamType.interval(0, 1)

  static let all: [Builtin] = [
    Builtin(
      "hypercube", .data, [.required("d", .integer(min: 1), "the dimension")], returns: "data",
      doc: "x uniform on {−1,+1}^d; pipe a label into it: hypercube(100) | xor(1, 2)"
    ) { call in
      let d = call.int("d")
      guard d <= 1 << 20 else { throw call.error("d", "d: \(d) is too large (at most 1048576)") }
      return .data(DataValue(.train(DataSpec(dimension: d), hasSignal: false)))
    },
    Builtin(
      "xor", .data,
      [
        .required("i", coordinate), .required("j", coordinate),
        .defaulted("sign", .number, .number(-1), "1 or −1; −1 gives y = −x_i·x_j (the papers)"),
      ],
      returns: "data stage", doc: "label y = sign·x_i·x_j (default y = −x_i·x_j, the papers' convention)"
    ) { call in
      let sign = call.number("sign")
      guard sign == 1 || sign == -1 else {
        throw call.error("sign", "sign: expected 1 or -1, got \(ValueText.number(sign))")
      }
      guard call.int("i") != call.int("j") else {
        throw call.error("j", "xor needs two different coordinates")
      }
      return .dataStage(.signal(.xor(call.int("i"), call.int("j"), sign: Int(sign))))
    },
    Builtin(
      "parity", .data, [.required("coordinates", coordinates)], returns: "data stage",
      doc: "label y = Π_{i∈S} x_i (k-sparse parity)"
    ) { call in .dataStage(.signal(.parity(try distinct(call, "coordinates")))) },
    Builtin(
      "staircase", .data, [.required("coordinates", coordinates)], returns: "data stage",
      doc: "label y = sign(x_s1 + x_s1·x_s2 + … + x_s1⋯x_sk)"
    ) { call in .dataStage(.signal(.staircase(try distinct(call, "coordinates")))) },
    Builtin(
      "majority_vote", .data, [.required("coordinates", coordinates)], returns: "data stage",
      doc: "label y = sign(Σ_{i∈S} x_i) (ties take x_s1)"
    ) { call in .dataStage(.signal(.majority(try distinct(call, "coordinates")))) },
    Builtin(
      "spurious", .data, [.required("k", coordinate), .required("flip", flip, "λ: P(x_k ≠ y)")],
      returns: "data stage",
      doc: "x_k := y, then flipped with probability flip = λ, so P(x_k = y) = 1 − λ"
    ) { call in .dataStage(.spurious(.coordinate(call.int("k"), flip: call.number("flip")))) },
    Builtin(
      "spurious_block", .data, [.required("coordinates", coordinates), .required("flip", flip)],
      returns: "data stage",
      doc: "Qiu et al.'s block: the parity of x_S agrees with y with probability 1 − flip"
    ) { call in .dataStage(.spurious(.block(try distinct(call, "coordinates"), flip: call.number("flip")))) },
    Builtin(
      "label_noise", .data,
      [.required("rate", flip, "ρ"), .required("order", .symbol(["before_spurious", "after_spurious"]))],
      returns: "data stage",
      doc: "flip y with probability rate; order says whether the spurious copy sees the noisy label"
    ) { call in
      let order: NoiseOrder = call.string("order") == "before_spurious" ? .beforeSpurious : .afterSpurious
      return .dataStage(.labelNoise(.flip(call.number("rate"), order: order)))
    },
    Builtin(
      "samples", .data, [.required("n", .integer(min: 1))], returns: "data stage",
      doc: "a finite training set of n samples reused by epochs (default: online, a fresh batch every step)"
    ) { call in
      // Checked here, at the call, rather than by the core at `train`, whose caret is on the whole train.
      guard call.int("n") <= Int(UInt32.max) else {
        throw call.error("n", "samples: n is at most \(UInt32.max), got \(call.int("n"))")
      }
      return .dataStage(.sampling(.finite(call.int("n"))))
    },
    Builtin(
      "test", .data,
      [
        .required("data", .data, "training data"),
        .defaulted("distribution", .option("test distribution"), .option(.distribution(.iid))),
        .defaulted("n", .integer(min: 1), .number(100_000)),
      ],
      returns: "data",
      doc:
        "a test set of n samples drawn once (test stream) from iid, same, reversed, majority, minority, balanced, "
        + "heldout(λ′), cell(y, s); all but iid and same need a spurious coordinate"
    ) { call in
      guard case .data(let data) = call.value("data"), case .train(let spec, let hasSignal) = data.kind else {
        throw call.error("data", "test(…) needs training data, not a test set", code: .type)
      }
      guard hasSignal else {
        throw call.error("data", "the data has no label yet", help: "pipe one in: hypercube(100) | xor(1, 2)")
      }
      guard case .option(.distribution(let distribution)) = call.value("distribution") else { return .none }
      // Without a spurious coordinate these would silently be iid (or fail only at the first measurement).
      switch distribution {
      case .iid, .same: break
      case .reversed, .group, .groupBalanced, .heldOut:
        if spec.spurious == .none {
          throw Spurious.missing(
            "distribution: \(DistributionText.source(distribution)) needs data with a spurious coordinate",
            at: call.range(of: "distribution"), data: call.value("data"))
        }
      }
      let n = call.int("n")
      guard n <= 50_000_000 else { throw call.error("n", "n: \(n) test samples is more than 50 000 000") }
      return .data(
        DataValue(.test(base: spec, distribution: distribution, n: n, seed: call.interpreter.currentSeed)))
    },
    Builtin(
      "heldout", .data, [.required("flip", flip, "λ′")], returns: "test distribution",
      doc: "test distribution: held-out data (its own stream) with its own λ′"
    ) { call in .option(.distribution(.heldOut(flip: call.number("flip")))) },
    Builtin(
      "cell", .data,
      [
        .required("y", .number, "the label, 1 or −1"),
        .required("s", .number, "the spurious coordinate, 1 or −1"),
      ],
      returns: "test distribution",
      doc: "one of the four groups (y, x_k) with y, s = ±1; also a group for accuracy and margin"
    ) { call in
      for label in ["y", "s"] where abs(call.number(label)) != 1 {
        throw call.error(label, "\(label): expected 1 or -1, got \(ValueText.number(call.number(label)))")
      }
      return .option(.distribution(.group(.cell(y: call.int("y"), spurious: call.int("s")))))
    },
  ]

  /// "the data has no spurious coordinate", with how to add one to this data.
  enum Spurious {
    static func missing(_ what: String, at range: SourceRange, data: Value?) -> RuntimeError {
      var help = "add one with | spurious(k, flip)"
      if case .data(let data)? = data {
        let pipe = DataValue(.train(data.spec, hasSignal: true)).summary.dropFirst("data ".count)
          .replacingOccurrences(of: " (online)", with: "")
        help = "add one: \(pipe) | spurious(k, flip)"
      }
      return RuntimeError(.value, what + "; the data has none", at: range, help: help)
    }
  }

  private static func distinct(_ call: Call, _ label: String) throws -> [Int] {
    let items = call.ints(label)
    guard !items.isEmpty else { throw call.error(label, "\(label): needs at least one coordinate") }
    guard Set(items).count == items.count else {
      throw call.error(label, "\(label): a coordinate appears twice")
    }
    return items
  }
}
