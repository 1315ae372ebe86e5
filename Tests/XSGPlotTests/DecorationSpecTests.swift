import Testing

@testable import XSGPlot

@Suite struct DecorationSpecTests {
  @Test func constantsWithAndWithoutLabels() {
    #expect(DecorationSpec.constant("2.197=logit(0.9)") == .constant(2.197, label: "logit(0.9)"))
    #expect(DecorationSpec.constant("-1e-3") == .constant(-0.001))
    #expect(DecorationSpec.constant("x") == nil)
  }

  @Test func labelsMayContainEqualsAndColons() {
    #expect(DecorationSpec.marker("310=t = 310: plateau") == Marker(x: 310, label: "t = 310: plateau"))
  }

  @Test func exponentialsWindowsAndMarkers() {
    #expect(
      DecorationSpec.exponential("0.0035,0.02=theory")
        == .exponential(coefficient: 0.0035, rate: 0.02, label: "theory"))
    #expect(DecorationSpec.exponential("0.0035") == nil)
    #expect(DecorationSpec.window("0:300=growth") == Window(from: 0, to: 300, label: "growth"))
    #expect(DecorationSpec.window("300:0") == nil)
    #expect(DecorationSpec.marker("abc") == nil)
  }

  /// `nan` and `inf` parse as Doubles but draw nothing; a window to `inf` wrote `nan` into PGFPlots files.
  @Test func nonFiniteValuesAreMalformed() {
    #expect(DecorationSpec.constant("nan") == nil)
    #expect(DecorationSpec.constant("inf=top") == nil)
    #expect(DecorationSpec.exponential("1,inf") == nil)
    #expect(DecorationSpec.exponential("nan,0.02") == nil)
    #expect(DecorationSpec.marker("-inf") == nil)
    #expect(DecorationSpec.window("0:inf") == nil)
    #expect(DecorationSpec.window("nan:10") == nil)
  }
}
