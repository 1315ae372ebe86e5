import Foundation
import Testing

@testable import XSGPlot

/// Golden SVGs under Tests/Golden/plot/svg/, compared structurally: the same elements in the same order
/// with the same classes, texts and non-numeric attributes, and every coordinate within 0.05 pt. Set
/// XSG_UPDATE_GOLDEN=1 to rewrite them after an intended change (and look at the diff).
@Suite struct GoldenSVGTests {
  static let folder = Fixtures.root.appending(path: "svg")

  static let cases: [(String, @Sendable () throws -> Figure)] = [
    ("run-default", { try RunFolder.load(Fixtures.run).figure() }),
    ("run-overlay-log", { try RunFolder.load(Fixtures.run).figure(probes: ["w_sp", "w_sig"], scale: .log) }),
    ("sweep-margins", { try RunFolder.load(Fixtures.sweep).figure(probes: ["margin_maj", "margin_min"]) }),
    (
      "decorated",
      {
        Figure(
          title: "Phases",
          panel: Panel(
            yLabel: "margin",
            series: try RunFolder.load(Fixtures.run).figure(probes: ["margin_maj", "margin_min"])
              .panels[0].series,
            references: [.constant(2.1972, label: "logit(0.9)"), .constant(-2.1972, label: "−logit(0.9)")],
            windows: [Window(from: 100, to: 250, label: "growth")],
            markers: [Marker(x: 300, label: "plateau")]))
      }
    ),
  ]

  @Test(arguments: cases.map(\.0))
  func matchesGolden(name: String) throws {
    let make = try #require(Self.cases.first { $0.0 == name }?.1)
    let text = SVGRenderer().render(try make())
    let file = Self.folder.appending(path: "\(name).svg")
    if ProcessInfo.processInfo.environment["XSG_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
    let golden = try SVGDocument(String(decoding: try Data(contentsOf: file), as: UTF8.self))
    let actual = try SVGDocument(text)
    #expect(actual.elements.count == golden.elements.count)
    for (a, g) in zip(actual.elements, golden.elements) {
      #expect(a.name == g.name && a.text == g.text, "\(a.name) \(a.text) vs \(g.name) \(g.text)")
      #expect(Set(a.attributes.keys) == Set(g.attributes.keys), "attributes of \(a.name)")
      for (key, expected) in g.attributes {
        let value = a.attributes[key] ?? ""
        #expect(Self.close(value, expected), "\(a.name) \(key): \(value) vs \(expected)")
      }
    }
  }

  /// Equal, or equal up to 0.05 in every number (path data, transforms and plain coordinates alike).
  static func close(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    let split = { (s: String) in s.split(whereSeparator: { " ,()MLHVZ".contains($0) }).map(String.init) }
    let (x, y) = (split(a), split(b))
    guard x.count == y.count else { return false }
    return zip(x, y).allSatisfy { p, q in
      if p == q { return true }
      guard let u = Double(p), let v = Double(q) else { return false }
      return abs(u - v) <= 0.05
    }
  }

  @Test func goldenFilesHaveTheExpectedShape() throws {
    let golden = try SVGDocument(
      String(decoding: try Data(contentsOf: Self.folder.appending(path: "run-default.svg")), as: UTF8.self))
    #expect(golden.all("g", class: "panel").count == 7)
    #expect(golden.all("path", class: "neuron").count == 8)
    #expect(golden.all("path", class: "mean").count == 2)
    let sweep = try SVGDocument(
      String(decoding: try Data(contentsOf: Self.folder.appending(path: "sweep-margins.svg")), as: UTF8.self))
    #expect(sweep.texts(class: "legend-label") == ["lam=0.0", "lam=0.1", "lam=0.25"])
  }
}
