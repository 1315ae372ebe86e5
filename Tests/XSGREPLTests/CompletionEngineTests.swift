import Testing

@testable import XSGREPL

/// A session with a network `f`, a run `run` whose `final` has probe values, and two builtins.
private struct FixedSource: CompletionSource {
  var keywords = ["data", "else", "fn", "for", "if", "let", "net", "opt", "print", "train"]
  var names = ["f", "run", "relu2", "sgd", "sphere", "iid", "λ"]

  func members(of path: [String]) -> [String] {
    switch path {
    case ["f"]: return ["a", "w", "w_sig", "w_sp", "width"]
    case ["run"]: return ["final", "steps", "w_sp"]
    case ["run", "final"]: return ["loss", "w_sig", "w_sp"]
    default: return []
    }
  }

  func argumentLabels(of callee: [String]) -> [String] {
    switch callee {
    case ["relu2"]: return ["width", "init", "bias"]
    case ["sgd"]: return ["lr", "batch", "loss"]
    default: return []
    }
  }

  func directoryEntries(at path: String) -> [DirectoryEntry] {
    switch path {
    case "":
      return [
        .init(name: "examples", isDirectory: true), .init(name: "exp.xsg", isDirectory: false),
        .init(name: ".hidden", isDirectory: false),
      ]
    case "examples/": return [.init(name: "default.xsg", isDirectory: false)]
    default: return []
    }
  }
}

@Suite struct CompletionEngineTests {
  let engine = CompletionEngine(source: FixedSource())

  @Test func keywordsAndNamesShareTheCompletionOfAWord() {
    #expect(engine.complete("tr") == Completion(replacing: "tr", candidates: ["train"]))
    #expect(engine.complete("let x = s").candidates == ["sgd", "sphere"])
    #expect(engine.complete("print λ").candidates == ["λ"])
  }

  @Test func membersFollowADot() {
    #expect(
      engine.complete("f.w") == Completion(replacing: "w", candidates: ["w", "w_sig", "w_sp", "width"]))
    #expect(engine.complete("print run.").candidates == ["final", "steps", "w_sp"])
    #expect(engine.complete("run.final.w_s").candidates == ["w_sig", "w_sp"])
  }

  @Test func membersOfSomethingThatIsNotANameAreUnknown() {
    #expect(engine.complete("g(f).w") == .none)
    #expect(engine.complete("xs[1].") == .none)
    #expect(engine.complete("1..r").candidates == ["relu2", "run"])
  }

  @Test func namedArgumentsAreOfferedAtTheStartOfAnArgument() {
    #expect(engine.complete("net g = relu2(wi").candidates == ["width:"])
    #expect(engine.complete("relu2(") == Completion(replacing: "", candidates: ["bias:", "init:", "width:"]))
    #expect(engine.complete("relu2(width: 10, ").candidates == ["bias:", "init:"])
    #expect(engine.complete("opt o = sgd(lr: 0.05,\n  b").candidates == ["batch:"])
  }

  @Test func namedArgumentsAreNotOfferedAsValues() {
    #expect(engine.complete("relu2(width: w").candidates == [])
    #expect(engine.complete("relu2(init: sp").candidates == ["sphere"])
    #expect(engine.complete("relu2(init: sphere(0.01), bi").candidates == ["bias:"])
    #expect(engine.complete("relu2(t").candidates == ["train"])
    #expect(engine.complete("relu2(width: 3, f").candidates == ["f"])
  }

  @Test func nothingIsOfferedInStringsCommentsOrNumbers() {
    #expect(engine.complete("print \"tr") == .none)
    #expect(engine.complete("let x = 1 # tr") == .none)
    #expect(engine.complete("let x = 10") == .none)
    #expect(engine.complete("print \"a\", tr").candidates == ["train"])
  }

  @Test func commandsCompleteAtTheStartOfAnEntry() {
    #expect(engine.complete(":").candidates.contains(":describe"))
    #expect(engine.complete(":h") == Completion(replacing: ":h", candidates: [":help", ":history"]))
    #expect(engine.complete("  :qu").candidates == [":quit"])
  }

  @Test func commandArgumentsCompleteByTheirKind() {
    #expect(engine.complete(":describe r").candidates == ["relu2", "run"])
    #expect(engine.complete(":help tr").candidates == ["train"])
    #expect(engine.complete(":help :l").candidates == [":load"])
    #expect(engine.complete(":plot run.w").candidates == ["w_sp"])
    #expect(engine.complete(":env ") == .none)
  }

  @Test func filesCompleteAfterLoadAndSave() {
    #expect(engine.complete(":load e") == Completion(replacing: "e", candidates: ["examples/", "exp.xsg"]))
    #expect(engine.complete(":save examples/d").candidates == ["examples/default.xsg"])
    #expect(engine.complete(":load .").candidates == [".hidden"])
    #expect(engine.complete(":load ").candidates == ["examples/", "exp.xsg"])
  }

  @Test func candidatesAreRebasedOntoReadlinesWord() {
    let command = Completion(replacing: ":h", candidates: [":help", ":history"])
    #expect(command.rebased(onto: "h") == ["help", "history"])
    let path = Completion(replacing: "examples/d", candidates: ["examples/default.xsg"])
    #expect(path.rebased(onto: "d") == ["default.xsg"])
    let wider = Completion(replacing: "", candidates: ["width:"])
    #expect(wider.rebased(onto: "") == ["width:"])
    let unicode = Completion(replacing: "λ", candidates: ["λ", "λ2"])
    #expect(unicode.rebased(onto: "λ") == ["λ", "λ2"])
  }
}
