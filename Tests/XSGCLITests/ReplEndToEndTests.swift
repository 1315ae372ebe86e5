import Foundation
import TestSupport
import Testing

/// The real binary at a real (tmux) terminal: readline, Tab completion, training, Ctrl-C, history.
/// Skipped, not failed, where tmux is missing. Every wait is bounded (see `ReplTerminal`).
@Suite(.enabled(if: ReplTerminal.tmux != nil, "needs tmux"), .serialized)
struct ReplEndToEndTests {
  @Test func declareCompleteTrainAndRead() throws {
    let terminal = try ReplTerminal()
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    for line in [
      "data hyper = hypercube(20) | xor(1, 2) | spurious(3, flip: 0.1)",
      "net network1 = relu2(width: 4, init: sphere(0.01))",
      "opt o = sgd(lr: 0.05, batch: 100, loss: logistic2)",
    ] {
      try terminal.type(line)
      try terminal.press("Enter")
    }
    // A multi-line probe block continues with the second prompt.
    try terminal.type("probe every 5 {")
    try terminal.press("Enter")
    try terminal.waitFor("...>")
    try terminal.type("w_sp = mean(network1.w_sp)")
    try terminal.press("Enter")
    try terminal.type("}")
    try terminal.press("Enter")
    // Tab completes a name bound in this session, and a member after the dot.
    try terminal.type("let r = train netw")
    try terminal.press("Tab")
    try terminal.waitFor("let r = train network1")
    try terminal.type("on hyper with o for 20 steps")
    try terminal.press("Enter")
    try terminal.type("network1.st")
    try terminal.press("Tab")
    try terminal.waitFor("network1.step")
    try terminal.press("Enter")
    try terminal.waitFor("whether the network trained") { screen in
      screen.split(separator: "\n").contains { $0 == "20" }
    }
    // Saved after each entry, not only at the end: a closed terminal (SIGHUP) keeps what was typed.
    let saved = try String(contentsOf: terminal.folder.appending(path: "state/xsg/history"), encoding: .utf8)
    #expect(saved.contains("let r = train network1 on hyper with o for 20 steps"))
    try terminal.type("r.final.w_sp")
    try terminal.press("Enter")
    try terminal.type(":env")
    try terminal.press("Enter")
    let screen = try terminal.waitFor("network1  network")
    #expect(!screen.contains("error"), "\(screen)")
    try terminal.press("C-d")
    #expect(try terminal.exitStatus() == 0)
    let history = try String(
      contentsOf: terminal.folder.appending(path: "state/xsg/history"), encoding: .utf8)
    #expect(history.contains("probe every 5 {\nw_sp = mean(network1.w_sp)\n}"))
    #expect(history.contains("let r = train network1 on hyper with o for 20 steps"))
  }

  @Test func ctrlCStopsTrainingAndKeepsTheNetwork() throws {
    let terminal = try ReplTerminal()
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    for line in [
      "data hyper = hypercube(20) | xor(1, 2)", "net f = relu2(width: 4)",
      "opt o = sgd(lr: 0.05, batch: 100)",
      "train f on hyper with o for 100_000_000 steps",
    ] {
      try terminal.type(line)
      try terminal.press("Enter")
    }
    // Wait until the network has visibly left step 0 is not possible from outside; give training a
    // moment to start, then interrupt it.
    usleep(500_000)
    try terminal.press("C-c")
    try terminal.waitFor("interrupted")
    try terminal.waitFor("the prompt to come back") { $0.hasSuffix("xsg>") }
    try terminal.type("f.step > 0")
    try terminal.press("Enter")
    try terminal.waitFor("true")
    // Ctrl-C at the prompt drops the line; Ctrl-D then ends the session.
    try terminal.type("let abandoned = 1")
    try terminal.press("C-c")
    try terminal.waitFor("let abandoned = 1^C")
    try terminal.type(":env")
    try terminal.press("Enter")
    let screen = try terminal.waitFor("f  ")
    #expect(!screen.contains("abandoned  "))
    try terminal.press("C-d")
    #expect(try terminal.exitStatus() == 0)
  }
}

