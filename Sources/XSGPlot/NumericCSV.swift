import Foundation

/// The fast path for the big files of a run (`probes.csv`, `neurons/*.csv`: a 100 000-step run with ten
/// neurons is over a million fields). It parses bytes straight into columns of doubles, without building
/// a string per field; a file with quotes in it goes through `CSVTable` instead. Errors are the same.
enum NumericCSV {
  /// Every non-step column of the file as a series against the first column.
  static func series(_ url: URL, path: String, role: Series.Role = .line, group: String? = nil)
    throws(PlotError) -> [Series]
  {
    guard var bytes = FileManager.default.contents(atPath: url.path).map({ [UInt8]($0) }) else {
      throw .unreadableFile(path: path)
    }
    if bytes.contains(UInt8(ascii: "\"")) || String(validating: bytes, as: UTF8.self) == nil {
      return try CSVTable.parse(String(decoding: bytes, as: UTF8.self), path: path)
        .numericSeries(path: path, role: role, group: group)
    }
    bytes.append(0)  // strtod needs a terminator after the last field
    return try bytes.withUnsafeBufferPointer { (buffer) throws(PlotError) -> [Series] in
      try parse(buffer, path: path, role: role, group: group)
    }
  }

  private static func parse(
    _ buffer: UnsafeBufferPointer<UInt8>, path: String, role: Series.Role, group: String?
  ) throws(PlotError) -> [Series] {
    let newline = UInt8(ascii: "\n")
    let comma = UInt8(ascii: ",")
    let end = buffer.count - 1
    var header: [String]?
    // Per column its own steps: an empty field is a probe not evaluated at that step (no point).
    var xs: [[Double]] = []
    var columns: [[Double]] = []
    var lineNumber = 0
    var start = 0
    while start < end {
      lineNumber += 1
      var stop = start
      while stop < end && buffer[stop] != newline { stop += 1 }
      var last = stop
      if last > start && buffer[last - 1] == UInt8(ascii: "\r") { last -= 1 }
      defer { start = stop + 1 }
      if isBlank(buffer, start, last) { continue }
      guard let names = header else {
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<last]), as: UTF8.self)
        let parsed = text.split(separator: ",", omittingEmptySubsequences: false).map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        try checkHeader(parsed, path: path, line: lineNumber)
        header = parsed
        xs = Array(repeating: [], count: parsed.count)
        columns = Array(repeating: [], count: parsed.count)
        continue
      }
      var field = 0
      var fieldStart = start
      var step = Double.nan
      while true {
        var fieldEnd = fieldStart
        while fieldEnd < last && buffer[fieldEnd] != comma { fieldEnd += 1 }
        guard field < names.count else {
          throw .malformedCSV(
            path: path, line: lineNumber,
            message:
              "expected \(names.count) fields as in the header, found \(countFields(buffer, start, last))")
        }
        // An empty probe field is a probe not evaluated at this step: no point.
        if field == 0 || !isBlank(buffer, fieldStart, fieldEnd) {
          guard let value = number(buffer, fieldStart, fieldEnd) else {
            let text = String(
              decoding: UnsafeBufferPointer(rebasing: buffer[fieldStart..<fieldEnd]), as: UTF8.self)
            throw .malformedCSV(
              path: path, line: lineNumber,
              message:
                "'\(text.trimmingCharacters(in: .whitespaces))' in column '\(names[field])' is not a number")
          }
          if field == 0 { step = value }
          columns[field].append(value)
          xs[field].append(step)
        }
        field += 1
        if fieldEnd >= last { break }
        fieldStart = fieldEnd + 1
      }
      guard field == names.count else {
        throw .malformedCSV(
          path: path, line: lineNumber,
          message: "expected \(names.count) fields as in the header, found \(field)")
      }
    }
    guard let names = header else {
      throw .malformedCSV(path: path, line: 1, message: "the file is empty; expected a header line")
    }
    return names.dropFirst().enumerated().map { i, name in
      Series(name: name, xs: xs[i + 1], ys: columns[i + 1], role: role, group: group)
    }
  }

  /// The header of a probe file: `step`, then distinct, non-empty probe names. A header of `step` alone is
  /// valid: a run whose probes are all per-neuron has no scalar columns. Without `step` first, the first
  /// probe would silently become the x axis.
  static func checkHeader(_ names: [String], path: String, line: Int) throws(PlotError) {
    guard names.first == "step" else {
      let found = names.first.map { "'\($0)'" } ?? "nothing"
      throw .malformedCSV(
        path: path, line: line, message: "expected a header 'step,<names…>', found \(found) first")
    }
    if let empty = names.firstIndex(where: \.isEmpty) {
      throw .malformedCSV(path: path, line: line, message: "column \(empty + 1) of the header has no name")
    }
    if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
      throw .malformedCSV(path: path, line: line, message: "the header names column '\(duplicate)' twice")
    }
  }

  private static func isBlank(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    for i in start..<end where buffer[i] != UInt8(ascii: " ") && buffer[i] != UInt8(ascii: "\t") {
      return false
    }
    return true
  }

  private static func countFields(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
    1 + (start..<end).reduce(0) { $0 + (buffer[$1] == UInt8(ascii: ",") ? 1 : 0) }
  }

  /// The field's number with the same rules as `CSVTable.number`: empty or `nan` is NaN, `inf`/`-inf`
  /// are infinities, otherwise the whole (space-trimmed) field must be a decimal number.
  private static func number(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    var a = start
    var b = end
    while a < b && buffer[a] == UInt8(ascii: " ") { a += 1 }
    while b > a && buffer[b - 1] == UInt8(ascii: " ") { b -= 1 }
    if a == b { return .nan }
    // Plain decimals (digits, sign, point, exponent) go to strtod; anything else (nan, inf, words) is
    // decided by the slow, exact rules, so strtod's extras (hex floats, "infinity" prefixes) never slip in.
    for i in a..<b {
      switch buffer[i] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
        UInt8(ascii: "e"), UInt8(ascii: "E"):
        continue
      default:
        return CSVTable.number(String(decoding: UnsafeBufferPointer(rebasing: buffer[a..<b]), as: UTF8.self))
      }
    }
    let field = buffer.baseAddress!.advanced(by: a)
    let (value, consumed) = field.withMemoryRebound(to: CChar.self, capacity: b - a + 1) { chars in
      var stop: UnsafeMutablePointer<CChar>?
      let value = strtod(chars, &stop)
      return (value, stop.map { UnsafePointer($0) - chars } ?? 0)
    }
    return consumed == b - a ? value : nil
  }
}
