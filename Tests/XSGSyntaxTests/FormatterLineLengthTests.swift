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

  /// The examples break their long `print`s, calls and probe lists where the meaning breaks; `fmt --check`
  /// failed on all of them. Breaks the source makes are kept when every line fits.
  @Test(arguments: [
    "print \"aligned at step\", run.events.aligned,\n  \"| growth rate\", fmt(rate(run.w_sp, from: steps / 10, to: 2)),\n  \"vs η(½−λ) =\", 0.05 * (0.5 - λ), \"and a few more words\"\n",
    "chart(λs, fractions, x_label: \"λ\", y_label: \"fraction of seeds that learn XOR\",\n  file: \"fraction.svg\", title: \"more\")\n",
    "probe every 10 {\n  loss = batch_loss(), aligned = f.alignment == 1\n  w_sp = abs(f.w_sp)\n}\n",
  ])
  func theSourcesBreaksAreKeptWhenTheyFit(text: String) {
    let parsed = Parser.parse(SourceFile(name: "t", text: text))
    #expect(!parsed.diagnostics.hasErrors)
    #expect(SourceFormatter.format(parsed.program) == text)
  }

  /// A break that leaves a line too long is not kept: the usual layout applies.
  @Test func aBreakThatDoesNotFitIsNotKept() {
    let long = String(repeating: "x", count: 97)
    let call = "chart(1,\n  \"\(long)\", 2)\n"
    let parsed = Parser.parse(SourceFile(name: "t", text: call))
    #expect(SourceFormatter.format(parsed.program) == "chart(\n  1,\n  \"\(long)\",\n  2,\n)\n")
    let probe = "probe every 1 {\n  a = 1, b = \"\(long)\"\n}\n"
    #expect(
      SourceFormatter.format(Parser.parse(SourceFile(name: "t", text: probe)).program)
        == "probe every 1 {\n  a = 1\n  b = \"\(long)\"\n}\n")
  }

  @Test func aShortPrintStaysOnOneLine() {
    let parsed = Parser.parse(SourceFile(name: "t", text: "print 1,\n  2\n"))
    #expect(SourceFormatter.format(parsed.program) == "print 1, 2\n")
  }
}
