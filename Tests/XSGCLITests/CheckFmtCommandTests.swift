import Foundation
import TestSupport
import Testing

/// `xsg check` and `xsg fmt` end to end: exit codes, where output goes, files rewritten.
@Suite struct CheckFmtCommandTests {
  /// Writes `files` (name → contents) into `folder`.
  func write(_ files: [String: String], in folder: URL) throws {
    for (name, text) in files { try Data(text.utf8).write(to: folder.appending(path: name)) }
  }

  @Test func checkExitsZeroOnACleanScript() throws {
    let folder = try ScratchFolder.make("xsg-checkfmt")
    defer { ScratchFolder.remove(folder) }
    try write(["ok.xsg": "let d = 100\nprint d + 1\n"], in: folder)
    let result = try Binary.run(["check", "ok.xsg"], in: folder)
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty && result.stderr.isEmpty)
  }

  @Test func checkReportsEveryErrorRichlyAndExits65() throws {
    let folder = try ScratchFolder.make("xsg-checkfmt")
    defer { ScratchFolder.remove(folder) }
    try write(["bad.xsg": "let x = (1 + 2\nlet y = 2 *\nprint y\n"], in: folder)
    let result = try Binary.run(["check", "bad.xsg"], in: folder)
    #expect(result.status == 65)
    #expect(
      result.stderr == """
        bad.xsg:1:15: error[E0102]: expected ')' to close '(' opened at 1:9, found end of line
         1 | let x = (1 + 2
           |               ^
           |         - '(' opened here

        bad.xsg:2:12: error[E0101]: expected an expression, found end of line
         2 | let y = 2 *
           |            ^

        """)
  }

  @Test func checkShortFormAndStaticChecks() throws {
    let folder = try ScratchFolder.make("xsg-checkfmt")
    defer { ScratchFolder.remove(folder) }
    try write(["names.xsg": "let d = 1\nlet d = 2\nreturn d\n"], in: folder)
    let result = try Binary.run(["check", "--short", "names.xsg"], in: folder)
    #expect(result.status == 65)
    #expect(
      result.stderr == """
        names.xsg:2:5: error[E0202]: 'd' is already declared in this scope
        names.xsg:3:1: error[E0203]: 'return' can only be used inside a function body

        """)
  }

  @Test func checkUsesTheBuiltinRegistry() throws {
    let folder = try ScratchFolder.make("xsg-checkfmt")
    defer { ScratchFolder.remove(folder) }
    try write(["reg.xsg": "net f = relu2(widht: 10)\nprint nosuchname\n"], in: folder)
    let result = try Binary.run(["check", "--short", "reg.xsg"], in: folder)
    #expect(result.status == 65)
    #expect(
      result.stderr.contains("error[E0205]: 'relu2' has no parameter named 'widht'; did you mean 'width'?"))
    #expect(result.stderr.contains("error[E0201]: cannot find 'nosuchname' in scope"))
  }

  @Test func checkMissingFileExits66() throws {
    let folder = try ScratchFolder.make("xsg-checkfmt")
    defer { ScratchFolder.remove(folder) }
    try write(["ok.xsg": "print 1\n"], in: folder)
    let result = try Binary.run(["check", "ok.xsg", "missing.xsg"], in: folder)
    #expect(result.status == 66)
    #expect(result.stderr.contains("missing.xsg: no such file"))
  }

  @Test func fmtPrintsWritesAndChecks() throws {
    let messy = "let d=100   # dimension\nif d>1{print d\n}\n"
    let canonical = "let d = 100  # dimension\nif d > 1 {\n  print d\n}\n"
    let folder = try ScratchFolder.make("xsg-checkfmt")
    defer { ScratchFolder.remove(folder) }
    try write(["m.xsg": messy], in: folder)

    let printed = try Binary.run(["fmt", "m.xsg"], in: folder)
    #expect(printed.status == 0)
    #expect(printed.stdout == canonical)

    let checked = try Binary.run(["fmt", "--check", "m.xsg"], in: folder)
    #expect(checked.status == 1)
    #expect(checked.stdout.hasPrefix("--- m.xsg\n+++ m.xsg (formatted)\n@@ -1,3 +1,4 @@\n"))
    #expect(
      checked.stdout.contains("-if d>1{print d\n+let d = 100  # dimension\n+if d > 1 {\n+  print d\n }\n"))

    let written = try Binary.run(["fmt", "-w", "m.xsg"], in: folder)
    #expect(written.status == 0)
    #expect(try String(contentsOf: folder.appending(path: "m.xsg"), encoding: .utf8) == canonical)
    #expect(try Binary.run(["fmt", "--check", "m.xsg"], in: folder).status == 0)
  }

  @Test func fmtRefusesAScriptWithSyntaxErrors() throws {
    let folder = try ScratchFolder.make("xsg-checkfmt")
    defer { ScratchFolder.remove(folder) }
    try write(["bad.xsg": "let = 1\n"], in: folder)
    let result = try Binary.run(["fmt", "-w", "bad.xsg"], in: folder)
    #expect(result.status == 65)
    #expect(result.stderr.contains("error[E0104]"))
    #expect(try String(contentsOf: folder.appending(path: "bad.xsg"), encoding: .utf8) == "let = 1\n")
  }

  /// `-` reads the standard input: it formats to stdout, and -w refuses it instead of writing a file named `-`.
  @Test func fmtOfTheStandardInput() throws {
    let folder = try ScratchFolder.make("xsg-checkfmt")
    defer { ScratchFolder.remove(folder) }
    let printed = try Binary.run(["fmt", "-"], stdin: "let  d=1\n", in: folder)
    #expect(printed.status == 0)
    #expect(printed.stdout == "let d = 1\n")
    let written = try Binary.run(["fmt", "-w", "-"], stdin: "let  d=1\n", in: folder)
    #expect(written.status == 64)
    #expect(written.stderr.contains("-w cannot rewrite the standard input"))
    #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "-").path))
  }
}
