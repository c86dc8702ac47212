// A policy of your own: implement `EvictionPolicy` against `CacheCore` alone (it sees slot
// numbers, never keys) and give it to `Cache` with `CachePolicy.custom(name:_:)`.
import CacheCore
import CachePolicies

// snippet.policy
/// Evicts in insertion order. The array makes `didRemove` O(n): fine for a sketch; the built-in
/// policies keep links in arrays indexed by slot so that every call is O(1).
struct OldestFirst: EvictionPolicy {
    var order: [CacheSlot] = []

    mutating func didInsert(_ slot: CacheSlot, hash: Int) { order.append(slot) }
    mutating func didAccess(_ slot: CacheSlot, hash: Int) {}
    mutating func didRemove(_ slot: CacheSlot) { order.removeAll { $0 == slot } }
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        order.isEmpty ? nil : order.removeFirst()
    }
    func slotsInEvictionOrder() -> [CacheSlot] { order }
    mutating func removeAll() { order.removeAll() }
}
// snippet.end

// snippet.use
let cache = Cache<String, Int>(maxSize: 2, policy: .custom(name: "oldest-first") { _ in OldestFirst() })
cache["a"] = 1
cache["b"] = 2
_ = cache["a"]  // a hit does not save "a" from this policy
cache["c"] = 3  // evicts "a", the oldest write
// snippet.end
// snippet.hide
precondition(cache.keys == ["b", "c"])
