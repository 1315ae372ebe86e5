/// Tab completion as pure logic: from the text before the cursor to the candidates that fit there.
///
/// The context decides the candidates: a `:command` name at the start of an entry; a file after `:load` and
/// `:save`; the members of a value after `name.`; named-argument labels (`width:`) right after `(` or `,` in a
/// call; keywords and names in scope anywhere else. Nothing is offered inside a string or a comment.
public struct CompletionEngine {
  public var source: any CompletionSource

  public init(source: any CompletionSource) {
    self.source = source
  }

  /// The completions at the end of `text`, which is the entry so far up to the cursor (earlier lines of a
  /// multi-line entry included, joined by newlines).
  public func complete(_ text: String) -> Completion {
    let entry = text.drop(while: \.isWhitespace)
    if entry.first == ":" && !entry.contains(where: \.isNewline) {
      return completeCommand(String(entry))
    }
    return completeCode(text)
  }

  // MARK: Commands

  private func completeCommand(_ line: String) -> Completion {
    guard let space = line.firstIndex(where: \.isWhitespace) else {
      return Completion(replacing: line, candidates: CommandSpec.all.map(\.name))
    }
    guard let spec = CommandSpec.named(String(line[..<space])) else { return .none }
    let argument = line[space...].drop(while: \.isWhitespace)
    switch spec.argument {
    case .nothing:
      return .none
    case .file:
      return completeFile(String(argument))
    case .name, .optionalName:
      if argument.contains(where: \.isWhitespace) { return .none }
      var candidates = source.names
      if spec.name == ":help" { candidates += source.keywords + CommandSpec.all.map(\.name) }
      return Completion(replacing: String(argument), candidates: candidates)
    case .expressions:
      return completeCode(String(argument))
    }
  }

  /// File names: the directory part is kept, hidden files show only once a `.` is typed, directories end
  /// in `/` so the next Tab goes inside.
  private func completeFile(_ path: String) -> Completion {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let stem = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let entries = source.directoryEntries(at: directory)
    let candidates =
      entries
      .filter { $0.name.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.name.hasPrefix(".")) }
      .map { directory + $0.name + ($0.isDirectory ? "/" : "") }
    return Completion(replacing: path, candidates: candidates)
  }

  // MARK: Code

  private func completeCode(_ text: String) -> Completion {
    var tokens = CompletionToken.scan(text)
    var word = ""
    if let last = text.last, last.isNameCharacter {
      switch tokens.last {
      case .name(let name)?:
        word = name
        tokens.removeLast()
      default:
        return .none  // the cursor is in a number
      }
    }
    switch tokens.last {
    case .openComment?, .string(isClosed: false)?:
      return .none
    case .symbol(".")? where tokens.dropLast().last != .symbol("."):  // `a.`, but not the range `1..`
      tokens.removeLast()
      guard let path = Self.namePath(endingAt: tokens[...]) else { return .none }
      return Completion(replacing: word, candidates: source.members(of: path))
    default:
      break
    }
    let labels = Self.labelsExpected(tokens).map { call in
      source.argumentLabels(of: call.callee).filter { !call.used.contains($0) }.map { $0 + ":" }
    }
    guard let labels else {
      return Completion(replacing: word, candidates: source.keywords + source.names)
    }
    if word.isEmpty && !labels.isEmpty {
      return Completion(replacing: "", candidates: labels)
    }
    // An argument is an expression: statement keywords such as `with` or `let` cannot start one.
    let keywords = source.keywords.filter(Self.expressionKeywords.contains)
    return Completion(replacing: word, candidates: labels + keywords + source.names)
  }

  /// The keywords that can start an expression.
  static let expressionKeywords: Set<String> = ["true", "false", "not", "train"]

  /// The dotted name `a.b.c` that ends the tokens, or nil if they end in something else (a call, an index,
  /// a number), whose value completion cannot know without running code.
  static func namePath(endingAt tokens: ArraySlice<CompletionToken>) -> [String]? {
    var path: [String] = []
    var rest = tokens
    while case .name(let name)? = rest.last {
      path.insert(name, at: 0)
      rest.removeLast()
      guard case .symbol(".")? = rest.last else { return path }
      rest.removeLast()
    }
    return nil
  }

  /// A call whose argument list the cursor is in, at the start of an argument.
  struct OpenCall: Equatable {
    var callee: [String]
    /// The labels already given in this call.
    var used: Set<String>
  }

  /// The innermost open call when the tokens end right after its `(` or a `,` at its level.
  static func labelsExpected(_ tokens: [CompletionToken]) -> OpenCall? {
    var open: [OpenCall?] = []
    for (index, token) in tokens.enumerated() {
      guard case .symbol(let symbol) = token else { continue }
      switch symbol {
      case "(":
        open.append(namePath(endingAt: tokens[..<index]).map { OpenCall(callee: $0, used: []) })
      case "[", "{":
        open.append(nil)
      case ")", "]", "}":
        _ = open.popLast()
      case ":":
        if index >= 2, case .name(let label) = tokens[index - 1],
          [.symbol("("), .symbol(",")].contains(tokens[index - 2]), !open.isEmpty
        {
          open[open.count - 1]?.used.insert(label)
        }
      default:
        break
      }
    }
    guard let call = open.last ?? nil, [.symbol("("), .symbol(",")].contains(tokens.last) else { return nil }
    return call
  }
}
