/// The rule for numbers: arithmetic and the math builtins never turn finite numbers into NaN or ±infinity.
/// A result that would be one (`1 / 0`, `0 / 0`, `log(0)`, `sqrt(-1)`, `exp(1000)`) is an E0502 error
/// at the operator or argument, naming the operation, the operands and, for vectors, matrices and series,
/// where the element sits: "log of a negative number (-1 at index 3)". A non-finite input (a probe value
/// of a diverged run) passes through unchanged: the error is for results the script itself makes undefined.
enum NonFinite {
  static let overflowHelp = "numbers are limited to about ±1.8e308"

  /// " (what at place)", " (what)", " (at place)" or "": the detail after the reason.
  static func detail(_ what: String?, at place: String?) -> String {
    switch (what, place) {
    case (let what?, let place?): " (\(what) at \(place))"
    case (let what?, nil): " (\(what))"
    case (nil, let place?): " (at \(place))"
    case (nil, nil): ""
    }
  }

  /// Why a result is not a number: "log of a negative number", with the operands to show ("-1") and a hint.
  struct Problem {
    var reason: String
    var what: String?
    var help: String?
  }

  /// Applies `f` to every element of `xs`; `problem` explains an element whose result is not finite
  /// although the element is, `place` says where element i sits, and `error` makes the error to throw
  /// from a message and a hint.
  static func map(
    _ xs: [Double], _ f: (Double) -> Double, place: (Int) -> String?, problem: (Double) -> Problem,
    error: (String, String?) -> RuntimeError
  ) throws -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(xs.count)
    for (i, x) in xs.enumerated() {
      let y = f(x)
      if !y.isFinite, x.isFinite {
        let found = problem(x)
        throw error(found.reason + detail(found.what, at: place(i)), found.help)
      }
      result.append(y)
    }
    return result
  }

  /// Where element i of a vector or list sits.
  static func index(_ i: Int) -> String { "index \(i + 1)" }

  /// Where element i of a row-major matrix with `columns` columns sits.
  static func cell(_ i: Int, columns: Int) -> String { "row \(i / columns + 1), column \(i % columns + 1)" }
}
