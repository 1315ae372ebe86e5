import Testing

@testable import XSGSyntax

/// `xsg fmt` keeps lines within `SourceFormatter.lineLength` where a statement can be broken.
@Suite struct FormatterLineLengthTests {
  /// A long `print`, wrapped by hand after a comma, was joined into one line of 150 columns (every
  /// multi-line `print` of examples/paper). It is broken after the commas that fit, and reparses to the
  /// same tree.
  @Test func aLongPrintIsBrokenAfterItsCommas() {
    let text = """
      for loss in [1, 2] {
        print loss, "w_sp", fmt(run.final.w_sp),
          "rate over the last fifth", fmt(rate(run.w_sp, from: steps * 4 / 5, to: steps)), "and some more words"
      }

      """
    let parsed = Parser.parse(SourceFile(name: "t", text: text))
    #expect(!parsed.diagnostics.hasErrors)
    let formatted = SourceFormatter.format(parsed.program)
    let lines = formatted.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= SourceFormatter.lineLength }, "\(formatted)")
    #expect(
      formatted == """
        for loss in [1, 2] {
          print loss, "w_sp", fmt(run.final.w_sp), "rate over the last fifth",
            fmt(rate(run.w_sp, from: steps * 4 / 5, to: steps)), "and some more words"
        }

        """)
    let reparsed = Parser.parse(SourceFile(name: "formatted", text: formatted))
    #expect(TreeDump.dump(reparsed.program) == TreeDump.dump(parsed.program))
    #expect(SourceFormatter.format(reparsed.program) == formatted)
  }

  @Test func aShortPrintStaysOnOneLine() {
    let parsed = Parser.parse(SourceFile(name: "t", text: "print 1,\n  2\n"))
    #expect(SourceFormatter.format(parsed.program) == "print 1, 2\n")
  }
}
