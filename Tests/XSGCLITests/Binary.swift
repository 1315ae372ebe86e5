import Foundation

/// Runs the `xsg` binary built beside this test bundle and captures what it prints.
struct Binary {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The built `xsg`: the test bundle lives in the same build products folder.
  static let url: URL = {
    let products = Bundle.main.bundleURL.deletingLastPathComponent()
    for folder in [products, URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()] {
      let candidate = folder.appending(path: "xsg")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return products.appending(path: "xsg")
  }()

  /// Runs `xsg ARGS` in `directory` with `stdin` as its standard input, and waits for it.
  static func run(
    _ arguments: [String], stdin: String = "", in directory: URL? = nil,
    environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = errors.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
