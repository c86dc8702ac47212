import CacheCore
@_spi(CachingInternals) import CachePolicies
import Synchronization

extension WeakValueCache {
    /// The live value for `key`, or `nil`.
    ///
    /// A hit counts as a hit in ``stats`` and as a use for the keep-alive, which then holds the
    /// value (unless it already holds a value for the key); a miss counts as a miss. An entry
    /// whose value was deallocated is removed (cause ``/CacheCore/RemovalCause/collected``) and is a miss.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func get(_ key: Key) -> Value? {
        guard let value = resolve(key, countingAsRead: true) else { return nil }
        keepAliveAfterRead(key, value)
        return value
    }

    /// The live value for `key`, or `defaultValue` when there is none. The default is not stored.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func get(_ key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get(key) ?? defaultValue()
    }

    /// The live value for `key`, or the value `load` makes for it, which is then stored.
    ///
    /// The canonical-instance pattern of `WeakValueDictionary.setdefault`: while anything holds
    /// the value for a key, every caller gets that same instance. `load` runs outside the cache's
    /// locks; when two callers race for one missing key, both may run it, but only the first
    /// value stored is kept and every caller gets that one. A loader that throws stores nothing.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - ttl: The TTL of a loaded value; `nil` for the cache's default.
    ///   - load: Makes the value for a missing key.
    /// - Complexity: O(1) on average, plus the loader.
    @inlinable
    public func get<E: Error>(
        _ key: Key,
        ttl: TimeToLive? = nil,
        orLoad load: (Key) throws(E) -> Value
    ) throws(E) -> Value {
        if let value = get(key) { return value }
        let loaded = try load(key)
        while true {
            if add(key, loaded, ttl: ttl) { return loaded }
            // Another caller stored a value first: that one is the instance to share. It may
            // have been deallocated already, in which case the next `add` succeeds.
            if let stored = resolve(key, countingAsRead: false) {
                keepAliveAfterRead(key, stored)
                return stored
            }
        }
    }

    /// Reads and writes the value for `key`.
    ///
    /// Reading is ``get(_:)``; assigning a value is ``set(_:_:ttl:)`` with the default TTL;
    /// assigning `nil` is ``delete(_:)``.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public subscript(key: Key) -> Value? {
        get { get(key) }
        set {
            if let newValue {
                set(key, newValue)
            } else {
                delete(key)
            }
        }
    }

    /// Whether `key` has a live value. It is not a use and not counted in ``stats``.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func contains(_ key: Key) -> Bool {
        resolve(key, countingAsRead: false) != nil
    }

    /// The live values of the keys `filter` selects. Each key looked up is a read, as with
    /// ``get(_:)``.
    ///
    /// - Complexity: O(*k*) for *k* listed keys; O(*n*) for patterns over *n* entries.
    public func getMany(_ filter: KeyFilter<Key>) -> [Key: Value] {
        let keys = filter.listedKeys ?? liveEntries().map(\.key).filter(filter.matches)
        var result: [Key: Value] = [:]
        for key in keys {
            if let value = get(key) { result[key] = value }
        }
        return result
    }

    /// The keys with live values that `filter` selects: in the filter's order for key lists, in
    /// the order they were written for patterns and predicates.
    ///
    /// - Complexity: O(*k*) for *k* listed keys; O(*n*) for patterns over *n* entries.
    public func keys(matching filter: KeyFilter<Key>) -> [Key] {
        if let listed = filter.listedKeys { return listed.filter(contains) }
        return liveEntries().map(\.key).filter(filter.matches)
    }

    /// How long `key` has left: `nil` when it has no live value, ``/CacheCore/TimeToLive/never`` when it
    /// does not expire, else the time until its deadline. Not a use, not counted in ``stats``.
    ///
    /// - Complexity: O(1) on average.
    public func timeToLive(forKey key: Key) -> TimeToLive? {
        guard contains(key) else { return nil }
        return table.timeToLive(forKey: key)
    }

    /// The live value for `key`, removing the entry (as collected) when its value is gone.
    @inlinable
    func resolve(_ key: Key, countingAsRead: Bool) -> Value? {
        // The closure hands the strong reference it takes out of the table's lock.
        table._get(key, countingAsRead: countingAsRead) { reference in reference.object }
    }

    /// The weak reference stored for `key` and its live value, removing the entry (as collected)
    /// when its value is gone. Not a read.
    func liveEntry(forKey key: Key) -> (reference: WeakReference<Value>, value: Value)? {
        table._get(key, countingAsRead: false) { reference in reference.object.map { (reference, $0) } }
    }

    /// Holds `value`, just read, in the keep-alive: a use of the key's value there, or, when the
    /// keep-alive holds no value for the key, a new one that expires with the entry. A different
    /// value held for the key is left alone: a write that raced with this read put it there, and
    /// writes win.
    @inlinable
    func keepAliveAfterRead(_ key: Key, _ value: Value) {
        guard let keepAlive, keepAlive.get(key) == nil else { return }
        guard mayExpire.load(ordering: .relaxed) else {
            keepAlive.add(key, value, ttl: .never)
            return
        }
        guard let ttl = table.timeToLive(forKey: key) else { return }
        keepAlive.add(key, value, ttl: ttl)
    }
}
