import CacheCore
import CachePolicies

/// Replays request streams through the real `Cache` type, so what it measures is what users get.
///
/// Each request is a read-through: `get`, and on a miss `set` of the key. Every entry weighs 1,
/// so the capacity is a number of entries, as in the published hit-ratio tables.
public enum Replay {
    /// Replays `keys` through a cache of `capacity` entries with `policy`.
    ///
    /// - Parameters:
    ///   - keys: The requested keys, in order.
    ///   - policy: The eviction policy of the cache.
    ///   - capacity: The cache's entry limit; at least 1.
    ///   - workload: The name to report the stream under.
    /// - Complexity: O(*n*) for *n* requests.
    public static func run(
        _ keys: [UInt64],
        policy: CachePolicy,
        capacity: Int,
        workload: String = ""
    ) -> ReplayResult {
        precondition(capacity > 0, "Replay: the capacity must be at least 1 entry, got \(capacity)")
        let cache = Cache<UInt64, UInt64>(
            name: "cachesim-\(policy.name)",
            maxSize: capacity,
            policy: policy,
            recordsStats: false
        )
        let clock = ContinuousClock()
        let start = clock.now
        var hits = 0
        for key in keys {
            if cache.get(key) != nil {
                hits += 1
            } else {
                cache.set(key, key)
            }
        }
        return ReplayResult(
            workload: workload,
            policy: policy.name,
            capacity: capacity,
            requests: keys.count,
            hits: hits,
            elapsed: clock.now - start
        )
    }
}

/// What one replay measured.
public struct ReplayResult: Hashable, Sendable {
    /// The name of the workload replayed.
    public var workload: String
    /// The policy's name (``OptimalReplay/policyName`` for Belady's bound).
    public var policy: String
    /// The cache's capacity in entries.
    public var capacity: Int
    /// Requests replayed.
    public var requests: Int
    /// Requests that hit.
    public var hits: Int
    /// Wall-clock time of the replay.
    public var elapsed: Duration

    /// Creates a result.
    public init(workload: String = "", policy: String, capacity: Int, requests: Int, hits: Int, elapsed: Duration) {
        self.workload = workload
        self.policy = policy
        self.capacity = capacity
        self.requests = requests
        self.hits = hits
        self.elapsed = elapsed
    }

    /// Whether this is Belady's bound rather than a policy.
    public var isOptimal: Bool { policy == OptimalReplay.policyName }

    /// Hits per request, 0 for an empty stream.
    public var hitRatio: Double { requests == 0 ? 0 : Double(hits) / Double(requests) }

    /// Requests per second of wall-clock time.
    public var requestsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(requests) / seconds : 0
    }
}
