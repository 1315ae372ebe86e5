import XSGCore
import XSGSyntax

extension Interpreter {
  /// Creates a network's parameters (from the seed current at its declaration).
  func materialise(_ net: NetValue, dimension: Int, at range: SourceRange) throws {
    do {
      net.network = try Network(spec: net.spec, dimension: dimension, seed: net.seed)
      try record(seed: net.seed)
    } catch let error as CoreError {
      throw RuntimeError.from(error, at: range)
    }
  }

  /// `train NET on DATA with OPT for N steps`: the core runs the steps natively; the interpreter only
  /// evaluates the active probe blocks at probe times. Training a network again continues from its state.
  func train(
    network: Expr, data: Expr, optimizer: Expr, steps: Expr, at range: SourceRange, in scope: Environment
  ) throws -> Value {
    do {
      return try trainWritingFolder(
        network: network, data: data, optimizer: optimizer, steps: steps, at: range, in: scope)
    } catch let error as RuntimeError {
      // A probe block that an earlier REPL entry declared fails in this entry's train.
      throw error.reached(from: range, "during this train")
    } catch let stop as Interrupted {
      throw stop
    } catch let error as UsageError {
      throw error
    } catch {
      // What is left is the run folder failing to be written (a full disk, a subfolder in the way):
      // placed at the train, like every other failure of it, rather than as a bare system error.
      throw RuntimeError(
        .file, "cannot write the run folder: \(RunFolderError.reason(error))", at: range)
    }
  }

  private func trainWritingFolder(
    network: Expr, data: Expr, optimizer: Expr, steps: Expr, at range: SourceRange, in scope: Environment
  ) throws -> Value {
    // A probe calling a function that trains would start a train at every probe time of the outer one,
    // each with the same probe blocks active: runs nest until the call depth gives out.
    guard probeMoment == nil else {
      throw RuntimeError(
        .limit, "train cannot run inside a probe: probes are measured while another train is running",
        at: range, help: "train outside the probe block; probes only measure")
    }
    guard case .net(let net) = try evaluate(network, in: scope) else {
      throw RuntimeError(
        .type, "train needs a network here (declared with net … = relu2(…))", at: network.range)
    }
    let dataValue = try evaluate(data, in: scope)
    guard case .data(let dataHandle) = dataValue, case .train(let spec, let hasSignal) = dataHandle.kind
    else {
      let what =
        if case .data = dataValue { "a test set" } else { "\(ValueText.described(dataValue))" }
      throw RuntimeError(.type, "train needs training data here, got \(what)", at: data.range)
    }
    guard hasSignal else {
      throw RuntimeError(
        .value, "the data has no label function", at: data.range,
        help: "pipe one in: hypercube(100) | xor(1, 2)")
    }
    guard case .opt(let opt) = try evaluate(optimizer, in: scope) else {
      throw RuntimeError(
        .type, "train needs an optimiser here (declared with opt … = sgd(…))", at: optimizer.range)
    }
    let count = try wholeNumber(steps, in: scope, role: "the number of steps")
    guard count >= 0 else {
      throw RuntimeError(.value, "the number of steps must be ≥ 0, got \(count)", at: steps.range)
    }

    if net.network == nil { try materialise(net, dimension: spec.dimension, at: network.range) }
    guard let start = net.network else { return .none }
    guard start.dimension == spec.dimension else {
      throw RuntimeError(
        .shape, "the network has input dimension \(start.dimension) but the data has d = \(spec.dimension)",
        at: data.range)
    }

    // Evaluations of earlier steps are never asked for again, and they keep their test sets alive: in a
    // sweep the cache held the test sets of the last several runs.
    evaluations.removeAll()
    let blocks = scope.activeProbes
    var names: [String] = []
    var entries: [(entry: ProbeEntry, scope: Environment, every: Int)] = []
    for block in blocks {
      for entry in block.entries {
        guard !names.contains(entry.name.name) else {
          throw RuntimeError(
            .name, "probe '\(entry.name.name)' is defined by two active probe blocks", at: entry.name.range)
        }
        names.append(entry.name.name)
        entries.append((entry, block.scope, block.every))
      }
    }
    let probeEvery = blocks.map(\.every).reduce(0, gcd)
    // The core calls back at this cadence: probe times, or (without probes) often enough for progress.
    let every = probeEvery > 0 ? probeEvery : max(1, count / 200)

    try record(seed: seed)
    let trainer: Trainer
    do {
      trainer = try Trainer(
        network: start, data: spec, optimizer: opt.spec, seed: seed, threads: settings.threads)
    } catch let error as CoreError {
      throw RuntimeError.from(error, at: range)
    }

    let parameters = loopVariables.map { ($0.0, Self.parameterText($0.1)) }
    let record = try folder?.beginRun(parameters: parameters, probeNames: names)
    let run = RunValue(
      record: record, ordinal: runCount + 1, network: net, data: dataHandle, optimizer: opt,
      firstStep: start.step,
      probeNames: names, parameters: parameters)
    runCount += 1
    net.trainedOn = spec
    net.lastLoss = opt.spec.loss

    // The first value of each probe fixes its kind and, per neuron, its length.
    var firstColumns = [ProbeTable.Column?](repeating: nil, count: entries.count)
    let progress = settings.progress
    progress.begin(
      label: "train", from: start.step, total: start.step + count, samplesPerStep: opt.spec.batchSize)
    defer { progress.end() }
    let outcome: TrainingOutcome
    do {
      outcome = try trainer.train(
        steps: count, every: every, shouldStop: settings.shouldStop
      ) { moment in
        // Each block at its own cadence (the callbacks come at their gcd); every block at the first and
        // the last step, and where training stops.
        let ending = moment.step == start.step + count || settings.shouldStop()
        let offset = moment.step - start.step
        let due = entries.map { offset % $0.every == 0 || ending }
        let isProbeTime = due.contains(true) || (entries.isEmpty && (offset == 0 || ending))
        guard isProbeTime else {
          progress.update(step: moment.step, probes: [])
          return
        }
        net.network = moment.network
        probeMoment = ProbeMoment(step: moment.step, batchLoss: moment.batchLoss)
        defer { probeMoment = nil }
        var columns: [ProbeTable.Column] = []
        for (i, (probe, isDue)) in zip(entries, due).enumerated() {
          let column =
            isDue ? try probeColumn(probe.entry, in: probe.scope, train: range) : ProbeTable.Column.missing
          if column != .missing {
            if let first = firstColumns[i] {
              try Self.checkShape(column, like: first, of: probe.entry, at: moment.step)
            } else {
              firstColumns[i] = column
            }
          }
          columns.append(column)
        }
        run.table.append(step: moment.step, values: columns)
        run.lastStep = moment.step
        record?.advance(to: moment.step - start.step)
        try record?.append(step: moment.step, values: columns)
        progress.update(
          step: moment.step,
          probes: zip(names, columns).compactMap { name, column in
            if case .scalar(let x) = column { return (name, ValueText.number(x)) }
            return nil
          })
      }
    } catch let error as CoreError {
      net.network = trainer.network
      run.status = .failed
      try record?.end(status: .failed)
      // Before the first update no learning rate is involved: the weights it started from overflow.
      if case .nonFinite(let step, _) = error, step == start.step {
        throw RuntimeError(
          .training, "the loss is not finite before any update: " + error.description, at: range,
          help: "the network's outputs overflow at the weights it starts from: try a smaller init scale θ")
      }
      throw RuntimeError.from(error, at: range)
    } catch {
      net.network = trainer.network
      run.status = .failed
      try record?.end(status: .failed)
      throw error
    }
    net.network = trainer.network
    if case .interrupted(let step) = outcome {
      run.status = .interrupted
      run.lastStep = step
      record?.advance(to: step - start.step)
      try record?.end(status: .interrupted)
      throw Interrupted(partial: .run(run))
    }
    run.status = .ok
    record?.advance(to: count)
    try record?.end(status: .ok)
    return .run(run)
  }

