/// One stored entry: the key, the value, and the key's index tag (so that the entry can be found
/// in the index, when the policy evicts it, without hashing the key again).
@usableFromInline
struct CacheEntry<Key, Value> {
    @usableFromInline var key: Key
    @usableFromInline var value: Value
    @usableFromInline var tag: UInt32

    @inlinable
    init(key: Key, value: Value, tag: UInt32) {
        self.key = key
        self.value = value
        self.tag = tag
    }
}

extension CacheEntry: Sendable where Key: Sendable, Value: Sendable {}
