/// A position in a source file: the byte offset and its 1-based line and column (the column counts
/// Unicode scalars, so a caret can be placed under wide characters and tabs by the renderer), and which
/// source it is in (see `SourceFile.ID`).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var offset: Int
  public var line: Int
  public var column: Int
  public var source: SourceFile.ID

  public init(offset: Int, line: Int, column: Int, source: SourceFile.ID = .main) {
    self.offset = offset
    self.line = line
    self.column = column
    self.source = source
  }

  /// Order within one source (locations in different sources are not compared).
  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool { lhs.offset < rhs.offset }

  /// `line:column`, the form used in messages such as "to close '{' opened at 3:18".
  public var description: String { "\(line):\(column)" }
}

/// A half-open span of source text: `start` is the first byte, `end` is one past the last.
/// An empty range (start == end) marks a point, e.g. the end of input.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  public var start: SourceLocation
  public var end: SourceLocation

  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = max(start, end)
  }

  /// The empty range at a location.
  public init(at location: SourceLocation) {
    self.start = location
    self.end = location
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }

  /// The empty range just after this one.
  public var endPoint: SourceRange { SourceRange(at: end) }

  public var isEmpty: Bool { start.offset == end.offset }

  /// The source the range is in.
  public var source: SourceFile.ID { start.source }

  /// Whether `other` lies within this range, in the same source.
  public func contains(_ other: SourceRange) -> Bool {
    other.source == source && start.offset <= other.start.offset && other.end.offset <= end.offset
  }

  public var description: String { "\(start)-\(end)" }
}