/// A second Ctrl-C while an entry still runs ends xsg at once. It exited with status 130, which a shell
/// takes for an ordinary exit: a script running xsg went on after the Ctrl-C. Now xsg dies by SIGINT, as
/// `xsg run` does, and the script stops with it.
@Suite(.enabled(if: ReplTerminal.tmux != nil, "needs tmux"), .serialized)
struct ReplDoubleCtrlCTests {
  @Test func aSecondCtrlCBeforeTheFirstIsActedOnStopsTheScriptRunningXsg() throws {
    let terminal = try ReplTerminal(inScript: true)
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    // One builtin call over ten million numbers: no step boundary and no statement where a Ctrl-C is
    // acted on.
    try terminal.type("len(map(1..10_000_000, abs))")
    try terminal.press("Enter")
    usleep(300_000)
    try terminal.press("C-c")
    usleep(300_000)
    try terminal.press("C-c")
    try terminal.waitFor("xsg: interrupted twice, exiting", seconds: 5)
    #expect(try terminal.hasEnded())
    // The script's next command would have run, and said so, had xsg exited.
    let screen = try terminal.screen()
    #expect(!screen.contains("[xsg exited"), "\(screen)")
  }
}

/// Tab where only blanks precede the cursor indents, as in Python's REPL; elsewhere it completes.
@Suite(.enabled(if: ReplTerminal.tmux != nil, "needs tmux"), .serialized)
struct ReplTabTests {
  /// Tab at the start of a block's line listed all hundred names and asked "Display all …? (y or n)",
  /// which then took the next keys as its answer.
  @Test func tabAtTheStartOfALineIndents() throws {
    let terminal = try ReplTerminal()
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    try terminal.type("for i in 1..2 {")
    try terminal.press("Enter")
    try terminal.waitFor("...>")
    try terminal.press("Tab")
    try terminal.type("print 10 * i")
    try terminal.press("Enter")
    try terminal.type("}")
    try terminal.press("Enter")
    try terminal.waitFor("the values", seconds: 5) { $0.split(separator: "\n").contains("20") }
    // Completion still works after text, and the second Tab in a row still lists the choices.
    try terminal.type("let x = rel")
    try terminal.press("Tab")
    try terminal.waitFor("let x = relu2")
    try terminal.press("C-u")
    try terminal.type("re")
    try terminal.press("Tab", "Tab")
    let screen = try terminal.waitFor("reversed")
    #expect(screen.contains("...>   print 10 * i"), "\(screen)")
    #expect(!screen.contains("possibilities"), "\(screen)")
    try terminal.press("C-u", "C-d")
    #expect(try terminal.exitStatus() == 0)
  }
}

/// `xsg > out.txt` or `xsg | tee log` at a terminal: prompts and editing stay on the terminal (stderr),
/// the file gets the results.
@Suite(.enabled(if: ReplTerminal.tmux != nil, "needs tmux"), .serialized)
struct ReplRedirectedOutputTests {
  /// Prompts and echo went to the file, with readline's escape codes: the person typed blind.
  @Test(arguments: [false, true])
  func promptsStayOnTheTerminalAndResultsGoToTheFile(plain: Bool) throws {
    let terminal = try ReplTerminal(environment: plain ? ["XSG_NO_READLINE": "1"] : [:], output: "out.txt")
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    try terminal.type("let a = 6 * 7")
    try terminal.press("Enter")
    try terminal.type("a")
    try terminal.press("Enter")
    // Read before xsg exits: tmux may drop the top line of a pane that dies with no output above it.
    let screen = try terminal.waitFor("xsg> a\nxsg>")
    #expect(screen.contains("xsg> let a = 6 * 7\nxsg> a\nxsg>"), "\(screen)")
    try terminal.press("C-d")
    #expect(try terminal.exitStatus() == 0)
    let saved = try String(contentsOf: terminal.folder.appending(path: "out.txt"), encoding: .utf8)
    #expect(saved.hasSuffix("\n42\n"), "\(saved)")
    #expect(!saved.contains("xsg>") && !saved.contains("\u{1B}"), "\(saved)")
  }
}

