import Foundation
import PackagePlugin

/// Regenerates a target's cache registry on every build where its configuration changed.
///
/// Add it to a target whose folder holds `caches.yml` (or `caches.yaml`, `caches.json`):
///
///     .target(name: "App", dependencies: […], plugins: [.plugin(name: "CacheRegistryBuildPlugin", package: "swift-caching")])
///
/// The registry is written into the build folder and compiled with the target; it never
/// appears among the sources. Use the `generate-cache-registry` command instead when the
/// generated file should be committed and reviewed.
@main
struct CacheRegistryBuildPlugin: BuildToolPlugin {
    /// The configuration file names looked for among the target's files, in order.
    static let configurationNames = ["caches.yml", "caches.yaml", "caches.json"]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let files = Array(module.sourceFiles)
        guard
            let config = Self.configurationNames.lazy.compactMap({ name in
                files.first { $0.url.lastPathComponent == name }
            }).first
        else {
            Diagnostics.warning(
                "CacheRegistryBuildPlugin: target '\(target.name)' has no \(Self.configurationNames.joined(separator: ", "))"
            )
            return []
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "CacheRegistry.swift")
        return [
            .buildCommand(
                displayName: "Generating CacheRegistry.swift from \(config.url.lastPathComponent)",
                executable: try context.tool(named: "cache-registry").url,
                arguments: [config.url.path, "--output", output.path],
                inputFiles: [config.url],
                outputFiles: [output]
            )
        ]
    }
}
