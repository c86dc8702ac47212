import CacheCore
import Synchronization

extension ShardedCache {
    /// The number of live entries, summed over the shards (each counted at its own instant).
    ///
    /// - Complexity: O(*s*) for *s* shards.
    public var count: Int { shards.reduce(0) { $0 + $1.count } }

    /// Whether the cache has no live entries.
    public var isEmpty: Bool { count == 0 }

    /// The total cost of the live entries.
    public var totalCost: Int { shards.reduce(0) { $0 + $1.totalCost } }

    /// The live keys, shard by shard, each shard's from its next victim to its last.
    ///
    /// - Complexity: O(*n*).
    public var keys: [Key] { shards.flatMap(\.keys) }

    /// The live values, in the order of ``keys``.
    ///
    /// - Complexity: O(*n*).
    public var values: [Value] { items.map(\.value) }

    /// The live entries, in the order of ``keys``.
    ///
    /// - Complexity: O(*n*).
    public var items: [(key: Key, value: Value)] { shards.flatMap(\.items) }

    /// The live entries as a dictionary.
    ///
    /// - Complexity: O(*n*).
    public func snapshot() -> [Key: Value] {
        Dictionary(uniqueKeysWithValues: items)
    }

    /// The deadline of every live entry that has one.
    ///
    /// - Complexity: O(*n*).
    public func expirationDeadlines() -> [Key: CacheInstant] {
        shards.reduce(into: [:]) { deadlines, shard in
            deadlines.merge(shard.expirationDeadlines()) { first, _ in first }
        }
    }

    // MARK: - Limits

    /// The limits of the whole cache (the shards hold their parts).
    public var limits: CacheLimits {
        totalLimits.withAnnotatedLock { $0 }
    }

    /// Changes the limits of the whole cache while it runs, splitting them across the shards as
    /// the initializer does (see ``Cache/configure(_:)``).
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming this cache, the field, the bad value and what
    ///   is allowed; the cache is then unchanged.
    /// - Complexity: O(*s*) for *s* shards, plus O(1) per entry evicted.
    public func configure<E: Error>(_ update: (inout CacheLimits) throws(E) -> Void) throws {
        var limits = self.limits
        try update(&limits)
        try limits.validate(cacheName: name)
        let newLimits = limits
        let count = shards.count
        for (index, shard) in shards.enumerated() {
            try shard.configure { shardLimits in
                shardLimits.maxSize = Self.share(of: newLimits.maxSize, shard: index, count: count)
                shardLimits.maxCost = Self.share(of: newLimits.maxCost, shard: index, count: count)
                shardLimits.defaultTTL = newLimits.defaultTTL
                shardLimits.expireAfterAccess = newLimits.expireAfterAccess
            }
        }
        totalLimits.withAnnotatedLock { $0 = newLimits }
    }

    // MARK: - Statistics

    /// The shards' counters, summed.
    public var stats: CacheStats {
        shards.map(\.stats).reduce(CacheStats()) { total, shard in
            CacheStats(
                hits: total.hits + shard.hits,
                misses: total.misses + shard.misses,
                sets: total.sets + shard.sets,
                deletes: total.deletes + shard.deletes,
                evictions: total.evictions + shard.evictions,
                expirations: total.expirations + shard.expirations,
                collections: total.collections + shard.collections,
                loadSuccesses: total.loadSuccesses + shard.loadSuccesses,
                loadFailures: total.loadFailures + shard.loadFailures,
                totalLoadTime: total.totalLoadTime + shard.totalLoadTime,
                entryCount: total.entryCount + shard.entryCount,
                totalCost: total.totalCost + shard.totalCost
            )
        }
    }

    /// Whether the counters are enabled (they may still be paused: see ``isStatsPaused``).
    public var isRecordingStats: Bool { shards[0].isRecordingStats }

    /// Whether ``pauseStats()`` froze the counters (until ``resumeStats()``).
    public var isStatsPaused: Bool { shards[0].isStatsPaused }

