/// A map from 64-bit key hashes to node numbers: open addressing with linear probing, for the
/// ghost lists of policies that remember keys they no longer hold.
///
/// A hash's home bucket is taken from the high bits of the hash times a large odd constant
/// (Fibonacci hashing), so the map stays fast whatever bits of the hash vary. Removal shifts
/// later entries back (no tombstones); the table doubles at half load.
struct HashedNodeIndex {
    private struct Bucket {
        var hash: Int
        /// The node, or -1 for an empty bucket.
        var node: Int32
    }

    private var buckets: ContiguousArray<Bucket> = []
    private var shift = 64

    /// The number of hashes indexed.
    private(set) var count = 0

    /// The node indexed under `hash`.
    ///
    /// - Complexity: O(1) on average.
    func node(for hash: Int) -> Int32? {
        guard count > 0 else { return nil }
        var bucket = home(of: hash)
        let mask = buckets.count &- 1
        while true {
            let entry = buckets[bucket]
            if entry.node < 0 { return nil }
            if entry.hash == hash { return entry.node }
            bucket = (bucket &+ 1) & mask
        }
    }

    /// Indexes `node` under `hash`, which must not be indexed yet.
    ///
    /// - Complexity: Amortized O(1).
    mutating func insert(_ hash: Int, node: Int32) {
        if (count &+ 1) &* 2 > buckets.count { grow() }
        place(hash, node: node)
        count &+= 1
    }

    /// Removes `hash` and returns its node.
    ///
    /// - Complexity: O(1) on average.
    @discardableResult
    mutating func remove(_ hash: Int) -> Int32? {
        guard count > 0 else { return nil }
        let mask = buckets.count &- 1
        var bucket = home(of: hash)
        while buckets[bucket].hash != hash {
            if buckets[bucket].node < 0 { return nil }
            bucket = (bucket &+ 1) & mask
        }
        if buckets[bucket].node < 0 { return nil }
        let node = buckets[bucket].node
        // Backward-shift deletion: move later members of the probe run into the hole when their
        // home bucket does not lie (cyclically) between the hole and their position.
        var hole = bucket
        var next = (hole &+ 1) & mask
        while buckets[next].node >= 0 {
            let nextHome = home(of: buckets[next].hash)
            if (next &- nextHome) & mask >= (next &- hole) & mask {
                buckets[hole] = buckets[next]
                hole = next
            }
            next = (next &+ 1) & mask
        }
        buckets[hole].node = -1
        count &-= 1
        return node
    }

    /// Forgets every hash.
    mutating func removeAll() {
        self = HashedNodeIndex()
    }

    private func home(of hash: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: hash)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    private mutating func place(_ hash: Int, node: Int32) {
        let mask = buckets.count &- 1
        var bucket = home(of: hash)
        while buckets[bucket].node >= 0 { bucket = (bucket &+ 1) & mask }
        buckets[bucket] = Bucket(hash: hash, node: node)
    }

    private mutating func grow() {
        let old = buckets
        let size = max(16, old.count * 2)
        buckets = ContiguousArray(repeating: Bucket(hash: 0, node: -1), count: size)
        shift = 64 - size.trailingZeroBitCount
        for entry in old where entry.node >= 0 { place(entry.hash, node: entry.node) }
    }
}
