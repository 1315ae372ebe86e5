import Testing

@testable import XSGREPL

/// Placeholder until the layer's own suites land: it checks that the module builds and links into tests.
@Suite struct XSGREPLModuleTests {
  @Test func moduleLinks() {
    #expect(Bool(true))
  }
}
