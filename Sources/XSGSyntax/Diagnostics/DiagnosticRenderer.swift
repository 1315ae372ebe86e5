/// Prints diagnostics for people (`rich`) and for tools and tests (`short`).
///
/// Rich form:
/// ```
/// phases.xsg:3:15: error[E0102]: expected ')' to close '(' opened at 3:10
///   3 | let x = f(1, 2
///     |          -    ^ expected ')'
///     |          '(' opened here
///   = help: did you mean 'flip'?
/// ```
/// Colour is a decision of the caller (a terminal and no `NO_COLOR`): the renderer never looks at the
/// environment, so its output is deterministic and snapshot-testable.
///
/// A range may lie in another source than `source` (in the REPL, a function an earlier entry declared):
/// the headline then names that source, and labels in further sources follow under a `:::` line naming
/// theirs:
/// ```
/// <repl>:1:1:20: error[E0501]: '-' needs numbers (or vectors), got number 2 and string "a"
///  1 | fn f(x) { return x - "a" }
///    |                    ^
///   ::: <repl>:3:1:9
///  1 | let y = f(2)
///    |         ---- 'f' called here
/// ```
public struct DiagnosticRenderer: Sendable {
  /// The source the diagnostics come from; it also stands for any source not in `others`.
  public var source: SourceFile
  /// Further sources that ranges may lie in, by ID (the REPL's earlier entries).
  public var others: [SourceFile.ID: SourceFile]
  public var color: Bool

  public init(source: SourceFile, others: [SourceFile] = [], color: Bool = false) {
    self.source = source
    self.others = Dictionary(others.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    self.color = color
  }

  /// The source `range` lies in.
  private func file(of range: SourceRange) -> SourceFile {
    range.source == source.id ? source : others[range.source] ?? source
  }

  /// `file:line:col: error[E0101]: message`, plus "; did you mean 'x'?" when there is a suggestion.
  public func short(_ diagnostic: Diagnostic) -> String {
    let start = diagnostic.range.start
    let name = file(of: diagnostic.range).name
    var line = "\(name):\(start.line):\(start.column): \(diagnostic.severity.rawValue)"
    line += "[\(diagnostic.code)]: \(diagnostic.message)"
    if let suggestion = diagnostic.suggestion { line += "; did you mean '\(suggestion)'?" }
    return line
  }

  /// Every diagnostic in rich form, separated by blank lines, with a final newline.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(rich).joined(separator: "\n")
  }

  /// The rich form of one diagnostic, ending in a newline.
  public func rich(_ diagnostic: Diagnostic) -> String {
    let primaryFile = file(of: diagnostic.range)
    let start = diagnostic.range.start
    var out = paint(bold, "\(primaryFile.name):\(start.line):\(start.column): ")
    out += paint(severityStyle(diagnostic.severity), "\(diagnostic.severity.rawValue)[\(diagnostic.code)]")
    out += paint(bold, ": \(diagnostic.message)") + "\n"

    // One excerpt per source: the primary range's first, then the others in the order of their labels.
    var excerpts = [
      Excerpt(
        file: primaryFile, first: start,
        marks: segments(
          of: diagnostic.range, in: primaryFile, label: diagnostic.primaryLabel ?? "", primary: true))
    ]
    for label in diagnostic.labels {
      let labelFile = file(of: label.range)
      let marks = segments(of: label.range, in: labelFile, label: label.message, primary: false)
      if let index = excerpts.firstIndex(where: { $0.file.id == labelFile.id }) {
        excerpts[index].marks += marks
      } else {
        excerpts.append(Excerpt(file: labelFile, first: label.range.start, marks: marks))
      }
    }
    let gutterWidth = String(excerpts.flatMap { $0.marks.map(\.line) }.max() ?? 1).count
    for (index, excerpt) in excerpts.enumerated() {
      if index > 0 {
        out += String(repeating: " ", count: gutterWidth + 1) + paint(blue, ":::")
        out += " \(excerpt.file.name):\(excerpt.first.line):\(excerpt.first.column)\n"
      }
      out += lines(of: excerpt, gutterWidth: gutterWidth)
    }
    for note in diagnostic.notes {
      out += String(repeating: " ", count: gutterWidth + 2) + "= " + paint(bold, "note") + ": \(note)\n"
    }
    if let suggestion = diagnostic.suggestion {
      out += String(repeating: " ", count: gutterWidth + 2) + "= " + paint(bold, "help")
      out += ": did you mean '\(suggestion)'?\n"
    }
    return out
  }

