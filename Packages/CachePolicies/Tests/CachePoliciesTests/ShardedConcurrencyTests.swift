import CacheCore
@_spi(Testing) import CachePolicies
import Testing

/// Threads hammering one `ShardedCache`. Run under the thread sanitizer by `Scripts/tsan.sh`
/// (its filter matches "Concurrency").
@Suite("Concurrency, sharded")
struct ShardedConcurrencyTests {
    /// ``ContentionStress`` on a sharded cache: the global limits hold, and the summed
    /// statistics count every read.
    @Test(arguments: ["lru", "lfu", "fifo", "random"])
    func invariantsHoldUnderContention(policyName: String) async {
        let clock = ManualClock()
        let cache = ShardedCache<Int, Int64>(
            name: "sharded-stress-\(policyName)",
            shards: 4,
            maxSize: 96,
            maxCost: 200,
            cost: { key, _ in key % 4 + 1 },
            defaultTTL: .milliseconds(50),
            policy: CachePolicy.named(policyName)!,
            clock: .manual(clock)
        )
        let stress = ContentionStress(
            phases: 30,
            operationsPerPhase: 600,
            keyCount: 300,
            maxSize: 96,
            maxCost: 200,
            phaseSeed: 91
        )
        await stress.run(on: cache, clock: clock)
        for shard in cache.shardCaches { shard.checkInvariants() }
    }
}
