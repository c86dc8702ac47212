import CacheCore
import Testing
import _CacheTestSupport

@_spi(Randomness) @testable import CachePolicies

@Suite("W-TinyLFU")
struct TinyLFUPolicyTests {
    /// A deterministic stream of `count` requests over `keys` keys, Zipf(0.75): key `k` is drawn
    /// with probability proportional to 1/(k+1)^0.75.
    static func skewedKeys(count: Int, keys: Int, seed: UInt64) -> [Int] {
        var cumulative: [Double] = []
        var total = 0.0
        for rank in 0..<keys {
            let weight = Double(rank + 1)
            total += 1 / (weight.squareRoot() * weight.squareRoot().squareRoot())
            cumulative.append(total)
        }
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let target = Double.random(in: 0..<total, using: &generator)
            var low = 0
            var high = keys - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] > target { high = middle } else { low = middle + 1 }
            }
            return low
        }
    }

    /// Every key is requested twice, the second time `reuse` requests after the first (or a
    /// little later, where that position is taken): all a cache can hit is the reuse.
    static func shortReuseKeys(pairs: Int, reuse: ClosedRange<Int>, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        var slots = [Int?](repeating: nil, count: pairs * 3 + reuse.upperBound)
        var position = 0
        for key in 0..<pairs {
            while slots[position] != nil { position += 1 }
            slots[position] = key
            var second = position + Int.random(in: reuse, using: &generator)
            while slots[second] != nil { second += 1 }
            slots[second] = key
        }
        return slots.compactMap { $0 }
    }

    // The statistical tests use caches of more than 1,024 entries, which the engine's invariant
    // checks (on in the test script's debug run) skip, so that they run in seconds.

    @Test func frequentEntriesSurviveAScan() {
        var replay = ReadThroughReplay<Int>(policy: .tinyLFU(seed: 1), capacity: 100)
        replay.request(Array(1_000..<1_100))  // fill the cache (the sketch starts at half full)
        for _ in 0..<10 { replay.request(Array(0..<20)) }  // 20 hot keys
        replay.request(Array(10_000..<10_500))  // a scan of one-time keys, 5 times the cache
        let lost = (0..<20).filter { !replay.cache.contains($0) }
        #expect(lost.isEmpty, "hot keys evicted by the scan: \(lost)")
        var lru = ReadThroughReplay<Int>(policy: .lru, capacity: 100)
        lru.request(Array(1_000..<1_100))
        for _ in 0..<10 { lru.request(Array(0..<20)) }
        lru.request(Array(10_000..<10_500))
        #expect(!(0..<20).contains(where: lru.cache.contains))
    }

    @Test func theAdaptiveWindowCatchesReuseThatAStaticWindowMisses() {
        // Reuse after 4% to 12% of the cache: a 1% window misses it, LRU catches all of it.
        let keys = TinyLFUPolicyTests.shortReuseKeys(pairs: 30_000, reuse: 80...240, seed: 5)
        func hits(_ policy: CachePolicy) -> Int {
            var replay = ReadThroughReplay<Int>(policy: policy, capacity: 2_000)
            replay.request(keys)
            return replay.hits
        }
        let lru = hits(.lru)
        #expect(lru == 30_000, "LRU with 2,000 entries catches every reuse")
        let adaptive = hits(.tinyLFU(seed: 1))
        let climbing = hits(.tinyLFU(seed: 1, window: .hillClimbing))
        let fixed = hits(.tinyLFU(seed: 1, window: .fixed))
        #expect(fixed < lru / 5, "a 20-entry window misses most reuse: \(fixed)")
        #expect(adaptive > lru * 95 / 100, "adaptive \(adaptive), LRU \(lru)")
        #expect(adaptive > climbing, "adaptive \(adaptive), hill climbing \(climbing)")
    }

    @Test func theAdaptiveWindowStaysSmallWhenFrequencyPays() {
        let keys = TinyLFUPolicyTests.skewedKeys(count: 100_000, keys: 50_000, seed: 9)
        func hitRatio(_ policy: CachePolicy) -> Double {
            var replay = ReadThroughReplay<Int>(policy: policy, capacity: 2_000)
            replay.request(keys)
            return Double(replay.hits) / Double(keys.count)
        }
        let lru = hitRatio(.lru)
        let fixed = hitRatio(.tinyLFU(seed: 1, window: .fixed))
        let adaptive = hitRatio(.tinyLFU(seed: 1))
        #expect(fixed > lru + 0.05, "static W-TinyLFU \(fixed), LRU \(lru)")
        #expect(adaptive > fixed - 0.005, "adaptive \(adaptive), static \(fixed)")
    }

    @Test func aSeedFixesTheRandomAdmissions() {
        let keys = TinyLFUPolicyTests.skewedKeys(count: 10_000, keys: 2_000, seed: 3)
        func evictions(seed: UInt64) -> [Int] {
            var replay = ReadThroughReplay<Int>(policy: .tinyLFU(seed: seed), capacity: 100)
            replay.request(keys)
            return replay.evicted
        }
        #expect(evictions(seed: 42) == evictions(seed: 42))
    }

    @Test func namesAndVariants() {
        #expect(CachePolicy.tinyLFU.name == "tinylfu")
        #expect(CachePolicy.tinyLFU(seed: 1, window: .hillClimbing).name == "tinylfu-hill")
        #expect(CachePolicy.tinyLFU(seed: 1, window: .fixed).name == "tinylfu-static")
        for name in ["tinylfu", "tinylfu-hill", "tinylfu-static"] {
            #expect(CachePolicy.named(name, seed: 4)?.name == name)
        }
    }

    // MARK: - Admission

    /// A policy for 1,000 entries whose sketch counted `candidate` and `victim` the given numbers
    /// of times.
    func policy(seed: UInt64, candidateUses: Int, victimUses: Int) -> WindowTinyLFUPolicy {
        var policy = WindowTinyLFUPolicy(window: .fixed, seed: seed)
        policy.capacityDidChange(to: 1_000)
        policy.sketch.ensureCapacity(1_000)
        for _ in 0..<candidateUses { policy.sketch.increment(1) }
        for _ in 0..<victimUses { policy.sketch.increment(2) }
        return policy
    }

    @Test func aCandidateUsedMoreOftenIsAdmitted() {
        var policy = policy(seed: 1, candidateUses: 4, victimUses: 3)
        #expect((0..<1_000).allSatisfy { _ in policy.admits(candidate: 1, over: 2) })
    }

    @Test func aColdCandidateThatLosesIsNeverAdmitted() {
        var policy = policy(seed: 1, candidateUses: 5, victimUses: 15)
        #expect(!(0..<10_000).contains { _ in policy.admits(candidate: 1, over: 2) })
    }

    @Test func aWarmCandidateThatLosesIsAdmittedOnceIn128() {
        var policy = policy(seed: 7, candidateUses: 6, victimUses: 15)
        let admitted = (0..<128_000).filter { _ in policy.admits(candidate: 1, over: 2) }.count
        // Binomial(128000, 1/128): mean 1000, standard deviation 31.5.
        #expect((880...1_120).contains(admitted), "admitted \(admitted) of 128000")
        var again = self.policy(seed: 7, candidateUses: 6, victimUses: 15)
        #expect((0..<128_000).filter { _ in again.admits(candidate: 1, over: 2) }.count == admitted)
    }
}
