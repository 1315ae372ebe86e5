import Testing

@testable import XSGRuntime

/// `f.balance` subtracts b_j² for trained biases (the quantity gradient flow conserves), and its
/// documentation says so: it said "+ b_j²".
@Suite struct BalanceDocTests {
  @Test func documentedSignMatchesTheValue() throws {
    let source = """
      seed 2
      net h = relu2(width: 3, init: sphere(1), bias: trained, bias_init: 0.5, d: 4)
      net g = relu2(width: 3, init: sphere(1), bias: fixed, bias_init: 0.5, d: 4)
      print max(abs(h.balance + 0.25)) < 1e-6, max(abs(g.balance)) < 1e-6
      """
    #expect(try GoldenChunk.run(source, name: "balance.xsg").output == ["true true"])
    let doc = try #require(Members.network.first { $0.name == "balance" }).doc
    #expect(doc.contains("− b_j²"), "\(doc)")
    #expect(!doc.contains("+ b_j²"), "\(doc)")
  }
}
