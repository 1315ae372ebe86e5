import Testing

@testable import XSGSyntax

@Suite struct SuggestionTests {
  @Test func nearestNameWithinTheEditBudget() {
    #expect(Suggestions.nearest(to: "widht", among: ["width", "init"]) == "width")
    #expect(Suggestions.nearest(to: "retrun", among: ["return", "let"]) == "return")
    #expect(Suggestions.nearest(to: "lr", among: ["l", "lam"]) == "l")
    #expect(Suggestions.nearest(to: "batch", among: ["learning_rate"]) == nil)
    #expect(Suggestions.nearest(to: "λ", among: ["λ"]) == nil)
  }

  @Test func transpositionsCountOnce() {
    #expect(Suggestions.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
    #expect(Suggestions.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
  }
}
