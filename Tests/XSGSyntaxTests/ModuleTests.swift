import Testing

@testable import XSGSyntax

/// Placeholder until the layer's own suites land: it checks that the module builds and links into tests.
@Suite struct XSGSyntaxModuleTests {
  @Test func moduleLinks() {
    #expect(Bool(true))
  }
}
