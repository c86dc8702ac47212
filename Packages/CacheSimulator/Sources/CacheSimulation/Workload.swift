@_spi(Randomness) import CachePolicies

/// A request stream to replay: its keys, in order, which requests are blind writes, and what the
/// simulator derives from them once (the number of distinct keys, and for each request where its
/// key is requested next).
///
/// By default every request is a read-through: a read, and on a miss a write of the key. With a
/// write share, that fraction of the requests (drawn once, so every policy sees the same stream)
/// are blind writes instead: a `set` of the key that no read asked for, as when an application
/// stores what it just produced; the other requests are plain reads, which store nothing on a
/// miss. Hit ratios then count hits per read.
public struct Workload: Sendable {
    /// A short name for reports: the trace's file name, or the synthetic workload's description.
    public var name: String
    /// The requested keys, in order.
    public let keys: [UInt64]
    /// For each request, whether it is a blind write; empty when every request is a read-through.
    public let writes: [Bool]
    /// The number of distinct keys requested.
    public let distinctKeyCount: Int
    /// The number of reads (every request, for a read-through stream).
    public let readCount: Int
    /// For each request, the position of the next request for the same key, or -1 when there is
    /// none; what Belady's algorithm needs.
    let nextUses: [Int32]

    /// Indexes `keys`.
    ///
    /// - Parameters:
    ///   - name: A short name for reports.
    ///   - keys: The requested keys, in order; fewer than 2³¹ − 1.
    ///   - writeShare: The fraction of requests that are blind writes, 0 ≤ `writeShare` < 1; 0
    ///     makes every request a read-through.
    ///   - seed: Chooses which requests are writes.
    /// - Complexity: O(*n*) on average for *n* requests.
    public init(name: String, keys: [UInt64], writeShare: Double = 0, seed: UInt64 = 1) {
        precondition(keys.count < Int(Int32.max), "Workload: \(name) has more than \(Int32.max) requests")
        precondition(
            writeShare >= 0 && writeShare < 1,
            "Workload: the write share must be at least 0 and below 1, got \(writeShare)"
        )
        self.name = name
        self.keys = keys
        if writeShare > 0 {
            var generator = SplitMix64(seed: seed)
            let threshold = UInt64(writeShare * 0x1p64)
            self.writes = keys.map { _ in generator.next() < threshold }
            self.readCount = writes.count { !$0 }
        } else {
            self.writes = []
            self.readCount = keys.count
        }
        var nextUses = [Int32](repeating: -1, count: keys.count)
        var lastSeen: [UInt64: Int32] = [:]
        lastSeen.reserveCapacity(min(keys.count, 1 << 20))
        for position in keys.indices.reversed() {
            let previous = lastSeen.updateValue(Int32(truncatingIfNeeded: position), forKey: keys[position])
            if let previous { nextUses[position] = previous }
        }
        self.nextUses = nextUses
        self.distinctKeyCount = lastSeen.count
    }

    /// The number of requests.
    public var requestCount: Int { keys.count }

    /// The fraction of requests that are blind writes.
    public var writeShare: Double { keys.isEmpty ? 0 : Double(keys.count - readCount) / Double(keys.count) }
}
