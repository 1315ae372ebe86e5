import Foundation

/// The reference of every builtin, generated from the registry: docs/builtins.md and REPL help.
/// A test fails when docs/builtins.md is stale; `XSG_REGENERATE_DOCS=1 swift test --filter RegistryTests`
/// rewrites it.
public enum BuiltinDocs {
  /// Help for one builtin: signature, doc, parameters.
  public static func help(_ builtin: Builtin) -> String {
    var lines = [builtin.signature + (builtin.isFunction ? " → \(builtin.returns)" : ""), builtin.doc]
    for parameter in builtin.parameters {
      lines.append("  \(parameter.label): " + describe(parameter))
    }
    return lines.joined(separator: "\n")
  }

  /// docs/builtins.md.
  public static var markdown: String {
    var out = """
      # Builtins

      Every name a script can use without defining it, generated from the builtin registry
      (`Sources/XSGRuntime/Registry`). Regenerate with `XSG_REGENERATE_DOCS=1 swift test --filter RegistryTests`.
      Arguments may be given by position (in the order shown) or by name; parameters with a default may be
      left out, and so may optional ones (giving them `none` is the same as leaving them out). Coordinates,
      list and vector indices are 1-based.

      """
    for category in Builtin.Category.allCases {
      let builtins = Registry.all.filter { $0.category == category }
      guard !builtins.isEmpty else { continue }
      out += "\n## \(category.rawValue)\n\n"
      if let intro = category.intro { out += intro + "\n\n" }
      if category == .constant {
        out += "| name | kind | meaning |\n|---|---|---|\n"
        for builtin in builtins {
          out += "| `\(builtin.name)` | \(builtin.returns) | \(escaped(builtin.doc)) |\n"
        }
        continue
      }
      for builtin in builtins {
        out += "### `\(builtin.signature)` → \(builtin.returns)\n\n\(builtin.doc)\n"
        if !builtin.parameters.isEmpty { out += "\n" }
        for parameter in builtin.parameters { out += "- `\(parameter.label)`: \(describe(parameter))\n" }
        out += "\n"
      }
    }
    let memberTables: [(String, [Members.Member])] = [
      ("a network (`f.w_sp`)", Members.network), ("a run (`run.final.w_sp`)", Members.run),
      ("a probe series (`run.w_sp.last`)", Members.series), ("data (`train.d`)", Members.data),
      ("an optimiser (`sgd.lr`)", Members.optimizer),
    ]
    out += "\n## Members\n"
    for (title, members) in memberTables {
      out += "\n### Members of \(title)\n\n| member | kind | meaning |\n|---|---|---|\n"
      for member in members { out += "| `\(member.name)` | \(member.returns) | \(escaped(member.doc)) |\n" }
    }
    out +=
      "\n## Runtime errors\n\nThey print like syntax errors (file:line:col, the line, a caret) and `xsg run` exits 70.\n\n"
    out += "| code | meaning |\n|---|---|\n"
    for code in RuntimeError.Code.allCases { out += "| \(code.rawValue) | \(escaped(code.meaning)) |\n" }
    return out
  }

  static func describe(_ parameter: Parameter) -> String {
    var text = parameter.type.description
    if let defaultText = parameter.defaultText { text += ", default `\(defaultText)`" }
    if parameter.optional { text += ", optional" }
    if !parameter.doc.isEmpty { text += " — " + parameter.doc }
    return text
  }

  private static func escaped(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}

extension Builtin.Category {
  /// What holds for every builtin of the category, said once at its head in docs/builtins.md.
  var intro: String? {
    switch self {
    case .math:
      """
      These functions, like the arithmetic operators, never turn numbers into NaN or infinity: a result that \
      would not be a finite number (`log(0)`, `log(-1)`, `sqrt(-1)`, `exp(1000)`, `logit(1)`, a `sum` beyond \
      about ±1.8e308) is an E0502 error at the argument. Element-wise, the error names the element: \
      `log of a negative number (-1 at index 3)`; for a matrix its row and column, for a series its step. \
      Values that already are NaN or infinite pass through unchanged.
      """
    default: nil
    }
  }
}

extension RuntimeError.Code {
  var meaning: String {
    switch self {
    case .type: "a value of the wrong kind: `1 - \"a\"`, `train 3 on …`"
    case .value:
      "a value out of range: `flip: 1.3`, `width: 0`; arithmetic with no finite result: division by zero, `log(0)`, overflow"
    case .shape: "shapes that do not fit: vectors of different lengths, a network of another dimension"
    case .name: "a name or member that does not exist (with a suggestion)"
    case .arguments: "a call with missing, extra, repeated or unknown arguments"
    case .training: "training diverged (NaN or infinity), with the step"
    case .memory: "the memory estimate of a configuration is too large"
    case .file:
      "a file name that leaves the run folder (absolute or with `..`) or is not an `.svg` figure name, or a file that cannot be written"
    case .limit: "a limit of the interpreter (calls nested too deeply, a train inside a probe)"
    }
  }
}

extension BuiltinDocs {
  /// One line per builtin, grouped by category: the overview `xsg builtins` and `xsg help builtins` print.
  /// With a `width`, each line is cut to it (with "…") so a help screen does not wrap.
  public static func summary(width: Int? = nil) -> String {
    var lines: [String] = []
    for category in Builtin.Category.allCases {
      let builtins = Registry.all.filter { $0.category == category }
      guard !builtins.isEmpty else { continue }
      if !lines.isEmpty { lines.append("") }
      lines.append(category.rawValue.uppercased() + ":")
      let column = min(34, builtins.map(\.signature.count).max() ?? 0)
      for builtin in builtins {
        let signature = builtin.signature
        let pad = String(repeating: " ", count: max(1, column - signature.count + 2))
        var line = "  " + signature + pad + builtin.doc
        if let width, line.count > width { line = String(line.prefix(width - 1)) + "…" }
        lines.append(line)
      }
    }
    return lines.joined(separator: "\n")
  }
}
