import Testing

@testable import XSGCore

/// Placeholder until the layer's own suites land: it checks that the module builds and links into tests.
@Suite struct XSGCoreModuleTests {
  @Test func moduleLinks() {
    #expect(Bool(true))
  }
}
