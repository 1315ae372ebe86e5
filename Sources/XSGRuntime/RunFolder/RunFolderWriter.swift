import Foundation

/// The folder one `xsg run` writes: the script as run, its overrides, `meta.json`, and for each `train`
/// its probe files. One `train` writes into the folder itself; from the second on, every run gets a
/// subfolder named by its loop variables and the folder gets `index.csv`. Every file is rewritten
/// atomically, so the folder is valid at every moment.
public final class RunFolderWriter: @unchecked Sendable {
  public let url: URL
  public private(set) var meta: RunMeta
  public private(set) var records: [RunRecord] = []
  /// Seconds between rewrites of the probe files while training.
  let flushInterval: Double

  public init(
    url: URL, script: String, overrides: [Override], meta: RunMeta, flushInterval: Double = 2
  ) throws {
    self.url = url
    self.meta = meta
    self.flushInterval = flushInterval
    let files = FileManager.default
    if files.fileExists(atPath: url.path) {
      // Same script, overrides and seed: the same folder, and its previous contents are replaced. Only a
      // run folder (it has meta.json) or an empty folder is ever cleared: `--out .` must not wipe a project.
      let items = (try? files.contentsOfDirectory(atPath: url.path)) ?? []
      guard items.isEmpty || items.contains("meta.json") else { throw RunFolderError.notARunFolder(url.path) }
      for item in items { try? files.removeItem(at: url.appending(path: item)) }
    }
    do {
      try files.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw RunFolderError.cannotCreate(url.path, error.localizedDescription)
    }
    try AtomicFile.write(script, to: url.appending(path: "script.xsg"))
    let recorded = JSON.object(overrides.map { ($0.name, $0.json) })
    try AtomicFile.write(recorded.pretty, to: url.appending(path: "overrides.json"))
    try writeMeta()
  }

  /// The folder name for a script and its resolved configuration: `<stem>-<8 hex>`.
  public static func defaultName(scriptPath: String, script: String, overrides: [Override], seed: Int?)
    -> String
  {
    // `-` is the standard input (`xsg run -`, or `xsg < script.xsg`).
    let stem =
      scriptPath == "-" ? "stdin" : URL(filePath: scriptPath).deletingPathExtension().lastPathComponent
    var key = script + "\u{0}"
    for override in overrides.sorted(by: { $0.name < $1.name }) {
      key += override.name + "=" + override.text + "\u{0}"
    }
    if let seed { key += "seed=\(seed)" }
    return stem + "-" + String(SHA256.hex(key).prefix(8))
  }

  public func recordSeed(_ seed: Int) throws {
    if !meta.seeds.contains(seed) {
      meta.seeds.append(seed)
      try writeMeta()
    }
  }

  /// Starts recording a run with its loop variables as parameters.
  public func beginRun(parameters: [(String, String)], probeNames: [String]) throws -> RunRecord {
    if records.count == 1, let first = records.first, first.subfolder == nil {
      try first.move(to: uniqueName(for: first.parameters, index: 1, excluding: first))
      try writeIndex()
    }
    let record = RunRecord(folder: self, parameters: parameters, probeNames: probeNames)
    if !records.isEmpty {
      record.subfolder = uniqueName(for: parameters, index: records.count + 1, excluding: nil)
    }
    records.append(record)
    // Writes the run's files and, in a sweep, index.csv with its row: the subfolder appears and is
    // listed at once, not only when the run ends.
    try record.flush(force: true)
    return record
  }

  /// Records how the whole script ended.
  public func finish(status: RunMeta.Status, error: String? = nil) throws {
    for record in records where record.status == .running { record.status = status }
    for record in records { try record.flush(force: true) }
    meta.status = status
    meta.error = error
    meta.end = Date()
    try writeMeta()
    if records.count > 1 { try writeIndex() }
  }

  /// The URL of a file a script writes (`plot(..., file: "x.svg")`), checked to stay inside the folder.
  public func file(named name: String) throws(HermeticPathError) -> URL {
    let relative = try HermeticPath.check(name).get()
    return url.appending(path: relative)
  }

  private func writeMeta() throws {
    try AtomicFile.write(meta.json.pretty, to: url.appending(path: "meta.json"))
  }

  /// `index.csv`: `run,<parameters…>,final_<probe>…,steps,status`, one row per run.
  func writeIndex() throws {
    var parameterNames: [String] = []
    var finalNames: [String] = []
    for record in records {
      for (name, _) in record.parameters where !parameterNames.contains(name) { parameterNames.append(name) }
      for name in record.table.scalarNames where !finalNames.contains(name) { finalNames.append(name) }
    }
    // A loop variable named like a fixed column (`for steps in …`) would repeat that header, and readers
    // that look a column up by name would get the first one: it is written as loop_<name>.
    let fixed = Set(["run", "steps", "status"] + finalNames.map { "final_" + $0 })
    let parameterHeaders = parameterNames.map { fixed.contains($0) ? "loop_" + $0 : $0 }
    var out =
      (["run"] + parameterHeaders + finalNames.map { "final_" + $0 } + ["steps", "status"]).map(CSV.field)
      .joined(separator: ",")
      + "\n"
    for record in records {
      let parameters = Dictionary(record.parameters, uniquingKeysWith: { a, _ in a })
      var fields = [record.subfolder ?? "."]
      fields += parameterNames.map { parameters[$0] ?? "" }
      fields += finalNames.map { name in record.table.scalars(name).last.map(NumberText.roundTrip) ?? "" }
      fields += [String(record.steps), record.status.rawValue]
      out += fields.map(CSV.field).joined(separator: ",") + "\n"
    }
    try AtomicFile.write(out, to: url.appending(path: "index.csv"))
  }