/// Editing `λ` where the environment names no locale (containers, cluster nodes).
@Suite(.enabled(if: ReplTerminal.tmux != nil, "needs tmux"), .serialized)
struct ReplLocaleTests {
  /// In the C locale readline took `λ` for two bytes: it showed `\316\273` and the cursor went into it.
  @Test func utf8IsEditedAsCharactersWithoutALocale() throws {
    let terminal = try ReplTerminal(environment: ["LANG": "", "LC_ALL": "", "LC_CTYPE": ""])
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    try terminal.type("print \"λλλ\"")
    try terminal.press("Left", "Left")
    try terminal.type("x")
    try terminal.press("Enter")
    let screen = try terminal.waitFor("the text", seconds: 5) { $0.split(separator: "\n").contains("λλxλ") }
    #expect(screen.contains("xsg> print \"λλxλ\""), "\(screen)")
    try terminal.press("C-d")
    #expect(try terminal.exitStatus() == 0)
  }
}

/// Ctrl-D on an empty line: on a `...>` line it ends the entry, at `xsg>` the session, each time on the
/// next line and without the blank line that a second newline (readline writes one itself) left.
@Suite(.enabled(if: ReplTerminal.tmux != nil, "needs tmux"), .serialized)
struct ReplCtrlDTests {
  @Test func ctrlDEndsTheEntryThenTheSession() throws {
    let terminal = try ReplTerminal()
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    try terminal.type("let kept = 7")
    try terminal.press("Enter")
    try terminal.type("let a = (1 +")
    try terminal.press("Enter")
    try terminal.waitFor("...>")
    try terminal.press("C-d")
    var screen = try terminal.waitFor("error[")
    #expect(screen.contains("...>\n<repl>:2:1:"), "\(screen)")
    try terminal.type("kept")
    try terminal.press("Enter")
    try terminal.waitFor("the value", seconds: 5) { $0.split(separator: "\n").contains("7") }
    try terminal.press("C-d")
    #expect(try terminal.exitStatus() == 0)
    screen = try terminal.screen()
    #expect(screen.contains("7\nxsg>\n[xsg exited with status 0]"), "\(screen)")
  }
}

/// Ctrl-Z at the prompt, then `fg`: readline takes the terminal back and redraws the line.
@Suite(
  .enabled(if: ReplTerminal.tmux != nil, "needs tmux"),
  .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "needs bash"), .serialized)
struct ReplSuspendTests {
  /// xsg stopped with the terminal in readline's raw mode, and came back in the shell's: no prompt, and
  /// the arrow keys typed `^[[D` into the line.
  @Test func ctrlZThenFgRedrawsTheLineAndEditingWorks() throws {
    let terminal = try ReplTerminal(jobControl: true)
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    try terminal.type("let a = 1")
    try terminal.press("C-z")
    try terminal.waitFor("Stopped")
    try terminal.type("fg")
    try terminal.press("Enter")
    try terminal.waitFor("the line redrawn", seconds: 5) { $0.hasSuffix("xsg> let a = 1") }
    try terminal.type("2")
    try terminal.press("Left", "Left")
    try terminal.type("4")
    try terminal.press("Enter")
    try terminal.type("a")
    try terminal.press("Enter")
    let screen = try terminal.waitFor("the value", seconds: 5) { $0.split(separator: "\n").contains("412") }
    #expect(!screen.contains("^["), "\(screen)")
    try terminal.press("C-d")
    try terminal.waitFor("the shell's prompt", seconds: 5) { $0.hasSuffix("$") }
    try terminal.type("echo \"[xsg exited with status $?]\"")
    try terminal.press("Enter")
    #expect(try terminal.exitStatus() == 0)
  }
}

