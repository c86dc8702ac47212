#if Hummingbird
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the server is started with, from environment variables.
struct ServerSettings: Sendable, Equatable {
    /// `HOST`: the address to listen on; `127.0.0.1` by default.
    var host = "127.0.0.1"
    /// `PORT`: the port to listen on, 0 for any free one; 8080 by default.
    var port = 8080
    /// `BACKEND_LATENCY_MS`: how long the simulated backend takes to answer; 5 ms by default.
    var backendLatency: Duration = .milliseconds(5)
    /// `PRODUCTS`: how many products the catalogue has (ids 1…n); 100,000 by default.
    var productCount = 100_000
    /// `CACHE_SIZE`: how many products the in-process layer keeps; 10,000 by default.
    var cacheSize = 10_000
    /// `CACHE_TTL_S`: how long the in-process layer keeps a product, in seconds; 60 by default.
    var cacheTTL: Duration = .seconds(60)
    /// `REDIS_URL`: a Redis server for a shared layer under the in-process one (with the trait
    /// `Redis`); none by default.
    var redisURL: String?

    /// The default settings.
    init() {}

    /// The settings of `environment`, defaults for the variables it lacks.
    ///
    /// - Throws: ``ServerSettingsError`` naming a variable whose value is out of range.
    init(environment: [String: String]) throws(ServerSettingsError) {
        host = environment["HOST"] ?? host
        port = try Self.integer(environment, "PORT", in: 0...65_535) ?? port
        backendLatency =
            try Self.integer(environment, "BACKEND_LATENCY_MS", in: 0...60_000).map { .milliseconds($0) }
            ?? backendLatency
        productCount = try Self.integer(environment, "PRODUCTS", in: 1...Int(Int32.max)) ?? productCount
        cacheSize = try Self.integer(environment, "CACHE_SIZE", in: 1...Int(Int32.max)) ?? cacheSize
        cacheTTL = try Self.integer(environment, "CACHE_TTL_S", in: 1...86_400 * 365).map { .seconds($0) } ?? cacheTTL
        redisURL = environment["REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 }
        #if !Redis
        if let redisURL {
            throw ServerSettingsError(
                variable: "REDIS_URL",
                value: redisURL,
                allowed: "unset: this build has no Redis layer (build with --traits Hummingbird,Redis)"
            )
        }
        #endif
    }

    /// The settings of the process's environment; on a bad value, prints what is wrong to the
    /// standard error and exits with status 2.
    static func fromEnvironmentOrExit() -> ServerSettings {
        do {
            return try ServerSettings(environment: ProcessEnvironment.variables)
        } catch {
            let message = Array("\(error)\n".utf8)
            _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            exit(2)
        }
    }

    private static func integer(
        _ environment: [String: String],
        _ variable: String,
        in range: ClosedRange<Int>
    ) throws(ServerSettingsError) -> Int? {
        guard let text = environment[variable] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ServerSettingsError(
                variable: variable,
                value: text,
                allowed: "a whole number from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return value
    }
}

/// An environment variable whose value the server cannot use.
struct ServerSettingsError: Error, Equatable, CustomStringConvertible {
    /// The variable.
    var variable: String
    /// Its value.
    var value: String
    /// What it may be.
    var allowed: String

    var description: String { "CachingServer: \(variable) is '\(value)'; it must be \(allowed)" }
}

/// The process's environment variables.
enum ProcessEnvironment {
    static var variables: [String: String] {
        var variables: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return variables
    }
}
#endif
