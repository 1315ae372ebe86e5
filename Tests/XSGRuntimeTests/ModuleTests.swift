import Testing

@testable import XSGRuntime

/// Placeholder until the layer's own suites land: it checks that the module builds and links into tests.
@Suite struct XSGRuntimeModuleTests {
  @Test func moduleLinks() {
    #expect(Bool(true))
  }
}
