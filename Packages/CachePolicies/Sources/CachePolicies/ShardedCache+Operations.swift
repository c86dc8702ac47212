import CacheCore

extension ShardedCache {
    /// The live value for `key`, or `nil`; a hit is a use for its shard's policy (see
    /// ``Cache/get(_:)``).
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func get(_ key: Key) -> Value? {
        let hash = key.hashValue
        return withShard(for: hash) { $0.get(key, hash: hash) }
    }

    /// The live value for `key`, or `defaultValue` when there is none. The default is not stored.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func get(_ key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get(key) ?? defaultValue()
    }

    /// Reads and writes the value for `key`: ``get(_:)``, ``set(_:_:ttl:)`` with the default TTL,
    /// and ``delete(_:)`` when assigning `nil`.
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

    /// Reads and writes the value for `key`, with `defaultValue` read for a missing key (see
    /// ``Cache/subscript(_:default:)``): not atomic; use ``compute(_:ttl:_:)`` when that matters.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public subscript(key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get { get(key) ?? defaultValue() }
        set { set(key, newValue) }
    }

    /// Whether `key` has a live value. It is not a use and not counted in ``stats``.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func contains(_ key: Key) -> Bool {
        let hash = key.hashValue
        return withShard(for: hash) { $0.contains(key, hash: hash) }
    }

    /// Stores `value` for `key` (see ``Cache/set(_:_:ttl:)``); a new key makes room in its shard.
    ///
    /// - Returns: `false` when the value can never fit in its shard (its cost exceeds the
    ///   shard's part of `maxCost`, or `maxSize` is 0).
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @inlinable
    @discardableResult
    public func set(_ key: Key, _ value: Value, ttl: TimeToLive? = nil) -> Bool {
        let hash = key.hashValue
        return withShard(for: hash) { $0.write(key, value, hash: hash, ttl: ttl, onlyIfAbsent: false) }
    }

    /// Stores `value` only when `key` has no live value (see ``Cache/add(_:_:ttl:)``).
    ///
    /// - Returns: `true` when the value was stored.
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @inlinable
    @discardableResult
    public func add(_ key: Key, _ value: Value, ttl: TimeToLive? = nil) -> Bool {
        let hash = key.hashValue
        return withShard(for: hash) { $0.write(key, value, hash: hash, ttl: ttl, onlyIfAbsent: true) }
    }

    /// Removes `key` (reported as ``/CacheCore/RemovalCause/deleted``).
    ///
    /// - Returns: `true` when the key had a live value.
    /// - Complexity: O(1) on average.
    @inlinable
    @discardableResult
    public func delete(_ key: Key) -> Bool {
        let hash = key.hashValue
        return withShard(for: hash) { $0.delete(key, hash: hash) }
    }

    /// The live value for `key`, or the value `load` returns for it, which is then stored (see
    /// `Cache.get(_:ttl:orLoad:)`).
    ///
    /// - Complexity: O(1) on average, plus the loader.
    @inlinable
    public func get<E: Error>(
        _ key: Key,
        ttl: TimeToLive? = nil,
        orLoad load: (Key) throws(E) -> Value
    ) throws(E) -> Value {
        try shard(for: key.hashValue).get(key, ttl: ttl, orLoad: load)
    }

    /// The live value for `key`, or the value `load` returns for it, with one loader run shared by
    /// every concurrent caller (see ``Cache/value(forKey:ttl:load:)``).
    ///
    /// - Complexity: O(1) on average, plus the loader.
    @inlinable
    public func value(
        forKey key: Key,
        ttl: TimeToLive? = nil,
        load: @escaping @Sendable (Key) async throws -> Value
    ) async throws -> Value {
        let hash = key.hashValue
        let shard = shard(for: hash)
        if let value = shard.cachedValue(forKey: key, hash: hash) { return value }
        return try await shard.loadOnce(forKey: key, ttl: ttl, load: load)
    }

    /// The live value for `key`, or the value the asynchronous `load` returns for it, with one
    /// loader run shared by every concurrent caller: ``value(forKey:ttl:load:)`` under the name
    /// of the synchronous read-through `get`.
    ///
    /// - Complexity: O(1) on average, plus the loader.
    @inlinable
    @_disfavoredOverload
    public func get(
        _ key: Key,
        ttl: TimeToLive? = nil,
        orLoad load: @escaping @Sendable (Key) async throws -> Value
    ) async throws -> Value {
        try await value(forKey: key, ttl: ttl, load: load)
    }

    /// How long `key` has left (see ``Cache/timeToLive(forKey:)``).
    ///
    /// - Complexity: O(1) on average.
    public func timeToLive(forKey key: Key) -> TimeToLive? {
        shard(for: key.hashValue).timeToLive(forKey: key)
    }

    /// The live values of the keys `filter` selects; each key looked up is a read.
    ///
    /// - Complexity: O(*k*) for *k* listed keys; O(*n*) for patterns over *n* entries.
    public func getMany(_ filter: KeyFilter<Key>) -> [Key: Value] {
        let keys = filter.listedKeys ?? self.keys.filter(filter.matches)
        var result: [Key: Value] = [:]
        for key in keys {
            if let value = get(key) { result[key] = value }
        }
        return result
    }

    /// The live keys `filter` selects: in the filter's order for key lists, else shard by shard
    /// in eviction order.
    ///
    /// - Complexity: O(*n*) for *n* entries.
    public func keys(matching filter: KeyFilter<Key>) -> [Key] {
        if let listed = filter.listedKeys { return listed.filter(contains) }
        return keys.filter(filter.matches)
    }

    /// Stores every pair, in order, with one TTL; each shard takes its pairs under one lock.
    ///
    /// - Complexity: O(*k*) on average for *k* pairs.
    public func setMany(_ items: some Sequence<(key: Key, value: Value)>, ttl: TimeToLive? = nil) {
        for (shard, items) in zip(shards, partition(items)) where !items.isEmpty {
            shard.setMany(items, ttl: ttl)
        }
    }

    /// Stores each pair whose key has no live value; each shard takes its pairs under one lock.
    ///
    /// - Returns: The number of pairs stored.
    /// - Complexity: O(*k*) on average for *k* pairs.
    @discardableResult
    public func addMany(_ items: some Sequence<(key: Key, value: Value)>, ttl: TimeToLive? = nil) -> Int {
        zip(shards, partition(items)).reduce(0) { stored, pair in
            pair.1.isEmpty ? stored : stored + pair.0.addMany(pair.1, ttl: ttl)
        }
    }

    /// Removes the keys `filter` selects.
    ///
    /// - Returns: The number of live entries removed.
    /// - Complexity: O(*k*) for *k* listed keys; O(*n*) for patterns over *n* entries.
    @discardableResult
    public func deleteMany(_ filter: KeyFilter<Key>) -> Int {
        if let listed = filter.listedKeys {
            return listed.reduce(0) { removed, key in removed + (delete(key) ? 1 : 0) }
        }
        return shards.reduce(0) { $0 + $1.deleteMany(filter) }
    }

    /// Removes every entry of every shard (each reported as ``/CacheCore/RemovalCause/cleared``).
    ///
    /// - Complexity: O(*n*).
    public func clear() {
        for shard in shards { shard.clear() }
    }

    /// Removes every entry: `Dictionary`'s name for ``clear()``.
    ///
    /// - Complexity: O(*n*).
    public func removeAll() {
        clear()
    }

    /// Removes `key` and returns its live value (see ``Cache/removeValue(forKey:)``).
    ///
    /// - Complexity: O(1) on average.
    @discardableResult
    public func removeValue(forKey key: Key) -> Value? {
        shard(for: key.hashValue).removeValue(forKey: key)
    }

    /// Stores `value` for `key` and returns the live value it replaced (see
    /// ``Cache/updateValue(_:forKey:ttl:)``).
    ///
    /// - Complexity: O(1) on average, plus O(1) per entry evicted.
    @discardableResult
    public func updateValue(_ value: Value, forKey key: Key, ttl: TimeToLive? = nil) -> Value? {
        shard(for: key.hashValue).updateValue(value, forKey: key, ttl: ttl)
    }

    /// Reads the live value of `key` and stores or removes what `transform` makes of it, in one
    /// step under the lock of the key's shard (see ``Cache/compute(_:ttl:_:)``).
    ///
    /// `transform` runs under that lock and must not use this cache: calling it for a key of the
    /// same shard stops the program with a message, and a key of another shard could deadlock
    /// against a computation running the other way on another thread.
    ///
    /// - Returns: The key's live value afterwards.
    /// - Complexity: O(1) on average, plus `transform`, plus O(1) per entry evicted.
    @discardableResult
    public func compute<E: Error>(
        _ key: Key,
        ttl: TimeToLive? = nil,
        _ transform: (Value?) throws(E) -> Value?
    ) throws(E) -> Value? {
        try shard(for: key.hashValue).compute(key, ttl: ttl, transform)
    }

    /// Removes and returns the next victim of the fullest shard (the first of the fullest, in
    /// shard order; reported as ``/CacheCore/RemovalCause/evicted``); `nil` when the cache is empty.
    ///
    /// - Complexity: O(*s* log *s*) for *s* shards, plus O(1) amortized per expired entry.
    @discardableResult
    public func popItem() -> (key: Key, value: Value)? {
        let counts = shards.map(\.count)
        let fullestFirst = counts.indices.sorted { counts[$0] > counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }
        for index in fullestFirst {
            if let item = shards[index].popItem() { return item }
        }
        return nil
    }

    /// Expires due entries in every shard, then evicts in each until one more entry fits in it.
    ///
    /// - Returns: The number of entries expired and evicted.
    /// - Complexity: O(*s*) for *s* shards, plus O(1) amortized per entry removed.
    @discardableResult
    public func evict() -> Int {
        shards.reduce(0) { $0 + $1.evict() }
    }

    /// Removes every entry whose TTL has run out, in every shard.
    ///
    /// - Returns: The number of entries expired.
    /// - Complexity: O(*s*) for *s* shards, plus amortized O(1) per expired entry.
    @discardableResult
    public func expire() -> Int {
        shards.reduce(0) { $0 + $1.expire() }
    }

    /// `items`, split by shard.
    func partition(_ items: some Sequence<(key: Key, value: Value)>) -> [[(key: Key, value: Value)]] {
        var parts = Array(repeating: [(key: Key, value: Value)](), count: shards.count)
        for item in items { parts[item.key.hashValue & shardMask].append(item) }
        return parts
    }
}

extension ShardedCache: CacheProtocol {}
