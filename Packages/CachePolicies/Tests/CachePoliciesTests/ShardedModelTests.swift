import CacheCore
@_spi(Randomness) @_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

/// Runs long seeded random sequences of operations against `ShardedCache` and against one
/// `ReferenceCache` per shard (each with its share of the limits), routing each key as the cache
/// does, and requires every result, every shard's events (in order), the summed statistics and
/// the contents (shard by shard, in eviction order) to agree.
@Suite("ShardedCache agrees with per-shard reference models")
struct ShardedModelTests {
    static let operationsPerRun = 30_000

    @Test(arguments: [ReferenceCache<Int, Int>.Policy.lru, .fifo, .lfu, .random], ModelBasedTests.Mode.allCases)
    func agreesWithModels(policy: ReferenceCache<Int, Int>.Policy, mode: ModelBasedTests.Mode) {
        var harness = ShardedHarness(policy: policy, mode: mode, seed: 0x5EED ^ UInt64(policy.rawValue.count))
        for step in 0..<Self.operationsPerRun {
            harness.step(step)
            if step % 500 == 0 { harness.compareContents(step) }
        }
        harness.compareContents(Self.operationsPerRun)
        #expect(harness.operationsThatChangedSomething > Self.operationsPerRun / 4)
    }
}

private struct ShardedHarness {
    static let shardCount = 4
    let mode: ModelBasedTests.Mode
    let clock = ManualClock()
    let cache: ShardedCache<Int, Int>
    var models: [ReferenceCache<Int, Int>]
    let recorders: [EventRecorder<Int, Int>]
    /// Every event, through the listener registered on the sharded cache itself.
    let whole = EventRecorder<Int, Int>()
    var generator: SplitMix64
    var operationsThatChangedSomething = 0
    let keySpace = 160

    init(policy: ReferenceCache<Int, Int>.Policy, mode: ModelBasedTests.Mode, seed: UInt64) {
        self.mode = mode
        generator = SplitMix64(seed: seed)
        let valueCost: @Sendable (Int, Int) -> Int = { _, value in value % 4 + 1 }
        let cost = mode == .costs ? valueCost : nil
        let limits = CacheLimits(
            maxSize: 64,
            maxCost: mode == .costs ? 120 : nil,
            defaultTTL: mode == .plain ? nil : .milliseconds(40)
        )
        cache = ShardedCache(
            name: "sharded-model-\(policy)",
            shards: Self.shardCount,
            maxSize: limits.maxSize,
            maxCost: limits.maxCost,
            cost: cost,
            defaultTTL: limits.defaultTTL,
            policy: cachePolicy(for: policy, seed: seed),
            clock: .manual(clock)
        )
        let recorders = (0..<Self.shardCount).map { _ in EventRecorder<Int, Int>() }
        self.recorders = recorders
        models = (0..<Self.shardCount).map { shard in
            var model = ReferenceCache<Int, Int>(
                policy: policy,
                limits: Self.share(of: limits, shard: shard),
                randomSeed: seed,
                cost: cost
            )
            model.observedExpiryOrder = { [recorder = recorders[shard]] in recorder.leadingExpiries }
            return model
        }
        for (recorder, shard) in zip(recorders, cache.shardCaches) { recorder.attach(to: shard) }
        let whole = self.whole
        cache.addListener { whole.record($0) }
    }

    static func share(of limits: CacheLimits, shard: Int) -> CacheLimits {
        func part(_ total: Int?) -> Int? {
            total.map { $0 / shardCount + (shard < $0 % shardCount ? 1 : 0) }
        }
        return CacheLimits(maxSize: part(limits.maxSize), maxCost: part(limits.maxCost), defaultTTL: limits.defaultTTL)
    }

    var now: Int64 { clock.now.nanoseconds }

    func shard(of key: Int) -> Int { key.hashValue & (Self.shardCount - 1) }

    mutating func randomTTL() -> TimeToLive? {
        guard mode != .plain else { return Int.random(in: 0..<10, using: &generator) == 0 ? .never : nil }
        switch Int.random(in: 0..<20, using: &generator) {
        case 0..<8: return nil
        case 8..<11: return .never
        case 11: return .after(.zero)
        default: return .milliseconds(Int.random(in: 1...60, using: &generator))
        }
    }

