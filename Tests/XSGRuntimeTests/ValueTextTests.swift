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

  /// Loop variables go to index.csv in full: print's 6 digits and 8 elements could not tell runs apart.
  @Test func parametersAreWrittenInFull() {
    #expect(Interpreter.parameterText(.number(0.0012345679)) == "0.0012345679")
    let ten = (1...10).map(Double.init)
    #expect(Interpreter.parameterText(.vector(ten)) == "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]")
    #expect(Interpreter.parameterText(.list([.number(0.123456789), .string("a")])) == "[0.123456789, a]")
  }
}
