import Foundation

/// A small CSV table: a header and rows of fields, as `xsg run` writes them (comma-separated; fields may
/// be double-quoted with `""` for a quote inside, which index.csv uses for parameter values with commas).
public struct CSVTable: Equatable, Sendable {
  public var header: [String]
  public var rows: [[String]]
  /// The 1-based line of the file each row came from, for error messages.
  public var rowLines: [Int]
  /// The 1-based line of the header (blank lines before it are skipped).
  public var headerLine = 1

  public init(header: [String], rows: [[String]], rowLines: [Int]? = nil) {
    self.header = header
    self.rows = rows
    self.rowLines = rowLines ?? Array((0..<rows.count).map { $0 + 2 })
  }

  /// Reads and parses `url`; `path` is how error messages name the file.
  public static func load(_ url: URL, path: String) throws(PlotError) -> CSVTable {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw .unreadableFile(path: path)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .malformedCSV(path: path, line: 1, message: "the file is not UTF-8 text")
    }
    return try parse(text, path: path)
  }

  public static func parse(_ text: String, path: String) throws(PlotError) -> CSVTable {
    var lines: [(Int, [String])] = []
    var number = 0
    // "\r\n" is one Character in Swift, so Windows line ends are matched as a whole.
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      number += 1
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      lines.append((number, try fields(String(line), path: path, line: number)))
    }
    guard let (_, header) = lines.first else {
      throw .malformedCSV(path: path, line: 1, message: "the file is empty; expected a header line")
    }
    if let duplicate = header.first(where: { name in header.filter { $0 == name }.count > 1 }) {
      throw .malformedCSV(path: path, line: 1, message: "the header names column '\(duplicate)' twice")
    }
    for (line, row) in lines.dropFirst() where row.count != header.count {
      throw .malformedCSV(
        path: path, line: line,
        message: "expected \(header.count) fields as in the header, found \(row.count)")
    }
    var table = CSVTable(
      header: header, rows: lines.dropFirst().map(\.1), rowLines: lines.dropFirst().map(\.0))
    table.headerLine = lines[0].0
    return table
  }

  private static func fields(_ line: String, path: String, line number: Int) throws(PlotError) -> [String] {
    var result: [String] = []
    var field = ""
    var quoted = false
    var chars = line.makeIterator()
    var atFieldStart = true
    while let c = chars.next() {
      if quoted {
        if c == "\"" {
          // A doubled quote inside a quoted field is a literal quote; a single one ends the quoting.
          var lookahead = chars
          if lookahead.next() == "\"" {
            field.append("\"")
            chars = lookahead
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "," {
        result.append(field.trimmingCharacters(in: .whitespaces))
        field = ""
        atFieldStart = true
        continue
      } else if c == "\"" && atFieldStart && field.trimmingCharacters(in: .whitespaces).isEmpty {
        quoted = true
        field = ""
      } else {
        field.append(c)
      }
      atFieldStart = false
    }
    if quoted { throw .malformedCSV(path: path, line: number, message: "a quoted field is not closed") }
    result.append(field.trimmingCharacters(in: .whitespaces))
    return result
  }

  /// The values of column `name`, or `nil` when there is no such column.
  public func column(_ name: String) -> [String]? {
    header.firstIndex(of: name).map { i in rows.map { $0[i] } }
  }

  /// A field as a number: empty fields and `nan` are NaN (a gap in the line), `inf`/`-inf` are infinities.
  public static func number(_ field: String) -> Double? {
    switch field.lowercased() {
    case "", "nan", "-nan": return .nan
    case "inf", "+inf", "infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default: return Double(field)
    }
  }

  /// Every non-step column as a series against the first column (`step`), in header order.
  public func numericSeries(path: String, role: Series.Role = .line, group: String? = nil) throws(PlotError)
    -> [Series]
  {
    try NumericCSV.checkHeader(header, path: path, line: headerLine)
    // An empty field is a probe not evaluated at that step: no point (each column keeps its own steps).
    var xs = Array(repeating: [Double](), count: header.count - 1)
    var columns = Array(repeating: [Double](), count: header.count - 1)
    for (r, row) in rows.enumerated() {
      var step = Double.nan
      for (c, field) in row.enumerated() {
        if c > 0, field.trimmingCharacters(in: .whitespaces).isEmpty { continue }
        guard let value = CSVTable.number(field) else {
          throw .malformedCSV(
            path: path, line: rowLines[r], message: "'\(field)' in column '\(header[c])' is not a number")
        }
        if c == 0 {
          step = value
        } else {
          xs[c - 1].append(step)
          columns[c - 1].append(value)
        }
      }
    }
    return header.dropFirst().enumerated().map { i, name in
      Series(name: name, xs: xs[i], ys: columns[i], role: role, group: group)
    }
  }
}
