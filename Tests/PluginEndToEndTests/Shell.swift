import Foundation

/// Runs a command without a terminal (standard input is /dev/null) and collects its output.
struct Shell {
    /// What a command printed and how it ended.
    struct Result {
        let status: Int32
        let output: String
    }

    /// The environment of the commands: this process's, without the variables that change how
    /// swift-caching itself is compiled.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["CACHE_INTERNAL_CHECKS"] = nil
        return environment
    }()

    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
