import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-cache-registry`: runs
/// `cache-registry` on a target's configuration and writes the registry into the target.
///
///     --target App          reads Sources/App/caches.yml (or .yaml, .json) and writes
///                           Sources/App/CacheRegistry.swift; repeat for several targets
///     --config PATH         the configuration, relative to the package (with --target: its
///                           output goes into that target)
///     --output PATH         the Swift file to write, relative to the package
///     --check               write nothing; fail when the file on disk is stale (for CI)
///
/// With neither `--target` nor `--config`, every target with a configuration is generated.
/// Works without a terminal; SwiftPM needs `--allow-writing-to-package-directory` to let it write.
@main
struct GenerateCacheRegistry: CommandPlugin {
    /// The configuration file names looked for in a target's folder, in order.
    static let configurationNames = ["caches.yml", "caches.yaml", "caches.json"]
    /// The registry's file name in a target's folder.
    static let outputName = "CacheRegistry.swift"

    /// A configuration to generate and where its registry goes.
    struct Job {
        let config: URL
        let output: URL
    }

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let configs = extractor.extractOption(named: "config")
        let outputs = extractor.extractOption(named: "output")
        let check = extractor.extractFlag(named: "check") > 0
        guard extractor.remainingArguments.isEmpty else {
            throw PluginFailure(
                "unknown arguments \(extractor.remainingArguments); expected --target, --config, --output, --check"
            )
        }
        guard configs.count <= 1, outputs.count <= 1 else {
            throw PluginFailure("give --config and --output at most once each")
        }
        let package = context.package.directoryURL
        let jobs = try Self.jobs(
            package: context.package,
            targetNames: targetNames,
            config: configs.first.map { package.appending(path: $0) },
            output: outputs.first.map { package.appending(path: $0) }
        )
        let tool = try context.tool(named: "cache-registry")
        var failures = 0
        for job in jobs {
            let process = Process()
            process.executableURL = tool.url
            process.currentDirectoryURL = package
            process.arguments =
                [
                    Self.relativePath(of: job.config, to: package), "--output",
                    Self.relativePath(of: job.output, to: package),
                ]
                + (check ? ["--check"] : [])
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { failures += 1 }
        }
        if failures > 0 {
            throw PluginFailure(
                "cache-registry failed for \(failures) of \(jobs.count) configuration(s); see the errors above"
            )
        }
    }

    static func jobs(package: Package, targetNames: [String], config: URL?, output: URL?) throws -> [Job] {
        if let config {
            guard targetNames.count <= 1 else { throw PluginFailure("give one --target with --config") }
            if let output { return [Job(config: config, output: output)] }
            guard let name = targetNames.first else { throw PluginFailure("give --output or --target with --config") }
            return [Job(config: config, output: try sourceFolder(of: name, in: package).appending(path: outputName))]
        }
        if !targetNames.isEmpty {
            guard output == nil || targetNames.count == 1 else {
                throw PluginFailure("give one --target with --output")
            }
            return try targetNames.map { name in
                let folder = try sourceFolder(of: name, in: package)
                guard let found = configuration(in: folder) else {
                    throw PluginFailure(
                        "target '\(name)' has no \(configurationNames.joined(separator: ", ")) in \(folder.path); "
                            + "add one or give --config"
                    )
                }
                return Job(config: found, output: output ?? folder.appending(path: outputName))
            }
        }
        guard output == nil else { throw PluginFailure("give --target or --config with --output") }
        let jobs = package.targets.compactMap { target -> Job? in
            guard target is SourceModuleTarget, let found = configuration(in: target.directoryURL) else { return nil }
            return Job(config: found, output: target.directoryURL.appending(path: outputName))
        }
        guard !jobs.isEmpty else {
            throw PluginFailure(
                "no target has a \(configurationNames.joined(separator: ", ")); give --target NAME or --config PATH --output PATH"
            )
        }
        return jobs
    }

    static func sourceFolder(of name: String, in package: Package) throws -> URL {
        guard let target = package.targets.first(where: { $0.name == name }), target is SourceModuleTarget else {
            let known = package.targets.filter { $0 is SourceModuleTarget }.map(\.name).sorted()
            throw PluginFailure("no source target named '\(name)'; the package has \(known.joined(separator: ", "))")
        }
        return target.directoryURL
    }

    static func configuration(in folder: URL) -> URL? {
        configurationNames.lazy.map { folder.appending(path: $0) }.first {
            FileManager.default.fileExists(atPath: $0.path)
        }
    }

    /// `url`'s path relative to `base` when it lies inside it, for shorter messages.
    static func relativePath(of url: URL, to base: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = base.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// A plugin error with its message.
struct PluginFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
