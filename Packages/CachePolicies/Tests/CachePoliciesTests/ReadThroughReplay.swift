import CacheCore
import CachePolicies
import _CacheTestSupport

/// Replays read-through requests — a `get`, and on a miss a `set` — through a fresh cache and
/// records what it evicted, in order.
struct ReadThroughReplay<Key: Hashable & Sendable> {
    let cache: Cache<Key, Int>
    private let recorder = EventRecorder<Key, Int>()
    private(set) var hits = 0

    init(policy: CachePolicy, capacity: Int) {
        cache = Cache(maxSize: capacity, policy: policy)
        recorder.attach(to: cache, kinds: .removal)
    }

    /// Requests each key in turn.
    mutating func request(_ keys: [Key]) {
        for key in keys {
            if cache[key] != nil {
                hits += 1
            } else {
                cache[key] = 0
            }
        }
    }

    /// The keys evicted so far, oldest eviction first.
    var evicted: [Key] { recorder.removals.filter { $0.cause == .evicted }.map(\.key) }
}

extension ReadThroughReplay where Key == String {
    /// Requests each space-separated key of `requests`.
    mutating func request(_ requests: String) {
        request(requests.split(separator: " ").map(String.init))
    }
}
