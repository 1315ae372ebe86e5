import Testing
import XSGSyntax

@testable import XSGRuntime

/// Test-set evaluations are cached per network step; the cache must never answer for another test set
/// or network, even when an earlier one was freed and its memory reused.
@Suite struct EvaluationCacheTests {
  /// For y = −x1·x2 and clean test labels, the mean margin equals −f̂({1, 2}) exactly (up to rounding).
  /// `fourier` is not cached and `margin` is, so a stale evaluation shows up as a mismatch.
  @Test func freedTestSetsDoNotAnswerForNewOnes() throws {
    let source = """
      seed 3
      data train = hypercube(6) | xor(1, 2) | spurious(3, flip: 0.1)
      net f = relu2(width: 16, init: sphere(1), d: 6)
      for k in 1..12 {
        data t = test(train, iid, n: k)
        print abs(margin(f, t) + fourier(f, t, [1, 2])) < 1e-9
      }
      """
    let outcome = try GoldenChunk.run(source, name: "cache.xsg")
    #expect(outcome.error == nil)
    #expect(outcome.output == Array(repeating: "true", count: 12))
  }

  /// Held-out sets declared one after another at the top level: each answers for itself.
  @Test func heldOutSetsInALoopMatchFreshOnes() throws {
    let loop = """
      seed 1
      data train = hypercube(8) | xor(1, 2) | spurious(3, flip: 0.1)
      net f = relu2(width: 16, init: sphere(1), d: 8)
      for lp in [0, 0.5, 1] {
        data h = test(train, heldout(lp), n: 500)
        print margin(f, h)
      }
      """
    let looped = try GoldenChunk.run(loop, name: "loop.xsg").output
    var fresh: [String] = []
    for lp in ["0", "0.5", "1"] {
      let single = """
        seed 1
        data train = hypercube(8) | xor(1, 2) | spurious(3, flip: 0.1)
        net f = relu2(width: 16, init: sphere(1), d: 8)
        data h = test(train, heldout(\(lp)), n: 500)
        print margin(f, h)
        """
      fresh += try GoldenChunk.run(single, name: "single.xsg").output
    }
    #expect(looped == fresh)
  }

  /// A new network at the same step never reads the evaluation of a freed one.
  @Test func freedNetworksDoNotAnswerForNewOnes() throws {
    let source = """
      data train = hypercube(6) | xor(1, 2) | spurious(3, flip: 0.1)
      data t = test(train, iid, n: 50)
      for s in 1..8 {
        seed s
        net g = relu2(width: 16, init: sphere(1), d: 6)
        print abs(margin(g, t) + fourier(g, t, [1, 2])) < 1e-9
      }
      """
    let outcome = try GoldenChunk.run(source, name: "nets.xsg")
    #expect(outcome.error == nil)
    #expect(outcome.output == Array(repeating: "true", count: 8))
  }
}

/// What a sweep's finished runs keep alive: their test sets and scopes must go, or memory grows run by run.
@Suite struct SweepMemoryTests {
  /// A scope with a probe block is freed once nothing else needs it (the block refers back to it).
  @Test func aScopeWithAProbeBlockIsFreed() throws {
    let source = SourceFile(name: "p.xsg", text: "probe every 1 { x = 1 }\n")
    let statement = try #require(Parser.parse(source).program.statements.first)
    let interpreter = Interpreter(settings: .init(write: { _ in }))
    weak var freed: Environment?
    do {
      let scope = Environment(parent: interpreter.globals)
      _ = try interpreter.execute(statement, in: scope, topLevel: false)
      #expect(scope.probes.count == 1)
      freed = scope
    }
    #expect(freed == nil)
  }

  /// A call that declares a function is freed after it returns (the function's value and the call's
  /// scope referred to each other, so the scope and its test set stayed alive).
  @Test func aCallThatDeclaresAFunctionIsFreed() throws {
    let source = SourceFile(name: "f.xsg", text: "fn inner() {\n  return 1\n}\nprint inner()\n")
    let statements = Parser.parse(source).program.statements
    let interpreter = Interpreter(settings: .init(write: { _ in }))
    weak var freed: Environment?
    do {
      let scope = Environment(parent: interpreter.globals)
      for statement in statements { _ = try interpreter.execute(statement, in: scope, topLevel: false) }
      freed = scope
    }
    #expect(freed == nil)
  }

