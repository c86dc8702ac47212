/// A request stream to replay: its keys, in order, and what the simulator derives from them once
/// (the number of distinct keys, and for each request where its key is requested next).
public struct Workload: Sendable {
    /// A short name for reports: the trace's file name, or the synthetic workload's description.
    public var name: String
    /// The requested keys, in order.
    public let keys: [UInt64]
    /// The number of distinct keys requested.
    public let distinctKeyCount: Int
    /// For each request, the position of the next request for the same key, or -1 when there is
    /// none; what Belady's algorithm needs.
    let nextUses: [Int32]

    /// Indexes `keys`.
    ///
    /// - Parameters:
    ///   - name: A short name for reports.
    ///   - keys: The requested keys, in order; fewer than 2³¹ − 1.
    /// - Complexity: O(*n*) on average for *n* requests.
    public init(name: String, keys: [UInt64]) {
        precondition(keys.count < Int(Int32.max), "Workload: \(name) has more than \(Int32.max) requests")
        self.name = name
        self.keys = keys
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
}
