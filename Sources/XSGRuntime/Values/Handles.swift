import XSGCore
import XSGSyntax

/// A network value. Its parameters exist from the first `train` (the input dimension comes from the
/// data); training it again continues from its current state.
public final class NetValue: @unchecked Sendable {
  public let spec: NetworkSpec
  /// The seed current when the network was declared: it fixes the initialisation.
  public let seed: UInt64
  public internal(set) var network: Network?
  /// The data it was last trained on: it fixes which coordinates `w_sig`, `w_sp` and `w_perp` read.
  public internal(set) var trainedOn: DataSpec?
  /// The loss of its last optimiser: what `loss(f, test)` measures unless told otherwise.
  public internal(set) var lastLoss: Loss = .logistic2

  public init(spec: NetworkSpec, seed: UInt64) {
    self.spec = spec
    self.seed = seed
  }

  public var summary: String {
    var text = "network relu2(width: \(spec.width)"
    if let bias = OptionText.bias(spec.bias) { text += ", " + bias }
    if spec.secondLayer == .frozen { text += ", second: frozen" }
    if spec.outputScale != .one { text += ", scale: " + OptionText.scale(spec.outputScale) }
    text += ", init: \(InitText.name(spec.initialization)))"
    if let network {
      text += ", d = \(network.dimension), trained \(network.step) steps"
    } else {
      text += ", untrained"
    }
    return text
  }
}

/// An optimiser value: online minibatch SGD and its options.
public final class OptValue: @unchecked Sendable {
  public let spec: OptimizerSpec
  public init(_ spec: OptimizerSpec) { self.spec = spec }

  public var summary: String {
    var parts = [
      "lr: \(NumberText.roundTrip(spec.learningRate))", "batch: \(spec.batchSize)",
      "loss: \(LossName.name(spec.loss))",
    ]
    if spec.schedule != .constant { parts.append("schedule: " + OptionText.schedule(spec.schedule)) }
    if spec.weightDecay != 0 { parts.append("weight_decay: \(NumberText.roundTrip(spec.weightDecay))") }
    let rates = [
      ("lr_w", spec.layerRates.first), ("lr_a", spec.layerRates.second), ("lr_b", spec.layerRates.bias),
    ]
    for (label, factor) in rates where factor != 1 {
      parts.append("\(label): \(NumberText.roundTrip(spec.learningRate * factor))")
    }
    for frozen in spec.frozenFor {
      parts.append("freeze_\(frozen.layer == .first ? "w" : "a"): \(frozen.steps)")
    }
    if spec.signSGD { parts.append("sign: true") }
    return "optimiser sgd(" + parts.joined(separator: ", ") + ")"
  }
}

/// A configuration value made by a builtin: an initialisation, a schedule, a test distribution, a scale.
public enum OptionValue: Sendable {
  case initialization(Initialization)
  case schedule(LearningRateSchedule)
  case distribution(TestDistribution)
  case scale(OutputScale)

  public var kind: String {
    switch self {
    case .initialization: "initialisation"
    case .schedule: "schedule"
    case .distribution: "test distribution"
    case .scale: "output scale"
    }
  }

  public var summary: String {
    switch self {
    case .initialization(let i): InitText.name(i)
    case .schedule(let s): OptionText.schedule(s)
    case .distribution(let d): DistributionText.name(d)
    case .scale(let s): OptionText.scale(s)
    }
  }
}

/// A user function: its declaration and the environment it closes over.
///
/// The value bound in the scope that declares the function refers to that scope unowned: the scope holds
/// the value, and strong references both ways kept every call that declared a function alive, with
/// the test sets and networks in its scope (a loop of such calls grew by a call's data each time). Each
/// value taken out of a scope (`Environment.lookup`) refers to it strongly, so a function returned or
/// put in a list keeps its scope alive for as long as it is used.
public final class FunctionValue: @unchecked Sendable {
  public let declaration: FunctionDeclaration
  private unowned let scope: Environment
  private let retainedScope: Environment?

  var closure: Environment { retainedScope ?? scope }

  init(declaration: FunctionDeclaration, closure: Environment) {
    self.declaration = declaration
    scope = closure
    retainedScope = closure
  }

  private init(declaration: FunctionDeclaration, declaredIn scope: Environment) {
    self.declaration = declaration
    self.scope = scope
    retainedScope = nil
  }

  /// The value to bind in `scope`, the scope that declares the function.
  static func binding(_ declaration: FunctionDeclaration, in scope: Environment) -> FunctionValue {
    FunctionValue(declaration: declaration, declaredIn: scope)
  }

  /// A value that keeps the scope alive (itself when it already does).
  var retainingScope: FunctionValue {
    retainedScope == nil ? FunctionValue(declaration: declaration, closure: scope) : self
  }

  /// The same function: one declaration closed over one scope (copies taken out of a scope are equal).
  func isSame(as other: FunctionValue) -> Bool {
    declaration.name.range == other.declaration.name.range && closure === other.closure
  }

  public var name: String { declaration.name.name }

  public var signature: String {
    let params = declaration.parameters.map { p in p.defaultValue == nil ? p.name.name : "\(p.name.name): …" }
    return "fn \(name)(\(params.joined(separator: ", ")))"
  }
}

/// The names of core options as scripts write them.
enum LossName {
  static func name(_ loss: Loss) -> String {
    switch loss {
    case .logistic2: "logistic2"
    case .logistic: "logistic"
    case .firstOrder: "linear0"
    case .hinge: "hinge"
    case .square: "square"
    }
  }
}

enum InitText {
  static func name(_ initialization: Initialization) -> String {
    switch initialization {
    case .sphere(let theta): "sphere(\(NumberText.roundTrip(theta)))"
    case .gaussian(let std, let output): gaussianName(std, output)
    case .symmetric(let base): "symmetric(\(name(base)))"
    }
  }

  /// `gaussian(σ)` when a_std is its default σ, else `gaussian(σ, a_std: c)`, so that two initialisations
  /// that draw differently never print (or compare) alike.
  private static func gaussianName(_ std: Double, _ output: OutputInitialization) -> String {
    let sigma = NumberText.roundTrip(std)
    switch output {
    case .gaussian(let c) where c == std: return "gaussian(\(sigma))"
    case .gaussian(let c): return "gaussian(\(sigma), a_std: \(NumberText.roundTrip(c)))"
    case .signs(let c): return "gaussian(\(sigma), a: ±\(NumberText.roundTrip(c)))"
    case .constant(let c): return "gaussian(\(sigma), a: \(NumberText.roundTrip(c)))"
    }
  }
}
