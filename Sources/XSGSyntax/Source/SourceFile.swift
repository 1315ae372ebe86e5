/// A script as the front end sees it: a name for messages, the exact bytes, and a table of line starts
/// so any byte offset turns into a 1-based line and column.
public struct SourceFile: Sendable, Identifiable {
  /// Tells apart the sources of one session: every location carries the ID of its source, so a diagnostic
  /// about a function that an earlier REPL entry declared shows that entry, not the one that called it.
  /// A script run alone is `.main`.
  public struct ID: Hashable, Sendable {
    public let rawValue: Int

    public init(_ rawValue: Int) { self.rawValue = rawValue }

    /// The source of a script run alone, and of any text parsed outside a session.
    public static let main = ID(0)
  }

  public let id: ID
  /// The name printed in diagnostics (`phases.xsg`, `<repl>`, `<stdin>`).
  public let name: String
  /// The bytes as read; the lexer works on these, so invalid UTF-8 is reported rather than replaced.
  public let bytes: [UInt8]
  /// The text decoded from `bytes` (invalid sequences become U+FFFD); used only for display.
  public let text: String
  /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
  let lineStarts: [Int]

  public init(name: String, text: String, id: ID = .main) {
    self.init(name: name, bytes: Array(text.utf8), id: id)
  }

  public init(name: String, bytes: [UInt8], id: ID = .main) {
    self.id = id
    self.name = name
    self.bytes = bytes
    self.text = String(decoding: bytes, as: UTF8.self)
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  /// The number of lines; a final newline does not start a new (empty) line for this count.
  public var lineCount: Int {
    if let last = lineStarts.last, last == bytes.count, lineStarts.count > 1 { return lineStarts.count - 1 }
    return lineStarts.count
  }

  /// The location of a byte offset (clamped into `0...bytes.count`). The column counts Unicode scalars
  /// from the start of the line, so `λ` is one column and a tab is one column.
  public func location(at offset: Int) -> SourceLocation {
    let offset = min(max(offset, 0), bytes.count)
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    var column = 1
    var index = lineStarts[low]
    while index < offset {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    // A continuation byte at `offset` itself belongs to the scalar already counted.
    if offset < bytes.count, bytes[offset] & 0xC0 == 0x80, column > 1 { column -= 1 }
    return SourceLocation(offset: offset, line: low + 1, column: column, source: id)
  }

  /// Locations for offsets that mostly increase, found by walking forward from the previous one
  /// (the lexer asks for every token; a binary search and a rescan of the line each time is slow).
  struct Cursor {
    let source: SourceFile
    var last: SourceLocation

    init(_ source: SourceFile) {
      self.source = source
      self.last = SourceLocation(offset: 0, line: 1, column: 1, source: source.id)
    }

    mutating func location(at offset: Int) -> SourceLocation {
      guard offset >= last.offset, offset <= source.bytes.count else { return source.location(at: offset) }
      // `last` counts every scalar start before it, as `SourceFile.location` does.
      let bytes = source.bytes
      var location = last
      while location.offset < offset {
        let byte = bytes[location.offset]
        if byte == UInt8(ascii: "\n") {
          location.line += 1
          location.column = 1
        } else if byte & 0xC0 != 0x80 {
          location.column += 1
        }
        location.offset += 1
      }
      last = location
      // An offset inside a multi-byte scalar belongs to the column of that scalar.
      if offset < bytes.count, bytes[offset] & 0xC0 == 0x80, location.column > 1 { location.column -= 1 }
      return location
    }

    mutating func range(_ start: Int, _ end: Int) -> SourceRange {
      let first = location(at: start)
      return SourceRange(start: first, end: location(at: max(start, end)))
    }
  }

  /// The range between two byte offsets.
  public func range(_ start: Int, _ end: Int) -> SourceRange {
    SourceRange(start: location(at: start), end: location(at: max(start, end)))
  }

  /// The text of a 1-based line without its line break (empty past the end).
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
  }

  /// The source text a range covers.
  public func text(in range: SourceRange) -> String {
    let start = min(max(range.start.offset, 0), bytes.count)
    let end = min(max(range.end.offset, start), bytes.count)
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The empty range at the very end of the input.
  public var endRange: SourceRange { range(bytes.count, bytes.count) }
}
