/// The hash index of a cache: open addressing with linear probing, from a key's hash to the slot
/// that holds the key's entry.
///
/// Each bucket packs 32 bits mixed from the key's hash (its *tag*) with the slot number plus
/// one, so a probe compares tags without touching the entries and only calls back for a key
/// comparison when the tags agree; 0 marks an empty bucket. A key's home bucket is its tag modulo
/// the table size, so the index can move entries (on removal or growth) without hashing keys
/// again. Removal shifts later entries back (no tombstones), and the table doubles at 3/4 load.
@usableFromInline
struct SlotIndex {
    @usableFromInline
    var buckets: ContiguousArray<UInt64>

    @usableFromInline
    var mask: Int

    /// The number of keys indexed.
    @usableFromInline
    var count: Int

    @usableFromInline
    init(minimumCapacity: Int = 0) {
        var size = 8
        while size * 3 < minimumCapacity * 4 { size <<= 1 }
        buckets = ContiguousArray(repeating: 0, count: size)
        mask = size - 1
        count = 0
    }

    /// The tag of a key whose `hashValue` is `hash`: the upper half of the hash's product with
    /// 2⁶⁴/φ (Fibonacci hashing), so that every bit of the hash reaches the tag — also where
    /// `Int` has 32 bits, and for `hashValue`s that leave the upper half of a 64-bit hash empty.
    @inlinable
    static func tag(of hash: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: (UInt64(UInt(bitPattern: hash)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    @inlinable
    static func bucketValue(tag: UInt32, slot: Int) -> UInt64 {
        UInt64(tag) << 32 | UInt64(truncatingIfNeeded: slot + 1)
    }

    /// The bucket and slot of the key with `tag` for which `isMatch(slot)` is true.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    func find(tag: UInt32, where isMatch: (Int) -> Bool) -> (bucket: Int, slot: Int)? {
        var bucket = Int(tag) & mask
        while true {
            let value = buckets[bucket]
            if value == 0 { return nil }
            if UInt32(truncatingIfNeeded: value >> 32) == tag {
                let slot = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) &- 1
                if isMatch(slot) { return (bucket, slot) }
            }
            bucket = (bucket &+ 1) & mask
        }
    }

    /// The bucket that holds `slot`, whose key has `tag`.
    @inlinable
    func bucket(holding slot: Int, tag: UInt32) -> Int {
        let wanted = SlotIndex.bucketValue(tag: tag, slot: slot)
        var bucket = Int(tag) & mask
        while buckets[bucket] != wanted {
            precondition(buckets[bucket] != 0, "SlotIndex: slot \(slot) is not indexed")
            bucket = (bucket &+ 1) & mask
        }
        return bucket
    }

    /// Indexes `slot` under `tag`; the key must not be indexed yet.
    ///
    /// - Complexity: Amortized O(1).
    @inlinable
    mutating func insert(tag: UInt32, slot: Int) {
        if (count &+ 1) &* 4 > buckets.count &* 3 { grow() }
        var bucket = Int(tag) & mask
        while buckets[bucket] != 0 { bucket = (bucket &+ 1) & mask }
        buckets[bucket] = SlotIndex.bucketValue(tag: tag, slot: slot)
        count &+= 1
    }

    /// Empties `bucket`, shifting back the entries that probed past it.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    mutating func remove(bucket: Int) {
        var hole = bucket
        var next = (bucket &+ 1) & mask
        while true {
            let value = buckets[next]
            if value == 0 { break }
            let home = Int(truncatingIfNeeded: value >> 32) & mask
            // The entry at `next` may move into the hole unless its home lies cyclically in (hole, next].
            let homeIsBetween = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if !homeIsBetween {
                buckets[hole] = value
                hole = next
            }
            next = (next &+ 1) & mask
        }
        buckets[hole] = 0
        count &-= 1
    }

    /// Empties the index, keeping its size when `keepingCapacity` is true.
    @usableFromInline
    mutating func removeAll(keepingCapacity: Bool) {
        if keepingCapacity {
            for bucket in buckets.indices { buckets[bucket] = 0 }
        } else {
            self = SlotIndex()
        }
        count = 0
    }

    @usableFromInline
    mutating func grow() {
        let old = buckets
        buckets = ContiguousArray(repeating: 0, count: old.count * 2)
        mask = buckets.count - 1
        for value in old where value != 0 {
            var bucket = Int(truncatingIfNeeded: value >> 32) & mask
            while buckets[bucket] != 0 { bucket = (bucket &+ 1) & mask }
            buckets[bucket] = value
        }
    }

    /// Every indexed (tag, slot) pair, for invariant checks.
    @usableFromInline
    var indexedSlots: [(tag: UInt32, slot: Int)] {
        buckets.compactMap { value in
            value == 0
                ? nil : (UInt32(truncatingIfNeeded: value >> 32), Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1)
        }
    }
}
