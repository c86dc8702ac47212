import CacheCore
import CacheManagement
import CachePolicies
import Synchronization
import Testing

/// Two in-process layers over a remote one, with a loader; the remote store is an in-memory
/// double that can be told to fail.
@Suite("Layered cache")
struct LayeredCacheTests {
    let clock = ManualClock()
    let l1: Cache<String, Int>
    let l2: Cache<String, Int>
    let remote = InMemoryRemoteStore<String, Int>()
    let loads = Recorder<String>()
    let events = Recorder<String>()
    let layered: LayeredCache<String, Int>

    init() {
        l1 = Cache(name: "l1", maxSize: 10, clock: .manual(clock))
        l2 = Cache(name: "l2", maxSize: 100, clock: .manual(clock))
        let loads = loads
        layered = LayeredCache(
            name: "numbers",
            layers: [.local(l1, ttl: .seconds(10)), .local(l2, ttl: .seconds(60)), .remote(remote, ttl: .minutes(10))],
            load: { key in
                loads.append(key)
                return key.hasPrefix("none") ? nil : key.count
            }
        )
        let events = events
        layered.addListener { event in
            switch event {
            case .hit(let key, let layer): events.append("hit \(key) @\(layer)")
            case .miss(let key): events.append("miss \(key)")
            case .loaded(let key): events.append("loaded \(key)")
            case .layerFailed(let failure): events.append("failed \(failure.layerName) \(failure.operation)")
            }
        }
    }

    @Test func layersAreNamedAfterTheirCaches() {
        #expect(layered.layers.map(\.name) == ["l1", "l2", "remote"])
        #expect(layered.layers.map(\.isRemote) == [false, false, true])
    }

    @Test func aMissEverywhereLoadsAndWritesThroughEveryLayerWithItsTTL() async throws {
        #expect(try await layered.get("abc") == 3)
        #expect(loads.all == ["abc"])
        #expect(l1.get("abc") == 3)
        #expect(l2.get("abc") == 3)
        #expect(remote.contents == ["abc": 3])
        #expect(remote.ttl(of: "abc") == .some(.minutes(10)))
        #expect(l1.timeToLive(forKey: "abc") == .seconds(10))
        #expect(l2.timeToLive(forKey: "abc") == .seconds(60))
        #expect(events.all == ["miss abc", "loaded abc"])
        #expect(try await layered.get("abc") == 3)
        #expect(loads.all == ["abc"])
        #expect(events.all.last == "hit abc @0")
    }

    @Test func aHitBelowBackfillsTheFasterLayers() async throws {
        try await remote.set("deep", 42, ttl: nil)
        #expect(try await layered.get("deep") == 42)
        #expect(l1.get("deep") == 42 && l2.get("deep") == 42)
        #expect(loads.all.isEmpty)
        #expect(events.all == ["hit deep @2"])

        l2.set("middle", 7)
        #expect(try await layered.get("middle") == 7)
        #expect(l1.get("middle") == 7)
        #expect(remote.contents["middle"] == nil)
        #expect(events.all.last == "hit middle @1")

        clock.advance(by: .seconds(10))
        #expect(l1.get("deep") == nil)
        #expect(try await layered.get("deep") == 42)
        #expect(events.all.last == "hit deep @1")
        #expect(remote.gets == 1)
    }

    @Test func aValueALayerRefusesLeavesNoOlderValueThere() async throws {
        let small = Cache<String, Int>(name: "small", maxSize: 10, maxCost: 100, cost: { _, value in value })
        let remote = InMemoryRemoteStore<String, Int>()
        let layered = LayeredCache(name: "costly", layers: [.local(small), .remote(remote)])
        try await layered.set("k", 50)
        #expect(small.get("k") == 50)
        try await layered.set("k", 500)  // over the local layer's maxCost
        #expect(small.get("k") == nil, "the local layer kept the value it was told to replace")
        #expect(try await layered.get("k") == 500)
    }

    @Test func aLoaderWithoutAValueStoresNothing() async throws {
        #expect(try await layered.get("none-such") == nil)
        #expect(l1.isEmpty && l2.isEmpty && remote.contents.isEmpty)
        #expect(events.all == ["miss none-such"])
    }

    @Test func writesDeletesAndClearsGoThroughEveryLayer() async throws {
        try await layered.set("a", 1)
        try await layered.set("b", 2)
        #expect(l1.get("a") == 1 && l2.get("a") == 1 && remote.contents["a"] == 1)
        #expect(remote.ttl(of: "a") == .some(.minutes(10)))
        try await layered.delete("a")
        #expect(l1.get("a") == nil && l2.get("a") == nil && remote.contents["a"] == nil)
        try await layered.clear()
        #expect(l1.isEmpty && l2.isEmpty && remote.contents.isEmpty)
        #expect(try await layered.get("b") == 1)
        #expect(loads.all == ["b"])
    }