    /// Starts counting, from the current values.
    ///
    /// - Complexity: O(*s*) for *s* shards.
    public func enableStats() {
        for shard in shards { shard.enableStats() }
    }

    /// Stops counting and zeroes the counters.
    ///
    /// - Complexity: O(*s*) for *s* shards.
    public func disableStats() {
        for shard in shards { shard.disableStats() }
    }

    /// Freezes the counters without zeroing them.
    ///
    /// - Complexity: O(*s*) for *s* shards.
    public func pauseStats() {
        for shard in shards { shard.pauseStats() }
    }

    /// Resumes counting after ``pauseStats()``.
    ///
    /// - Complexity: O(*s*) for *s* shards.
    public func resumeStats() {
        for shard in shards { shard.resumeStats() }
    }

    /// Zeroes the counters.
    ///
    /// - Complexity: O(*s*) for *s* shards.
    public func resetStats() {
        for shard in shards { shard.resetStats() }
    }

    // MARK: - Listeners

    /// Registers a listener for the event kinds in `kinds` on every shard (see
    /// ``Cache/addListener(for:_:)``).
    ///
    /// - Returns: An identifier for ``removeListener(_:)``.
    /// - Complexity: O(*s* × *l*) for *s* shards and *l* registered listeners.
    @discardableResult
    public func addListener(
        for kinds: CacheEventKinds = .all,
        _ listener: @escaping @Sendable (CacheEvent<Key, Value>) -> Void
    ) -> CacheListenerID {
        let registrations = shards.map { $0.addListener(for: kinds, listener) }
        return listenerIDs.withAnnotatedLock { ids in
            let id = CacheListenerID(rawValue: ids.next)
            ids.next += 1
            ids.registrations[id] = registrations
            return id
        }
    }

    /// Registers a listener for reads: the key, the value read (`nil` on a miss), and whether it hit.
    ///
    /// - Complexity: O(*s* × *l*) for *s* shards and *l* registered listeners.
    @discardableResult
    public func onGet(_ listener: @escaping @Sendable (Key, Value?, Bool) -> Void) -> CacheListenerID {
        addListener(for: .get) { event in
            if case .get(let key, let value, let hit) = event { listener(key, value, hit) }
        }
    }

    /// Registers a listener for writes: the key, the new value, and the live value it replaced.
    ///
    /// - Complexity: O(*s* × *l*) for *s* shards and *l* registered listeners.
    @discardableResult
    public func onSet(_ listener: @escaping @Sendable (Key, Value, Value?) -> Void) -> CacheListenerID {
        addListener(for: .set) { event in
            if case .set(let key, let value, let oldValue) = event { listener(key, value, oldValue) }
        }
    }

    /// Registers a listener for removals: the key, the value that left, and why.
    ///
    /// - Complexity: O(*s* × *l*) for *s* shards and *l* registered listeners.
    @discardableResult
    public func onRemoval(_ listener: @escaping @Sendable (Key, Value, RemovalCause) -> Void) -> CacheListenerID {
        addListener(for: .removal) { event in
            if case .removal(let key, let value, let cause) = event { listener(key, value, cause) }
        }
    }

    /// Unregisters a listener from every shard.
    ///
    /// - Returns: `false` when no listener had this identifier.
    /// - Complexity: O(*s* × *l*) for *s* shards and *l* registered listeners.
    @discardableResult
    public func removeListener(_ id: CacheListenerID) -> Bool {
        guard let registrations = listenerIDs.withAnnotatedLock({ $0.registrations.removeValue(forKey: id) }) else {
            return false
        }
        for (shard, registration) in zip(shards, registrations) { shard.removeListener(registration) }
        return true
    }
}

extension ShardedCache: Sequence {
    /// Iterates a snapshot of the live entries, in the order of ``keys``.
    ///
    /// - Complexity: O(*n*): it iterates over a snapshot of `items`.
    public func makeIterator() -> IndexingIterator<[(key: Key, value: Value)]> {
        items.makeIterator()
    }

    /// The number of live entries.
    public var underestimatedCount: Int { count }
}
