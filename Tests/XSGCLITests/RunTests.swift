import Foundation
import TestSupport
import Testing

/// `xsg run` end to end: the run folder's files, overrides, reproducibility, exit codes, Ctrl-C.
@Suite struct RunTests {
  static let script = """
    # a small shortcut experiment
    seed 1
    let d = 20
    let lam = 0.1
    data train = hypercube(d) | xor(1, 2) | spurious(3, flip: lam)
    data iid = test(train, iid, n: 2000)
    net f = relu2(width: 4)
    opt o = sgd(lr: 0.1, batch: 200)
    probe every 5 {
      loss = batch_loss()
      w_sp = mean(abs(f.w_sp))
      acc = accuracy(f, iid)
      aligned = f.alignment == 1
      sp = f.w_sp
    }
    let run = train f on train with o for 20 steps
    print "w_sp", run.final.w_sp

    """

  /// Writes `text` (by default `script`) into the scratch folder `dir` as `exp.xsg`.
  static func write(_ text: String = script, in dir: URL) throws {
    try text.write(to: dir.appending(path: "exp.xsg"), atomically: true, encoding: .utf8)
  }

  /// Writes `text` as exp.xsg in `dir` and runs it quietly into `dir/out`.
  static func runQuietly(_ text: String = script, in dir: URL) throws -> Binary.Result {
    try write(text, in: dir)
    return try Binary.run(["run", "exp.xsg", "--out", "out", "--quiet"], in: dir)
  }