    @Test func aFailingRemoteLayerIsSkippedOnReadsAndReported() async throws {
        remote.fail([.get, .set])
        #expect(try await layered.get("abcd") == 4)
        #expect(l1.get("abcd") == 4 && l2.get("abcd") == 4)
        #expect(events.all == ["failed remote get", "miss abcd", "loaded abcd", "failed remote backfill"])
        l1.clear()
        #expect(try await layered.get("abcd") == 4)
        #expect(events.all.last == "hit abcd @1")
    }

    @Test func aFailingLayerDoesNotStopWritesToTheOthersButIsThrown() async throws {
        remote.fail([.set, .delete, .clear])
        await #expect(throws: LayeredCacheError<String>.self) { try await layered.set("k", 1) }
        #expect(l1.get("k") == 1 && l2.get("k") == 1)
        do {
            try await layered.delete("k")
            Issue.record("delete should have thrown")
        } catch {
            #expect(error.failures.map(\.layerName) == ["remote"])
            #expect(error.failures.map(\.operation) == [.delete])
            #expect(error.failures.first?.key == "k")
            #expect(
                error.failures.first?.error as? InMemoryRemoteStore<String, Int>.Unavailable
                    == .init(operation: .delete)
            )
            #expect(error.description.hasPrefix("layer 2 'remote': delete of key k failed: Unavailable("))
        }
        #expect(l1.get("k") == nil && l2.get("k") == nil)
        await #expect(throws: LayeredCacheError<String>.self) { try await layered.clear() }
        #expect(events.all == ["failed remote set", "failed remote delete", "failed remote clear"])
    }

    @Test func aLayerlessCacheOnlyLoads() async throws {
        let counter = Recorder<Int>()
        let loadOnly = LayeredCache<Int, Int>(layers: []) { key in
            counter.append(key)
            return key * 2
        }
        #expect(try await loadOnly.get(21) == 42)
        #expect(try await loadOnly.get(21) == 42)
        #expect(counter.all == [21, 21])
    }

    @Test func listenersCanBeRemoved() async throws {
        let extra = Recorder<Int>()
        let id = layered.addListener { _ in extra.append(1) }
        _ = try await layered.get("x")
        #expect(layered.removeListener(id))
        #expect(!layered.removeListener(id))
        _ = try await layered.get("x")
        #expect(extra.all.count == 2)
    }

    @Test func loaderErrorsReachTheCaller() async {
        struct Down: Error {}
        let failing = LayeredCache<String, Int>(layers: [.local(l1)]) { _ in throw Down() }
        await #expect(throws: Down.self) { try await failing.get("q") }
        #expect(l1.isEmpty)
    }
}

/// Concurrent reads of a layered cache. Run under the thread sanitizer by `Scripts/tsan.sh`.
@Suite("Layered cache concurrency")
struct LayeredCacheConcurrencyTests {
    @Test func concurrentReadsOfAMissingKeyShareOneFlight() async throws {
        let gate = AsyncGate()
        let remote = InMemoryRemoteStore<String, Int>(gate: gate)
        let local = Cache<String, Int>(name: "local", maxSize: 10)
        let loads = Recorder<String>()
        let layered = LayeredCache<String, Int>(layers: [.local(local), .remote(remote)]) { key in
            loads.append(key)
            return 7
        }
        let results = Recorder<Int?>()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask { results.append(try? await layered.get("hot")) }
            }
            while remote.gets == 0 { await Task.yield() }
            for _ in 0..<1_000 { await Task.yield() }
            gate.open()
        }
        #expect(results.all == Array(repeating: 7, count: 10))
        #expect(remote.gets == 1)
        #expect(loads.all == ["hot"])
        #expect(local.get("hot") == 7)
        #expect(remote.contents == ["hot": 7])
    }

    @Test func aWriteDuringAFlightKeepsItsValue() async throws {
        let gate = AsyncGate()
        let remote = InMemoryRemoteStore<String, Int>(["k": 1], gate: gate)
        let local = Cache<String, Int>(name: "local", maxSize: 10)
        let layered = LayeredCache<String, Int>(layers: [.local(local), .remote(remote)])
        async let stale = layered.get("k")
        while remote.gets == 0 { await Task.yield() }
        try await layered.set("k", 2)
        gate.open()
        #expect(try await stale == 1)
        #expect(local.get("k") == 2)
        #expect(try await layered.get("k") == 2)
    }
}
