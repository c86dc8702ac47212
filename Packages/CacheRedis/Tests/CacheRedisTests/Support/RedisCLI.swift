#if Redis
import CacheRedis
import Foundation

/// `redis-cli` against a server: another program, not this library, changing keys.
enum RedisCLI {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `redis-cli -h HOST -p PORT ARGUMENTS…` against `configuration`'s server and returns
    /// what it printed; waits without blocking a thread of the cooperative pool.
    static func run(_ arguments: String..., on configuration: RedisConfiguration) async throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("redis-cli-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["redis-cli", "-h", configuration.host, "-p", String(configuration.port)] + arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure(description: "redis-cli \(arguments.joined(separator: " ")) failed: \(printed)")
        }
        return printed.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
#endif
