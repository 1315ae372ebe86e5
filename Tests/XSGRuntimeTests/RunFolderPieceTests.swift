import Foundation
import TestSupport
import Testing
import XSGSyntax

@testable import XSGRuntime

@Suite struct OverrideTests {
  @Test func parsesTypedLiterals() throws {
    #expect(try Override(argument: "d=200").value.kind == "number")
    if case .number(let x) = try Override(argument: "n=100_000").value { #expect(x == 100_000) }
    if case .number(let x) = try Override(argument: "lr=1e-3").value { #expect(x == 0.001) }
    if case .bool(let b) = try Override(argument: "log=true").value { #expect(b) }
    if case .string(let s) = try Override(argument: "name=\"a b\"").value { #expect(s == "a b") }
    if case .list(let items) = try Override(argument: "lams=[0, 0.1, 0.25]").value {
      #expect(items.count == 3)
    }
    if case .string(let s) = try Override(argument: "loss=hinge").value { #expect(s == "hinge") }
    #expect(try Override(argument: "λ=0.1").name == "λ")
  }

  /// Commas inside a string or a nested list do not split the list; a trailing comma is fine.
  @Test func listsSplitAtTheirOwnCommas() throws {
    #expect(ValueText.show(try Override(argument: #"names=["a,b", "c"]"#).value) == #"["a,b", "c"]"#)
    #expect(ValueText.show(try Override(argument: "ys=[[1, 2], [3]]").value) == "[[1, 2], [3]]")
    #expect(ValueText.show(try Override(argument: "l=[1, 2,]").value) == "[1, 2]")
    #expect(throws: OverrideError.badValue(name: "s", text: #""a", "b""#)) {
      try Override(argument: #"s="a", "b""#)
    }
  }

  /// A word stands for a builtin name of the kind the script's value has, in a list too; an element of
  /// another kind is a usage error before anything runs.
  @Test func wordsReplaceNamesOfTheSameKind() throws {
    func replaced(_ script: String, _ argument: String) throws -> Value? {
      let override = try Override(argument: argument)
      let program = Parser.parse(SourceFile(name: "t.xsg", text: script + "\n")).program
      guard case .let(_, let expr) = program.statements[0].kind else { return nil }
      let interpreter = Interpreter(settings: .init(write: { _ in }))
      let original = try interpreter.evaluate(expr, in: interpreter.globals)
      return try interpreter.overridden(original, with: override)
    }
    let losses = try replaced("let losses = [logistic2]", "losses=[hinge, square]")
    #expect(losses.map { Values.equal($0, .list([.symbol("hinge"), .symbol("square")])) } == true)
    #expect(try replaced("let dist = iid", "dist=reversed").map(ValueText.show) == "reversed")
    #expect(try replaced("let s = mean_field", "s=ntk").map(ValueText.show) == "ntk")
    #expect(throws: UsageError.overrideKind(name: "λs", expected: "number", got: "string", element: "x")) {
      try replaced("let λs = [0, 0.1]", "λs=[0.2, x]")
    }
    #expect(throws: UsageError.overrideKind(name: "s", expected: "output scale", got: "schedule")) {
      try replaced("let s = mean_field", "s=constant")
    }
    // Words that read as numbers that are not finite: "not a string" would puzzle.
    #expect(throws: UsageError.overrideNotFinite(name: "d", text: "nan")) {
      try replaced("let d = 10", "d=nan")
    }
    #expect(throws: UsageError.overrideNotFinite(name: "lr", text: "-inf")) {
      try replaced("let lr = 0.1", "lr=-inf")
    }
  }

  @Test func rejectsMalformed() {
    #expect(throws: OverrideError.malformed("d")) { try Override(argument: "d") }
    #expect(throws: OverrideError.malformed("=3")) { try Override(argument: "=3") }
    #expect(throws: OverrideError.badValue(name: "x", text: "[1,")) { try Override(argument: "x=[1,") }
    // A number must be finite: d=1e999 was read as infinity and failed later as a runtime error.
    #expect(throws: OverrideError.notFinite(name: "d", text: "1e999")) { try Override(argument: "d=1e999") }
    #expect(throws: OverrideError.badValue(name: "l", text: "[1, -1e400]")) {
      try Override(argument: "l=[1, -1e400]")
    }
  }
}

@Suite struct HermeticPathTests {
  @Test func relativeNamesStayInside() throws {
    #expect(try HermeticPath.check("phases.svg").get() == "phases.svg")
    #expect(try HermeticPath.check("figs/./a.svg").get() == "figs/a.svg")
  }

