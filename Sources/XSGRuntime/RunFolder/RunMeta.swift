import Foundation

/// What `meta.json` records: enough to know exactly what produced a run folder and how it ended.
public struct RunMeta: Sendable {
  public enum Status: String, Sendable {
    case running
    case ok
    case failed
    case interrupted
  }
  public var xsgVersion: String
  public var scriptSHA256: String
  public var seeds: [Int] = []
  public var threads: Int
  public var argv: [String]
  public var git: GitState?
  public var host: String
  public var cpu: String
  public var start: Date
  public var end: Date?
  public var status: Status = .running
  /// The error message when `failed`.
  public var error: String?

  public init(xsgVersion: String, script: String, scriptPath: String?, threads: Int, argv: [String]) {
    self.xsgVersion = xsgVersion
    self.scriptSHA256 = SHA256.hex(script)
    self.threads = threads
    self.argv = argv
    self.git = scriptPath.flatMap { GitState.of(directory: URL(filePath: $0).deletingLastPathComponent()) }
    self.host = ProcessInfo.processInfo.hostName
    self.cpu = HostCPU.description
    self.start = Date()
  }

  public var json: JSON {
    var members: [(String, JSON)] = [
      ("xsg_version", .string(xsgVersion)),
      ("status", .string(status.rawValue)),
      ("script_sha256", .string(scriptSHA256)),
      ("seeds", .array(seeds.map { .int($0) })),
      ("threads", .int(threads)),
      ("argv", .array(argv.map { .string($0) })),
    ]
    if let git {
      members.append(("git", .object([("commit", .string(git.commit)), ("dirty", .bool(git.dirty))])))
    } else {
      members.append(("git", .null))
    }
    members += [
      ("host", .string(host)),
      ("cpu", .string(cpu)),
      ("start", .string(Self.timestamp(start))),
      ("end", end.map { .string(Self.timestamp($0)) } ?? .null),
    ]
    if let error { members.append(("error", .string(error))) }
    return .object(members)
  }

  static func timestamp(_ date: Date) -> String {
    date.formatted(
      .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
  }
}

/// The git commit of the work tree holding the script, and whether tracked files have uncommitted changes.
public struct GitState: Sendable, Equatable {
  public var commit: String
  public var dirty: Bool

  /// nil outside a git work tree or without git.
  static func of(directory: URL) -> GitState? {
    guard let commit = run(["rev-parse", "HEAD"], in: directory), !commit.isEmpty else { return nil }
    let status = run(["status", "--porcelain", "--untracked-files=no"], in: directory) ?? ""
    return GitState(commit: commit, dirty: !status.isEmpty)
  }

  private static func run(_ arguments: [String], in directory: URL) -> String? {
    let process = Process()
    process.executableURL = URL(filePath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory.path] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// "Intel(R) Xeon(R) … (2 cores)", from /proc/cpuinfo where it exists.
enum HostCPU {
  static let description: String = {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var model = "unknown CPU"
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
      let colon = line.firstIndex(of: ":")
    {
      model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return "\(model) (\(cores) cores)"
  }()
}