  /// A loop variable as index.csv and summary.json give it: in full, so that 0.0012345678 and
  /// 0.0012345679, or two 100-element vectors that differ after the 8th, are told apart (`print` shows 6
  /// digits and 8 elements; the folder names shorten numbers for reading).
  static func parameterText(_ value: Value) -> String {
    switch value {
    case .number(let x): NumberText.roundTrip(x)
    case .vector(let v): "[" + v.map(NumberText.roundTrip).joined(separator: ", ") + "]"
    case .list(let items): "[" + items.map(parameterText).joined(separator: ", ") + "]"
    default: ValueText.printed(value)
    }
  }

  /// A probe keeps the kind of its first value, and a per-neuron probe its length: probes.csv, the
  /// neurons/ tables and the events have one shape per probe. A number after a vector was silently left
  /// out of every file, and vectors of changing length gave ragged neuron tables.
  static func checkShape(
    _ column: ProbeTable.Column, like first: ProbeTable.Column, of entry: ProbeEntry, at step: Int
  ) throws {
    func kind(_ column: ProbeTable.Column) -> String {
      switch column {
      case .scalar: "a number"
      case .bool: "true/false"
      case .vector(let v): "a vector of \(v.count)"
      case .missing: "nothing"
      }
    }
    let same: Bool
    switch (column, first) {
    case (.scalar, .scalar), (.bool, .bool): same = true
    case (.vector(let v), .vector(let w)): same = v.count == w.count
    default: same = false
    }
    guard !same else { return }
    let isLength = if case .vector = column, case .vector = first { true } else { false }
    throw RuntimeError(
      isLength ? .shape : .type,
      "probe '\(entry.name.name)' gave \(kind(column)) at step \(step) but \(kind(first)) before: a probe keeps "
        + "the kind and length of its first value",
      at: entry.value.range)
  }

  /// One probe's value at a probe time: a number, true/false (an event), or a per-neuron vector.
  private func probeColumn(_ entry: ProbeEntry, in scope: Environment, train: SourceRange) throws
    -> ProbeTable.Column
  {
    let value: Value
    do {
      value = try evaluate(entry.value, in: scope)
    } catch var error as RuntimeError
      where error.undefinedName(in: entry.value.range) != nil
    {
      // The static check (E0211) reports names declared nowhere or after a train it can see; this one
      // is declared after a train it cannot (one inside a function called through a `let`, say). A
      // suggestion of another name would mislead: the train is what runs too early.
      error.suggestion = nil
      error.help = "a probe runs during the train, and sees only the names declared before it"
      error.labels.append(Diagnostic.Label(train, "probe '\(entry.name.name)' runs during this train"))
      error.undefinedName = nil
      throw error
    }
    switch value {
    case .number(let x): return .scalar(x)
    case .bool(let b): return .bool(b)
    case .vector(let v): return .vector(v)
    default:
      throw RuntimeError(
        .type,
        "probe '\(entry.name.name)' must give a number, true/false or a per-neuron vector, got \(value.kind)",
        at: entry.value.range)
    }
  }
}

private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
