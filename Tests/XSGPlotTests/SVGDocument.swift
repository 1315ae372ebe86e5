import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An SVG parsed back with Foundation's XMLParser, flattened to the elements in document order: what the
/// tests inspect (and what proves the output is well-formed XML).
struct SVGDocument {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text: String
    /// Names of the enclosing elements' `class` attributes, innermost last.
    var ancestors: [String]

    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
  }

  var elements: [Element]

  init(_ text: String) throws {
    let delegate = Collector()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = delegate
    guard parser.parse() else {
      throw ParseFailure(message: parser.parserError.map { "\($0)" } ?? "unknown XML error")
    }
    elements = delegate.elements
  }

  struct ParseFailure: Error {
    var message: String
  }

  func all(_ name: String, class className: String? = nil) -> [Element] {
    elements.filter { element in
      element.name == name && (className.map { element.classes.contains($0) } ?? true)
    }
  }

  func texts(class className: String) -> [String] { all("text", class: className).map(\.text) }

  /// The points of a path's `d` made of M/L/H/V commands with absolute coordinates.
  static func points(_ d: String) -> [(Double, Double)] {
    var result: [(Double, Double)] = []
    var scanner = d[...]
    var current = (0.0, 0.0)
    func number() -> Double {
      scanner = scanner.drop { $0 == " " || $0 == "," }
      let digits = scanner.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" }
      scanner = scanner.dropFirst(digits.count)
      return Double(digits) ?? .nan
    }
    while let command = scanner.first {
      scanner = scanner.dropFirst()
      switch command {
      case "M", "L": current = (number(), number())
      case "H": current.0 = number()
      case "V": current.1 = number()
      case "Z": continue
      default: continue
      }
      result.append(current)
    }
    return result
  }

  private final class Collector: NSObject, XMLParserDelegate {
    var elements: [Element] = []
    var stack: [(index: Int, className: String)] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
      elements.append(
        Element(name: elementName, attributes: attributeDict, text: "", ancestors: stack.map(\.className)))
      stack.append((elements.count - 1, attributeDict["class"] ?? ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if let top = stack.last { elements[top.index].text += string }
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?
    ) {
      _ = stack.popLast()
    }
  }
}
