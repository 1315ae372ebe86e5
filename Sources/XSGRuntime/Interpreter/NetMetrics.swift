import XSGCore

/// The per-neuron quantities of model.md for a network value, from the core's `NeuronProbes` (native
/// loops over the parameter arrays, never element by element through the interpreter).
struct NetMetrics {
  let network: Network
  /// The data the network is trained on: it says which coordinates are signal and spurious.
  let data: DataSpec?

  private func roles(_ what: String) throws -> DataSpec {
    guard let data else {
      throw CoreError.probeUndefined(
        probe: what,
        reason: "it needs to know the signal and spurious coordinates: train the network on data first")
    }
    return data
  }

  var a: [Double] { network.a.map { Double($0) } }
  var absA: [Double] { NeuronProbes.outputMagnitude(network) }
  var b: [Double] { network.spec.bias == .none ? [] : network.b.map { Double($0) } }
  var w: Matrix {
    Matrix(rows: network.width, columns: network.dimension, storage: network.W.map { Double($0) })
  }
  func wSignal() throws -> [Double] { try NeuronProbes.signalWeight(network, data: roles("w_sig")) }
  func wOpposite() throws -> [Double] { try NeuronProbes.oppositeWeight(network, data: roles("w_opp")) }
  func wSpurious() throws -> [Double] { try NeuronProbes.spuriousWeight(network, data: roles("w_sp")) }
  func wPerp() throws -> [Double] { try NeuronProbes.orthogonalNorm(network, data: roles("w_perp")) }
  var wNorm: [Double] { NeuronProbes.weightNorm(network) }
  var balance: [Double] { NeuronProbes.balancedness(network) }
  func alignment() throws -> Double { try NeuronProbes.signAlignment(network, data: roles("alignment")) }
  var moved: Double { NeuronProbes.totalDriftFromInit(network) }
  func count(_ kind: NeuronKind) throws -> Double {
    Double(try NeuronProbes.kindCounts(network, data: roles("\(kind.rawValue)_neurons"))[kind] ?? 0)
  }
}
