// libFuzzer entry point for the xsg front end; built by fuzz.sh together with Sources/XSGSyntax as one
// module (SwiftPM never compiles this folder). It checks invariants, not only "no crash".

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let source = SourceFile(name: "fuzz.xsg", bytes: bytes)
  let oracle = BuiltinTable(
    names: ["iid", "logistic2", "log"],
    signatures: ["relu2": CallSignature([.init("width"), .init("init", hasDefault: true)])])
  let result = FrontEnd.check(source, oracle: oracle)
  let renderer = DiagnosticRenderer(source: source, color: true)
  for diagnostic in result.diagnostics {
    for range in [diagnostic.range] + diagnostic.labels.map(\.range) {
      precondition(
        range.start.offset >= 0 && range.start.offset <= range.end.offset && range.end.offset <= size)
      precondition(source.location(at: range.start.offset) == range.start, "location mismatch")
    }
    _ = renderer.rich(diagnostic)
    _ = renderer.short(diagnostic)
  }
  _ = Parser.isIncomplete(source)
  if !result.diagnostics.hasErrors {
    let formatted = SourceFormatter.format(result.program)
    let again = Parser.parse(SourceFile(name: "formatted", text: formatted))
    precondition(!again.diagnostics.hasErrors, "formatted output does not parse")
    precondition(TreeDump.dump(again.program) == TreeDump.dump(result.program), "formatting changed the tree")
    precondition(SourceFormatter.format(again.program) == formatted, "formatting is not idempotent")
  }
  return 0
}
