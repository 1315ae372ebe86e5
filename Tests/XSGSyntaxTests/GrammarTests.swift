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

  /// Scripts at the edges of the grammar that it derives (with the newline rule): the parser accepts them.
  static let derived: [String] = [
    "print 1_000.2_5e1_0, 2.5E+2, 1e-3, 007\n",
    "print \"a\\\\b\\\"c\\t\\n\", \"\"\n",
    "let λ_2 = 1\nlet ℓ0 = λ_2\n",
    "print -2^-2, 2^3^2, not not true == false, 5 % 3 * 2 / 1\n",
    "print 1..2 == 1..<3, (1..3)[1], [1, 2][1].x\n",
    "print true and not false or false\n",
    "print\nprint 1,\n  2\n",
    "let a = [\n  1,\n  2,\n]\nlet b = 1 +\n# comment\n\n  2\n",
    "let c = 1\n  # comment\n\n  | abs\nlet e = 1 |\n  abs\n",
    "probe every 10 { }\nprobe every 10 { a = 1, b = 2, }\nprobe every 10 { a = 1 b = 2 }\n",
    "probe every 10 {\n  a = 1,\n\n  b = 2\n  c = 3\n}\n",
    "fn f() { return }\nfn g(a, b: 2,) {\n  return a\n}\nprint g(1,), g(1, b: 3)\n",
    "if true { print 1 } else if false { print 2 } else { print 3 }\n",
    "if\n  true {\n} else\n{\n}\n",
    "for x in\n  [[1, 2], [3]] { for y in x { print y } }\n",
    "let r = train f.g[1] on d(1) with o for\n  n steps\nprint (train f on d with o for 1 steps).final\n",
    "let steps = 1\nlet r = train f on train with sgd for steps steps\nlet t = train(f)\n",
    "seed 1 + 1\nlet every = 2\nprobe every every {\n}\n",
  ]

  /// Scripts the grammar does not derive, and the code the parser reports for each.
  static let refused: [(String, String)] = [
    ("print 1e5_\n", "E0004"), ("print 1__0\n", "E0004"), ("print 1e\n", "E0004"),
    ("print \"a\\qb\"\n", "E0003"), ("print \"a\nb\"\n", "E0002"),
    ("print 0 < 1 < 2\n", "E0107"), ("print 1 < 2 == true\n", "E0107"),
    ("print 1..2..3\n", "E0105"), ("print 1 + not true\n", "E0101"),
    ("print [1,,2]\n", "E0101"), ("print f(,)\n", "E0101"), ("print .5\n", "E0101"),
    ("print {1}\n", "E0101"), ("print 1.\n", "E0104"), ("let a = 1 print a\n", "E0105"),
    ("probe every 10 {\n  a = 1\n  , b = 2\n}\n", "E0104"), ("probe 10 {\n}\n", "E0103"),
    ("if true {\n}\nelse {\n}\n", "E0110"), ("fn f(x)\n{\n}\n", "E0103"),
    ("if true\n{\n}\n", "E0103"), ("let for = 1\n", "E0106"), ("print a.for\n", "E0106"),
    ("let r = train f on d with o for 1\n", "E0103"),
    ("let r = train f on d | e with o for 1 steps\n", "E0103"),
    ("fn f(a: 1, b) {\n}\n", "E0112"), ("print f(a: 1, 2)\n", "E0111"), ("x = 1\n", "E0109"),
  ]

  @Test func theParserAcceptsWhatTheGrammarDerives() {
    for script in Self.derived {
      let result = Parser.parse(SourceFile(name: "derived.xsg", text: script))
      #expect(result.diagnostics.isEmpty, "\(script)\n\(result.diagnostics.map(\.message))")
    }
  }

  @Test func theParserRefusesWhatTheGrammarDoesNotDerive() {
    for (script, code) in Self.refused {
      let result = Parser.parse(SourceFile(name: "refused.xsg", text: script))
      #expect(
        result.diagnostics.first?.code.rawValue == code, "\(script)\n\(result.diagnostics.map(\.message))")
    }
  }
}
