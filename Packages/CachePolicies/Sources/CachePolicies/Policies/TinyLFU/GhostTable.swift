/// The keys most recently evicted from each side of W-TinyLFU, in two lists kept in a fixed table:
/// the ghost lists of ``WindowBalancer``.
///
/// Each list numbers the keys added to it, and is the range of its most recent numbers, its
/// *span*. A key's record holds a fingerprint of its hash, its list and its number, in one 64-bit
/// slot of a four-slot bucket chosen by the hash. A key found again (or forgotten early) leaves a
/// hole in its list's span; adding a key to a full list shortens the span from its oldest end
/// until the keys in it, the span less its holes, fit the list's capacity, assuming the holes
/// are spread evenly. So the lists behave like ordered ghost lists trimmed to their capacity when
/// added to, where a key found again leaves room for an older one. The table is lossy where a
/// list is not: a new record takes an empty or expired slot of its bucket, or else the oldest
/// record's, so a key can be forgotten early when all four slots hold live records (rare: the
/// table has four slots per key the lists may hold together).
///
/// Adding and finding touch one cache line and allocate nothing: the ordered, exact ghost lists
/// this replaces spent about 600 instructions of each eviction on a hashed index and two linked
/// lists.
struct GhostTable {
    /// One list's numbering and span.
    private struct List {
        /// The number the next key added gets (mod 2³¹).
        var next: UInt64 = 0
        /// How many of the latest numbers the list spans.
        var span: Double = 0
        /// How many numbers in the span belong to keys no longer there.
        var holes: Double = 0
        /// `span` rounded down: kept beside it so that telling a live record from an expired one
        /// converts no floating-point number (that cost 70 instructions per eviction).
        var reach: UInt64 = 0

        /// Adds a number, dropping the oldest ones until the keys in the span fit `capacity`
        /// (taking the holes as spread evenly over it); returns the number.
        mutating func add(capacity: Int) -> UInt64 {
            let number = next
            next = (next &+ 1) & GhostTable.numberMask
            span += 1
            let keys = span - holes
            if keys > Double(capacity) {
                let kept = Double(capacity) / keys
                span *= kept
                holes *= kept
            }
            reach = UInt64(span)
            return number
        }
    }

    private static let numberMask: UInt64 = 0x7FFF_FFFF
    private static let listBit: UInt64 = 0x8000_0000
    private static let fingerprintMask: UInt64 = 0xFFFF_FFFF_0000_0000
    /// Slots per bucket: 32 bytes, in one cache line.
    private static let bucketWidth = 4

    /// ``bucketWidth`` slots per bucket; 0 is an empty slot.
    private var slots: ContiguousArray<UInt64> = []
    private var bucketMask = 0
    private var lists = (List(), List())

    /// Allocates the table, once, for lists that hold `maximum` keys together: four slots per
    /// key, so that a key is rarely forgotten early.
    ///
    /// - Complexity: O(`maximum`) the first time, O(1) after.
    mutating func allocateOnce(forKeys maximum: Int) {
        guard slots.isEmpty else { return }
        var buckets = 2
        while buckets < min(max(maximum, 1), 1 << 28) { buckets <<= 1 }
        slots = ContiguousArray(repeating: 0, count: buckets * GhostTable.bucketWidth)
        bucketMask = buckets - 1
    }

    /// The number of keys in `list` (0 or 1).
    func count(of list: Int) -> Int {
        Int(list == 0 ? lists.0.span - lists.0.holes : lists.1.span - lists.1.holes)
    }

    /// Remembers the key with `hash` as the newest of `list` (0 or 1), forgetting the oldest keys
    /// of the list beyond `capacity`.
    ///
    /// - Complexity: O(1).
    mutating func append(_ hash: Int, to list: Int, capacity: Int) {
        guard !slots.isEmpty else { return }
        let number = list == 0 ? lists.0.add(capacity: capacity) : lists.1.add(capacity: capacity)
        let (fingerprint, first) = GhostTable.place(hash, bucketMask: bucketMask)
        let record = fingerprint | (list == 0 ? 0 : GhostTable.listBit) | number
        let ages = Ages(lists)
        let replaced = slots.withUnsafeMutableBufferPointer { slots in
            let bucket = slots.baseAddress.unsafelyUnwrapped + first
            // The same key's record, else an empty or expired slot, else the oldest record.
            var target = 0
            var targetAge: UInt64 = 0
            for offset in 0..<GhostTable.bucketWidth {
                let slot = bucket[offset]
                let age = ages.age(of: slot)
                if slot & GhostTable.fingerprintMask == fingerprint {
                    target = offset
                    targetAge = age
                    break
                }
                if age >= targetAge {
                    target = offset
                    targetAge = age
                }
            }
            let replaced = bucket[target]
            bucket[target] = record
            return targetAge < .max ? replaced : 0
        }
        // A live record replaced (the same key's older one, or one forgotten early) leaves its list.
        if replaced != 0 { forget(replaced) }
    }

    /// Forgets the key with `hash` and returns the list that held it, if one did.
    ///
    /// - Complexity: O(1).
    mutating func remove(_ hash: Int) -> Int? {
        guard !slots.isEmpty else { return nil }
        let (fingerprint, first) = GhostTable.place(hash, bucketMask: bucketMask)
        let ages = Ages(lists)
        let record: UInt64 = slots.withUnsafeMutableBufferPointer { slots in
            let bucket = slots.baseAddress.unsafelyUnwrapped + first
            for offset in 0..<GhostTable.bucketWidth where bucket[offset] & GhostTable.fingerprintMask == fingerprint {
                let record = bucket[offset]
                bucket[offset] = 0
                return ages.age(of: record) < .max ? record : 0
            }
            return 0
        }
        guard record != 0 else { return nil }
        return forget(record)
    }

    /// Makes a hole of the live `record` in its list's span, and returns the list.
    @discardableResult
    private mutating func forget(_ record: UInt64) -> Int {
        if record & GhostTable.listBit == 0 {
            lists.0.holes += 1
            return 0
        }
        lists.1.holes += 1
        return 1
    }

    /// Tells how many keys were added to a record's list after it.
    private struct Ages {
        let next: (UInt64, UInt64)
        let reach: (UInt64, UInt64)

        init(_ lists: (List, List)) {
            next = (lists.0.next, lists.1.next)
            reach = (lists.0.reach, lists.1.reach)
        }

        /// How many keys were added to `record`'s list after it, or `.max` for an empty slot or
        /// a record past its list's span.
        @inline(__always)
        func age(of record: UInt64) -> UInt64 {
            let isSecond = record & GhostTable.listBit != 0
            let age = ((isSecond ? next.1 : next.0) &- (record & GhostTable.numberMask) &- 1) & GhostTable.numberMask
            return record != 0 && age < (isSecond ? reach.1 : reach.0) ? age : .max
        }
    }

    /// The fingerprint (the upper half of the mixed hash, never 0) and the first slot of the
    /// bucket of the key with `hash`.
    @inline(__always)
    private static func place(_ hash: Int, bucketMask: Int) -> (fingerprint: UInt64, slot: Int) {
        var mixed = UInt64(UInt(bitPattern: hash))
        mixed = (mixed ^ (mixed &>> 33)) &* 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed &>> 33
        let fingerprint = (mixed & fingerprintMask) | 0x1_0000_0000
        return (fingerprint, (Int(truncatingIfNeeded: mixed) & bucketMask) &* bucketWidth)
    }
}
