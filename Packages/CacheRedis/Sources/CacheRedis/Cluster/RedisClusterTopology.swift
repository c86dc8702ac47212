#if Redis
/// Which node serves which hash slots: the cluster's shards, each a master with its replicas
/// and the slot ranges it owns, as `CLUSTER SHARDS` or `CLUSTER SLOTS` reports them.
struct RedisClusterTopology: Sendable, Equatable {
    /// A master, its replicas and its slots.
    struct Shard: Sendable, Equatable {
        /// The master, which takes writes.
        var master: RedisServerAddress
        /// Its replicas that are not marked failed.
        var replicas: [RedisServerAddress]
        /// The slots it serves.
        var slots: [ClosedRange<Int>]
    }

    /// The shards that serve at least one slot.
    let shards: [Shard]
    /// The shard of each slot, as an index into ``shards``; -1 for a slot no shard serves.
    private let owners: [Int16]

    /// A topology of `shards`; shards without slots are dropped.
    init(shards: [Shard]) {
        let serving = shards.filter { !$0.slots.isEmpty }
        var owners = [Int16](repeating: -1, count: RedisHashSlot.count)
        for (index, shard) in serving.enumerated() {
            for range in shard.slots {
                for slot in range.clamped(to: 0...(RedisHashSlot.count - 1)) { owners[slot] = Int16(index) }
            }
        }
        self.shards = serving
        self.owners = owners
    }

    /// The shard serving `slot`, or `nil` when none does.
    func shard(forSlot slot: Int) -> Shard? {
        let owner = owners[slot]
        return owner < 0 ? nil : shards[Int(owner)]
    }

    /// The masters, one per shard.
    var masters: [RedisServerAddress] { shards.map(\.master) }

    /// Every node: the masters, then the replicas.
    var nodes: [RedisServerAddress] { masters + shards.flatMap(\.replicas) }

    /// How many of the 16,384 slots a shard serves.
    var coveredSlots: Int { owners.count { $0 >= 0 } }
}
#endif
