import ArgumentParser
import Foundation
import XSGCore

/// `xsg bench`: trains the peers' workload (../shared/bench) natively and reports throughput.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure training throughput on the peer benchmark shapes.",
    discussion: """
      Runs the workload of the numpy/JAX peers: fresh batches on the hypercube (generation timed), \
      W ~ N(0, 1/d), a = ±1/width, plain logistic loss, SGD with lr 0.05. Shapes (d, width, batch): \
      P0 (100, 10, 5000), G (1000, 48, 47718), S (50, 256, 32), M (200, 1024, 64), L (1000, 4096, 256). \
      Reports the median of 3 timed repeats after max(3, steps/4) warm-up steps; GFLOP/s counts \
      4·batch·width·d per step.
      """)

  @Option(help: "A shape name: P0, G, S, M or L (default: all of them).")
  var shape: String?

  @Option(help: "Compute threads (1 or 2).")
  var threads: Int = 1

  @Option(help: "Steps per timed repeat (default: about 3·10¹⁰ counted FLOPs, clamped to 5...2000).")
  var steps: Int?

  @Flag(help: "One JSON object per line instead of a table.")
  var json = false

  func validate() throws {
    if let shape, BenchShape.named(shape) == nil {
      throw ValidationError("unknown shape '\(shape)': expected P0, G, S, M or L")
    }
    try Threads.validate(threads)
    if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
  }

  func run() throws {
    let shapes = shape.map { [BenchShape.named($0)!] } ?? BenchShape.all
    if !json {
      print(
        "shape  (d,width,batch)        threads  steps   samples/s   GFLOP/s  peak RSS MB  final loss")
    }
    for s in shapes {
      let result: BenchResult
      do {
        result = try BenchWorkload.run(shape: s, threads: threads, steps: steps)
      } catch {
        FileHandle.standardError.write(Data("xsg bench: \(error)\n".utf8))
        throw ExitStatus.software
      }
      if json {
        print(jsonLine(result))
      } else {
        let dims = "(\(s.dimension),\(s.width),\(s.batch))"
        print(
          pad(s.name, 6) + pad(dims, 22) + pad("\(threads)", 8, right: true)
            + pad("\(result.steps)", 7, right: true)
            + pad(format(result.samplesPerSecond, 0), 12, right: true)
            + pad(format(result.gflops, 1), 10, right: true)
            + pad(format(result.peakRSSMegabytes, 1), 13, right: true)
            + pad(format(result.finalLoss, 4), 12, right: true))
      }
      fflush(nil)
    }
  }

  private func jsonLine(_ r: BenchResult) -> String {
    let fields: [(String, String)] = [
      ("shape", "\"\(r.shape.name)\""), ("d", "\(r.shape.dimension)"), ("width", "\(r.shape.width)"),
      ("batch", "\(r.shape.batch)"), ("threads", "\(r.threads)"), ("steps", "\(r.steps)"),
      ("repeats", "\(r.seconds.count)"), ("sec_median", "\(r.medianSeconds)"),
      ("samples_per_s", "\(r.samplesPerSecond)"), ("gflops", "\(r.gflops)"),
      ("peak_rss_mb", "\(r.peakRSSMegabytes)"), ("final_loss", "\(r.finalLoss)"),
    ]
    return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
  }

  private func format(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
  }

  private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
  }
}
