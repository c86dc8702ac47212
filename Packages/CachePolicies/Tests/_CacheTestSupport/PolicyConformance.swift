import CacheCore
@_spi(Randomness) @_spi(Testing) import CachePolicies
import Testing

/// Checks the behaviour every eviction policy must have when it runs inside `Cache`, whatever
/// its choices: the entry limit holds, victims are live entries reported as evicted, `popItem`
/// follows the eviction order and drains each entry once, deletes and clears leave the policy
/// consistent with the cache, and the engine's invariants hold throughout a random workload.
///
/// Every policy's tests call it, built-in or custom.
///
/// - Parameters:
///   - policy: The policy to check.
///   - victimsFollowEvictionOrder: Whether the next victim is always the first slot of
///     `slotsInEvictionOrder()` (false for random replacement, whose order is not a prediction).
///   - seed: Fixes the random workload.
public func checkPolicyConformance(
    _ policy: CachePolicy,
    victimsFollowEvictionOrder: Bool = true,
    seed: UInt64 = 1,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let capacity = 32
    let cache = Cache<Int, Int>(name: "conformance-\(policy.name)", maxSize: capacity, policy: policy)
    let recorder = EventRecorder<Int, Int>()
    recorder.attach(to: cache, kinds: .removal)

    // Filling past the limit evicts live entries, one per insert, and keeps the newest readable.
    var live = Set<Int>()
    for key in 0..<(capacity * 3) {
        cache.set(key, key * 10)
        live.insert(key)
        for (victim, cause) in recorder.removals {
            #expect(cause == .evicted, "victim \(victim) reported as \(cause)", sourceLocation: sourceLocation)
            #expect(live.remove(victim) != nil, "victim \(victim) was not live", sourceLocation: sourceLocation)
        }
        _ = recorder.take()
        #expect(cache.count == min(key + 1, capacity), sourceLocation: sourceLocation)
        #expect(Set(cache.keys) == live, "keys disagree after inserting \(key)", sourceLocation: sourceLocation)
    }
    cache.checkInvariants()

    // The first item is the next victim, and popItem drains every entry exactly once.
    let order = cache.keys
    #expect(order.count == capacity, sourceLocation: sourceLocation)
    var drained = Set<Int>()
    if victimsFollowEvictionOrder, let (first, _) = cache.popItem() {
        #expect(
            first == order.first,
            "popItem took \(first), eviction order starts with \(order.first ?? -1)",
            sourceLocation: sourceLocation
        )
        drained.insert(first)
    }
    while let (key, value) = cache.popItem() {
        #expect(value == key * 10, sourceLocation: sourceLocation)
        #expect(drained.insert(key).inserted, "popItem returned \(key) twice", sourceLocation: sourceLocation)
    }
    #expect(drained == Set(order), sourceLocation: sourceLocation)
    #expect(cache.count == 0, sourceLocation: sourceLocation)
    cache.checkInvariants()
    _ = recorder.take()

    // A random workload of reads, writes, deletes, clears and limit changes keeps the policy and
    // the engine consistent.
    var generator = SplitMix64(seed: seed)
    for step in 0..<20_000 {
        let key = Int.random(in: 0..<(capacity * 2), using: &generator)
        switch Int.random(in: 0..<100, using: &generator) {
        case 0..<40: _ = cache.get(key)
        case 40..<75: cache.set(key, key * 10)
        case 75..<85: cache.delete(key)
        case 85..<92: cache.add(key, key * 10)
        case 92..<96: cache.popItem()
        case 96..<99:
            let newSize = Int.random(in: 1...capacity, using: &generator)
            try? cache.configure { $0.maxSize = newSize }
            #expect(cache.count <= newSize, sourceLocation: sourceLocation)
        default:
            if step % 7 == 0 { cache.clear() }
        }
        for (victim, cause) in recorder.removals where cause == .evicted {
            #expect(!cache.contains(victim), "evicted key \(victim) is still present", sourceLocation: sourceLocation)
        }
        _ = recorder.take()
        if step % 250 == 0 { cache.checkInvariants() }
    }
    cache.checkInvariants()
}
