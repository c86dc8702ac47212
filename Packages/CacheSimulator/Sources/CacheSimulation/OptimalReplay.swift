/// Belady's MIN with bypass: the most hits any policy can get from a cache of a given size.
///
/// On a miss in a full cache it compares the next use of every cached key and of the requested
/// one, and drops whichever is needed furthest in the future — possibly the requested key itself,
/// which is then not cached (as Caffeine's `ClairvoyantPolicy` does; the right bound for admission
/// policies, which may also refuse a key).
///
/// It assumes read-through requests: a key evicted comes back at its next use. With blind writes
/// (see ``Workload``) an evicted key stays away until its next write, so keeping the key needed
/// soonest is no longer optimal, and the simulator computes no bound for such workloads.
public enum OptimalReplay {
    /// The name the simulator reports OPT under.
    public static let policyName = "OPT"

    /// Replays `workload` through a clairvoyant cache of `capacity` entries.
    ///
    /// A max-heap holds the next-use position of every cached key; a cached key's next use is a
    /// position no other key shares, so a bit per position says whether the request there hits.
    /// Entries whose position has passed stay in the heap, below every live one, and are never
    /// looked at again.
    ///
    /// - Complexity: O(*n* log *n*) for *n* requests.
    public static func run(_ workload: Workload, capacity: Int) -> ReplayResult {
        precondition(capacity > 0, "OptimalReplay: the capacity must be at least 1 entry, got \(capacity)")
        precondition(
            workload.writes.isEmpty,
            "OptimalReplay: \(workload.name) has blind writes; Belady's bound holds for read-through requests only"
        )
        let clock = ContinuousClock()
        let start = clock.now
        let count = workload.requestCount
        var heap = MaxHeap()
        var cachedUntil = BitSet(count: count)
        var resident = 0
        var hits = 0
        workload.nextUses.withUnsafeBufferPointer { nextUses in
            for position in 0..<count {
                let next = nextUses[position]
                // A key never requested again gets a position past the end, unique to it.
                let nextUse = next >= 0 ? Int(next) : count + position
                if cachedUntil.contains(position) {
                    hits += 1
                    cachedUntil.remove(position)
                    heap.insert(nextUse)
                    if next >= 0 { cachedUntil.insert(nextUse) }
                } else if resident < capacity {
                    resident += 1
                    heap.insert(nextUse)
                    if next >= 0 { cachedUntil.insert(nextUse) }
                } else if let furthest = heap.max, nextUse < furthest {
                    heap.replaceMax(with: nextUse)
                    if furthest < count { cachedUntil.remove(furthest) }
                    if next >= 0 { cachedUntil.insert(nextUse) }
                }
            }
        }
        return ReplayResult(
            workload: workload.name,
            policy: policyName,
            capacity: capacity,
            requests: count,
            hits: hits,
            elapsed: clock.now - start
        )
    }
}

/// A binary max-heap of integers.
private struct MaxHeap {
    private var storage: [Int] = []

    var max: Int? { storage.first }

    mutating func insert(_ value: Int) {
        storage.append(value)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard storage[parent] < storage[child] else { break }
            storage.swapAt(parent, child)
            child = parent
        }
    }

    /// Replaces the largest value with `value`.
    mutating func replaceMax(with value: Int) {
        storage[0] = value
        var parent = 0
        let count = storage.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            let right = left + 1
            let larger = right < count && storage[right] > storage[left] ? right : left
            guard storage[larger] > storage[parent] else { return }
            storage.swapAt(parent, larger)
            parent = larger
        }
    }
}

/// A fixed-size set of positions.
private struct BitSet {
    private var words: [UInt64]

    init(count: Int) {
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    func contains(_ position: Int) -> Bool {
        words[position >> 6] & (1 << UInt64(position & 63)) != 0
    }

    mutating func insert(_ position: Int) {
        words[position >> 6] |= 1 << UInt64(position & 63)
    }

    mutating func remove(_ position: Int) {
        words[position >> 6] &= ~(1 << UInt64(position & 63))
    }
}
