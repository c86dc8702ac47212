/// Obviously correct models of the deterministic policies, written straight from their papers
/// and libCacheSim with arrays scanned on every request: slow (O(capacity) per request) and easy
/// to check by reading. Each replays read-through requests, as `Replay` does with `Cache`.
protocol ReadThroughModel {
    /// Requests `key`: a hit, or a miss that caches it.
    mutating func request(_ key: UInt64) -> Bool
}

extension ReadThroughModel {
    /// The number of hits over `keys`.
    mutating func hits(replaying keys: some Sequence<UInt64>) -> Int {
        var hits = 0
        for key in keys where request(key) { hits += 1 }
        return hits
    }
}

/// SIEVE: a queue from the oldest entry, a visited flag each, a hand.
struct SieveModel: ReadThroughModel {
    let capacity: Int
    var queue: [UInt64] = []
    var visited: [UInt64: Bool] = [:]
    var hand: UInt64?

    mutating func request(_ key: UInt64) -> Bool {
        if visited[key] != nil {
            visited[key] = true
            return true
        }
        if queue.count == capacity {
            var index = hand.flatMap { queue.firstIndex(of: $0) } ?? 0
            while visited[queue[index]]! {
                visited[queue[index]] = false
                index = index + 1 == queue.count ? 0 : index + 1
            }
            hand = index + 1 < queue.count ? queue[index + 1] : nil
            visited[queue.remove(at: index)] = nil
        }
        queue.append(key)
        visited[key] = false
        return false
    }
}

/// S3-FIFO as in libCacheSim: small and main FIFO queues (oldest first), a ghost FIFO of keys,
/// a use count per entry. The ghost queue is consulted (and the key taken out) before eviction.
struct S3FIFOModel: ReadThroughModel {
    let capacity: Int
    let threshold: Int
    var small: [UInt64] = []
    var main: [UInt64] = []
    var ghost: [UInt64] = []
    var uses: [UInt64: Int] = [:]

    var smallCapacity: Int { max(1, Int(Double(capacity) * 0.1)) }
    var ghostCapacity: Int { Int(Double(capacity) * 0.9) }

    mutating func request(_ key: UInt64) -> Bool {
        if uses[key] != nil {
            uses[key]! += 1
            return true
        }
        let remembered = ghost.firstIndex(of: key).map { ghost.remove(at: $0) } != nil
        while small.count + main.count >= capacity { evict() }
        if remembered { main.append(key) } else { small.append(key) }
        uses[key] = 0
        return false
    }

    mutating func evict() {
        if main.count > capacity - smallCapacity || small.isEmpty {
            while !main.isEmpty {
                let oldest = main.removeFirst()
                if uses[oldest]! >= 1 {
                    uses[oldest] = min(uses[oldest]!, 3) - 1
                    main.append(oldest)
                } else {
                    uses[oldest] = nil
                    return
                }
            }
        } else {
            while !small.isEmpty {
                let oldest = small.removeFirst()
                if uses[oldest]! >= threshold {
                    uses[oldest] = 0
                    main.append(oldest)
                } else {
                    uses[oldest] = nil
                    if ghostCapacity > 0 {
                        if ghost.count >= ghostCapacity { ghost.removeFirst() }
                        ghost.append(oldest)
                    }
                    return
                }
            }
        }
    }
}

/// ARC as in the paper's figure: T1, T2, B1, B2 in LRU order (least recent first), a real `p`.
struct ARCModel: ReadThroughModel {
    let capacity: Int
    var t1: [UInt64] = []
    var t2: [UInt64] = []
    var b1: [UInt64] = []
    var b2: [UInt64] = []
    var p = 0.0

