import Testing

@testable import XSGPlot

/// Placeholder until the layer's own suites land: it checks that the module builds and links into tests.
@Suite struct XSGPlotModuleTests {
  @Test func moduleLinks() {
    #expect(Bool(true))
  }
}
