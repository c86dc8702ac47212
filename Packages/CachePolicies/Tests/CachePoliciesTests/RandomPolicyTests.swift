import CacheCore
import CachePolicies
import Testing
import _CacheTestSupport

@Suite("Random policy")
struct RandomPolicyTests {
    func victims(seed: UInt64) -> [Int] {
        let cache = Cache<Int, Int>(maxSize: 10, policy: .random(seed: seed))
        let recorder = EventRecorder<Int, Int>()
        recorder.attach(to: cache, kinds: .removal)
        for key in 0..<1_000 { cache[key] = key }
        return recorder.removals.map(\.key)
    }

    @Test func aSeedFixesTheChoices() {
        #expect(victims(seed: 1) == victims(seed: 1))
        #expect(victims(seed: 1) != victims(seed: 2))
    }

    @Test func choicesAreRoughlyUniform() {
        // Fill 10 entries, evict one, put it back: each of the 10 keys should be chosen ~1/10 of the time.
        let cache = Cache<Int, Int>(maxSize: 10, policy: .random(seed: 11))
        for key in 0..<10 { cache[key] = key }
        var counts = Array(repeating: 0, count: 10)
        for _ in 0..<20_000 {
            let (key, value) = cache.popItem()!
            counts[key] += 1
            cache[key] = value
        }
        let expected = 2_000.0
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 9 degrees of freedom: 27.9 is the 0.1% critical value.
        #expect(chiSquare < 27.9, "counts \(counts)")
    }
}
