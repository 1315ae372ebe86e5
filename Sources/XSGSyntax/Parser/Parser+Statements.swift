extension Parser {
  /// program ::= statements EOF
  mutating func program() -> [Stmt] {
    statements(inBlock: false)
  }

  /// statements ::= NEWLINE* ( statement ( NEWLINE+ statement )* NEWLINE* )?
  mutating func statements(inBlock: Bool) -> [Stmt] {
    var statements: [Stmt] = []
    while true {
      while match(.newline) {}
      if isAtEnd || (inBlock && check(.rightBrace)) { break }
      do {
        statements.append(try statement())
        if match(.newline) || isAtEnd || (inBlock && check(.rightBrace)) { continue }
        throw endOfStatementError(after: statements.last!)
      } catch {
        synchronize(inBlock: inBlock)
      }
    }
    return statements
  }

  private mutating func endOfStatementError(after statement: Stmt) -> Abandon {
    if check(.equal), case .expression(let target) = statement.kind {
      if case .name(let name) = target.kind {
        return fail(
          .assignmentNotAllowed, "cannot assign to '\(name)'; names are bound with 'let'",
          suggestion: "let \(name) =", sayFound: false)
      }
      return fail(.assignmentNotAllowed, "cannot assign to an expression", sayFound: false)
    }
    var suggestion: String?
    if case .expression(let expression) = statement.kind, case .name(let name) = expression.kind {
      suggestion = Suggestions.nearest(to: name, among: Keyword.allCases.map(\.rawValue))
    }
    return fail(
      .expectedEndOfStatement, "expected the end of the line after a statement", suggestion: suggestion)
  }

  /// statement ::= seedStatement | letStatement | declaration | probeStatement | printStatement
  ///             | ifStatement | forStatement | functionDeclaration | returnStatement
  ///             | expressionStatement
  mutating func statement() throws -> Stmt {
    switch peek.kind {
    case .keyword(.seed): return try seedStatement()
    case .keyword(.let): return try letStatement()
    case .keyword(.data), .keyword(.net), .keyword(.opt): return try declaration()
    case .keyword(.probe): return try probeStatement()
    case .keyword(.print): return try printStatement()
    case .keyword(.if): return try ifStatement()
    case .keyword(.for): return try forStatement()
    case .keyword(.fn): return try functionDeclaration()
    case .keyword(.return): return try returnStatement()
    case .keyword(.else):
      throw fail(
        .unexpectedToken, "'else' must follow the '}' of an 'if' on the same line",
        notes: ["write '} else {' on one line"], sayFound: false)
    case .punctuation(.rightBrace), .punctuation(.rightParen), .punctuation(.rightBracket):
      throw fail(.unmatchedClosing, "this closing '\(peek.text)' has no opening partner", sayFound: false)
    default: return try expressionStatement()
    }
  }

  /// seedStatement ::= 'seed' expression
  mutating func seedStatement() throws -> Stmt {
    let keyword = advance()
    let value = try expression()
    return Stmt(.seed(value), keyword.range.union(value.range))
  }

  /// letStatement ::= 'let' NAME '=' expression
  mutating func letStatement() throws -> Stmt {
    let keyword = advance()
    let name = try consumeName("after 'let'")
    try consume(.equal, "after the name in 'let \(name.name)'")
    let value = try expression()
    return Stmt(.let(name, value), keyword.range.union(value.range))
  }

  /// declaration ::= ( 'data' | 'net' | 'opt' ) NAME '=' expression
  mutating func declaration() throws -> Stmt {
    let keyword = advance()
    let kind = DeclarationKind(rawValue: keyword.text)!
    let name = try consumeName("after '\(keyword.text)'")
    try consume(.equal, "after the name in '\(keyword.text) \(name.name)'")
    let value = try expression()
    return Stmt(.declaration(kind, name, value), keyword.range.union(value.range))
  }

  /// probeStatement ::= 'probe' 'every' expression '{' probeEntries '}'
  mutating func probeStatement() throws -> Stmt {
    let keyword = advance()
    guard peek.isWord(.every) else {
      throw fail(
        .expectedToken, "expected 'every' after 'probe'",
        notes: ["a probe block reads: probe every 10 { loss = batch_loss() }"], suggestion: misspelt(.every))
    }
    advance()
    let cadence = try expression()
    try enter()
    defer { leave() }
    let open = try consume(.leftBrace, "after the cadence of 'probe every'")
    let entries = probeEntries()
    let closing = try close(.rightBrace, opener: open)
    return Stmt(
      .probe(every: cadence, entries: entries, body: open.range.union(closing.range)),
      keyword.range.union(closing.range))
  }

  /// probeEntries ::= NEWLINE* ( probeEntry ( ( ',' | NEWLINE+ )? probeEntry )* ','? NEWLINE* )?
  mutating func probeEntries() -> [ProbeEntry] {
    var entries: [ProbeEntry] = []
    while true {
      while match(.newline) {}
      if isAtEnd || check(.rightBrace) { break }
      do {
        entries.append(try probeEntry())
        if match(.comma) != nil || match(.newline) || check(.rightBrace) || isAtEnd { continue }
        // Entries may also follow each other on one line: `{ a = f(x)  b = g(x) }`.
        if check(.name), peek(1).kind == .punctuation(.equal) { continue }
        throw fail(.expectedEndOfStatement, "expected ',' or the end of the line after a probe entry")
      } catch {
        synchronize(inBlock: true)
      }
    }
    return entries
  }

  /// probeEntry ::= NAME '=' expression
  mutating func probeEntry() throws -> ProbeEntry {
    let name = try consumeName("for a probe (probe entries read 'name = expression')")
    try consume(.equal, "after the probe name '\(name.name)'")
    let value = try expression()
    return ProbeEntry(name: name, value: value)
  }

  /// printStatement ::= 'print' ( expression ( ',' expression )* )?
  mutating func printStatement() throws -> Stmt {
    let keyword = advance()
    var values: [Expr] = []
    if !(check(.newline) || isAtEnd || check(.rightBrace)) {
      values.append(try expression())
      while match(.comma) != nil { values.append(try expression()) }
    }
    return Stmt(.print(values), keyword.range.union(values.last?.range ?? keyword.range))
  }

  /// ifStatement ::= 'if' expression block ( 'else' 'if' expression block )* ( 'else' block )?
  mutating func ifStatement() throws -> Stmt {
    let keyword = advance()
    var branches: [ConditionalBranch] = []
    let condition = try expression()
    branches.append(ConditionalBranch(condition: condition, body: try block("after the condition of 'if'")))
    var otherwise: Block?
    while match(.else) != nil {
      if match(.if) != nil {
        let condition = try expression()
        let body = try block("after the condition of 'else if'")
        branches.append(ConditionalBranch(condition: condition, body: body))
      } else {
        otherwise = try block("after 'else'")
        break
      }
    }
    let end = otherwise?.range ?? branches.last!.body.range
    return Stmt(.if(branches: branches, otherwise: otherwise), keyword.range.union(end))
  }

  /// forStatement ::= 'for' NAME 'in' expression block
  mutating func forStatement() throws -> Stmt {
    let keyword = advance()
    let variable = try consumeName("after 'for'")
    guard match(.in) != nil else {
      throw fail(.expectedToken, "expected 'in' after 'for \(variable.name)'")
    }
    let sequence = try expression()
    let body = try block("after the sequence of 'for'")
    return Stmt(.for(variable, in: sequence, body: body), keyword.range.union(body.range))
  }

  /// functionDeclaration ::= 'fn' NAME '(' parameters? ')' block
  mutating func functionDeclaration() throws -> Stmt {
    let keyword = advance()
    let name = try consumeName("after 'fn'")
    let open = try consume(.leftParen, "after the function name '\(name.name)'")
    var parameters: [Param] = []
    if !check(.rightParen) { parameters = try self.parameters() }
    try close(.rightParen, opener: open, "','")
    let body = try block("after the parameters of '\(name.name)'")
    let declaration = FunctionDeclaration(name: name, parameters: parameters, body: body)
    return Stmt(.function(declaration), keyword.range.union(body.range))
  }

  /// parameters ::= parameter ( ',' parameter )* ','?
  mutating func parameters() throws -> [Param] {
    var parameters: [Param] = []
    repeat {
      if check(.rightParen) || check(.newline) || isAtEnd { break }
      let parameter = try self.parameter()
      if parameter.defaultValue == nil, let last = parameters.last, last.defaultValue != nil {
        report(
          Diagnostic(
            .requiredAfterDefault,
            "parameter '\(parameter.name.name)' without a default follows one with a default",
            at: parameter.name.range, labels: [Diagnostic.Label(last.name.range, "has a default")],
            notes: ["parameters with defaults come last: fn f(x, by: 2)"]))
      }
      parameters.append(parameter)
    } while match(.comma) != nil
    return parameters
  }

  /// parameter ::= NAME ( ':' expression )?
  mutating func parameter() throws -> Param {
    let name = try consumeName("for a parameter")
    var defaultValue: Expr?
    if match(.colon) != nil { defaultValue = try expression() }
    return Param(name: name, defaultValue: defaultValue)
  }

  /// returnStatement ::= 'return' expression?
  mutating func returnStatement() throws -> Stmt {
    let keyword = advance()
    if check(.newline) || isAtEnd || check(.rightBrace) { return Stmt(.return(nil), keyword.range) }
    let value = try expression()
    return Stmt(.return(value), keyword.range.union(value.range))
  }

  /// expressionStatement ::= expression
  mutating func expressionStatement() throws -> Stmt {
    let value = try expression()
    return Stmt(.expression(value), value.range)
  }

  /// block ::= '{' statements '}'
  mutating func block(_ context: String) throws -> Block {
    // Enter before consuming `{`: past the depth limit, recovery then skips the whole block.
    try enter()
    defer { leave() }
    let open = try consume(.leftBrace, context)
    let body = statements(inBlock: true)
    let closing = try close(.rightBrace, opener: open)
    return Block(body, open.range.union(closing.range))
  }
}
