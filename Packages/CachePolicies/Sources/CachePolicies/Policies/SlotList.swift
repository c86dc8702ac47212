import CacheCore

/// The links of intrusive doubly linked lists of slots: one link per slot.
///
/// Several ``SlotList``s can share one `SlotLinks` as long as a slot is in at most one of them:
/// that is how the queue, LFU and segmented policies keep all their lists in one array. Each link
/// also has a `group`, free for the policy to say which of its lists (or buckets) the slot is in.
struct SlotLinks {
    struct Link {
        var previous: Int32
        var next: Int32
        var group: Int32
    }

    private(set) var links: ContiguousArray<Link> = []

    /// Makes room for links of slots up to `slot`.
    mutating func reserve(upTo slot: Int) {
        if slot >= links.count {
            let newCount = max(slot + 1, links.count * 2, 16)
            links.append(
                contentsOf: repeatElement(Link(previous: -1, next: -1, group: -1), count: newCount - links.count)
            )
        }
    }

    subscript(slot: Int32) -> Link {
        get { links[Int(slot)] }
        _modify { yield &links[Int(slot)] }
    }

    mutating func removeAll() {
        links.removeAll()
    }
}

/// A doubly linked list of slots, threaded through a ``SlotLinks``: O(1) append, prepend, removal
/// of any member and removal at either end.
///
/// It is 12 bytes, so policies that hold a few lists stay small enough for the cache to store
/// them inline (see ``/CacheCore/EvictionPolicy``).
struct SlotList {
    private(set) var head: Int32 = -1
    private(set) var tail: Int32 = -1
    private var storedCount: Int32 = 0

    /// The number of members.
    var count: Int { Int(storedCount) }

    var isEmpty: Bool { storedCount == 0 }

    /// Adds `slot` at the back (the tail); its link's group is left as it is.
    mutating func append(_ slot: Int32, links: inout SlotLinks) {
        links[slot].previous = tail
        links[slot].next = -1
        if tail >= 0 { links[tail].next = slot } else { head = slot }
        tail = slot
        storedCount += 1
    }

    /// Adds `slot` at the front (the head); its link's group is left as it is.
    mutating func prepend(_ slot: Int32, links: inout SlotLinks) {
        links[slot].previous = -1
        links[slot].next = head
        if head >= 0 { links[head].previous = slot } else { tail = slot }
        head = slot
        storedCount += 1
    }

    /// Removes `slot`, which must be a member.
    mutating func remove(_ slot: Int32, links: inout SlotLinks) {
        let link = links[slot]
        if link.previous >= 0 { links[link.previous].next = link.next } else { head = link.next }
        if link.next >= 0 { links[link.next].previous = link.previous } else { tail = link.previous }
        storedCount -= 1
    }

    /// Moves `slot`, a member, to the back.
    mutating func moveToBack(_ slot: Int32, links: inout SlotLinks) {
        guard slot != tail else { return }
        remove(slot, links: &links)
        append(slot, links: &links)
    }

    /// Removes and returns the front slot.
    mutating func removeFirst(links: inout SlotLinks) -> Int32? {
        guard head >= 0 else { return nil }
        let slot = head
        remove(slot, links: &links)
        return slot
    }

    /// Removes and returns the back slot.
    mutating func removeLast(links: inout SlotLinks) -> Int32? {
        guard tail >= 0 else { return nil }
        let slot = tail
        remove(slot, links: &links)
        return slot
    }

    /// The members from front to back.
    func slots(links: SlotLinks) -> [CacheSlot] {
        var result: [CacheSlot] = []
        result.reserveCapacity(count)
        var cursor = head
        while cursor >= 0 {
            result.append(CacheSlot(cursor))
            cursor = links[cursor].next
        }
        return result
    }
}
