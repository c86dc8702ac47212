import CacheCore
import CachePolicies
import Testing

@testable import WeakValueStore

/// Tasks sharing one weak cache while its values are deallocated on other threads. Run under the
/// thread sanitizer by `Scripts/tsan.sh` (the type name matches its filter).
@Suite("Concurrency (weak values)")
struct WeakValueCacheConcurrencyTests {
    static let workers = 4
    static let operations = 3_000
    static let keys = 48

    /// Reads, writes, deletes and loads race while each worker keeps only its latest values
    /// alive, so values die all the time on whichever thread drops them. No read may return
    /// another key's value; once every worker has let go, only the keep-alive holds values, and
    /// every other value has been deallocated.
    @Test(arguments: [0, 16])
    func valuesDieWhileOtherThreadsReadAndWrite(keepAlive: Int) async {
        let cache = WeakValueCache<String, Payload>(keepAlive: keepAlive)
        let created = Counter()
        let deallocated = Counter()
        let reads = Counter()
        let wrongValues = SharedArray<String>()
        let collected = Counter()
        cache.onRemoval { _, value, cause in
            if cause == .collected {
                collected.add()
                if value != nil { wrongValues.append("a collected entry came with a value") }
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<Self.workers {
                group.addTask {
                    var generator = SeededGenerator(seed: UInt64(worker + 1))
                    var held: [Payload] = []
                    func fresh(_ key: String) -> Payload {
                        created.add()
                        return Payload(key, counting: deallocated)
                    }
                    for _ in 0..<Self.operations {
                        let key = "k\(Int.random(in: 0..<Self.keys, using: &generator))"
                        switch Int.random(in: 0..<10, using: &generator) {
                        case 0..<4:
                            reads.add()
                            if let value = cache.get(key), value.key != key {
                                wrongValues.append("\(key) returned \(value.key)")
                            }
                        case 4..<6:
                            let value = fresh(key)
                            cache.set(key, value)
                            if Bool.random(using: &generator) { held.append(value) }
                        case 6:
                            cache.delete(key)
                        case 7:
                            reads.add()
                            let value = cache.get(key) { fresh($0) }
                            if value.key != key { wrongValues.append("load of \(key) returned \(value.key)") }
                            held.append(value)
                        case 8:
                            _ = cache.contains(key)
                        default:
                            if cache.count > Self.keys { wrongValues.append("more entries than keys") }
                        }
                        if held.count > 8 { held.removeFirst(held.count - 8) }
                    }
                }
            }
        }
        #expect(wrongValues.elements.isEmpty, "\(wrongValues.elements.prefix(5))")
        let live = cache.count
        #expect(live <= keepAlive, "only the keep-alive holds values now")
        #expect(deallocated.value == created.value - live)
        let stats = cache.stats
        #expect(stats.hits + stats.misses == reads.value)
        #expect(stats.collections == collected.value)
        #expect(stats.collections > 0)
    }

    /// Concurrent `get(_:orLoad:)` calls for the same keys all get one instance per key while it
    /// lives, however the loads race.
    @Test func concurrentLoadsShareOneInstancePerKey() async {
        let cache = WeakValueCache<String, Payload>()
        let loads = Counter()
        // Each task keeps what it got until the end, so every instance stays alive.
        let results = await withTaskGroup(of: [Payload].self) { group in
            for worker in 0..<Self.workers {
                group.addTask {
                    (0..<400).map { round in
                        cache.get("k\((round + worker) % 16)") { key in
                            loads.add()
                            return Payload(key)
                        }
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        let byKey = Dictionary(grouping: results, by: \.key)
        #expect(byKey.count == 16)
        for (key, instances) in byKey {
            #expect(Set(instances.map(ObjectIdentifier.init)).count == 1, "\(key) has several instances")
        }
        #expect(loads.value >= 16)
        #expect(cache.count == 16)
    }
}