/// The plain reader (`TERM=dumb`, Emacs shell buffers, `XSG_NO_READLINE=1`) at a real terminal.
@Suite(.enabled(if: ReplTerminal.tmux != nil, "needs tmux"), .serialized)
struct ReplWithoutReadlineTests {
  /// A Ctrl-C at the prompt, or a resized terminal, used to leave glibc's `getline` spinning at full CPU:
  /// the session hung.
  @Test func ctrlCAtThePromptDropsTheEntryAndTheSessionGoesOn() throws {
    let terminal = try ReplTerminal(environment: ["XSG_NO_READLINE": "1"])
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    try terminal.resize(columns: 80, rows: 30)
    try terminal.type("1 + 2")
    try terminal.press("Enter")
    try terminal.waitFor("the value", seconds: 5) { $0.split(separator: "\n").contains("3") }
    try terminal.type("let a = (1 +")
    try terminal.press("Enter")
    try terminal.waitFor("...>")
    try terminal.press("C-c")
    try terminal.waitFor("a fresh prompt", seconds: 5) { $0.hasSuffix("xsg>") }
    try terminal.press("C-c")
    try terminal.type("6 * 7")
    try terminal.press("Enter")
    try terminal.waitFor("the value", seconds: 5) { $0.split(separator: "\n").contains("42") }
    try terminal.type(":env")
    try terminal.press("Enter")
    let screen = try terminal.waitFor("nothing is bound yet", seconds: 5)
    #expect(!screen.contains("error"), "\(screen)")
    try terminal.press("C-d")
    #expect(try terminal.exitStatus() == 0)
  }

  /// Ctrl-D twice after some text enters it as a line; the next prompt started on the same line.
  @Test func ctrlDAfterTextEntersTheLineAndEndsIt() throws {
    let terminal = try ReplTerminal(environment: ["XSG_NO_READLINE": "1"])
    defer { terminal.close() }
    try terminal.waitFor("xsg>")
    try terminal.type("let b = 3")
    try terminal.press("C-d")
    try terminal.press("C-d")
    try terminal.type("b")
    try terminal.press("Enter")
    let screen = try terminal.waitFor("the value", seconds: 5) { $0.split(separator: "\n").contains("3") }
    #expect(screen.contains("xsg> let b = 3\nxsg> b\n3"), "\(screen)")
    try terminal.press("C-d")
    #expect(try terminal.exitStatus() == 0)
  }
}

/// Without a terminal, `xsg` reads its input as a script, exactly like `xsg run -`: no prompts, no echo.
@Suite struct ReplWithoutTerminalTests {
  @Test func pipedInputRunsAsAScript() throws {
    let folder = try ScratchFolder.make("xsg-stdin")
    defer { ScratchFolder.remove(folder) }
    let result = try Binary.run([], stdin: "let a = 2\nprint a * 21\n", in: folder)
    #expect(result.stdout == "42\n")
    #expect(result.status == 0)
    #expect(!result.stderr.contains("xsg>"))
    let runs = try FileManager.default.contentsOfDirectory(atPath: folder.appending(path: "runs").path)
    #expect(runs.count == 1)
    #expect(runs.first?.hasPrefix("stdin-") == true)
  }

  @Test func aScriptNameAloneIsAnUnknownSubcommandWithAHint() throws {
    let result = try Binary.run(["experiment.xsg"])
    #expect(result.status == 64)
    #expect(
      result.stderr.contains("unknown subcommand 'experiment.xsg'; to run a script: xsg run experiment.xsg"))
    // xsg's usage, not the REPL's: the word was never meant for `xsg repl`.
    #expect(result.stderr.contains("Usage: xsg <subcommand>"))
    #expect(!result.stderr.contains("xsg repl"))
  }

  @Test func pipedErrorsAreDiagnosticsWithTheExitCodeOfRun() throws {
    let folder = try ScratchFolder.make("xsg-stdin")
    defer { ScratchFolder.remove(folder) }
    let result = try Binary.run(["repl"], stdin: "let a = (1 +\n", in: folder)
    #expect(result.status == 65)
    #expect(result.stderr.contains("<stdin>:1:"))
    #expect(result.stdout == "")
  }
}
