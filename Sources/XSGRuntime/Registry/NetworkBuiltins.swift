import XSGCore

/// Networks and their initialisations.
enum NetworkBuiltins {
  static let all: [Builtin] = [
    Builtin(
      "relu2", .network,
      [
        .defaulted("width", .integer(min: 1), .number(10), "p"),
        .defaulted("init", .option("initialisation"), .option(.initialization(.sphere(0.01)))),
        .defaulted("bias", .any, .none, "none | trained | fixed"),
        .defaulted("bias_init", .number, .number(0)),
        .defaulted("second", .symbol(["trained", "frozen"]), .symbol("trained")),
        .defaulted(
          "scale", .oneOf([.interval(1, 1), .option("output scale")]), .number(1), "1 | mean_field | ntk"),
        .optional("d", .integer(min: 1), "create the parameters now instead of at the first train"),
      ],
      returns: "network", doc: "f(x) = s·Σ_j a_j·ReLU(⟨w_j, x⟩ + b_j): two-layer ReLU network of width p"
    ) { call in
      let width = call.int("width")
      guard width <= 1 << 20 else {
        throw call.error("width", "width: \(width) is too large (at most 1048576)")
      }
      guard case .option(.initialization(let initialization)) = call.value("init") else { return .none }
      let bias: BiasMode
      switch call.value("bias") {
      case .none?, nil: bias = .none
      case .symbol("trained"): bias = .trained(initial: call.number("bias_init"))
      case .symbol("fixed"): bias = .fixed(call.number("bias_init"))
      case let other?:
        throw call.error(
          "bias", "bias: expected none, trained or fixed, got \(ValueText.show(other))", code: .type)
      }
      var scale = OutputScale.one
      if case .option(.scale(let s)) = call.value("scale") { scale = s }
      if case .symmetric = initialization, width % 2 != 0 {
        throw call.error(
          "width", "width: symmetric init pairs neurons, so the width must be even, got \(width)")
      }
      let spec = NetworkSpec(
        width: width, bias: bias, secondLayer: call.string("second") == "frozen" ? .frozen : .trained,
        outputScale: scale, initialization: initialization)
      let net = NetValue(spec: spec, seed: call.interpreter.currentSeed)
      if call.has("d") {
        try call.interpreter.materialise(net, dimension: call.int("d"), at: call.range(of: "d"))
      }
      return .net(net)
    },
    Builtin(
      "sphere", .network, [.defaulted("theta", .nonNegative, .number(0.01), "θ")], returns: "initialisation",
      doc: "w_j = θ·g/‖g‖ with g ~ N(0, I), a_j = ±θ: |a_j| = ‖w_j‖ = θ (the paper's init)"
    ) { call in .option(.initialization(.sphere(call.number("theta")))) },
    Builtin(
      "gaussian", .network,
      [.required("std", .nonNegative, "σ of w"), .optional("a_std", .nonNegative, "σ of a (default: std)")],
      returns: "initialisation", doc: "independent Gaussian entries: w ~ N(0, σ²), a ~ N(0, a_std²)"
    ) { call in
      let std = call.number("std")
      let aStd = call.has("a_std") ? call.number("a_std") : std
      return .option(.initialization(.gaussian(weightStd: std, output: .gaussian(aStd))))
    },
    Builtin(
      "symmetric", .network, [.required("init", .option("initialisation"))], returns: "initialisation",
      doc: "neurons in pairs with equal w and opposite a, so f ≡ 0 at initialisation (even width)"
    ) { call in
      guard case .option(.initialization(let base)) = call.value("init") else { return .none }
      if case .symmetric = base {
        throw call.error("init", "symmetric(symmetric(…)) is not an initialisation")
      }
      return .option(.initialization(.symmetric(base)))
    },
  ]
}

/// Optimisers, losses and schedules.
enum OptimizerBuiltins {
  static let losses: [String: Loss] = [
    "logistic2": .logistic2, "logistic": .logistic, "linear0": .firstOrder, "hinge": .hinge,
    "square": .square,
  ]

  static let all: [Builtin] = [
    Builtin(
      "sgd", .optimiser,
      [
        .defaulted("lr", .nonNegative, .number(0.05), "η"),
        .defaulted("batch", .integer(min: 1), .number(5000)),
        .defaulted(
          "loss", .symbol(["logistic2", "logistic", "linear0", "hinge", "square"]), .symbol("logistic2")),
        .defaulted("schedule", .option("schedule"), .option(.schedule(.constant))),
        .defaulted("weight_decay", .nonNegative, .number(0)),
        .optional("lr_w", .nonNegative, "first-layer learning rate (default lr)"),
        .optional("lr_a", .nonNegative, "second-layer learning rate (default lr)"),
        .optional("lr_b", .nonNegative, "bias learning rate (default lr)"),
        .defaulted(
          "freeze_w", .integer(min: 0), .number(0), "keep the first layer fixed for this many steps"),
        .defaulted(
          "freeze_a", .integer(min: 0), .number(0), "keep the second layer fixed for this many steps"),
        .defaulted("sign", .bool, .bool(false), "sign-SGD"),
      ],
      returns: "optimiser",
      doc: "online minibatch SGD (no momentum); per-layer rates, weight decay, schedules, freezing, sign-SGD"
    ) { call in
      let lr = call.number("lr")
      guard call.int("batch") <= Int(UInt32.max) else {
        throw call.error("batch", "batch: at most \(UInt32.max) samples, got \(call.int("batch"))")
      }
      var rates = LayerRates()
      for (label, path) in [
        ("lr_w", \LayerRates.first), ("lr_a", \LayerRates.second), ("lr_b", \LayerRates.bias),
      ]
      where call.has(label) {
        guard lr > 0 else {
          throw call.error(label, "\(label) needs lr > 0 (per-layer rates are relative to lr)")
        }
        rates[keyPath: path] = call.number(label) / lr
      }
      var frozen: [FrozenLayer] = []
      if call.int("freeze_w") > 0 { frozen.append(FrozenLayer(.first, steps: call.int("freeze_w"))) }
      if call.int("freeze_a") > 0 { frozen.append(FrozenLayer(.second, steps: call.int("freeze_a"))) }
      guard case .option(.schedule(let schedule)) = call.value("schedule") else { return .none }
      let spec = OptimizerSpec(
        learningRate: lr, batchSize: call.int("batch"), loss: losses[call.string("loss")] ?? .logistic2,
        schedule: schedule, weightDecay: call.number("weight_decay"), layerRates: rates, frozenFor: frozen,
        signSGD: call.bool("sign"))
      return .opt(OptValue(spec))
    },
    Builtin(
      "step_decay", .optimiser, [.required("every", .integer(min: 1)), .required("factor", .nonNegative)],
      returns: "schedule", doc: "learning rate multiplied by factor every `every` steps"
    ) { call in .option(.schedule(.step(every: call.int("every"), factor: call.number("factor")))) },
    Builtin(
      "cosine_decay", .optimiser,
      [.required("steps", .integer(min: 1)), .defaulted("floor", .interval(0, 1), .number(0))],
      returns: "schedule", doc: "cosine decay of the learning rate to floor·lr over `steps` steps"
    ) { call in .option(.schedule(.cosine(total: call.int("steps"), floor: call.number("floor")))) },
    Builtin(
      "inverse_time", .optimiser, [.required("tau", .positive, "τ")], returns: "schedule",
      doc: "learning rate lr/(1 + t/τ)"
    ) { call in .option(.schedule(.inverseTime(call.number("tau")))) },
  ]
}
