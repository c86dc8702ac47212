import CacheCore
@_spi(Randomness) @_spi(Testing) import CachePolicies
import Testing
import _CacheTestSupport

/// Runs long seeded random sequences of operations against `Cache` and against `ReferenceCache`,
/// and requires every result, every event (in order), the statistics and the contents (in
/// eviction order) to agree.
@Suite("Cache agrees with the reference model")
struct ModelBasedTests {
    enum Mode: String, CaseIterable, Sendable {
        /// An entry limit only.
        case plain
        /// An entry limit, a default TTL, per-entry TTLs and a clock that moves.
        case ttl
        /// A cost function with a cost limit and an entry limit, and TTLs.
        case costs
        /// TTLs, and an expiry function giving entries written without one a TTL of its own.
        case expiry
        /// TTLs and an idle timeout (`expireAfterAccess`), which `configure` changes and removes.
        case idle
    }

    /// Per policy and mode: 30 runs, 2.4 million operations in all.
    static let operationsPerRun = 80_000

    @Test(arguments: ReferenceCache<Int, Int>.Policy.allCases, Mode.allCases)
    func agreesWithModel(policy: ReferenceCache<Int, Int>.Policy, mode: Mode) {
        // A seed fixed by the policy's name (not its `hashValue`, which Swift seeds per process),
        // so that a failure reproduces.
        let nameSeed = policy.rawValue.utf8.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) }
        var harness = Harness(policy: policy, mode: mode, seed: (nameSeed & 0xFFFF) ^ 0xC0FFEE)
        for step in 0..<Self.operationsPerRun {
            harness.step(step)
            if step % 1_000 == 0 { harness.compareContents(step) }
        }
        harness.compareContents(Self.operationsPerRun)
        #expect(harness.operationsThatChangedSomething > Self.operationsPerRun / 4)
    }
}

/// The engine's policy that `ReferenceCache`'s `policy` models (`random` seeded as the model is).
func cachePolicy(for policy: ReferenceCache<Int, Int>.Policy, seed: UInt64) -> CachePolicy {
    switch policy {
    case .fifo: .fifo
    case .lifo: .lifo
    case .lru: .lru
    case .mru: .mru
    case .lfu: .lfu
    case .random: .random(seed: seed)
    }
}

private struct Harness {
    let mode: ModelBasedTests.Mode
    let clock = ManualClock()
    let cache: Cache<Int, Int>
    var model: ReferenceCache<Int, Int>
    let recorder = EventRecorder<Int, Int>()
    var generator: SplitMix64
    var operationsThatChangedSomething = 0
    let keySpace = 48

    init(policy: ReferenceCache<Int, Int>.Policy, mode: ModelBasedTests.Mode, seed: UInt64) {
        self.mode = mode
        generator = SplitMix64(seed: seed)
        let valueCost: @Sendable (Int, Int) -> Int = { _, value in value % 4 + 1 }
        let cost = mode == .costs ? valueCost : nil
        // Some values take the default TTL, some never expire, some die at once, the rest vary.
        let valueExpiry: @Sendable (Int, Int) -> TimeToLive? = { _, value in
            switch value % 8 {
            case 0, 1: nil
            case 2: .never
            case 3: .after(.zero)
            default: .milliseconds(value % 70)
            }
        }
        let expiry = mode == .expiry ? valueExpiry : nil
        let limits = CacheLimits(
            maxSize: 16,
            maxCost: mode == .costs ? 30 : nil,
            defaultTTL: mode == .plain ? nil : .milliseconds(40),
            expireAfterAccess: mode == .idle ? .milliseconds(12) : nil
        )
        cache = Cache(
            name: "model-\(policy)",
            maxSize: limits.maxSize,
            maxCost: limits.maxCost,
            cost: cost,
            defaultTTL: limits.defaultTTL,
            expireAfterAccess: limits.expireAfterAccess,
            expiry: expiry,
            policy: cachePolicy(for: policy, seed: seed),
            clock: .manual(clock)
        )
        model = ReferenceCache(policy: policy, limits: limits, randomSeed: seed, cost: cost, expiry: expiry)
        recorder.attach(to: cache)
        model.observedExpiryOrder = { [recorder] in recorder.leadingExpiries }
    }