  static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  static func json(_ url: URL) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
  }

  /// Rows of a CSV file (RFC 4180 quoting: subfolder names such as `lam=0,s=1` are quoted).
  static func csv(_ url: URL) throws -> [[String]] {
    try read(url).split(separator: "\n").map { line in
      var fields: [String] = []
      var field = ""
      var quoted = false
      for character in line {
        if character == "\"" {
          quoted.toggle()
        } else if character == ",", !quoted {
          fields.append(field)
          field = ""
        } else {
          field.append(character)
        }
      }
      return fields + [field]
    }
  }

  @Test func writesAConsistentRunFolder() throws {
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    let result = try Self.runQuietly(in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("w_sp "))
    let out = dir.appending(path: "out")

    let rows = try Self.csv(out.appending(path: "probes.csv"))
    #expect(rows.first == ["step", "loss", "w_sp", "acc", "aligned"])
    #expect(rows.dropFirst().map { $0[0] } == ["0", "5", "10", "15", "20"])
    #expect(rows.allSatisfy { $0.count == 5 })

    let lines = try Self.read(out.appending(path: "probes.jsonl")).split(separator: "\n")
    #expect(lines.count == rows.count - 1)
    for (line, row) in zip(lines, rows.dropFirst()) {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
      #expect((object["step"] as? Int).map(String.init) == row[0])
      // The same digits (Foundation's JSON reader may round the last one).
      #expect(line.contains("\"w_sp\":\(row[2]),"))
    }

    let summary = try Self.json(out.appending(path: "summary.json"))
    let final = summary["final"] as? [String: Double] ?? [:]
    #expect(abs((final["w_sp"] ?? 0) - (Double(rows.last![2]) ?? 1)) < 1e-15)
    #expect(summary["status"] as? String == "ok")
    #expect(summary["steps"] as? Int == 20)
    #expect((summary["events"] as? [String: Any])?.keys.contains("aligned") == true)

    let neurons = try Self.csv(out.appending(path: "neurons/sp.csv"))
    #expect(neurons.first == ["step", "n1", "n2", "n3", "n4"])
    #expect(neurons.count == rows.count)

    let meta = try Self.json(out.appending(path: "meta.json"))
    #expect(meta["status"] as? String == "ok")
    #expect(meta["seeds"] as? [Int] == [1])
    #expect(meta["script_sha256"] as? String == sha256(Self.script))
    #expect((meta["argv"] as? [String])?.contains("exp.xsg") == true)
    #expect(meta["start"] is String && meta["end"] is String)
    #expect(try Self.read(out.appending(path: "script.xsg")) == Self.script)
    #expect(try Self.json(out.appending(path: "overrides.json")).isEmpty)
  }

  @Test func defaultFolderIsNamedByScriptAndConfiguration() throws {
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    try Self.write(in: dir)
    #expect(try Binary.run(["run", "exp.xsg", "--quiet"], in: dir).status == 0)
    #expect(try Binary.run(["run", "exp.xsg", "--quiet", "lam=0.25"], in: dir).status == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.appending(path: "runs").path).sorted()
    #expect(names.count == 2)
    #expect(names.allSatisfy { $0.hasPrefix("exp-") && $0.count == "exp-".count + 8 })
  }

  @Test func overridesChangeTheResultAndAreRecorded() throws {
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    try Self.write(in: dir)
    #expect(try Binary.run(["run", "exp.xsg", "--out", "a", "--quiet"], in: dir).status == 0)
    let result = try Binary.run(["run", "exp.xsg", "--out", "b", "--quiet", "lam=0.4", "d=30"], in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let a = try Self.read(dir.appending(path: "a/probes.csv"))
    let b = try Self.read(dir.appending(path: "b/probes.csv"))
    #expect(a != b)
    let recorded = try Self.json(dir.appending(path: "b/overrides.json"))
    #expect(recorded["lam"] as? Double == 0.4)
    #expect(recorded["d"] as? Int == 30)
  }

  @Test func sameSeedGivesByteIdenticalProbesOnAnyThreadCount() throws {
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    try Self.write(in: dir)
    #expect(try Binary.run(["run", "exp.xsg", "--out", "a", "--quiet"], in: dir).status == 0)
    #expect(
      try Binary.run(["run", "exp.xsg", "--out", "b", "--quiet", "--threads", "2"], in: dir).status == 0)
    #expect(try Binary.run(["run", "exp.xsg", "--out", "c", "--quiet", "--seed", "7"], in: dir).status == 0)
    let a = try Data(contentsOf: dir.appending(path: "a/probes.csv"))
    #expect(a == (try Data(contentsOf: dir.appending(path: "b/probes.csv"))))
    #expect(a != (try Data(contentsOf: dir.appending(path: "c/probes.csv"))))
    #expect(try Self.json(dir.appending(path: "c/meta.json"))["seeds"] as? [Int] == [7])
  }

  /// `--seed` replaces top-level seeds only: with every seed inside a loop it would change nothing, yet
  /// write a folder of its own as if the runs had a new seed.
  @Test func seedOptionThatWouldChangeNothingIsAUsageError() throws {
    let looped = """
      for s in 1..2 {
        seed s
        net f = relu2(width: 4)
        let r = train f on (hypercube(10) | xor(1, 2)) with sgd(batch: 50) for 2 steps
      }

      """
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    try Self.write(looped, in: dir)
    let result = try Binary.run(["run", "exp.xsg", "--out", "out", "--quiet", "--seed", "9"], in: dir)
    #expect(result.status == 64)
    #expect(result.stderr.contains("--seed 9 would change nothing"))
    #expect(result.stderr.contains("(line 2)"))
    #expect(!FileManager.default.fileExists(atPath: dir.appending(path: "out").path))
    // A top-level seed makes --seed meaningful again.
    try ("seed 1\n" + looped).write(to: dir.appending(path: "top.xsg"), atomically: true, encoding: .utf8)
    #expect(
      try Binary.run(["run", "top.xsg", "--out", "top", "--quiet", "--seed", "9"], in: dir).status == 0)
  }

  @Test func severalTrainsGetSubfoldersAndAnIndex() throws {
    let sweep = """
      let lams = [0, 0.25]
      for lam in lams {
        for s in 1..2 {
          seed s
          net f = relu2(width: 4)
          probe every 2 { w = mean(abs(f.w_sp)) }
          let r = train f on (hypercube(10) | xor(1, 2) | spurious(3, flip: lam)) with sgd(batch: 50) for 4 steps
        }
      }

      """
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    let result = try Self.runQuietly(sweep, in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let index = try Self.csv(dir.appending(path: "out/index.csv"))
    #expect(index.first == ["run", "lam", "s", "final_w", "steps", "status"])
    #expect(index.dropFirst().map { $0[0] } == ["lam=0,s=1", "lam=0,s=2", "lam=0.25,s=1", "lam=0.25,s=2"])
    for row in index.dropFirst() {
      let probes = try Self.csv(dir.appending(path: "out/\(row[0])/probes.csv"))
      #expect(probes.last?[1] == row[3])
      #expect(row[5] == "ok")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appending(path: "out/probes.csv").path))
  }

  /// index.csv and summary.json give a loop variable in full precision: two learning rates that agree
  /// in 6 digits were listed with the same value. The folder names stay short.
  @Test func indexKeepsLoopVariablesInFullPrecision() throws {
    let sweep = """
      for lr in [0.0012345678, 0.0012345679] {
        net f = relu2(width: 4)
        let r = train f on (hypercube(10) | xor(1, 2)) with sgd(batch: 50, lr: lr) for 2 steps
      }

      """
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    let result = try Self.runQuietly(sweep, in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let index = try Self.csv(dir.appending(path: "out/index.csv"))
    #expect(index.dropFirst().map { $0[0] } == ["lr=0.00123457", "lr=0.00123457-2"])
    #expect(index.dropFirst().map { $0[1] } == ["0.0012345678", "0.0012345679"])
    let summary = try Self.json(dir.appending(path: "out/lr=0.00123457-2/summary.json"))
    #expect((summary["parameters"] as? [String: Any])?["lr"] as? String == "0.0012345679")
  }

  /// The first run moves into a subfolder when the second begins; its name (legends, index) follows it.
  @Test func aRunsNameFollowsItsSubfolder() throws {
    let two = """
      net f = relu2(width: 4)
      probe every 2 { w = mean(f.w_sig) }
      let r1 = train f on (hypercube(10) | xor(1, 2)) with sgd(batch: 50) for 2 steps
      let r2 = train f on (hypercube(10) | xor(1, 2)) with sgd(batch: 50) for 2 steps
      print plot([r1, r2], ["w"], file: "both.svg")

      """
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    let result = try Self.runQuietly(two, in: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let svg = try Self.read(dir.appending(path: "out/both.svg"))
    #expect(svg.contains("w (run1)") && svg.contains("w (run2)"))
    #expect(!svg.contains("w (.)"))
  }

  @Test func exitCodes() throws {
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    try Self.write(in: dir)
    try "let x = (1 +\n".write(to: dir.appending(path: "syntax.xsg"), atomically: true, encoding: .utf8)
    try "data t = hypercube(10) | spurious(3, flip: 1.3)\n".write(
      to: dir.appending(path: "runtime.xsg"), atomically: true, encoding: .utf8)

    let unknown = try Binary.run(["run", "exp.xsg", "--quiet", "lamb=0.2"], in: dir)
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("did you mean 'lam'?"))
    let malformed = try Binary.run(["run", "exp.xsg", "--quiet", "lam"], in: dir)
    #expect(malformed.status == 64)
    #expect(malformed.stderr.contains("'lam' is not an override"))
    #expect(malformed.stderr.contains("Usage: xsg run <file>"), "\(malformed.stderr)")
    let twice = try Binary.run(["run", "exp.xsg", "--quiet", "lam=0.1", "lam=0.2"], in: dir)
    #expect(twice.status == 64)
    #expect(twice.stderr.contains("override lam=… is given more than once"), "\(twice.stderr)")
    let kind = try Binary.run(["run", "exp.xsg", "--quiet", "lam=\"high\""], in: dir)
    #expect(kind.status == 64)
    #expect(kind.stderr.contains("lam is a number"))
    // The core computes with one or two threads: more is a usage error, not a thread count meta.json
    // records but never ran.
    for command in [["run", "exp.xsg", "--quiet"], ["repl"], ["bench", "--shape", "S", "--steps", "1"]] {
      for threads in ["0", "3"] {
        let result = try Binary.run(command + ["--threads", threads], in: dir)
        #expect(result.status == 64, "\(command) --threads \(threads)")
        #expect(result.stderr.contains("--threads must be 1 or 2, not \(threads)"))
      }
    }
    #expect(try Binary.run(["run", "syntax.xsg", "--quiet"], in: dir).status == 65)
    #expect(try Binary.run(["run", "missing.xsg", "--quiet"], in: dir).status == 66)

    let runtime = try Binary.run(["run", "runtime.xsg", "--quiet", "--out", "r"], in: dir)
    #expect(runtime.status == 70)
    #expect(runtime.stderr.contains("runtime.xsg:1:"))
    #expect(runtime.stderr.contains("flip: 1.3 is out of range"))
    #expect(try Self.json(dir.appending(path: "r/meta.json"))["status"] as? String == "failed")

    // --out never clears a folder that is not a run folder.
    try FileManager.default.createDirectory(
      at: dir.appending(path: "project"), withIntermediateDirectories: true)
    try "keep".write(to: dir.appending(path: "project/notes.txt"), atomically: true, encoding: .utf8)
    let refused = try Binary.run(["run", "exp.xsg", "--quiet", "--out", "project"], in: dir)
    #expect(refused.status == 70)
    #expect(refused.stderr.contains("is not a run folder"))
    #expect(FileManager.default.fileExists(atPath: dir.appending(path: "project/notes.txt").path))
  }

  @Test func scriptsCannotWriteOutsideTheirFolder() throws {
    let text = Self.script + "plot(run, [\"w_sp\"], file: \"../escape.svg\")\n"
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    let result = try Self.runQuietly(text, in: dir)
    #expect(result.status == 70)
    #expect(result.stderr.contains("leaves the run folder"))
    #expect(!FileManager.default.fileExists(atPath: dir.appending(path: "escape.svg").path))
  }

  /// Starts xsg with `arguments` in `dir` and returns once training has begun (probes.csv has its first
  /// rows on disk), or after a minute.
  private static func startTraining(in dir: URL, _ arguments: [String], under wrapper: String? = nil) throws
    -> Process
  {
    let process = Process()
    process.executableURL = wrapper.map { URL(filePath: $0) } ?? Binary.url
    process.arguments = wrapper == nil ? arguments : [Binary.url.path] + arguments
    process.currentDirectoryURL = dir
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    waitForTraining(in: dir)
    return process
  }

  /// Returns once the run writing `dir/out` has begun training (probes.csv has its first rows on disk),
  /// or after a minute.
  private static func waitForTraining(in dir: URL) {
    let probes = dir.appending(path: "out/probes.csv")
    var waited = 0
    while waited < 1200, ((try? read(probes))?.split(separator: "\n").count ?? 0) < 3 {
      usleep(50_000)
      waited += 1
    }
  }

  /// The exit status as a shell shows it (128 + n for death by signal n), killing the process after a
  /// minute: a signal that is ignored or blocked would leave the run going for hours, which must fail the
  /// test, not hang it.
  private static func exitStatus(of process: Process) -> Int32 {
    var polls = 0
    while process.isRunning, polls < 1200 {
      usleep(50_000)
      polls += 1
    }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let signalled = process.terminationReason == .uncaughtSignal
    return signalled ? 128 + process.terminationStatus : process.terminationStatus
  }

  /// SIGTERM is what `timeout` and a Slurm time limit send, SIGHUP what a closed terminal sends: the same
  /// clean stop as Ctrl-C. Before, each killed the process mid-run and `meta.json` said `running` for good.
  @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
  func aStopSignalStopsCleanlyAndMarksTheRunInterrupted(signal: Int32) throws {
    let long = Self.script.replacingOccurrences(of: "for 20 steps", with: "for 10_000_000 steps")
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    try Self.write(long, in: dir)
    let process = try Self.startTraining(in: dir, ["run", "exp.xsg", "--out", "out"])
    usleep(300_000)
    kill(process.processIdentifier, signal)
    // Ended by the same signal, after the folder is complete (128 + n, as a shell shows it).
    #expect(Self.exitStatus(of: process) == 128 + signal)
    let probes = dir.appending(path: "out/probes.csv")
    let meta = try Self.json(dir.appending(path: "out/meta.json"))
    #expect(meta["status"] as? String == "interrupted")
    let rows = try Self.csv(probes)
    #expect(rows.count >= 2)
    #expect(rows.allSatisfy { $0.count == 5 })
    let summary = try Self.json(dir.appending(path: "out/summary.json"))
    #expect(summary["status"] as? String == "interrupted")
    #expect((summary["steps"] as? Int ?? 0) > 0)
  }

  /// Under `nohup` (SIGHUP ignored) a closed terminal must not stop the run: the handler leaves an ignored
  /// SIGHUP alone.
  @Test func nohupStillKeepsARunAlive() throws {
    let long = Self.script.replacingOccurrences(of: "for 20 steps", with: "for 10_000_000 steps")
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    try Self.write(long, in: dir)
    let process = try Self.startTraining(
      in: dir, ["run", "exp.xsg", "--out", "out", "--quiet"], under: "/usr/bin/nohup")
    kill(process.processIdentifier, SIGHUP)
    usleep(500_000)
    #expect(process.isRunning, "SIGHUP stopped a run started under nohup")
    kill(process.processIdentifier, SIGINT)
    #expect(Self.exitStatus(of: process) == 130)
  }

  /// A Ctrl-C reaches a shell loop of runs and its current run alike. The shell stops the loop only if
  /// its child died of SIGINT; when xsg exited with status 130 instead, the loop went on to the next run.
  @Test func aCtrlCStopsAShellLoopOfRuns() throws {
    let long = Self.script.replacingOccurrences(of: "for 20 steps", with: "for 10_000_000 steps")
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    try Self.write(long, in: dir)
    let xsg = "'\(Binary.url.path)' run exp.xsg --out out --quiet"
    let shell = try Self.spawnShell("for s in 1 2; do \(xsg) --seed $s; echo next; done", in: dir)
    // Whatever happens, no run of the loop outlives the test.
    defer {
      kill(-shell, SIGKILL)
      var status: Int32 = 0
      waitpid(shell, &status, 0)
    }
    Self.waitForTraining(in: dir)
    // What a terminal does on Ctrl-C: SIGINT to the whole foreground process group.
    kill(-shell, SIGINT)
    var status: Int32 = 0
    var polls = 0
    while waitpid(shell, &status, WNOHANG) == 0, polls < 1200 {
      usleep(50_000)
      polls += 1
    }
    #expect(status & 0x7F == SIGINT, "the shell did not die of SIGINT (wait status \(status))")
    let meta = try Self.json(dir.appending(path: "out/meta.json"))
    #expect(meta["status"] as? String == "interrupted")
    #expect((meta["argv"] as? [String])?.last == "1", "the loop started a second run")
  }

  /// Starts `bash -c script` in `dir` as a terminal job would be: leading its own process group, with the
  /// stop signals unblocked and at their defaults. (Process passes on the test runner's blocked signals,
  /// which bash cannot unblock, so it would never see the Ctrl-C.)
  private static func spawnShell(_ script: String, in dir: URL) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var signals = sigset_t()
    sigemptyset(&signals)
    for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&signals, number) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &signals)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
    let arguments = ["/bin/bash", "-c", "cd '\(dir.path)' && \(script)"]
    var cArguments = arguments.map { strdup($0) } + [nil]
    defer { cArguments.forEach { free($0) } }
    var pid = pid_t()
    let result = posix_spawn(&pid, "/bin/bash", nil, &attributes, &cArguments, environ)
    if result != 0 { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
    return pid
  }

  /// `timeout -s INT` and a Ctrl-C in a wrapper script deliver SIGINT twice within microseconds (to the
  /// process and to its group). That is one stop request, not the "second Ctrl-C" that exits at once:
  /// the run must still end marked `interrupted`, with its message.
  @Test func aSIGINTDeliveredTwiceAtOnceStillStopsCleanly() throws {
    // Steps of a few hundred milliseconds, so the second signal lands while a step is still running.
    let slow = """
      seed 1
      data train = hypercube(1000) | xor(1, 2)
      net f = relu2(width: 16)
      opt o = sgd(lr: 0.05, batch: 400_000)
      probe every 1 { w = mean(f.w_sig) }
      let run = train f on train with o for 1000 steps

      """
    let dir = try ScratchFolder.make("xsg-run")
    defer { ScratchFolder.remove(dir) }
    try Self.write(slow, in: dir)
    let process = try Self.startTraining(in: dir, ["run", "exp.xsg", "--out", "out", "--quiet"])
    kill(process.processIdentifier, SIGINT)
    usleep(20_000)
    kill(process.processIdentifier, SIGINT)
    #expect(Self.exitStatus(of: process) == 130)
    let meta = try Self.json(dir.appending(path: "out/meta.json"))
    #expect(meta["status"] as? String == "interrupted")
    let summary = try Self.json(dir.appending(path: "out/summary.json"))
    #expect(summary["status"] as? String == "interrupted")
  }
}

/// SHA-256 by the system tool, to check meta.json independently of xsg's implementation.
func sha256(_ text: String) -> String {
  let process = Process()
  process.executableURL = URL(filePath: "/usr/bin/env")
  process.arguments = ["sha256sum"]
  let input = Pipe(), output = Pipe()
  process.standardInput = input
  process.standardOutput = output
  try? process.run()
  input.fileHandleForWriting.write(Data(text.utf8))
  try? input.fileHandleForWriting.close()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(String(decoding: data, as: UTF8.self).prefix(64))
}
