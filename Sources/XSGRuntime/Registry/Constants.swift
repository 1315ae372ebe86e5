/// Names that stand for themselves: test distributions, groups, losses, scales, axis kinds.
enum Constants {
  static let all: [Builtin] = [
    Builtin(
      constant: "iid", .option(.distribution(.iid)),
      doc: "test distribution: the spurious coordinate independent of y (λ = ½)"),
    Builtin(
      constant: "same", .option(.distribution(.same)),
      doc: "test distribution: the training λ (without a spurious coordinate, the same as iid)"),
    Builtin(
      constant: "reversed", .option(.distribution(.reversed)), doc: "test distribution: λ replaced by 1 − λ"),
    Builtin(
      constant: "balanced", .option(.distribution(.groupBalanced)),
      doc: "test distribution: the four (y, x_k) cells in equal proportion"),
    Builtin(
      constant: "majority", .option(.distribution(.group(.majority))),
      doc: "the majority group {x_k = y} (a test distribution, or a group for accuracy/margin)"),
    Builtin(
      constant: "minority", .option(.distribution(.group(.minority))), doc: "the minority group {x_k ≠ y}"),
    Builtin(
      constant: "logistic2", .symbol("logistic2"),
      doc: "loss 2·log(1 + e^−z), the paper's default (z = y·f(x))"),
    Builtin(constant: "logistic", .symbol("logistic"), doc: "loss log(1 + e^−z)"),
    Builtin(constant: "linear0", .symbol("linear0"), doc: "Glasgow's first-order loss ℓ0(z) = 2 ln 2 − z"),
    Builtin(constant: "hinge", .symbol("hinge"), doc: "loss max(0, 1 − z)"),
    Builtin(constant: "square", .symbol("square"), doc: "loss ½(1 − z)²"),
    Builtin(
      constant: "constant", .option(.schedule(.constant)),
      doc: "learning-rate schedule: constant (the default)"),
    Builtin(constant: "mean_field", .option(.scale(.inverseWidth)), doc: "output scale 1/p"),
    Builtin(constant: "ntk", .option(.scale(.inverseSqrtWidth)), doc: "output scale 1/√p"),
    Builtin(constant: "trained", .symbol("trained"), doc: "a layer or bias that SGD updates"),
    Builtin(constant: "frozen", .symbol("frozen"), doc: "a second layer kept at its initial value"),
    Builtin(constant: "fixed", .symbol("fixed"), doc: "biases kept at their initial value"),
    Builtin(
      constant: "before_spurious", .symbol("before_spurious"),
      doc: "label noise first: the spurious copy follows the noisy label"),
    Builtin(
      constant: "after_spurious", .symbol("after_spurious"),
      doc: "label noise after the copy: the spurious coordinate follows the clean label"),
    Builtin(constant: "linear", .symbol("linear"), doc: "a linear plot axis (the default)"),
    Builtin(
      constant: "none", .none,
      doc: "no value (what a function without return gives, an event that never happened)"),
    Builtin(constant: "pi", .number(Double.pi), doc: "π"),
  ]
}
