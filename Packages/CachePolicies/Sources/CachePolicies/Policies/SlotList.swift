import CacheCore

/// The links of intrusive doubly linked lists of slots: one link per slot.
///
/// Several ``SlotList``s can share one `SlotLinks` as long as a slot is in at most one of them:
/// that is how the queue, LFU and segmented policies keep all their lists in one array. A policy
/// that needs to tell which of its lists a slot is in asks for *groups* (``init(groups:)``): a byte
/// per slot, kept beside the links rather than in them, so that a link stays 8 bytes and the
/// policies that need no group (the queue policies) pay nothing for one.
@usableFromInline
struct SlotLinks: Sendable {
    @usableFromInline
    struct Link: Sendable {
        @usableFromInline var previous: Int32
        @usableFromInline var next: Int32

        @inlinable
        init(previous: Int32, next: Int32) {
            self.previous = previous
            self.next = next
        }
    }

    @usableFromInline
    var links: ContiguousArray<Link> = []

    /// Each slot's group, free for the policy to say which of its lists the slot is in; empty
    /// unless the links were made with groups.
    @usableFromInline
    var groups: ContiguousArray<UInt8> = []

    /// Whether ``groups`` grows with the links.
    @usableFromInline
    let hasGroups: Bool

    /// Creates empty links, with a group byte per slot when `groups` is true.
    @inlinable
    init(groups: Bool = false) {
        hasGroups = groups
    }

    /// Makes room for links of slots up to `slot`, growing by doubling but to no more than
    /// `limit` slots (the cache's entry limit, when the policy knows it) unless `slot` needs more.
    @inlinable
    mutating func reserve(upTo slot: Int, limit: Int? = nil) {
        if slot >= links.count { grow(upTo: slot, limit: limit) }
    }

    @usableFromInline
    mutating func grow(upTo slot: Int, limit: Int?) {
        let newCount = max(slot + 1, min(max(links.count * 2, 16), limit ?? .max))
        links.reserveCapacity(newCount)
        links.append(contentsOf: repeatElement(Link(previous: -1, next: -1), count: newCount - links.count))
        if hasGroups {
            groups.reserveCapacity(newCount)
            groups.append(contentsOf: repeatElement(0, count: newCount - groups.count))
        }
    }

    @inlinable
    subscript(slot: Int32) -> Link {
        get { links[Int(slot)] }
        _modify { yield &links[Int(slot)] }
    }

    /// The group of `slot` (only for links made with groups).
    @inlinable
    subscript(groupOf slot: Int32) -> UInt8 {
        get { groups[Int(slot)] }
        set { groups[Int(slot)] = newValue }
    }

    /// Calls `body` with the links' storage, made unique once for the whole call, so that a list
    /// operation's several link writes cost no uniqueness or bounds check each.
    ///
    /// `body` must only touch links of slots below `links.count` (every member of a list is).
    @inlinable
    @inline(__always)
    mutating func withUnsafeLinks<Result>(_ body: (UnsafeMutablePointer<Link>) -> Result) -> Result {
        links.withUnsafeMutableBufferPointer { body($0.baseAddress.unsafelyUnwrapped) }
    }

    @inlinable
    mutating func removeAll() {
        links.removeAll()
        groups.removeAll()
    }
}

/// A doubly linked list of slots, threaded through a ``SlotLinks``: O(1) append, prepend, removal
/// of any member and removal at either end.
@usableFromInline
struct SlotList: Sendable {
    @usableFromInline var head: Int32 = -1
    @usableFromInline var tail: Int32 = -1
    @usableFromInline var storedCount: Int32 = 0

    @inlinable
    init() {}

    /// The number of members.
    @inlinable
    var count: Int { Int(storedCount) }

    @inlinable
    var isEmpty: Bool { storedCount == 0 }

    /// Adds `slot` at the back (the tail); its group is left as it is.
    @inlinable
    mutating func append(_ slot: Int32, links: inout SlotLinks) {
        links.withUnsafeLinks { link in append(slot, link) }
    }

    /// Adds `slot` at the front (the head); its group is left as it is.
    @inlinable
    mutating func prepend(_ slot: Int32, links: inout SlotLinks) {
        links.withUnsafeLinks { link in
            link[Int(slot)].previous = -1
            link[Int(slot)].next = head
            if head >= 0 { link[Int(head)].previous = slot } else { tail = slot }
            head = slot
            storedCount &+= 1
        }
    }

    /// Removes `slot`, which must be a member.
    @inlinable
    mutating func remove(_ slot: Int32, links: inout SlotLinks) {
        links.withUnsafeLinks { link in remove(slot, link) }
    }

    /// Moves `slot`, a member, to the back.
    @inlinable
    mutating func moveToBack(_ slot: Int32, links: inout SlotLinks) {
        guard slot != tail else { return }
        links.withUnsafeLinks { link in
            remove(slot, link)
            append(slot, link)
        }
    }

    /// Removes and returns the front slot.
    @inlinable
    mutating func removeFirst(links: inout SlotLinks) -> Int32? {
        guard head >= 0 else { return nil }
        let slot = head
        remove(slot, links: &links)
        return slot
    }

    /// Removes and returns the back slot.
    @inlinable
    mutating func removeLast(links: inout SlotLinks) -> Int32? {
        guard tail >= 0 else { return nil }
        let slot = tail
        remove(slot, links: &links)
        return slot
    }

    /// The members from front to back.
    @inlinable
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

    /// ``moveToBack(_:links:)`` through the links' storage, for a caller that already holds it.
    @inlinable
    @inline(__always)
    mutating func moveToBack(_ slot: Int32, _ link: UnsafeMutablePointer<SlotLinks.Link>) {
        guard slot != tail else { return }
        remove(slot, link)
        append(slot, link)
    }

    @inlinable
    @inline(__always)
    mutating func append(_ slot: Int32, _ link: UnsafeMutablePointer<SlotLinks.Link>) {
        link[Int(slot)].previous = tail
        link[Int(slot)].next = -1
        if tail >= 0 { link[Int(tail)].next = slot } else { head = slot }
        tail = slot
        storedCount &+= 1
    }

    @inlinable
    @inline(__always)
    mutating func remove(_ slot: Int32, _ link: UnsafeMutablePointer<SlotLinks.Link>) {
        let previous = link[Int(slot)].previous
        let next = link[Int(slot)].next
        if previous >= 0 { link[Int(previous)].next = next } else { head = next }
        if next >= 0 { link[Int(next)].previous = previous } else { tail = previous }
        storedCount &-= 1
    }
}
