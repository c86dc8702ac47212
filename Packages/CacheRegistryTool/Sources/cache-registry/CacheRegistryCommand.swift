import ArgumentParser
import CacheRegistryGeneration
import Foundation

/// `cache-registry`: reads a registry configuration and writes the Swift registry it describes.
@main
struct CacheRegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache-registry",
        abstract: "Generates a typed cache registry from a YAML or JSON configuration.",
        discussion: """
            The configuration names the registry type and lists the caches, each with its key and
            value types and settings. Errors are printed as file:line:column: error: …, and the
            output is left untouched when there is one. Usually run through the plugin:
            swift package generate-cache-registry --target App
            """
    )

    @Argument(help: "The configuration file (YAML or JSON).")
    var config: String

    @Option(name: .shortAndLong, help: "The Swift file to write.")
    var output: String

    @Flag(help: "Write nothing; exit with status 1 when the output file is missing or stale.")
    var check = false

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: config, encoding: .utf8)
        } catch {
            throw fail("\(config): error: cannot read the configuration: \(error.localizedDescription)")
        }
        let source: String
        do {
            source = try RegistryConfiguration.parse(text, file: config).generatedSource()
        } catch {
            throw fail(error.description)
        }
        let outputURL = URL(fileURLWithPath: output)
        let current = try? String(contentsOf: outputURL, encoding: .utf8)
        if current == source {
            print("\(output) is up to date")
            return
        }
        if check {
            throw fail(
                "\(output): error: the registry is stale: it differs from what \(config) generates; "
                    + "run `swift package --allow-writing-to-package-directory generate-cache-registry`"
            )
        }
        try FileManager.default.createDirectory(
            at: outputURL.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(source.utf8).write(to: outputURL, options: .atomic)
        print("Wrote \(output) from \(config)")
    }

    private func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return .failure
    }
}
