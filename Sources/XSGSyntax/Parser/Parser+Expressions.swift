extension Parser {
  /// expression ::= pipe
  mutating func expression() throws -> Expr {
    try enter()
    defer { leave() }
    return try pipe()
  }

  /// pipe ::= disjunction ( '|' disjunction )*
  mutating func pipe() throws -> Expr {
    var left = try disjunction()
    var levels = 0
    defer { leave(levels) }
    while let op = match(.pipe) {
      try enter()
      levels += 1
      let right = try disjunction()
      left = Expr(.binary(.pipe, left, right, operatorRange: op.range), left.range.union(right.range))
    }
    return left
  }

  /// disjunction ::= conjunction ( 'or' conjunction )*
  mutating func disjunction() throws -> Expr {
    var left = try conjunction()
    var levels = 0
    defer { leave(levels) }
    while let op = match(.or) {
      try enter()
      levels += 1
      let right = try conjunction()
      left = Expr(.binary(.or, left, right, operatorRange: op.range), left.range.union(right.range))
    }
    return left
  }

  /// conjunction ::= negation ( 'and' negation )*
  mutating func conjunction() throws -> Expr {
    var left = try negation()
    var levels = 0
    defer { leave(levels) }
    while let op = match(.and) {
      try enter()
      levels += 1
      let right = try negation()
      left = Expr(.binary(.and, left, right, operatorRange: op.range), left.range.union(right.range))
    }
    return left
  }

  /// negation ::= 'not' negation | comparison
  mutating func negation() throws -> Expr {
    guard let op = match(.not) else { return try comparison() }
    try enter()
    defer { leave() }
    let operand = try negation()
    return Expr(.unary(.not, operand, operatorRange: op.range), op.range.union(operand.range))
  }

  static let comparisonOperators: [Punctuation: BinaryOperator] = [
    .equalEqual: .equal, .bangEqual: .notEqual, .less: .less, .lessEqual: .lessEqual,
    .greater: .greater, .greaterEqual: .greaterEqual,
  ]

  /// comparison ::= range ( ( '==' | '!=' | '<' | '<=' | '>' | '>=' ) range )?
  mutating func comparison() throws -> Expr {
    let left = try range()
    guard case .punctuation(let punctuation) = peek.kind, let op = Parser.comparisonOperators[punctuation]
    else { return left }
    let opToken = advance()
    let right = try range()
    if case .punctuation(let next) = peek.kind, Parser.comparisonOperators[next] != nil {
      report(
        Diagnostic(
          .chainedComparison, "comparison operators cannot be chained", at: peek.range,
          labels: [Diagnostic.Label(opToken.range, "first comparison")],
          notes: ["write 'a < b and b < c'"]))
      throw Abandon()
    }
    return Expr(.binary(op, left, right, operatorRange: opToken.range), left.range.union(right.range))
  }

  /// range ::= additive ( ( '..' | '..<' ) additive )?
  mutating func range() throws -> Expr {
    let lower = try additive()
    guard let op = match(.dotDot) ?? match(.dotDotLess) else { return lower }
    let upper = try additive()
    let closed = op.kind == .punctuation(.dotDot)
    return Expr(.range(lower: lower, upper: upper, closed: closed), lower.range.union(upper.range))
  }

  /// additive ::= multiplicative ( ( '+' | '-' ) multiplicative )*
  mutating func additive() throws -> Expr {
    var left = try multiplicative()
    var levels = 0
    defer { leave(levels) }
    while let op = match(.plus) ?? match(.minus) {
      try enter()
      levels += 1
      let right = try multiplicative()
      let kind: BinaryOperator = op.kind == .punctuation(.plus) ? .add : .subtract
      left = Expr(.binary(kind, left, right, operatorRange: op.range), left.range.union(right.range))
    }
    return left
  }

  /// multiplicative ::= unary ( ( '*' | '/' | '%' ) unary )*
  mutating func multiplicative() throws -> Expr {
    var left = try unary()
    var levels = 0
    defer { leave(levels) }
    while let op = match(.star) ?? match(.slash) ?? match(.percent) {
      try enter()
      levels += 1
      let right = try unary()
      let kind: BinaryOperator =
        switch op.kind {
        case .punctuation(.star): .multiply
        case .punctuation(.slash): .divide
        default: .remainder
        }
      left = Expr(.binary(kind, left, right, operatorRange: op.range), left.range.union(right.range))
    }
    return left
  }

  /// unary ::= '-' unary | power
  mutating func unary() throws -> Expr {
    guard let op = match(.minus) else { return try power() }
    try enter()
    defer { leave() }
    let operand = try unary()
    return Expr(.unary(.negate, operand, operatorRange: op.range), op.range.union(operand.range))
  }

  /// power ::= postfix ( '^' unary )?
  mutating func power() throws -> Expr {
    let base = try postfix()
    guard let op = match(.caret) else { return base }
    try enter()
    defer { leave() }
    let exponent = try unary()
    return Expr(.binary(.power, base, exponent, operatorRange: op.range), base.range.union(exponent.range))
  }

  /// postfix ::= primary ( '(' arguments? ')' | '.' NAME | '[' expression ']' )*
  mutating func postfix() throws -> Expr {
    var value = try primary()
    var levels = 0
    defer { leave(levels) }
    while true {
      if let open = match(.leftParen) {
        try enter()
        levels += 1
        let arguments = check(.rightParen) ? [] : try self.arguments()
        let closing = try close(.rightParen, opener: open, "','")
        value = Expr(.call(callee: value, arguments: arguments), value.range.union(closing.range))
      } else if match(.dot) != nil {
        try enter()
        levels += 1
        let name = try consumeName("after '.'")
        value = Expr(.member(value, name: name), value.range.union(name.range))
      } else if let open = match(.leftBracket) {
        try enter()
        levels += 1
        let index = try expression()
        let closing = try close(.rightBracket, opener: open)
        value = Expr(.index(value, index), value.range.union(closing.range))
      } else {
        return value
      }
    }
  }

  /// arguments ::= argument ( ',' argument )* ','?
  mutating func arguments() throws -> [CallArgument] {
    var arguments: [CallArgument] = []
    repeat {
      // After a trailing comma: `)` ends the list; a line end means the `(` was left open.
      if check(.rightParen) || check(.newline) || isAtEnd { break }
      let argument = try self.argument()
      if argument.label == nil, let named = arguments.last(where: { $0.label != nil }) {
        report(
          Diagnostic(
            .positionalAfterNamed, "a positional argument cannot follow a named argument",
            at: argument.value.range, labels: [Diagnostic.Label(named.label!.range, "named argument")]))
      }
      arguments.append(argument)
    } while match(.comma) != nil
    return arguments
  }

  /// argument ::= ( NAME ':' )? expression
  mutating func argument() throws -> CallArgument {
    var label: Identifier?
    if check(.name), peek(1).kind == .punctuation(.colon) {
      let token = advance()
      advance()
      label = Identifier(token.text, token.range)
    }
    return CallArgument(label: label, value: try expression())
  }

  /// primary ::= NUMBER | STRING | 'true' | 'false' | train | NAME | list | group
  mutating func primary() throws -> Expr {
    let token = peek
    switch token.kind {
    case .number:
      advance()
      return Expr(.number(token.number ?? 0, text: token.text), token.range)
    case .string:
      advance()
      return Expr(.string(token.stringValue ?? ""), token.range)
    case .keyword(.true), .keyword(.false):
      advance()
      return Expr(.bool(token.kind == .keyword(.true)), token.range)
    case .name:
      if startsTrain { return try train() }
      advance()
      return Expr(.name(token.text), token.range)
    case .punctuation(.leftBracket):
      return try list()
    case .punctuation(.leftParen):
      return try group()
    case .punctuation(.pipe):
      throw fail(.expectedExpression, "expected an expression before '|'", suggestion: nil)
    default:
      var notes: [String] = []
      if case .keyword(let keyword) = token.kind, [.let, .data, .net, .opt, .print, .seed].contains(keyword) {
        notes.append("'\(keyword.rawValue)' starts a statement and cannot be used inside an expression")
      }
      throw fail(.expectedExpression, "expected an expression", notes: notes)
    }
  }

  /// `train` starts a train expression when a name follows that is not itself one of its words, so
  /// `data train = …` and `test(train, iid)` keep `train` an ordinary name.
  private var startsTrain: Bool {
    guard peek.isWord(.train), peek(1).kind == .name else { return false }
    let next = peek(1)
    return !(next.isWord(.on) || next.isWord(.with) || next.isWord(.steps))
  }

  /// train ::= 'train' postfix 'on' postfix 'with' postfix 'for' expression 'steps'
  mutating func train() throws -> Expr {
    let keyword = advance()
    let network = try postfix()
    try expectWord(.on, "after the network in 'train'")
    let data = try postfix()
    try expectWord(.with, "after the data in 'train … on …'")
    let optimizer = try postfix()
    guard match(.for) != nil else {
      throw fail(.expectedToken, "expected 'for' after the optimiser in 'train … with …'")
    }
    let steps = try expression()
    guard peek.isWord(.steps) else {
      throw fail(.expectedToken, "expected 'steps' after the number of steps", suggestion: misspelt(.steps))
    }
    let end = advance()
    return Expr(
      .train(network: network, data: data, optimizer: optimizer, steps: steps), keyword.range.union(end.range)
    )
  }

  /// The word itself when the current token looks like a misspelling of it (`evrey`, `stesp`).
  func misspelt(_ word: ContextualWord) -> String? {
    guard peek.kind == .name else { return nil }
    return Suggestions.nearest(to: peek.text, among: [word.rawValue])
  }

  private mutating func expectWord(_ word: ContextualWord, _ context: String) throws {
    guard peek.isWord(word) else {
      throw fail(
        .expectedToken, "expected '\(word.rawValue)' \(context)",
        notes: ["a train expression reads: train f on data with sgd for 500 steps"],
        suggestion: misspelt(word))
    }
    advance()
  }

  /// list ::= '[' ( expression ( ',' expression )* ','? )? ']'
  mutating func list() throws -> Expr {
    let open = advance()
    try enter()
    defer { leave() }
    var elements: [Expr] = []
    while !check(.rightBracket) && !check(.newline) && !isAtEnd {
      elements.append(try expression())
      if match(.comma) == nil { break }
    }
    let closing = try close(.rightBracket, opener: open, "','")
    return Expr(.list(elements), open.range.union(closing.range))
  }

  /// group ::= '(' expression ')'
  mutating func group() throws -> Expr {
    let open = advance()
    try enter()
    defer { leave() }
    let inner = try expression()
    let closing = try close(.rightParen, opener: open)
    return Expr(.group(inner), open.range.union(closing.range))
  }
}