  /// Functions taken out of their scope keep it alive: returned, in a list, calling a helper declared
  /// beside them; and a function equals itself however it is reached.
  @Test func functionsThatLeaveTheirScopeStillWork() throws {
    let source = """
      fn make(k) {
        fn helper() {
          return k
        }
        fn add(x) {
          return x + helper()
        }
        return add
      }
      let a = make(1)
      let fs = [make(10), make(20)]
      print a(2), fs[1](1), fs[2](1), map([1, 2], make(100))
      print a == a, make(1) == make(1), make == make

      """
    let outcome = try GoldenChunk.run(source, name: "closures.xsg")
    #expect(outcome.error == nil)
    #expect(outcome.output == ["3 11 21 [101, 102]", "true false true"])
  }

  /// A finished run's network is freed with the scope that declared it (the interpreter kept every run,
  /// so a sweep kept every network).
  @Test func aSweepsNetworksAreFreed() throws {
    let source = SourceFile(
      name: "n.xsg",
      text: """
        net g = relu2(width: 2, d: 4)
        data t = hypercube(4) | xor(1, 2)
        let r = train g on t with sgd(batch: 4) for 1 steps

        """)
    let parsed = Parser.parse(source)
    #expect(parsed.diagnostics.isEmpty)
    let interpreter = Interpreter(settings: .init(write: { _ in }, shouldStop: { false }))
    weak var freed: NetValue?
    do {
      let scope = Environment(parent: interpreter.globals)
      for statement in parsed.program.statements {
        _ = try interpreter.execute(statement, in: scope, topLevel: false)
      }
      guard case .net(let net)? = scope.lookup("g")?.value else {
        Issue.record("no network")
        return
      }
      freed = net
    }
    #expect(interpreter.runCount == 1)
    #expect(freed == nil)
  }

  /// After a sweep, the evaluation cache holds no test set of an earlier run.
  @Test func theCacheForgetsEarlierRuns() throws {
    let source = """
      seed 1
      for s in 1..3 {
        data train = hypercube(6) | xor(1, 2) | spurious(3, flip: 0.1)
        data iid = test(train, iid, n: 50)
        net f = relu2(width: 2)
        probe every 1 { acc = accuracy(f, iid) }
        let r = train f on train with sgd(batch: 8) for 1 steps
      }

      """
    let program = Parser.parse(SourceFile(name: "s.xsg", text: source)).program
    let interpreter = Interpreter(settings: .init(write: { _ in }, shouldStop: { false }))
    try interpreter.run(program)
    // At most the last run's (freed too, with the loop body's scope, now that the keys are weak).
    #expect(Set(interpreter.evaluations.keys.compactMap { $0.data.map(ObjectIdentifier.init) }).count <= 1)
  }

  /// A test set drawn inside a function is freed after the call: the cache kept it (and its samples)
  /// alive, so a loop of calls grew by a test set per call.
  @Test func aTestSetOfAFinishedCallIsFreed() throws {
    let source = """
      data train = hypercube(6) | xor(1, 2) | spurious(3, flip: 0.1)
      net f = relu2(width: 2, d: 6)
      fn score(k) {
        data t = test(train, iid, n: 100 * k)
        return accuracy(f, t) + loss(f, t)
      }
      for k in 1..3 {
        print score(k) > 0
      }

      """
    let program = Parser.parse(SourceFile(name: "s.xsg", text: source)).program
    let interpreter = Interpreter(settings: .init(write: { _ in }, shouldStop: { false }))
    try interpreter.run(program)
    #expect(!interpreter.evaluations.isEmpty)
    #expect(interpreter.evaluations.keys.allSatisfy { $0.data == nil })
  }
}