  @Test func escapesAreRefused() {
    #expect(throws: HermeticPathError.absolute("/etc/passwd")) { try HermeticPath.check("/etc/passwd").get() }
    #expect(throws: HermeticPathError.parent("../x.svg")) { try HermeticPath.check("../x.svg").get() }
    #expect(throws: HermeticPathError.parent("a/../../x")) { try HermeticPath.check("a/../../x").get() }
    #expect(throws: HermeticPathError.empty) { try HermeticPath.check("").get() }
  }
}

@Suite struct FileTextTests {
  /// A run folder for an empty script, as `xsg run` makes it.
  static func writer(at url: URL) throws -> RunFolderWriter {
    try RunFolderWriter(
      url: url, script: "", overrides: [],
      meta: RunMeta(xsgVersion: "test", script: "", scriptPath: nil, threads: 1, argv: []))
  }

  @Test func numbersRoundTrip() {
    for x in [0.1, 1.0 / 3.0, 1e-7, 123_456_789.125, -2.5, Double(Float(0.3))] {
      #expect(Double(NumberText.roundTrip(x)) == x)
    }
    #expect(NumberText.roundTrip(3) == "3")
  }

  @Test func jsonEscapesAndOrders() {
    let json = JSON.object([("b", .int(1)), ("a", .string("x\"\n")), ("c", .array([.bool(true), .null]))])
    #expect(json.text == #"{"b":1,"a":"x\"\n","c":[true,null]}"#)
  }

  @Test func atomicWriteReplaces() throws {
    let scratch = try ScratchFolder.make("xsg-atomic")
    defer { ScratchFolder.remove(scratch) }
    let folder = scratch.appending(path: "new")
    let file = folder.appending(path: "a.txt")
    try AtomicFile.write("one", to: file)
    try AtomicFile.write("two", to: file)
    #expect(try String(contentsOf: file, encoding: .utf8) == "two")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.txt"])
  }

