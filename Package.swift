// swift-tools-version: 6.0
// The layering is the architecture: syntax and core know nothing of each other or of anything above them;
// the runtime joins them; the REPL sits on the runtime; the `xsg` executable is a thin shell over all.
import PackageDescription

/// The numeric core must be compiled for the host CPU even in debug builds: without `-target-cpu native`,
/// `SIMD.addProduct` lowers to per-lane `fmaf` calls (~100× slower). See ../shared/guides/swift-tech.md.
let kernelFlags: [SwiftSetting] = [
  .unsafeFlags(["-Ounchecked", "-enforce-exclusivity=unchecked", "-target-cpu", "native"])
]

let package = Package(
  name: "xsg",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "xsg", targets: ["xsg"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // Front end: lexer → parser → syntax tree, diagnostics. No dependencies at all.
    .target(name: "XSGSyntax"),
    // Native SGD engine: data, networks, losses, optimisers, probes, random numbers. Knows no language.
    .target(name: "XSGCore", swiftSettings: kernelFlags),
    // Figures: series, axes, ticks, SVG and terminal renderers. Knows no language and no core.
    .target(name: "XSGPlot"),
    // The interpreter: runs syntax trees, hands `train` to the core, writes run directories.
    .target(name: "XSGRuntime", dependencies: ["XSGSyntax", "XSGCore", "XSGPlot"]),
    // GNU readline, without pkg-config: readline.pc's -D flags make SwiftPM warn on every build.
    .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
    // The REPL, behind a line-reader protocol so it is testable without a terminal.
    .target(name: "XSGREPL", dependencies: ["XSGRuntime", "XSGSyntax", "XSGPlot", "CReadline"]),
    // The command-line shell: argument parsing and exit codes only.
    .executableTarget(
      name: "xsg",
      dependencies: [
        "XSGSyntax", "XSGCore", "XSGPlot", "XSGRuntime", "XSGREPL",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["BuildInfoPlugin"]
    ),
    // Stamps the git commit of the build into the executable (`xsg --version`).
    .plugin(name: "BuildInfoPlugin", capability: .buildTool()),

    // Scratch folders that tests remove however they end (shared by the test targets that write files).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "XSGSyntaxTests", dependencies: ["XSGSyntax"]),
    .testTarget(name: "XSGCoreTests", dependencies: ["XSGCore"]),
    .testTarget(name: "XSGPlotTests", dependencies: ["XSGPlot", "TestSupport"]),
    .testTarget(name: "XSGRuntimeTests", dependencies: ["XSGRuntime", "TestSupport"]),
    .testTarget(name: "XSGREPLTests", dependencies: ["XSGREPL", "TestSupport"]),
    // End-to-end tests that spawn the built `xsg` binary.
    .testTarget(name: "XSGCLITests", dependencies: ["xsg", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
