import ArgumentParser
import Foundation
import XSGSyntax

/// `xsg fmt [-w] [--check] FILE…`: print scripts in the canonical layout, keeping comments.
struct Fmt: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print scripts in the canonical layout, keeping comments.",
    discussion: """
      Without options, prints each formatted script to stdout. With -w, rewrites the files that \
      change. With --check, writes nothing, prints a unified diff for each file that is not \
      formatted, and exits 1 if any is not. A script with syntax errors is not formatted (exit 65); \
      a missing file exits 66.
      """)

  @Flag(name: .customShort("w"), help: "Rewrite the files in place.")
  var write = false

  @Flag(name: .long, help: "Only check: print a diff for unformatted files and exit 1 if there are any.")
  var check = false

  @Argument(help: "The .xsg scripts to format.")
  var files: [String]

  func validate() throws {
    if write && check { throw ValidationError("-w and --check cannot be used together") }
    // `-` is the standard input, which cannot be rewritten in place (-w would create a file named `-`).
    if write && files.contains("-") {
      throw ValidationError(
        "-w cannot rewrite the standard input ('-'); without -w the result goes to stdout")
    }
  }

  func run() throws {
    var status = ExitStatus.success
    var unformatted = false
    for path in files {
      guard let source = ScriptFile.read(path) else {
        status = ExitStatus.noInput
        continue
      }
      let parsed = Parser.parse(source)
      guard !parsed.diagnostics.hasErrors else {
        ScriptFile.report(parsed.diagnostics, in: source, short: false)
        if status == ExitStatus.success { status = ExitStatus.dataError }
        continue
      }
      let formatted = SourceFormatter.format(parsed.program)
      if check {
        let diff = UnifiedDiff.diff(source.text, formatted, oldName: path, newName: path + " (formatted)")
        if !diff.isEmpty {
          unformatted = true
          print(diff, terminator: "")
        }
      } else if write {
        guard formatted != source.text else { continue }
        do {
          try Data(formatted.utf8).write(to: URL(filePath: path), options: .atomic)
        } catch {
          FileHandle.standardError.write(
            Data("xsg: \(path): cannot be written: \(error.localizedDescription)\n".utf8))
          status = ExitStatus.software
        }
      } else {
        print(formatted, terminator: "")
      }
    }
    if status != ExitStatus.success { throw status }
    if unformatted { throw ExitCode(1) }
  }
}
