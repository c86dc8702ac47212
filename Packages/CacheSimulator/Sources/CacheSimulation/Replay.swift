import CacheCore
import CachePolicies

/// Replays request streams through the real `Cache` type, so what it measures is what users get.
///
/// A read-through request is `get`, and on a miss `set` of the key; with blind writes (see
/// ``Workload``), a write is `set` alone and a read is `get` alone. Every entry weighs 1, so the
/// capacity is a number of entries, as in the published hit-ratio tables.
public enum Replay {
    /// Replays `keys` through a cache of `capacity` entries with `policy`.
    ///
    /// - Parameters:
    ///   - keys: The requested keys, in order.
    ///   - writes: For each request, whether it is a blind write; empty when every request is a
    ///     read-through.
    ///   - policy: The eviction policy of the cache.
    ///   - capacity: The cache's entry limit; at least 1.
    ///   - workload: The name to report the stream under.
    /// - Returns: The hits among the reads.
    /// - Complexity: O(*n*) for *n* requests.
    public static func run(
        _ keys: [UInt64],
        writes: [Bool] = [],
        policy: CachePolicy,
        capacity: Int,
        workload: String = ""
    ) -> ReplayResult {
        precondition(capacity > 0, "Replay: the capacity must be at least 1 entry, got \(capacity)")
        precondition(
            writes.isEmpty || writes.count == keys.count,
            "Replay: \(writes.count) write flags for \(keys.count) requests; give one per request, or none"
        )
        let cache = Cache<UInt64, UInt64>(
            name: "cachesim-\(policy.name)",
            maxSize: capacity,
            policy: policy,
            recordsStats: false
        )
        let clock = ContinuousClock()
        let start = clock.now
        var hits = 0
        var reads = 0
        if writes.isEmpty {
            for key in keys {
                if cache.get(key) != nil {
                    hits += 1
                } else {
                    cache.set(key, key)
                }
            }
            reads = keys.count
        } else {
            for (key, isWrite) in zip(keys, writes) {
                if isWrite {
                    cache.set(key, key)
                } else {
                    reads += 1
                    if cache.get(key) != nil { hits += 1 }
                }
            }
        }
        return ReplayResult(
            workload: workload,
            policy: policy.name,
            capacity: capacity,
            requests: reads,
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
    /// Reads replayed: every request of a read-through stream, the requests that are not blind
    /// writes otherwise.
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

    /// Hits per read, 0 for an empty stream.
    public var hitRatio: Double { requests == 0 ? 0 : Double(hits) / Double(requests) }

    /// Requests per second of wall-clock time.
    public var requestsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(requests) / seconds : 0
    }
}
