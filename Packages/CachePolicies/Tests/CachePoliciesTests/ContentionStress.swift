import CacheCore
@_spi(Randomness) import CachePolicies
import Testing
import _CacheTestSupport

/// What ``ContentionStress`` needs of a cache beyond `CacheProtocol`: `Cache` and `ShardedCache`
/// both offer it.
protocol StressedCache: CacheProtocol, Sendable where Key == Int, Value == Int64 {
    var totalCost: Int { get }
    var stats: CacheStats { get }
    @discardableResult
    func addListener(
        for kinds: CacheEventKinds,
        _ listener: @escaping @Sendable (CacheEvent<Int, Int64>) -> Void
    ) -> CacheListenerID
}

extension Cache: StressedCache where Key == Int, Value == Int64 {}
extension ShardedCache: StressedCache where Key == Int, Value == Int64 {}

/// Worker tasks hammering one cache with reads, writes with TTLs, and deletes; between phases the
/// clock moves, so entries expire while the next phase's workers race to read them. Within a phase
/// time stands still, which makes "a dead value was returned" exactly checkable: values are their
/// own deadlines.
///
/// Checks that no dead value is ever read, that the limits hold after every operation a worker
/// sees, that listeners see every insert and removal, and that the statistics count every read.
struct ContentionStress {
    static let workers = 4

    var phases: Int
    var operationsPerPhase: Int
    /// Keys are drawn from `0..<keyCount`.
    var keyCount: Int
    var maxSize: Int
    var maxCost: Int
    /// Seeds how far the clock moves between phases.
    var phaseSeed: UInt64

    /// Runs the workers against `cache`, whose clock is `clock`, and checks what it promises;
    /// the caller checks the cache's internal invariants afterwards.
    func run(on cache: some StressedCache, clock: ManualClock) async {
        let inserts = AtomicCounter()
        let removals = AtomicCounter()
        let violations = LockedArray<String>()
        cache.addListener(for: [.set, .removal]) { event in
            switch event {
            case .set(_, _, nil): inserts.add()
            case .removal(_, _, let cause) where cause != .replaced: removals.add()
            default: break
            }
        }
        let reads = AtomicCounter()
        var phaseGenerator = SplitMix64(seed: phaseSeed)
        for phase in 0..<phases {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<Self.workers {
                    group.addTask {
                        var generator = SplitMix64(seed: UInt64(phase * Self.workers + worker + 1))
                        let now = clock.now
                        for _ in 0..<operationsPerPhase {
                            let key = Int.random(in: 0..<keyCount, using: &generator)
                            switch Int.random(in: 0..<10, using: &generator) {
                            case 0..<5:
                                reads.add()
                                if let deadline = cache.get(key), deadline <= now.nanoseconds {
                                    violations.append("read \(key): dead since \(deadline), now \(now)")
                                }
                            case 5..<8:
                                let ttl = Duration.milliseconds(Int.random(in: 1...80, using: &generator))
                                cache.set(key, now.advanced(by: ttl).nanoseconds, ttl: .after(ttl))
                            case 8:
                                cache.delete(key)
                            default:
                                let count = cache.count
                                let cost = cache.totalCost
                                if count > maxSize || cost > maxCost {
                                    violations.append("over limits: \(count) entries, cost \(cost)")
                                }
                            }
                        }
                    }
                }
            }
            clock.advance(by: .milliseconds(Int.random(in: 0...20, using: &phaseGenerator)))
        }
        #expect(violations.elements.isEmpty, "\(violations.elements.prefix(5))")
        let stats = cache.stats
        #expect(stats.hits + stats.misses == reads.value)
        #expect(inserts.value - removals.value == cache.count)
        #expect(stats.sets >= inserts.value)
        #expect(stats.expirations > 0)
        #expect(stats.evictions > 0)
    }
}
