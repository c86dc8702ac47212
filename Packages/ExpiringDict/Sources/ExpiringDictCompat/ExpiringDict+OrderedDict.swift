import CacheCore
@_spi(CachingInternals) import CachePolicies

// The methods expiringdict inherits from `OrderedDict`. The order is the eviction queue's: from
// the entry written longest ago (the front, `last: false`) to the newest (the back).

extension ExpiringDict {
    /// Removes and returns the newest live entry, or with `last: false` the oldest
    /// (`d.popitem(last=True)`); `nil` when there is none (Python raises `KeyError`).
    ///
    /// The oldest is the next entry a new key would evict. Unlike expiringdict, which returns
    /// `(key, (value, timestamp))` and may return an expired entry, it returns a live entry's key
    /// and value.
    ///
    /// - Complexity: O(1) on average with `last: false`; O(*n*) with `last: true`, which reads
    ///   the queue to find its back.
    @discardableResult
    public func popItem(last: Bool = true) -> (key: Key, value: Value)? {
        guard last else { return storage.popItem().map { ($0.key, $0.value.value) } }
        while let newest = storage.items.last {
            if let removed = storage.removeValue(forKey: newest.key) { return (newest.key, removed.value) }
        }
        return nil
    }

    /// The live value for `key`; when it has none, stores `defaultValue` and returns it
    /// (`d.setdefault(key, default)`). When another thread stores a value for `key` meanwhile,
    /// that value is returned and `defaultValue` is not stored.
    ///
    /// - Complexity: O(1) on average.
    @discardableResult
    public func setDefault(_ key: Key, _ defaultValue: Value) -> Value {
        storage.get(key, ttl: writeTTL) { _ in TimestampedValue(defaultValue, writtenAt: clock.now()) }.value
    }

    /// Writes every entry of `entries` in their order, as `d[key] = value` does (`d.update(other)`):
    /// a dictionary, another sequence of `(key:, value:)` pairs, or, to write in the order written,
    /// a `KeyValuePairs` literal (`d.update(["a": 1, "b": 2] as KeyValuePairs)`).
    ///
    /// - Complexity: O(*k*) on average for *k* entries.
    public func update(_ entries: some Sequence<(key: Key, value: Value)>) {
        for (key, value) in entries { write(key, value) }
    }

    /// Moves `key`'s live entry to the back of the eviction queue, or with `last: false` to its
    /// front (`d.move_to_end(key, last=True)`), keeping the time it was written: its age and
    /// expiry do not change.
    ///
    /// - Returns: `false` when `key` has no live entry (Python raises `KeyError`).
    /// - Complexity: O(1) on average to the back; O(*n*) to the front, which moves every other
    ///   entry behind it.
    @discardableResult
    public func moveToEnd(_ key: Key, last: Bool = true) -> Bool {
        guard last else {
            let entries = storage.items
            guard entries.contains(where: { $0.key == key }) else { return false }
            for (other, entry) in entries where other != key { rewrite(other, entry) }
            return storage.contains(key)
        }
        // Looking the entry up this way is not a read: it neither counts nor touches the policy.
        guard let entry = storage._get(key, countingAsRead: false, resolving: { $0 }) else { return false }
        rewrite(key, entry)
        return true
    }

    /// Writes `entry` again for `key`, which moves it to the back of the queue, with the deadline
    /// it had.
    private func rewrite(_ key: Key, _ entry: TimestampedValue<Value>) {
        storage.set(key, entry, deadline: deadline(ofWriteAt: entry.writtenAt))
    }
}

extension ExpiringDict: Equatable where Value: Equatable {
    /// Whether the two dictionaries hold the same live keys and values in the same order (an
    /// `OrderedDict` comparison). expiringdict also compares the times the values were written,
    /// so two dictionaries filled apart are never equal there.
    ///
    /// - Complexity: O(*n*).
    public static func == (lhs: ExpiringDict, rhs: ExpiringDict) -> Bool {
        guard lhs !== rhs else { return true }
        let left = lhs.items()
        let right = rhs.items()
        return left.count == right.count
            && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
