import Foundation
import Testing

@testable import XSGSyntax

/// Keeps grammar/xsg.ebnf honest against the parser's doc comments and the lexer's tables.
@Suite struct GrammarTests {
  struct Rule {
    var name: String
    var body: String
    var section: String
  }

  /// The rules of the grammar file with comments removed, each body on one line.
  static func rules() throws -> [Rule] {
    var text = try Fixtures.text("grammar/xsg.ebnf")
    var section = ""
    var rules: [Rule] = []
    // Section markers are comments, so note them before stripping comments.
    while let open = text.range(of: "/*") {
      guard let close = text.range(of: "*/", range: open.upperBound..<text.endIndex) else { break }
      let comment = text[open.upperBound..<close.lowerBound]
      let marker =
        comment.contains("==== Syntax") ? "@syntax" : comment.contains("==== Lexical") ? "@lexical" : ""
      text.replaceSubrange(open.lowerBound..<close.upperBound, with: marker)
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed == "@syntax" || trimmed == "@lexical" {
        section = trimmed
      } else if let definition = trimmed.range(of: "::="), !line.hasPrefix(" ") {
        let name = trimmed[..<definition.lowerBound].trimmingCharacters(in: .whitespaces)
        rules.append(Rule(name: name, body: String(trimmed[definition.upperBound...]), section: section))
      } else if !trimmed.isEmpty {
        rules[rules.count - 1].body += " " + trimmed
      }
    }
    return rules.map { Rule(name: $0.name, body: normalize($0.body), section: $0.section) }
  }

  static func normalize(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// The pieces of a rule body: quoted literals, nonterminals, and everything else.
  static func symbols(_ body: String) -> (literals: [String], names: [String]) {
    var literals: [String] = []
    var names: [String] = []
    let characters = Array(body)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "'" {
        var end = index + 1
        while end < characters.count, characters[end] != "'" { end += 1 }
        literals.append(String(characters[index + 1..<end]))
        index = end + 1
      } else if character == "[" {
        while index < characters.count, characters[index] != "]" { index += 1 }
        index += 1
      } else if character == "#" {
        index += 1
        while index < characters.count, characters[index].isLetter || characters[index].isNumber {
          index += 1
        }
      } else if character.isLetter || character == "_" {
        var end = index
        while end < characters.count,
          characters[end].isLetter || characters[end].isNumber || characters[end] == "_"
        {
          end += 1
        }
        names.append(String(characters[index..<end]))
        index = end
      } else {
        index += 1
      }
    }
    return (literals, names)
  }

  @Test func everyNonterminalIsDefinedAndReachable() throws {
    let rules = try Self.rules()
    let defined = Dictionary(rules.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    #expect(defined.count == rules.count, "a rule is defined twice")
    for rule in rules {
      for name in Self.symbols(rule.body).names {
        #expect(defined[name] != nil, "\(rule.name) uses undefined \(name)")
      }
    }
    var reached: Set<String> = []
    var work = ["program", "tokens"]
    while let name = work.popLast() {
      guard reached.insert(name).inserted, let rule = defined[name] else { continue }
      work += Self.symbols(rule.body).names
    }
    #expect(
      Set(defined.keys).subtracting(reached).isEmpty, "unreachable: \(Set(defined.keys).subtracting(reached))"
    )
  }

  @Test func keywordsAndPunctuationMatchTheLexer() throws {
    let rules = try Self.rules()
    let syntaxLiterals = Set(
      rules.filter { $0.section == "@syntax" }.flatMap { Self.symbols($0.body).literals })
    let words = syntaxLiterals.filter { $0.first!.isLetter }
    let marks = syntaxLiterals.subtracting(words)
    let keywords = Set(Keyword.allCases.map(\.rawValue))
    let contextual = Set(ContextualWord.allCases.map(\.rawValue))
    #expect(words == keywords.union(contextual))
    #expect(marks == Set(Punctuation.allCases.map(\.rawValue)))

    let keywordRule = try #require(rules.first { $0.name == "KEYWORD" })
    #expect(Set(Self.symbols(keywordRule.body).literals) == keywords)
    let punctuationRule = try #require(rules.first { $0.name == "PUNCTUATION" })
    #expect(Set(Self.symbols(punctuationRule.body).literals) == Set(Punctuation.allCases.map(\.rawValue)))
  }

  /// `/// rule ::= body` doc comments of the parser, with the name of the function that follows each.
  static func docComments() throws -> [String: (body: String, function: String)] {
    let folder = Fixtures.root.appending(path: "Sources/XSGSyntax/Parser")
    var found: [String: (body: String, function: String)] = [:]
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
      let lines = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
        .split(separator: "\n", omittingEmptySubsequences: false)
      var index = 0
      while index < lines.count {
        let line = lines[index].trimmingCharacters(in: .whitespaces)
        guard line.hasPrefix("/// "), let definition = line.range(of: " ::= ") else {
          index += 1
          continue
        }
        let name = String(line.dropFirst(4)[..<definition.lowerBound])
        var body = String(line[definition.upperBound...])
        index += 1
        while index < lines.count {
          let next = lines[index].trimmingCharacters(in: .whitespaces)
          guard next.hasPrefix("///   ") else { break }
          body += " " + next.dropFirst(3)
          index += 1
        }
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
          index += 1
        }
        let declaration = index < lines.count ? String(lines[index]) : ""
        let function = declaration.range(of: "func ").map { range in
          String(declaration[range.upperBound...].prefix { $0.isLetter || $0.isNumber })
        }
        found[name] = (normalize(body), function ?? "")
      }
    }
    return found
  }

  @Test func eachSyntaxRuleIsTheDocCommentOfItsParseFunction() throws {
    let rules = try Self.rules().filter { $0.section == "@syntax" }
    let comments = try Self.docComments()
    #expect(Set(rules.map(\.name)) == Set(comments.keys))
    for rule in rules {
      guard let comment = comments[rule.name] else { continue }
      #expect(comment.body == rule.body, "rule \(rule.name)")
      #expect(
        comment.function == rule.name, "the doc comment of \(rule.name) sits on func \(comment.function)")
    }
  }
}
