#if Redis
import CacheRedis
import Foundation

/// A redis-server process of a test's own, on a free port of 127.0.0.1, run through
/// `Scripts/redis-server.sh` so that tests can stop, kill, pause and restart it. Every write it
/// acknowledges is on disk first (AOF with fsync always), so a restart keeps it.
final class RedisTestServer: Sendable {
    let directory: URL
    let port: Int

    private init(directory: URL, port: Int) {
        self.directory = directory
        self.port = port
    }

    /// Starts a server; `tls` makes it TLS-only, its CA certificate in ``caCertificatePath``.
    static func start(tls: Bool = false, options: [String] = []) async throws -> RedisTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cache-redis-\(UUID().uuidString)"
        )
        let output = try await run([tls ? "start-tls" : "start", directory.path] + options)
        guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ScriptError(message: "redis-server.sh printed no port: \(output)")
        }
        return RedisTestServer(directory: directory, port: port)
    }

    /// The CA certificate that signed a TLS server's certificate.
    var caCertificatePath: String { directory.appendingPathComponent("ca.crt").path }

    /// A configuration for this server: timeouts long enough for a loaded machine (tests of
    /// timeouts set their own), a short backoff.
    func configuration(_ protocolVersion: RedisProtocolVersion = .resp3) -> RedisConfiguration {
        RedisConfiguration(
            host: "127.0.0.1",
            port: port,
            protocolVersion: protocolVersion,
            maximumConnections: 2,
            connectTimeout: .seconds(30),
            commandTimeout: .seconds(30),
            reconnectBackoff: RedisReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(200))
        )
    }

    /// Stops the server (SIGTERM) and waits for it to exit.
    func stop() async throws { _ = try await Self.run(["stop", directory.path]) }
    /// Kills the server (SIGKILL, like a crash) and waits for it to exit.
    func kill() async throws { _ = try await Self.run(["kill", directory.path]) }
    /// Freezes the server (SIGSTOP): connections stay open and nothing answers.
    func pause() async throws { _ = try await Self.run(["pause", directory.path]) }
    /// Thaws a paused server.
    func resume() async throws { _ = try await Self.run(["resume", directory.path]) }
    /// Starts a stopped server again, same port, options and data.
    func restart() async throws { _ = try await Self.run(["restart", directory.path]) }

    /// Stops the server if it runs and deletes its files.
    func remove() async {
        _ = try? await Self.run(["stop", directory.path])
        try? FileManager.default.removeItem(at: directory)
    }

    struct ScriptError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// `Scripts/redis-server.sh` of this repository, found from this file's path.
    static let script = repositoryScript("redis-server.sh")

    /// `Scripts/NAME` of this repository, found from this file's path.
    static func repositoryScript(_ name: String) -> String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<6 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Scripts/\(name)").path
    }

    /// Runs the script (`Scripts/redis-server.sh` unless told) and waits for it without blocking
    /// a thread of the cooperative pool (the tests run in parallel on few threads: a blocking
    /// wait would stall the others).
    static func run(_ arguments: [String], script: String = script) async throws -> String {
        // Files, not pipes: the script's children could keep a pipe open, and reading it would
        // never end.
        let files = FileManager.default.temporaryDirectory.appendingPathComponent(
            "redis-server-sh-\(UUID().uuidString)"
        )
        let outputFile = files.appendingPathExtension("out")
        let errorFile = files.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", script] + arguments
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let printed = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let complaints = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            let name = URL(fileURLWithPath: script).lastPathComponent
            throw ScriptError(message: "\(name) \(arguments.joined(separator: " ")) failed: \(complaints)")
        }
        return printed
    }
}

/// Runs `body` with a server of its own, removed afterwards.
func withOwnServer<Result>(
    tls: Bool = false,
    options: [String] = [],
    _ body: (RedisTestServer) async throws -> Result
) async throws -> Result {
    let server = try await RedisTestServer.start(tls: tls, options: options)
    do {
        let result = try await body(server)
        await server.remove()
        return result
    } catch {
        await server.remove()
        throw error
    }
}
#endif
