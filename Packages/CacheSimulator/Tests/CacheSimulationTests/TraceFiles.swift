import CacheSimulation
import Foundation

/// Where the shared traces are: `$CACHE_TRACES_DIR`, or `../shared/traces` beside the repository
/// (CI clones the repository next to `shared`).
enum TraceFiles {
    static let directory: String = {
        if let override = ProcessInfo.processInfo.environment["CACHE_TRACES_DIR"], !override.isEmpty {
            return override
        }
        let repositoryRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // CacheSimulationTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // CacheSimulator
            .deletingLastPathComponent()  // Packages
            .deletingLastPathComponent()
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/traces").path
    }()

    /// Whether the traces are there. Without them the trace tests are skipped, unless
    /// `CACHE_REQUIRE_TRACES=1` (set by Scripts/test.sh) makes their absence a failure.
    static let available =
        FileManager.default.fileExists(atPath: path("lirs-gli"))
        || ProcessInfo.processInfo.environment["CACHE_REQUIRE_TRACES"] == "1"

    /// Whether the replays of the large traces run (`CACHE_FULL_TRACES=1`: Scripts/test.sh's
    /// release-mode step).
    static let fullTracesEnabled = available && ProcessInfo.processInfo.environment["CACHE_FULL_TRACES"] == "1"

    /// The path of trace `name` (`lirs-gli`).
    static func path(_ name: String) -> String {
        directory + "/" + name + ".txt.gz"
    }

    /// The keys of trace `name`, or its first `limit` keys.
    static func keys(_ name: String, limit: Int? = nil) throws -> [UInt64] {
        try TraceReader.readKeys(atPath: path(name), limit: limit)
    }
}