  /// index.csv lists a sweep's running run as soon as its subfolder exists, with its progress so far.
  @Test func indexListsTheRunningRun() throws {
    let scratch = try ScratchFolder.make("xsg-index")
    defer { ScratchFolder.remove(scratch) }
    let url = scratch.appending(path: "run")
    let folder = try Self.writer(at: url)
    let first = try folder.beginRun(parameters: [("s", "1")], probeNames: ["w"])
    try first.append(step: 0, values: [.scalar(1)])
    first.advance(to: 2)
    try first.end(status: .ok)
    let second = try folder.beginRun(parameters: [("s", "2")], probeNames: ["w"])
    let index = url.appending(path: "index.csv")
    #expect(
      try String(contentsOf: index, encoding: .utf8)
        == "run,s,final_w,steps,status\ns=1,1,1,2,ok\ns=2,2,,0,running\n")
    try second.append(step: 0, values: [.scalar(0.5)])
    second.advance(to: 1)
    try second.append(step: 1, values: [.scalar(0.25)])
    try second.flush(force: true)  // what the rewrite every 2 s does
    #expect(
      try String(contentsOf: index, encoding: .utf8)
        == "run,s,final_w,steps,status\ns=1,1,1,2,ok\ns=2,2,0.25,1,running\n")
  }

  /// A loop variable named like a fixed column of index.csv gets its own header, not a second `steps`.
  @Test func indexHeadersAreUnique() throws {
    let scratch = try ScratchFolder.make("xsg-index")
    defer { ScratchFolder.remove(scratch) }
    let url = scratch.appending(path: "run")
    let folder = try Self.writer(at: url)
    for budget in ["3", "5"] {
      let record = try folder.beginRun(
        parameters: [("steps", budget), ("final_w", "a"), ("run", "b"), ("s", "1")], probeNames: ["w"])
      try record.append(step: 0, values: [.scalar(1)])
      record.advance(to: Int(budget)!)
      try record.end(status: .ok)
    }
    let header = try String(contentsOf: url.appending(path: "index.csv"), encoding: .utf8)
      .split(separator: "\n")[0]
    #expect(header == "run,loop_steps,loop_final_w,loop_run,s,final_w,steps,status")
  }

  /// A loop variable too long for a file name (255 bytes) gives a cut name kept apart by a hash; the run
  /// failed with "File name too long".
  @Test func longParametersGiveShortDistinctNames() throws {
    let scratch = try ScratchFolder.make("xsg-long")
    defer { ScratchFolder.remove(scratch) }
    let url = scratch.appending(path: "run")
    let folder = try Self.writer(at: url)
    for letter in ["λ", "μ"] {
      let record = try folder.beginRun(
        parameters: [("s", String(repeating: letter, count: 300))], probeNames: ["w"])
      try record.append(step: 0, values: [.scalar(1)])
      try record.end(status: .ok)
    }
    let names = folder.records.compactMap(\.subfolder)
    #expect(names.count == 2 && Set(names).count == 2)
    for name in names {
      #expect(name.utf8.count <= 200)
      #expect(FileManager.default.fileExists(atPath: url.appending(path: "\(name)/probes.csv").path))
    }
  }

  @Test func probeTableFiles() {
    var table = ProbeTable(names: ["loss", "done", "w"])
    // Before the first row no kind is known: the per-neuron w must not become a probes.csv column.
    #expect(table.csv == "step\n")
    #expect(table.scalarNames.isEmpty && table.vectorNames.isEmpty)
    table.append(step: 0, values: [.scalar(1.5), .bool(false), .vector([1, 2])])
    table.append(step: 10, values: [.scalar(0.25), .bool(true), .vector([3, 4])])
    #expect(table.csv == "step,loss,done\n0,1.5,0\n10,0.25,1\n")
    #expect(
      table.jsonLines
        == "{\"step\":0,\"loss\":1.5,\"done\":false}\n{\"step\":10,\"loss\":0.25,\"done\":true}\n")
    #expect(table.neuronCSV("w") == "step,n1,n2\n0,1,2\n10,3,4\n")
    #expect(table.eventStep("done") == 10)
  }

  /// A probe whose block is not due at a step is missing there: an empty cell, no JSON member, no neuron
  /// row; its series and last value skip it.
  @Test func probeTableWithBlocksAtDifferentCadences() {
    var table = ProbeTable(names: ["loss", "w"])
    table.append(step: 0, values: [.scalar(1), .vector([1, 2])])
    table.append(step: 2, values: [.scalar(0.5), .missing])
    table.append(step: 3, values: [.missing, .vector([3, 4])])
    #expect(table.csv == "step,loss\n0,1\n2,0.5\n3,\n")
    #expect(table.jsonLines == "{\"step\":0,\"loss\":1}\n{\"step\":2,\"loss\":0.5}\n{\"step\":3}\n")
    #expect(table.neuronCSV("w") == "step,n1,n2\n0,1,2\n3,3,4\n")
    #expect(table.steps(of: "loss") == [0, 2] && table.scalars("loss") == [1, 0.5])
    #expect(table.last("loss") == .scalar(0.5) && table.last("w") == .vector([3, 4]))
    // The kind comes from the first value, even when the first row lacks it.
    var late = ProbeTable(names: ["w"])
    late.append(step: 0, values: [.missing])
    late.append(step: 5, values: [.vector([1])])
    #expect(late.vectorNames == ["w"] && late.scalarNames.isEmpty)
  }
}

@Suite struct RunFolderFailureTests {
  /// A run folder that cannot be written fails the train with a located E0508, not a bare system error.
  @Test func aFolderThatCannotBeWrittenFailsAtTheTrain() throws {
    let scratch = try ScratchFolder.make("xsg-blocked")
    defer { ScratchFolder.remove(scratch) }
    let url = scratch.appending(path: "run")
    let script = """
      for s in 1..2 {
        net f = relu2(width: 2)
        let r = train f on (hypercube(5) | xor(1, 2)) with sgd(batch: 4) for 1 steps
      }

      """
    let folder = try RunFolderWriter(
      url: url, script: script, overrides: [],
      meta: RunMeta(xsgVersion: "test", script: script, scriptPath: nil, threads: 1, argv: []))
    // A file where the first run's subfolder must go when the second run begins.
    try "in the way".write(to: url.appending(path: "s=1"), atomically: true, encoding: .utf8)
    let program = Parser.parse(SourceFile(name: "t.xsg", text: script)).program
    let interpreter = Interpreter(settings: .init(write: { _ in }, shouldStop: { false }), folder: folder)
    do {
      try interpreter.run(program)
      Issue.record("the run went through")
    } catch let error as RuntimeError {
      #expect(error.code == .file)
      #expect(error.range?.start.line == 3)
      #expect(error.message.hasPrefix("cannot write the run folder: "))
    }
  }
}
