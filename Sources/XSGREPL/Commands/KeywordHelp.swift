/// `:help` for the language's keywords: the statement or expression each one starts, in one example.
enum KeywordHelp {
  static let entries: [String: String] = [
    "let":
      "let NAME = EXPR — bind a name; top-level lets of a script can be overridden by `xsg run f.xsg NAME=VALUE`",
    "data":
      "data NAME = EXPR — declare a data set: `data train = hypercube(100) | xor(1, 2) | spurious(3, flip: 0.1)`",
    "net": "net NAME = EXPR — declare a network: `net f = relu2(width: 10, init: sphere(0.01))`",
    "opt": "opt NAME = EXPR — declare an optimiser: `opt sgd = sgd(lr: 0.05, batch: 5000, loss: logistic2)`",
    "probe":
      "probe every N { NAME = EXPR … } — measurements taken every N steps by every later `train` in scope",
    "every": "probe every N { … } — the cadence of a probe block, in steps",
    "seed": "seed EXPR — set the random seed of what follows",
    "print": "print EXPR, EXPR … — write values separated by spaces, then a newline",
    "if": "if COND { … } else if COND { … } else { … }",
    "else": "if COND { … } else { … }",
    "for": "for NAME in LIST-OR-RANGE { … } — a sweep is a loop: `for λ in [0.0, 0.1, 0.25] { … }`",
    "in": "for NAME in LIST-OR-RANGE { … }",
    "fn": "fn NAME(PARAM, LABEL: DEFAULT) { … return EXPR } — define a function",
    "return": "return EXPR — leave a function with a value",
    "train":
      "train NET on DATA with OPT for N steps — run SGD; the value is a run (`run.final.w_sp`, `run.w_sp`); "
      + "training the same network again continues from its current state",
    "on": "train NET on DATA with OPT for N steps",
    "with": "train NET on DATA with OPT for N steps",
    "steps": "train NET on DATA with OPT for N steps",
    "true": "the boolean true",
    "false": "the boolean false",
    "and": "A and B — true when both are",
    "or": "A or B — true when either is",
    "not": "not A — the opposite truth value",
  ]
}
