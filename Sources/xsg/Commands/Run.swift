import ArgumentParser
import Foundation
import XSGRuntime
import XSGSyntax

/// `xsg run FILE [NAME=VALUE …]`: runs a script and writes its run folder (docs/cli.md).
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run an experiment script and write its run folder.",
    discussion: """
      Writes runs/<script>-<hash>/ (or --out DIR): the script, overrides.json, meta.json, probes.csv, \
      probes.jsonl, neurons/<probe>.csv and summary.json; with several `train`s, one subfolder per run \
      and index.csv. `print` goes to stdout; progress and messages to stderr. Ctrl-C, SIGTERM or SIGHUP \
      (unless ignored, as under nohup) stops at the next step boundary, keeps every file valid and then ends \
      by that signal, so a shell loop of runs stops too (status 130 for Ctrl-C, 143 SIGTERM, 129 SIGHUP). \
      Exit status: 0 ok, 64 usage (a bad override), 65 script error, 66 unreadable script, 70 runtime \
      error.
      """)

  @Argument(help: "The .xsg script to run.")
  var file: String

  @Argument(help: "NAME=VALUE: replace the value of a top-level `let NAME = …` (e.g. d=200 lam=0.25).")
  var overrides: [String] = []

  @Option(name: .long, help: "The run folder to write (default: runs/<script>-<hash of the configuration>).")
  var out: String?

  @Option(name: .long, help: "Compute threads for training (1 or 2); results are identical for every value.")
  var threads: Int = 1

  @Option(name: .long, help: "Replace the script's top-level seed.")
  var seed: Int?

  @Flag(name: .long, help: "No progress on stderr.")
  var quiet = false

  func validate() throws {
    try Threads.validate(threads)
    if let seed, seed < 0 { throw ValidationError("--seed must be ≥ 0") }
    // Here rather than in run(), so a malformed override is reported with `xsg run`'s usage line.
    _ = try parsedOverrides()
  }

  /// The `NAME=VALUE` arguments, or a usage error for the first malformed or repeated one.
  private func parsedOverrides() throws -> [Override] {
    let parsed: [Override]
    do {
      parsed = try overrides.map { try Override(argument: $0) }
    } catch {
      throw ValidationError("\(error)")
    }
    // `lam=0.1 lam=0.2` would silently keep the last: say so rather than guess which was meant.
    var seen = Set<String>()
    for override in parsed where !seen.insert(override.name).inserted {
      throw ValidationError("override \(override.name)=… is given more than once; give each name once")
    }
    return parsed
  }

  func run() throws {
    guard let source = ScriptFile.read(file) else { throw ExitStatus.noInput }
    let parsedOverrides = try parsedOverrides()
    let front = FrontEnd.check(source, oracle: RegistryOracle())
    ScriptFile.report(front.diagnostics, in: source, short: false)
    if front.diagnostics.hasErrors { throw ExitStatus.dataError }

    let settings = Interpreter.Settings(
      seedOverride: seed, threads: threads, overrides: parsedOverrides, progress: .automatic(quiet: quiet),
      write: { text in FileHandle.standardOutput.write(Data(text.utf8)) })
    let interpreter = Interpreter(settings: settings)
    do {
      try interpreter.checkOverrides(front.program)
    } catch {
      message("\(error)")
      throw ExitStatus.usage
    }

    let folderPath =
      out
      ?? "runs/"
      + RunFolderWriter.defaultName(
        scriptPath: file, script: source.text, overrides: parsedOverrides, seed: seed)
    let meta = RunMeta(
      xsgVersion: "\(XSG.version) (commit \(BuildInfo.commit))", script: source.text, scriptPath: file,
      threads: threads, argv: CommandLine.arguments)
    // Before the folder exists with status `running`: a stop signal from here on is recorded in it.
    Interrupt.installHandler()
    let folder: RunFolderWriter
    do {
      folder = try RunFolderWriter(
        url: URL(filePath: folderPath, directoryHint: .isDirectory), script: source.text,
        overrides: parsedOverrides, meta: meta)
    } catch {
      message("\(error)")
      throw ExitStatus.software
    }
    interpreter.folder = folder

    do {
      try interpreter.run(front.program)
      try folder.finish(status: .ok)
      if !quiet { message("run folder: \(folderPath)") }
    } catch let error as RuntimeError {
      let renderer = DiagnosticRenderer(source: source, color: ScriptFile.stderrWantsColor)
      FileHandle.standardError.write(
        Data(renderer.render([error.diagnostic(fallback: source.endRange)]).utf8))
      try? folder.finish(status: .failed, error: error.description)
      message("run folder (failed): \(folderPath)")
      throw ExitStatus.software
    } catch let stop as Interrupted {
      try? folder.finish(status: .interrupted)
      let step = stop.step.map { " at step \($0)" } ?? ""
      message("interrupted\(step); the run folder is complete up to there: \(folderPath)")
      Interrupt.exitBySignal()
    } catch let error as UsageError {
      try? folder.finish(status: .failed, error: error.description)
      message("\(error)")
      throw ExitStatus.usage
    } catch {
      try? folder.finish(status: .failed, error: "\(error)")
      message("\(error)")
      throw ExitStatus.software
    }
  }

  private func message(_ text: String) {
    FileHandle.standardError.write(Data(("xsg: " + text + "\n").utf8))
  }
}
