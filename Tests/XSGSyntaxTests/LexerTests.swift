import Testing

@testable import XSGSyntax

@Suite struct LexerTests {
  func kinds(_ text: String) -> [String] {
    Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map { token in
      switch token.kind {
      case .newline: "⏎"
      case .endOfInput: "⊣"
      default: token.text
      }
    }
  }

  @Test func numbersKeepTheirSpellingAndValue() {
    let tokens = Lexer.tokenize(SourceFile(name: "t", text: "10 0.05 1e-3 100_000 2E+2 1..5")).tokens
    #expect(tokens.map(\.text) == ["10", "0.05", "1e-3", "100_000", "2E+2", "1", "..", "5", ""])
    #expect(tokens.prefix(5).map { $0.number! } == [10, 0.05, 0.001, 100_000, 200])
  }

  /// `1e999` is no number a Double holds: reported, not read as infinity (`print 1e999` printed `inf`).
  @Test func numbersTooLargeForADoubleAreMalformed() {
    let output = Lexer.tokenize(SourceFile(name: "t", text: "let x = 1e999\nlet y = 1.7e308\n"))
    #expect(output.diagnostics.map(\.code) == [.malformedNumber])
    #expect(output.diagnostics.first?.message.contains("too large") == true)
    #expect(output.diagnostics.first?.range.start.column == 9)
    #expect(output.tokens.compactMap(\.number).allSatisfy { $0.isFinite })
  }

  @Test func stringsDecodeTheirEscapes() {
    let token = Lexer.tokenize(SourceFile(name: "t", text: #""a\n\t\"\\b""#)).tokens[0]
    #expect(token.kind == .string)
    #expect(token.stringValue == "a\n\t\"\\b")
  }

  @Test func unicodeNamesAndKeywords() {
    let tokens = Lexer.tokenize(SourceFile(name: "t", text: "let λ_2 = ℓ0 train")).tokens
    #expect(tokens.map(\.kind) == [.keyword(.let), .name, .punctuation(.equal), .name, .name, .endOfInput])
    #expect(tokens[1].text == "λ_2")
    #expect(tokens[3].range.start.column == 11)
  }

  @Test func longestPunctuationWins() {
    #expect(
      kinds("a..<b .. c <= d == e != f") == [
        "a", "..<", "b", "..", "c", "<=", "d", "==", "e", "!=", "f", "⊣",
      ])
  }

  @Test func newlineRule() {
    // After an operator or comma, and inside brackets, a line break does not end the statement.
    #expect(kinds("a +\nb") == ["a", "+", "b", "⊣"])
    #expect(kinds("f(a,\nb\n)") == ["f", "(", "a", ",", "b", ")", "⊣"])
    #expect(kinds("[1\n2]") == ["[", "1", "2", "]", "⊣"])
    // A leading pipe continues the previous line, across blank and comment lines.
    #expect(kinds("a\n\n# c\n| b") == ["a", "|", "b", "⊣"])
    // Blank lines collapse; a block's lines are statements.
    #expect(kinds("a\n\n\nb") == ["a", "⏎", "b", "⊣"])
    #expect(kinds("{\na\nb\n}") == ["{", "a", "⏎", "b", "⏎", "}", "⊣"])
    // A statement keyword always starts a new statement, closing a forgotten bracket.
    #expect(kinds("f(a,\nlet b") == ["f", "(", "a", ",", "⏎", "let", "b", "⊣"])
    #expect(kinds("a +\nprint b") == ["a", "+", "⏎", "print", "b", "⊣"])
  }

  @Test func commentsAreKeptBesideTheTokens() {
    let output = Lexer.tokenize(SourceFile(name: "t", text: "a # one\n# two\nb"))
    #expect(output.comments.map(\.text) == ["# one", "# two"])
    #expect(output.comments.map(\.range.start.line) == [1, 2])
    #expect(output.tokens.map(\.text) == ["a", "\n", "b", ""])
  }

  @Test func invalidUTF8IsReportedNotReplacedSilently() {
    let output = Lexer.tokenize(SourceFile(name: "t", bytes: [0x61, 0x20, 0xFF, 0x20, 0x62]))
    #expect(output.diagnostics.map(\.code) == [.invalidUTF8])
    #expect(output.tokens.map(\.kind) == [.name, .invalid, .name, .endOfInput])
  }

  @Test func invalidUTF8InAStringIsReportedToo() {
    // "a<FF>b λ": the bad byte is reported at its column; the valid text around it is kept.
    let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x20, 0xCE, 0xBB, 0x22]
    let output = Lexer.tokenize(SourceFile(name: "t", bytes: bytes))
    #expect(output.diagnostics.map(\.code) == [.invalidUTF8])
    #expect(output.diagnostics.first?.range.start.column == 3)
    #expect(output.tokens.map(\.kind) == [.string, .endOfInput])
    #expect(output.tokens.first?.stringValue == "ab λ")
  }

  @Test func columnsCountCharacters() {
    let source = SourceFile(name: "t", text: "λλ x\n\tb")
    #expect(source.location(at: 5) == SourceLocation(offset: 5, line: 1, column: 4))
    #expect(source.location(at: 8) == SourceLocation(offset: 8, line: 2, column: 2))
    var cursor = SourceFile.Cursor(source)
    for offset in 0...source.bytes.count {
      #expect(cursor.location(at: offset) == source.location(at: offset))
    }
  }
}
