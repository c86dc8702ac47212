import CacheCore
import Testing
import _CacheTestSupport

@testable import CachePolicies

/// A FIFO policy that reports every call it gets, for checking what the engine tells a policy.
private struct RecordingPolicy: EvictionPolicy {
    enum Call: Equatable, Sendable {
        case insert(hash: Int)
        case access(hash: Int)
        case miss(hash: Int)
    }

    let calls: LockedArray<Call>
    var order: [CacheSlot] = []

    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        order.append(slot)
        calls.append(.insert(hash: hash))
    }

    mutating func didAccess(_ slot: CacheSlot, hash: Int) { calls.append(.access(hash: hash)) }
    mutating func didMiss(hash: Int) { calls.append(.miss(hash: hash)) }
    mutating func didRemove(_ slot: CacheSlot) { order.removeAll { $0 == slot } }
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? { order.isEmpty ? nil : order.removeFirst() }
    func slotsInEvictionOrder() -> [CacheSlot] { order }
    mutating func removeAll() { order.removeAll() }
}

@Suite("Misses reach the policy")
struct PolicyMissTests {
    @Test func everyReadThatMissesIsReportedOnce() {
        let calls = LockedArray<RecordingPolicy.Call>()
        let cache = Cache<String, Int>(
            maxSize: 10,
            policy: .custom(name: "recording") { _ in RecordingPolicy(calls: calls) }
        )
        let a = "a".hashValue
        let b = "b".hashValue
        #expect(cache.get("a") == nil)
        #expect(!cache.contains("a"))  // looking is not reading
        cache.set("a", 1)
        #expect(cache.get("a") == 1)
        #expect(cache.getMany(.keys(["a", "b"])) == ["a": 1])
        #expect(cache.get("b", orLoad: { _ in 2 }) == 2)
        #expect(
            calls.elements == [
                .miss(hash: a), .insert(hash: a), .access(hash: a), .access(hash: a), .miss(hash: b),
                .miss(hash: b), .insert(hash: b),
            ]
        )
    }

    @Test func expiringCachesReportMissesToo() {
        let calls = LockedArray<RecordingPolicy.Call>()
        let clock = ManualClock()
        let cache = Cache<Int, Int>(
            maxSize: 10,
            defaultTTL: .seconds(5),
            policy: .custom(name: "recording") { _ in RecordingPolicy(calls: calls) },
            clock: .manual(clock)
        )
        cache.set(1, 1)
        clock.advance(by: .seconds(6))
        #expect(cache.get(1) == nil)
        #expect(calls.elements == [.insert(hash: 1.hashValue), .miss(hash: 1.hashValue)])
    }

    @Test func tinyLFUCountsAReadThroughMissOnce() {
        var policy = WindowTinyLFUPolicy(window: .adaptive, seed: 1)
        policy.capacityDidChange(to: 1_000)
        policy.sketch.ensureCapacity(1_000)
        let (hot, cold) = (42.hashValue, 43.hashValue)
        // The sketch knows a key by its tag, the upper half of its hash.
        func estimate(_ hash: Int) -> Int { policy.sketch.frequency(of: Int(SlotIndex.tag(of: hash))) }
        for _ in 0..<3 { policy.didMiss(hash: hot) }
        #expect(estimate(hot) == 3)
        policy.didInsert(CacheSlot(index: 0), hash: hot)  // the read-through's store of the last miss
        #expect(estimate(hot) == 3)
        policy.didInsert(CacheSlot(index: 1), hash: cold)  // a blind write counts as a use
        #expect(estimate(cold) == 1)
        policy.didMiss(hash: hot)
        policy.didMiss(hash: cold)
        policy.didMiss(hash: hot)
        #expect(estimate(hot) == 5)
        #expect(estimate(cold) == 2)
    }
}
