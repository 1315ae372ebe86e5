import ArgumentParser
import Foundation
import XSGRuntime
import XSGSyntax

/// `xsg check FILE…`: parse and statically check scripts without running them.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Parse and statically check scripts without running them.",
    discussion: """
      Reports syntax errors, duplicate declarations, 'return' outside a function and wrong calls of \
      user functions, each with file:line:col, the source line and a caret; warnings too (W0201, a \
      'let' in a block that hides the outer name it uses). Exit status: 0 when no file has an error \
      (warnings alone do not fail), 65 when any has an error, 66 when a file cannot be read.
      """)

  @Flag(name: .long, help: "One line per diagnostic (file:line:col: error[CODE]: message), for tools.")
  var short = false

  @Argument(help: "The .xsg scripts to check.")
  var files: [String]

  func run() throws {
    var status = ExitStatus.success
    for path in files {
      guard let source = ScriptFile.read(path) else {
        status = ExitStatus.noInput
        continue
      }
      let result = FrontEnd.check(source, oracle: ScriptFile.oracle)
      ScriptFile.report(result.diagnostics, in: source, short: short)
      if result.diagnostics.hasErrors, status == ExitStatus.success { status = ExitStatus.dataError }
    }
    if status != ExitStatus.success { throw status }
  }
}

/// Reading scripts and printing their diagnostics, shared by the subcommands that take script files.
enum ScriptFile {
  /// The builtin registry's view for static checks: unknown names, builtin arity and named arguments.
  static let oracle: (any NameOracle)? = RegistryOracle()

  /// The file as a `SourceFile`, or nil after printing why it cannot be read.
  static func read(_ path: String) -> SourceFile? {
    // `-` is the standard input (`xsg run -`, and `xsg < script.xsg` without a terminal).
    if path == "-" {
      return SourceFile(name: "<stdin>", bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile()))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
      FileHandle.standardError.write(Data("xsg: \(path): \(reason)\n".utf8))
      return nil
    }
    return SourceFile(name: path, bytes: [UInt8](data))
  }

  /// Prints diagnostics to stderr: rich (coloured on a terminal unless NO_COLOR is set) or short.
  static func report(_ diagnostics: [Diagnostic], in source: SourceFile, short: Bool) {
    guard !diagnostics.isEmpty else { return }
    let renderer = DiagnosticRenderer(source: source, color: stderrWantsColor)
    let text =
      short
      ? diagnostics.map(renderer.short).joined(separator: "\n") + "\n" : renderer.render(diagnostics)
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Colour only on a terminal and never with NO_COLOR (https://no-color.org).
  static var stderrWantsColor: Bool {
    isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
  }
}
