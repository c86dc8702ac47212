/// The deadlines of a cache's entries, ordered so that due entries are found without a scan.
///
/// It is a monotone radix heap: a binary timing wheel relative to `last`, a time that never
/// exceeds the cache's current time nor any deadline in the queue. A deadline `d` sits in bucket
/// 0 when `d == last`, else in bucket *b* = 1 + the index of the highest bit in which `d` and
/// `last` differ; so bucket order is deadline order, and a bucket holds deadlines within 2^*b*
/// nanoseconds of `last`. Scheduling and unscheduling are O(1) (a doubly linked list per bucket,
/// links indexed by slot). Finding due entries moves `last` forward and redistributes only the
/// lowest non-empty bucket, whose entries each land in a strictly lower bucket; an entry therefore
/// moves at most 64 times in its life, so the cost is amortized O(1) per entry. A lower bound of
/// every deadline answers "is anything due?" in O(1) until the clock reaches it.
///
/// Deadlines are nanoseconds on the cache's clock, never negative, with `Int64.max` meaning
/// "not scheduled".
@usableFromInline
struct ExpirationQueue {
    @usableFromInline
    struct Node {
        @usableFromInline var previous: Int32
        @usableFromInline var next: Int32
        @usableFromInline var bucket: UInt8

        @inlinable
        init(previous: Int32, next: Int32, bucket: UInt8) {
            self.previous = previous
            self.next = next
            self.bucket = bucket
        }
    }

    static let bucketCount = 65

    /// The deadline of each slot; `Int64.max` for slots without one.
    @usableFromInline
    var deadlines: ContiguousArray<Int64> = []

    @usableFromInline
    var nodes: ContiguousArray<Node> = []

    @usableFromInline
    var heads: ContiguousArray<Int32> = []

    /// Bit *b* − 1 is set when bucket *b* (1...64) is not empty.
    @usableFromInline
    var occupiedBuckets: UInt64 = 0

    @usableFromInline
    var last: Int64 = 0

    /// At most the earliest scheduled deadline.
    @usableFromInline
    var lowerBound: Int64 = .max

    /// The number of scheduled slots.
    @usableFromInline
    var count: Int = 0

    @usableFromInline
    init() {}

    /// Whether some deadline may be at or before `now`.
    ///
    /// - Complexity: O(1).
    @inlinable
    func mayHaveDue(at now: Int64) -> Bool {
        count > 0 && lowerBound <= now
    }

    /// The deadline of `slot`, or `nil` when it has none.
    @inlinable
    func deadline(of slot: Int) -> Int64? {
        guard slot < deadlines.count else { return nil }
        let deadline = deadlines[slot]
        return deadline == .max ? nil : deadline
    }

    /// Gives `slot` the deadline `deadline`, replacing any it had.
    ///
    /// - Parameter deadline: Nanoseconds, at least the latest time the queue was asked about.
    /// - Complexity: O(1).
    @usableFromInline
    mutating func schedule(_ slot: Int, at deadline: Int64) {
        precondition(deadline >= last, "ExpirationQueue: deadline \(deadline) is before the queue's time \(last)")
        if slot >= deadlines.count { reserveSlots(upTo: slot) }
        if deadlines[slot] != .max { unschedule(slot) }
        deadlines[slot] = deadline
        link(slot, into: bucket(for: deadline))
        count += 1
        if deadline < lowerBound { lowerBound = deadline }
    }

    /// Removes the deadline of `slot`, if it has one.
    ///
    /// - Complexity: O(1).
    @inlinable
    mutating func unscheduleIfNeeded(_ slot: Int) {
        if slot < deadlines.count && deadlines[slot] != .max { unschedule(slot) }
    }

    @usableFromInline
    mutating func unschedule(_ slot: Int) {
        unlink(slot)
        deadlines[slot] = .max
        count -= 1
        if count == 0 { lowerBound = .max }
    }

    /// Removes and returns one slot whose deadline is at or before `now`, or `nil` when none is due.
    ///
    /// - Parameter now: The current time; it must not go backwards between calls.
    /// - Complexity: Amortized O(1) per returned slot (see the type's discussion).
    @usableFromInline
    mutating func popDue(at now: Int64) -> Int? {
        guard mayHaveDue(at: now) else { return nil }
        while true {
            let first = heads[0]
            if first >= 0 {
                let slot = Int(first)
                unschedule(slot)
                return slot
            }
            precondition(occupiedBuckets != 0, "ExpirationQueue: \(count) deadlines but no occupied bucket")
            let bucket = occupiedBuckets.trailingZeroBitCount + 1
            var earliest = Int64.max
            var cursor = heads[bucket]
            while cursor >= 0 {
                earliest = min(earliest, deadlines[Int(cursor)])
                cursor = nodes[Int(cursor)].next
            }
            if earliest > now {
                lowerBound = earliest
                if now > last {
                    last = now
                    redistribute(bucket)
                }
                return nil
            }
            last = earliest
            redistribute(bucket)
        }
    }

    /// Every slot with a deadline, and the deadline.
    @usableFromInline
    var scheduled: [(slot: Int, deadline: Int64)] {
        deadlines.indices.compactMap { slot in deadlines[slot] == .max ? nil : (slot, deadlines[slot]) }
    }

    /// Forgets every deadline, keeping the time.
    @usableFromInline
    mutating func removeAll() {
        let time = last
        self = ExpirationQueue()
        last = time
    }

    private mutating func reserveSlots(upTo slot: Int) {
        if heads.isEmpty { heads = ContiguousArray(repeating: -1, count: ExpirationQueue.bucketCount) }
        let newCount = max(slot + 1, deadlines.count * 2, 16)
        deadlines.append(contentsOf: repeatElement(.max, count: newCount - deadlines.count))
        nodes.append(
            contentsOf: repeatElement(Node(previous: -1, next: -1, bucket: 0), count: newCount - nodes.count)
        )
    }

    private func bucket(for deadline: Int64) -> Int {
        let difference = UInt64(bitPattern: deadline) ^ UInt64(bitPattern: last)
        return difference == 0 ? 0 : 64 - difference.leadingZeroBitCount
    }

    private mutating func link(_ slot: Int, into bucket: Int) {
        let head = heads[bucket]
        nodes[slot] = Node(previous: -1, next: head, bucket: UInt8(bucket))
        if head >= 0 { nodes[Int(head)].previous = Int32(slot) }
        heads[bucket] = Int32(slot)
        if bucket > 0 { occupiedBuckets |= 1 << UInt64(bucket - 1) }
    }

    private mutating func unlink(_ slot: Int) {
        let node = nodes[slot]
        let bucket = Int(node.bucket)
        if node.previous >= 0 {
            nodes[Int(node.previous)].next = node.next
        } else {
            heads[bucket] = node.next
            if node.next < 0 && bucket > 0 { occupiedBuckets &= ~(1 << UInt64(bucket - 1)) }
        }
        if node.next >= 0 { nodes[Int(node.next)].previous = node.previous }
    }

    /// Moves every entry of `bucket` to the bucket its deadline belongs in relative to `last`: a
    /// lower one when `last` moved into the bucket's range, the same one otherwise.
    private mutating func redistribute(_ bucket: Int) {
        var cursor = heads[bucket]
        heads[bucket] = -1
        occupiedBuckets &= ~(1 << UInt64(bucket - 1))
        while cursor >= 0 {
            let slot = Int(cursor)
            cursor = nodes[slot].next
            let target = self.bucket(for: deadlines[slot])
            assert(target <= bucket, "ExpirationQueue: redistribution never moves an entry to a higher bucket")
            link(slot, into: target)
        }
    }
}
