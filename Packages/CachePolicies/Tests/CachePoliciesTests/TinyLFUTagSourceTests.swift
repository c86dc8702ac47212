import CacheCore
import Testing
import _CacheTestSupport

@_spi(Randomness) @testable import CachePolicies

/// W-TinyLFU reads the tags of the keys it compares from the cache's entries when a cache holds
/// it, and keeps them itself when used on its own: both must make the same decisions.
@Suite("W-TinyLFU's tags")
struct TinyLFUTagSourceTests {
    @Test(arguments: [CachePolicy.TinyLFUWindow.adaptive, .hillClimbing, .fixed])
    func theStandalonePolicyEvictsWhatTheCacheEvicts(window: CachePolicy.TinyLFUWindow) {
        let capacity = 64
        let requests = TinyLFUPolicyTests.skewedKeys(count: 20_000, keys: 1_000, seed: 11)
        let cache = Cache<Int, Int>(maxSize: capacity, policy: .tinyLFU(seed: 9, window: window))
        let evictions = EventRecorder<Int, Int>()
        evictions.attach(to: cache, kinds: .removal)

        // The same requests, with the engine's calls made by hand: a read that misses, then a
        // store that evicts first (the victim's slot is the one reused).
        var policy = CachePolicy.tinyLFU(seed: 9, window: window).makeEvictionPolicy(maxSize: capacity)
        policy.capacityDidChange(to: capacity)
        var slotOfKey: [Int: CacheSlot] = [:]
        var keyInSlot: [Int: Int] = [:]
        var freeSlots: [CacheSlot] = []
        var expected: [Int] = []
        var actual: [Int] = []
        for key in requests {
            if cache.get(key) == nil { cache.set(key, key) }
            actual += evictions.removals.map(\.key)
            _ = evictions.take()

            if let slot = slotOfKey[key] {
                policy.didAccess(slot, hash: key.hashValue)
                continue
            }
            policy.didMiss(hash: key.hashValue)
            if slotOfKey.count == capacity {
                let victim = policy.nextVictim(incomingHash: key.hashValue)!
                let victimKey = keyInSlot.removeValue(forKey: victim.index)!
                slotOfKey[victimKey] = nil
                freeSlots.append(victim)
                expected.append(victimKey)
            }
            let slot = freeSlots.popLast() ?? CacheSlot(index: slotOfKey.count)
            slotOfKey[key] = slot
            keyInSlot[slot.index] = key
            policy.didInsert(slot, hash: key.hashValue)
        }
        #expect(expected.count > 1_000)
        let firstDifference = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil && actual.count == expected.count)
        #expect(Set(cache.keys) == Set(slotOfKey.keys))
    }
}