    mutating func step(_ step: Int) {
        let key = Int.random(in: 0..<keySpace, using: &generator)
        let value = Int.random(in: 0..<1_000, using: &generator)
        let roll = Int.random(in: 0..<1_000, using: &generator)
        let home = shard(of: key)
        let description: String
        switch roll {
        case 0..<300:
            description = "get(\(key))"
            #expect(cache.get(key) == models[home].get(key, now: now), "\(description) at step \(step)")
        case 300..<550:
            let ttl = randomTTL()
            description = "set(\(key), \(value), ttl: \(String(describing: ttl)))"
            // The cache first: among equal deadlines the models expire in the order the cache did.
            let stored = cache.set(key, value, ttl: ttl)
            #expect(stored == models[home].write(key, value, ttl: ttl, now: now, onlyIfAbsent: false))
        case 550..<630:
            let ttl = randomTTL()
            description = "add(\(key), \(value), ttl: \(String(describing: ttl)))"
            let stored = cache.add(key, value, ttl: ttl)
            #expect(stored == models[home].write(key, value, ttl: ttl, now: now, onlyIfAbsent: true))
        case 630..<730:
            description = "delete(\(key))"
            #expect(cache.delete(key) == models[home].delete(key, now: now), "\(description) at step \(step)")
        case 730..<760:
            description = "popItem()"
            let popped = cache.popItem()
            let counts = models.indices.map { models[$0].count(now: now) }
            var expected: (key: Int, value: Int)?
            for index in counts.indices.sorted(by: { counts[$0] > counts[$1] || (counts[$0] == counts[$1] && $0 < $1) })
            {
                expected = models[index].popItem(now: now)
                if expected != nil { break }
            }
            #expect(popped?.key == expected?.key && popped?.value == expected?.value, "\(description) at step \(step)")
        case 760..<800:
            description = "contains(\(key))"
            #expect(cache.contains(key) == models[home].contains(key, now: now), "\(description) at step \(step)")
        case 800..<815:
            var limits = cache.limits
            limits.maxSize = Int.random(in: 24...96, using: &generator)
            if mode == .costs { limits.maxCost = Int.random(in: 40...200, using: &generator) }
            if mode != .plain { limits.defaultTTL = .milliseconds(Int.random(in: 5...80, using: &generator)) }
            description = "configure(\(limits))"
            let newLimits = limits
            #expect(throws: Never.self) { try cache.configure { $0 = newLimits } }
            for index in models.indices { models[index].configure(Self.share(of: newLimits, shard: index), now: now) }
        case 815..<900:
            let step = Duration.milliseconds(Int.random(in: 1...15, using: &generator))
            description = "advance(\(step))"
            if mode != .plain { clock.advance(by: step) }
        case 900..<920:
            description = "expire()"
            let expired = cache.expire()
            #expect(expired == models.indices.reduce(0) { $0 + models[$1].expire(now: now) })
        case 920..<930:
            description = "evict()"
            let removed = cache.evict()
            #expect(removed == models.indices.reduce(0) { $0 + models[$1].evict(now: now) })
        case 930..<950:
            description = "count"
            let count = cache.count
            #expect(count == models.indices.reduce(0) { $0 + models[$1].count(now: now) })
        case 950..<970:
            description = "timeToLive(forKey: \(key))"
            #expect(
                cache.timeToLive(forKey: key) == models[home].timeToLive(key, now: now),
                "\(description) at step \(step)"
            )
        case 970..<985:
            let keys = (0..<4).map { _ in Int.random(in: 0..<keySpace, using: &generator) }
            description = "getMany(\(keys))"
            let found = cache.getMany(.keys(keys))
            var expected: [Int: Int] = [:]
            for key in keys { if let value = models[shard(of: key)].get(key, now: now) { expected[key] = value } }
            #expect(found == expected, "\(description) at step \(step)")
        case 985..<998:
            let pairs = (0..<3).map { _ in
                (
                    key: Int.random(in: 0..<keySpace, using: &generator),
                    value: Int.random(in: 0..<1_000, using: &generator)
                )
            }
            description = "setMany(\(pairs))"
            cache.setMany(pairs)
            for pair in pairs {
                _ = models[shard(of: pair.key)].write(pair.key, pair.value, ttl: nil, now: now, onlyIfAbsent: false)
            }
        default:
            description = "clear()"
            cache.clear()
            for index in models.indices { models[index].clear(now: now) }
        }
        var total = 0
        for index in models.indices {
            let shardEvents = recorders[index].take()
            total += shardEvents.count
            if shardEvents.contains(where: { $0.kind != .get }) { operationsThatChangedSomething += 1 }
            #expect(
                shardEvents == models[index].takeEvents(),
                "shard \(index)'s events of \(description) at step \(step)"
            )
        }
        #expect(whole.take().count == total, "the sharded cache's own listener missed events of \(description)")
    }

    mutating func compareContents(_ step: Int) {
        let items = cache.items
        var expected: [(key: Int, value: Int)] = []
        for index in models.indices { expected += models[index].items(now: now) }
        #expect(items.map(\.key) == expected.map(\.key), "eviction order at step \(step)")
        #expect(items.map(\.value) == expected.map(\.value), "values at step \(step)")
        for index in models.indices {
            #expect(
                recorders[index].take() == models[index].takeEvents(),
                "events of reading shard \(index) at step \(step)"
            )
        }
        _ = whole.take()
        var stats = cache.stats
        stats.entryCount = 0
        stats.totalCost = 0
        let modelStats = models.map(\.stats).reduce(CacheStats()) { total, shard in
            CacheStats(
                hits: total.hits + shard.hits,
                misses: total.misses + shard.misses,
                sets: total.sets + shard.sets,
                deletes: total.deletes + shard.deletes,
                evictions: total.evictions + shard.evictions,
                expirations: total.expirations + shard.expirations,
                collections: total.collections + shard.collections
            )
        }
        #expect(stats == modelStats, "stats at step \(step)")
        #expect(cache.count <= cache.limits.maxSize ?? .max, "over the global maxSize at step \(step)")
        for shard in cache.shardCaches { shard.checkInvariants() }
    }
}
