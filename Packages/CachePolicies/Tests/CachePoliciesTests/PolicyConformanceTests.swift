import CacheCore
import CachePolicies
import Testing
import _CacheTestSupport

@Suite("Policy conformance")
struct PolicyConformanceTests {
    @Test(arguments: ["fifo", "lifo", "lru", "mru", "lfu"])
    func orderedPolicyConforms(name: String) {
        checkPolicyConformance(CachePolicy.named(name)!)
    }

    @Test func randomPolicyConforms() {
        checkPolicyConformance(.random(seed: 3), victimsFollowEvictionOrder: false)
    }
}