    var now: Int64 { clock.now.nanoseconds }

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
        let description: String
        switch roll {
        case 0..<300:
            description = "get(\(key))"
            #expect(cache.get(key) == model.get(key, now: now), "\(description) at step \(step)")
        case 300..<510:
            let ttl = randomTTL()
            description = "set(\(key), \(value), ttl: \(String(describing: ttl)))"
            #expect(cache.set(key, value, ttl: ttl) == model.write(key, value, ttl: ttl, now: now, onlyIfAbsent: false))
        case 510..<550:
            let ttl = randomTTL()
            description = "compute(\(key), ttl: \(String(describing: ttl))) with \(value)"
            // Inserts when absent, removes every third value, adds otherwise (growing its cost).
            let transform: (Int?) -> Int? = { old in
                guard let old else { return value }
                return old % 3 == 0 ? nil : old + value % 7
            }
            let computed = cache.compute(key, ttl: ttl, transform)
            #expect(computed == model.compute(key, ttl: ttl, now: now, transform), "\(description) at step \(step)")
        case 550..<630:
            let ttl = randomTTL()
            description = "add(\(key), \(value), ttl: \(String(describing: ttl)))"
            #expect(cache.add(key, value, ttl: ttl) == model.write(key, value, ttl: ttl, now: now, onlyIfAbsent: true))
        case 630..<730:
            description = "delete(\(key))"
            #expect(cache.delete(key) == model.delete(key, now: now), "\(description) at step \(step)")
        case 730..<760:
            description = "popItem()"
            let popped = cache.popItem()
            let expected = model.popItem(now: now)
            #expect(popped?.key == expected?.key && popped?.value == expected?.value, "\(description) at step \(step)")
        case 760..<800:
            description = "contains(\(key))"
            #expect(cache.contains(key) == model.contains(key, now: now), "\(description) at step \(step)")
        case 800..<820:
            var limits = model.limits
            limits.maxSize = Int.random(in: 6...24, using: &generator)
            if mode == .costs { limits.maxCost = Int.random(in: 10...50, using: &generator) }
            if mode != .plain { limits.defaultTTL = .milliseconds(Int.random(in: 5...80, using: &generator)) }
            if mode == .idle {
                let idle = Int.random(in: 0...30, using: &generator)
                limits.expireAfterAccess = idle < 4 ? nil : .milliseconds(idle)
            }
            description = "configure(\(limits))"
            let newLimits = limits
            #expect(throws: Never.self) { try cache.configure { $0 = newLimits } }
            model.configure(newLimits, now: now)
        case 820..<900:
            let step = Duration.milliseconds(Int.random(in: 1...15, using: &generator))
            description = "advance(\(step))"
            if mode != .plain { clock.advance(by: step) }
        case 900..<920:
            description = "expire()"
            #expect(cache.expire() == model.expire(now: now), "\(description) at step \(step)")
        case 920..<930:
            description = "evict()"
            #expect(cache.evict() == model.evict(now: now), "\(description) at step \(step)")
        case 930..<950:
            description = "count"
            #expect(cache.count == model.count(now: now), "\(description) at step \(step)")
        case 950..<970:
            description = "timeToLive(forKey: \(key))"
            #expect(cache.timeToLive(forKey: key) == model.timeToLive(key, now: now), "\(description) at step \(step)")
        case 970..<985:
            let keys = (0..<4).map { _ in Int.random(in: 0..<keySpace, using: &generator) }
            description = "getMany(\(keys))"
            let found = cache.getMany(.keys(keys))
            var expected: [Int: Int] = [:]
            for key in keys { if let value = model.get(key, now: now) { expected[key] = value } }
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
            for pair in pairs { _ = model.write(pair.key, pair.value, ttl: nil, now: now, onlyIfAbsent: false) }
        default:
            description = "clear()"
            cache.clear()
            model.clear(now: now)
        }
        let cacheEvents = recorder.take()
        let modelEvents = model.takeEvents()
        if cacheEvents.contains(where: { $0.kind != .get }) { operationsThatChangedSomething += 1 }
        #expect(cacheEvents == modelEvents, "events of \(description) at step \(step)")
    }

    mutating func compareContents(_ step: Int) {
        let items = cache.items
        let expected = model.items(now: now)
        #expect(items.map(\.key) == expected.map(\.key), "eviction order at step \(step)")
        #expect(items.map(\.value) == expected.map(\.value), "values at step \(step)")
        #expect(recorder.take() == model.takeEvents(), "events of reading the contents at step \(step)")
        var stats = cache.stats
        stats.entryCount = 0
        stats.totalCost = 0
        #expect(stats == model.stats, "stats at step \(step)")
        cache.checkInvariants()
    }
}
