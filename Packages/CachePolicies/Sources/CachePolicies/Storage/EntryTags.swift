/// Where a policy reads the index tag of the key in a slot (``SlotIndex/tag(of:)``).
///
/// W-TinyLFU compares the frequencies of two stored keys when it evicts. Inside a cache it reads
/// their tags where the engine keeps them (``EntryTags``), rather than keeping a copy of every
/// key's hash (8 bytes per entry); used on its own, it keeps the tags itself (``StoredTags``).
protocol SlotTagSource {
    /// The tag of the key in `slot`, which must hold one.
    func tag(of slot: Int32) -> UInt32
}

/// The tags of a cache's stored entries, read in place from the entries' storage.
///
/// Valid only while the entries' buffer it was made from is neither freed nor moved: the engine
/// makes one for a single call into the policy.
@usableFromInline
struct EntryTags: SlotTagSource {
    @usableFromInline let base: UnsafeRawPointer
    @usableFromInline let stride: Int
    @usableFromInline let tagOffset: Int

    /// Reads the tags of the entries in `entries`, whose ``CacheEntry/tag`` lies `tagOffset`
    /// bytes into each entry.
    @inlinable
    init<Key, Value>(_ entries: UnsafeBufferPointer<CacheEntry<Key, Value>?>, tagOffset: Int) {
        self.base = UnsafeRawPointer(entries.baseAddress.unsafelyUnwrapped)
        self.stride = MemoryLayout<CacheEntry<Key, Value>?>.stride
        self.tagOffset = tagOffset
    }

    func tag(of slot: Int32) -> UInt32 {
        base.load(fromByteOffset: Int(slot) &* stride &+ tagOffset, as: UInt32.self)
    }
}

/// Tags a policy keeps itself, by slot, when no engine holds them.
struct StoredTags: SlotTagSource {
    /// The tag of each slot's key.
    var tags: ContiguousArray<UInt32> = []

    /// Remembers `tag` for `slot`, growing the storage to at least `capacity` slots.
    mutating func store(_ tag: UInt32, for slot: Int, capacity: Int) {
        if slot >= tags.count { tags.append(contentsOf: repeatElement(0, count: max(capacity, slot + 1) - tags.count)) }
        tags[slot] = tag
    }

    func tag(of slot: Int32) -> UInt32 {
        tags[Int(slot)]
    }
}
