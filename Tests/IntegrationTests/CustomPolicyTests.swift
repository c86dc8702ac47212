import Caching
import CustomPolicyExample
import Testing
import _CacheTestSupport

/// A policy written outside the library, against `CacheCore` alone, runs through `Cache`.
@Suite("Custom eviction policy")
struct CustomPolicyTests {
    static let secondChance = CachePolicy.custom(name: "second-chance") { _ in SecondChancePolicy() }

    @Test func givesReferencedEntriesASecondChance() {
        let cache = Cache<String, Int>(maxSize: 3, policy: Self.secondChance)
        cache["a"] = 1
        cache["b"] = 2
        cache["c"] = 3
        _ = cache["a"]
        cache["d"] = 4
        #expect(cache.snapshot().keys.sorted() == ["a", "c", "d"], "b was the first entry without a reference")
        #expect(cache.policy.name == "second-chance")
    }

    @Test func passesTheConformanceChecks() {
        checkPolicyConformance(Self.secondChance)
    }
}
