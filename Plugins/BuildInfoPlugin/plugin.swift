import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` with the package's git commit before every build, so `xsg --version`
/// names the exact source it was built from ("unknown" outside a git work tree).
@main
struct BuildInfoPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
    let root = context.package.directoryURL.path
    let script = """
      commit=$(git -C "\(root)" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
      if [ "$commit" != unknown ] && [ -n "$(git -C "\(root)" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        commit="$commit-dirty"
      fi
      new="enum BuildInfo { static let commit = \\"$commit\\" }"
      [ -f "\(output.path)" ] && [ "$(cat "\(output.path)")" = "$new" ] || printf '%s\\n' "$new" > "\(output.path)"
      """
    return [
      .prebuildCommand(
        displayName: "Stamp git commit into BuildInfo.swift",
        executable: URL(filePath: "/bin/sh"),
        arguments: ["-c", script],
        outputFilesDirectory: context.pluginWorkDirectoryURL)
    ]
  }
}