  /// The marked lines of one source, with "..." where lines are left out.
  private func lines(of excerpt: Excerpt, gutterWidth: Int) -> String {
    var out = ""
    let marks = excerpt.marks
    let blankGutter = String(repeating: " ", count: gutterWidth + 2) + paint(blue, "|")
    var previous: Int?
    for line in Set(marks.map(\.line)).sorted() {
      if let previous, line > previous + 1 {
        out += String(repeating: " ", count: gutterWidth + 1) + paint(blue, "...") + "\n"
      }
      previous = line
      let (shown, lineMarks) = clipped(excerpt.file.lineText(line), marks.filter { $0.line == line })
      let (text, starts) = DisplayWidth.expand(shown)
      let number = String(line)
      out += String(repeating: " ", count: gutterWidth + 1 - number.count) + number + " "
      out += paint(blue, "|") + (text.isEmpty ? "" : " " + text) + "\n"
      for mark in lineMarks {
        let first = cell(starts, mark.startColumn)
        let last = max(cell(starts, mark.endColumn), first + 1)
        var row = blankGutter + " " + String(repeating: " ", count: first)
        row += paint(
          mark.primary ? red : blue, String(repeating: mark.primary ? "^" : "-", count: last - first))
        if !mark.label.isEmpty { row += " " + paint(mark.primary ? red : blue, mark.label) }
        out += row + "\n"
      }
    }
    return out
  }

  /// The marks in one source, and where its first one starts (for the `:::` line).
  private struct Excerpt {
    var file: SourceFile
    var first: SourceLocation
    var marks: [Mark]
  }

  /// One underline on one line; a range over several lines becomes a mark on its first and last line.
  private struct Mark {
    var line: Int
    var startColumn: Int
    var endColumn: Int
    var label: String
    var primary: Bool
  }

  private func segments(of range: SourceRange, in file: SourceFile, label: String, primary: Bool) -> [Mark] {
    let start = range.start
    let end = range.end
    if start.line == end.line || (end.column == 1 && end.line == start.line + 1) {
      let endColumn = start.line == end.line ? end.column : columnsIn(start.line, of: file) + 1
      return [
        Mark(
          line: start.line, startColumn: start.column, endColumn: endColumn, label: label, primary: primary)
      ]
    }
    let firstEnd = columnsIn(start.line, of: file) + 1
    let lastText = file.lineText(end.line)
    let indent = lastText.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
    return [
      Mark(line: start.line, startColumn: start.column, endColumn: firstEnd, label: "", primary: primary),
      Mark(line: end.line, startColumn: indent + 1, endColumn: end.column, label: label, primary: primary),
    ]
  }

  /// Display cells of a line beyond which only a window around the marks is shown.
  static let maxLineCells = 120

  /// A long line cut to a window of about `maxLineCells` cells around its first primary mark (else its
  /// first mark), with "…" where text is left out, and the marks moved to match. A generated list or a
  /// deeply nested expression on one line would otherwise print thousands of columns.
  private func clipped(_ line: String, _ marks: [Mark]) -> (String, [Mark]) {
    let scalars = Array(line.unicodeScalars)
    let width = scalars.reduce(0) { $0 + ($1 == "\t" ? DisplayWidth.tabWidth : DisplayWidth.cells($1)) }
    guard width > Self.maxLineCells, let anchor = marks.first(where: \.primary) ?? marks.first else {
      return (line, marks)
    }
    @inline(__always) func cells(_ index: Int) -> Int {
      scalars[index] == "\t" ? DisplayWidth.tabWidth : DisplayWidth.cells(scalars[index])
    }
    // The line's start when the anchor is near it; else a third of the window before the anchor.
    var first = min(max(anchor.startColumn - 1, 0), scalars.count)
    let before = (0..<first).reduce(0) { $0 + cells($1) }
    var used = 0
    while first > 0, before <= Self.maxLineCells * 2 / 3 || used + cells(first - 1) <= Self.maxLineCells / 3 {
      first -= 1
      used += cells(first)
    }
    var end = first
    used = 0
    while end < scalars.count, used + cells(end) <= Self.maxLineCells - 2 {
      used += cells(end)
      end += 1
    }
    var text = first > 0 ? "…" : ""
    text.unicodeScalars.append(contentsOf: scalars[first..<end])
    if end < scalars.count { text += "…" }
    // Columns are 1-based; the leading "…" takes one column. A mark outside the window is clamped to it.
    let shift = first - (first > 0 ? 1 : 0)
    let lastColumn = text.unicodeScalars.count + 1
    let moved = marks.map { mark in
      var mark = mark
      mark.startColumn = min(max(mark.startColumn - shift, 1), lastColumn)
      mark.endColumn = min(max(mark.endColumn - shift, mark.startColumn), lastColumn)
      return mark
    }
    return (text, moved)
  }

  private func columnsIn(_ line: Int, of file: SourceFile) -> Int { file.lineText(line).unicodeScalars.count }

  /// The display cell of a 1-based column; columns past the end continue one cell per column.
  private func cell(_ starts: [Int], _ column: Int) -> Int {
    let index = max(column - 1, 0)
    if index < starts.count { return starts[index] }
    return (starts.last ?? 0) + index - (starts.count - 1)
  }

  // MARK: Colour

  private var bold: String { "\u{1B}[1m" }
  private var red: String { "\u{1B}[1;31m" }
  private var yellow: String { "\u{1B}[1;33m" }
  private var blue: String { "\u{1B}[1;34m" }
  private var cyan: String { "\u{1B}[1;36m" }

  private func severityStyle(_ severity: Diagnostic.Severity) -> String {
    switch severity {
    case .error: red
    case .warning: yellow
    case .note: cyan
    }
  }

  private func paint(_ style: String, _ text: String) -> String {
    color ? style + text + "\u{1B}[0m" : text
  }
}
