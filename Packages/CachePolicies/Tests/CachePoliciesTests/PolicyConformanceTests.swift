import CacheCore
import CachePolicies
import Testing
import _CacheTestSupport

@Suite("Policy conformance")
struct PolicyConformanceTests {
    @Test(arguments: ["fifo", "lifo", "lru", "mru", "lfu", "sieve", "s3fifo", "s3fifo-1", "arc"])
    func orderedPolicyConforms(name: String) {
        checkPolicyConformance(CachePolicy.named(name)!)
    }

    @Test(arguments: [CachePolicy.TinyLFUWindow.adaptive, .hillClimbing, .fixed])
    func tinyLFUConforms(window: CachePolicy.TinyLFUWindow) {
        checkPolicyConformance(.tinyLFU(seed: 3, window: window))
    }

    @Test func randomPolicyConforms() {
        checkPolicyConformance(.random(seed: 3), victimsFollowEvictionOrder: false)
    }
}