    mutating func request(_ key: UInt64) -> Bool {
        let c = capacity
        if let index = t1.firstIndex(of: key) {
            t2.append(t1.remove(at: index))
            return true
        }
        if let index = t2.firstIndex(of: key) {
            t2.append(t2.remove(at: index))
            return true
        }
        if b1.contains(key) {
            p = min(Double(c), p + max(Double(b2.count) / Double(b1.count), 1))
            replace(key)
            b1.removeAll { $0 == key }
            t2.append(key)
            return false
        }
        if b2.contains(key) {
            p = max(0, p - max(Double(b1.count) / Double(b2.count), 1))
            replace(key)
            b2.removeAll { $0 == key }
            t2.append(key)
            return false
        }
        if t1.count + b1.count == c {
            if t1.count < c {
                b1.removeFirst()
                replace(key)
            } else {
                t1.removeFirst()
            }
        } else if t1.count + t2.count + b1.count + b2.count >= c {
            if t1.count + t2.count + b1.count + b2.count == 2 * c { b2.removeFirst() }
            replace(key)
        }
        t1.append(key)
        return false
    }

    mutating func replace(_ key: UInt64) {
        let t1Count = Double(t1.count)
        if !t1.isEmpty && (t1Count > p || (b2.contains(key) && t1Count == p)) {
            b1.append(t1.removeFirst())
        } else {
            b2.append(t2.removeFirst())
        }
    }
}

/// LRU and FIFO: one queue, oldest first.
struct QueueModel: ReadThroughModel {
    let capacity: Int
    let refreshesOnHit: Bool
    var queue: [UInt64] = []

    mutating func request(_ key: UInt64) -> Bool {
        if read(key) { return true }
        write(key)
        return false
    }

    /// A read alone: whether it hits; it stores nothing.
    mutating func read(_ key: UInt64) -> Bool {
        guard let index = queue.firstIndex(of: key) else { return false }
        if refreshesOnHit { queue.append(queue.remove(at: index)) }
        return true
    }

    /// A write alone: an update is a use, a new key evicts the oldest when full.
    mutating func write(_ key: UInt64) {
        if read(key) { return }
        if queue.count == capacity { queue.removeFirst() }
        queue.append(key)
    }
}

/// Belady's MIN with bypass, by brute force: on a miss in a full cache, look ahead for the next
/// use of every cached key and of the requested one, and drop the furthest.
struct BeladyModel {
    let capacity: Int

    func hits(replaying keys: [UInt64]) -> Int {
        var cached: Set<UInt64> = []
        var hits = 0
        for (position, key) in keys.enumerated() {
            if cached.contains(key) {
                hits += 1
                continue
            }
            if cached.count < capacity {
                cached.insert(key)
                continue
            }
            func nextUse(_ candidate: UInt64) -> Int {
                keys[(position + 1)...].firstIndex(of: candidate) ?? Int.max
            }
            let furthest = cached.max { nextUse($0) < nextUse($1) }!
            if nextUse(key) < nextUse(furthest) {
                cached.remove(furthest)
                cached.insert(key)
            }
        }
        return hits
    }
}

/// The most hits any cache of `capacity` entries can get, by exhaustive search over every choice
/// it could make: at each miss, keep the cache as it is or store the key, evicting any one entry
/// when full. Only for streams of a few dozen requests over a handful of keys.
struct ExhaustiveOptimalModel {
    let capacity: Int

    func hits(replaying keys: [UInt64]) -> Int {
        var memo: [State: Int] = [:]

        func best(from position: Int, cached: Set<UInt64>) -> Int {
            guard position < keys.count else { return 0 }
            let state = State(position: position, cached: cached)
            if let known = memo[state] { return known }
            let key = keys[position]
            var result: Int
            if cached.contains(key) {
                result = 1 + best(from: position + 1, cached: cached)
            } else {
                result = best(from: position + 1, cached: cached)
                let choices = cached.count < capacity ? [nil] : cached.map(Optional.some)
                for victim in choices {
                    var next = cached
                    if let victim { next.remove(victim) }
                    next.insert(key)
                    result = max(result, best(from: position + 1, cached: next))
                }
            }
            memo[state] = result
            return result
        }

        return best(from: 0, cached: [])
    }

    private struct State: Hashable {
        var position: Int
        var cached: Set<UInt64>
    }
}
