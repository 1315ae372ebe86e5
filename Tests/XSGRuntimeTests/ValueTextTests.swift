import Testing

@testable import XSGRuntime

@Suite struct ValueTextTests {
  /// Error messages name a value's kind once: "got none", not "got none none".
  @Test func describedNamesTheKindOnce() {
    #expect(ValueText.described(.none) == "none")
    #expect(ValueText.described(.number(3)) == "number 3")
    #expect(ValueText.described(.string("a")) == "string \"a\"")
    #expect(ValueText.described(.list([.number(1)])) == "list [1]")
    let series = ProbeSeries(name: "l", steps: [0], values: [1.5], neurons: nil)
    #expect(ValueText.described(.series(series)) == "series l: 1 point, steps 0…0, last 1.5")
  }
}
