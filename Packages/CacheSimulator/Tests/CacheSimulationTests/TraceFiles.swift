import CacheSimulation
import Foundation

/// The traces in `Packages/CacheSimulator/Traces` (or in `$CACHE_TRACES_DIR`, to replay others
/// under the same names).
enum TraceFiles {
    static let directory: String = {
        if let override = ProcessInfo.processInfo.environment["CACHE_TRACES_DIR"], !override.isEmpty {
            return override
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // CacheSimulationTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // CacheSimulator
            .appendingPathComponent("Traces").path
    }()

    /// Whether the replays of the full traces run (`CACHE_FULL_TRACES=1`: Scripts/test.sh's
    /// release-mode step; in a debug build they would take an hour).
    static let fullTracesEnabled = ProcessInfo.processInfo.environment["CACHE_FULL_TRACES"] == "1"

    /// The path of trace `name` (`lirs-gli`).
    static func path(_ name: String) -> String {
        directory + "/" + name + ".txt.gz"
    }

    /// The keys of trace `name`, or its first `limit` keys.
    static func keys(_ name: String, limit: Int? = nil) throws -> [UInt64] {
        try TraceReader.readKeys(atPath: path(name), limit: limit)
    }
}