  /// The longest subfolder name, in UTF-8 bytes, leaving room under the 255-byte limit for "-N".
  static let maximumNameBytes = 200

  private func uniqueName(for parameters: [(String, String)], index: Int, excluding: RunRecord?) -> String {
    var base =
      parameters.isEmpty
      ? "run\(index)"
      : parameters.map { "\($0.0)=\(Double($0.1).map(ValueText.number) ?? $0.1)" }.joined(separator: ",")
    base = String(base.map { $0 == "/" || $0 == "\0" ? "_" : $0 })
    if base.hasPrefix(".") { base = "_" + base }
    // A file name has at most 255 bytes: a long string or list as a loop variable failed the whole run
    // with "File name too long". Cut long names and keep them apart with a hash of the whole name.
    if base.utf8.count > Self.maximumNameBytes {
      var cut = ""
      for character in base {
        guard cut.utf8.count + character.utf8.count <= Self.maximumNameBytes - 10 else { break }
        cut.append(character)
      }
      base = cut + "-" + String(SHA256.hex(base).prefix(8))
    }
    let taken = Set(records.filter { $0 !== excluding }.compactMap(\.subfolder))
    if !taken.contains(base) { return base }
    var k = 2
    while taken.contains("\(base)-\(k)") { k += 1 }
    return "\(base)-\(k)"
  }
}

/// The files of one `train`: probes.csv, probes.jsonl, neurons/*.csv and summary.json.
public final class RunRecord: @unchecked Sendable {
  unowned let folder: RunFolderWriter
  public let parameters: [(String, String)]
  public internal(set) var table: ProbeTable
  public internal(set) var subfolder: String?
  public internal(set) var steps = 0
  public internal(set) var status: RunMeta.Status = .running
  private var lastFlush = Date.distantPast
  /// Seconds the last rewrite took: rewrites wait at least ten times that, so a long run with many rows
  /// spends at most ~10% of its time rewriting files.
  private var lastFlushCost = 0.0

  init(folder: RunFolderWriter, parameters: [(String, String)], probeNames: [String]) {
    self.folder = folder
    self.parameters = parameters
    self.table = ProbeTable(names: probeNames)
  }

  public var url: URL { subfolder.map { folder.url.appending(path: $0) } ?? folder.url }

  public func append(step: Int, values: [ProbeTable.Column]) throws {
    table.append(step: step, values: values)
    try flush(force: false)
  }

  public func advance(to step: Int) { steps = step }

  public func end(status: RunMeta.Status) throws {
    self.status = status
    try flush(force: true)
  }

  /// Rewrites the files when forced or when `flushInterval` has passed since the last rewrite.
  public func flush(force: Bool) throws {
    let now = Date()
    let interval = max(folder.flushInterval, 10 * lastFlushCost)
    guard force || now.timeIntervalSince(lastFlush) >= interval else { return }
    defer {
      lastFlush = Date()
      lastFlushCost = lastFlush.timeIntervalSince(now)
    }
    let base = url
    try AtomicFile.write(table.csv, to: base.appending(path: "probes.csv"))
    try AtomicFile.write(table.jsonLines, to: base.appending(path: "probes.jsonl"))
    for name in table.vectorNames {
      try AtomicFile.write(table.neuronCSV(name), to: base.appending(path: "neurons/\(name).csv"))
    }
    try AtomicFile.write(summary.pretty, to: base.appending(path: "summary.json"))
    // index.csv lists every subfolder with its steps, finals and status so far; before, a sweep's running
    // run had a subfolder that index.csv did not list until the run ended (and never, after a kill).
    if folder.records.count > 1 { try folder.writeIndex() }
  }

  public var summary: JSON {
    var finals: [(String, JSON)] = []
    var events: [(String, JSON)] = []
    for name in table.scalarNames {
      if table.isBoolean(name) {
        events.append((name, table.eventStep(name).map { .int($0) } ?? .null))
      } else if let last = table.scalars(name).last {
        finals.append((name, .number(last)))
      }
    }
    var neurons: [(String, JSON)] = []
    for name in table.vectorNames {
      if let last = table.vectors(name).last { neurons.append((name, .array(last.map { .number($0) }))) }
    }
    return .object([
      ("run", .string(subfolder ?? ".")),
      ("parameters", .object(parameters.map { ($0.0, .string($0.1)) })),
      ("status", .string(status.rawValue)),
      ("steps", .int(steps)),
      ("probe_times", .int(table.steps.count)),
      ("final", .object(finals)),
      ("events", .object(events)),
      ("final_neurons", .object(neurons)),
    ])
  }

  /// Moves this run's files from the top folder into `name` (when a second run appears).
  func move(to name: String) throws {
    let files = FileManager.default
    let from = url
    subfolder = name
    let to = url
    try files.createDirectory(at: to, withIntermediateDirectories: true)
    for item in ["probes.csv", "probes.jsonl", "summary.json", "neurons"] {
      let source = from.appending(path: item)
      if files.fileExists(atPath: source.path) {
        try files.moveItem(at: source, to: to.appending(path: item))
      }
    }
    try flush(force: true)
  }
}
