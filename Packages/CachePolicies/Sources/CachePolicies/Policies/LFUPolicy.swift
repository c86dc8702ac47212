import CacheCore

/// Least frequently used, in O(1) per operation (Shah, Mitra and Matani's frequency buckets).
///
/// Entries with the same use count share a bucket; buckets form a list in ascending count. A use
/// moves an entry to the back of the next bucket (creating it when absent), so within a bucket
/// entries stand in the order they reached that count, and the victim — the front of the lowest
/// bucket — is the least recently used of the least frequently used. Inserts count 1; reads and
/// rewrites add 1. Counts never age.
///
/// The engine calls it directly rather than through `any EvictionPolicy` (see ``PolicyDispatch``).
@usableFromInline
struct LFUPolicy: EvictionPolicy {
    private struct FrequencyBucket {
        var frequency: Int
        var members = SlotList()
        var lower: Int32 = -1
        var higher: Int32 = -1
    }

    /// Every bucket's members; free buckets are chained through `higher`.
    private var links = SlotLinks()
    /// Each slot's bucket.
    private var bucketOfSlot: ContiguousArray<Int32> = []
    private var buckets: ContiguousArray<FrequencyBucket> = []
    private var lowest: Int32 = -1
    private var firstFreeBucket: Int32 = -1

    @usableFromInline
    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        links.reserve(upTo: slot.index)
        if slot.index >= bucketOfSlot.count {
            bucketOfSlot.append(contentsOf: repeatElement(-1, count: links.links.count - bucketOfSlot.count))
        }
        let bucket: Int32
        if lowest >= 0 && buckets[Int(lowest)].frequency == 1 {
            bucket = lowest
        } else {
            bucket = makeBucket(frequency: 1, after: -1)
        }
        buckets[Int(bucket)].members.append(slot.rawValue, links: &links)
        bucketOfSlot[slot.index] = bucket
    }

    @usableFromInline
    mutating func didAccess(_ slot: CacheSlot, hash: Int) {
        let current = bucketOfSlot[slot.index]
        let frequency = buckets[Int(current)].frequency
        let higher = buckets[Int(current)].higher
        let target: Int32
        if higher >= 0 && buckets[Int(higher)].frequency == frequency + 1 {
            target = higher
        } else {
            target = makeBucket(frequency: frequency + 1, after: current)
        }
        detach(slot.rawValue, from: current)
        buckets[Int(target)].members.append(slot.rawValue, links: &links)
        bucketOfSlot[slot.index] = target
    }

    @usableFromInline
    mutating func didRemove(_ slot: CacheSlot) {
        detach(slot.rawValue, from: bucketOfSlot[slot.index])
    }

    @usableFromInline
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        guard lowest >= 0 else { return nil }
        let bucket = lowest
        guard let slot = buckets[Int(bucket)].members.removeFirst(links: &links) else { return nil }
        if buckets[Int(bucket)].members.isEmpty { unlinkBucket(bucket) }
        return CacheSlot(slot)
    }

    @usableFromInline
    func slotsInEvictionOrder() -> [CacheSlot] {
        var result: [CacheSlot] = []
        var bucket = lowest
        while bucket >= 0 {
            result += buckets[Int(bucket)].members.slots(links: links)
            bucket = buckets[Int(bucket)].higher
        }
        return result
    }

    @usableFromInline
    mutating func removeAll() {
        self = LFUPolicy()
    }

    /// Creates a bucket for `frequency` just above `lower` (at the bottom when `lower` is -1).
    private mutating func makeBucket(frequency: Int, after lower: Int32) -> Int32 {
        let higher = lower >= 0 ? buckets[Int(lower)].higher : lowest
        let bucket = FrequencyBucket(frequency: frequency, lower: lower, higher: higher)
        let index: Int32
        if firstFreeBucket >= 0 {
            index = firstFreeBucket
            firstFreeBucket = buckets[Int(index)].higher
            buckets[Int(index)] = bucket
        } else {
            index = Int32(buckets.count)
            buckets.append(bucket)
        }
        if lower >= 0 { buckets[Int(lower)].higher = index } else { lowest = index }
        if higher >= 0 { buckets[Int(higher)].lower = index }
        return index
    }

    private mutating func detach(_ slot: Int32, from bucket: Int32) {
        buckets[Int(bucket)].members.remove(slot, links: &links)
        if buckets[Int(bucket)].members.isEmpty { unlinkBucket(bucket) }
    }

    private mutating func unlinkBucket(_ bucket: Int32) {
        let lower = buckets[Int(bucket)].lower
        let higher = buckets[Int(bucket)].higher
        if lower >= 0 { buckets[Int(lower)].higher = higher } else { lowest = higher }
        if higher >= 0 { buckets[Int(higher)].lower = lower }
        buckets[Int(bucket)].higher = firstFreeBucket
        firstFreeBucket = bucket
    }
}
