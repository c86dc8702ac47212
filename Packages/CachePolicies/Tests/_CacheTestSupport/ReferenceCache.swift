import CacheCore
@_spi(Randomness) import CachePolicies

/// An obviously correct model of `Cache`: a plain array of entries scanned on every operation.
///
/// It spells out the semantics the engine must have — eviction choice per policy, TTL with an
/// inclusive deadline and expiry at the start of every operation, cost limits and refusals,
/// events and statistics — with none of the engine's data structures. Model-based tests run the
/// same random operations against both and compare every result, event and the final contents.
public struct ReferenceCache<Key: Hashable & Comparable & Sendable, Value: Equatable & Sendable> {
    /// The policies the model knows.
    public enum Policy: String, Sendable, CaseIterable {
        case fifo, lifo, lru, mru, lfu, random
    }

    struct Entry {
        var key: Key
        var value: Value
        /// The deadline of the entry's last write; `Int64.max` for none.
        var deadline: Int64
        /// When the entry was last read or written.
        var lastAccess: Int64
        var cost: Int
        var frequency: Int
        var lastUse: Int
    }

    /// Entries in queue order: writes and (for LRU and MRU) hits move an entry to the end.
    var entries: [Entry] = []
    /// Keys in the random policy's dense order.
    var randomOrder: [Key] = []
    var generator: SplitMix64
    var tick = 0
    /// When the idle timeout last changed: the cache reschedules entries then, and those already
    /// past their new deadline count as due from that moment (for the order of expiry).
    var idleTimeoutChangedAt: Int64 = 0
    /// The policy being modelled.
    public let policy: Policy
    /// The model's limits.
    public var limits: CacheLimits
    let cost: (Key, Value) -> Int
    let expiry: ((Key, Value) -> TimeToLive?)?
    /// Events produced since the last ``takeEvents()``.
    public private(set) var events: [CacheEvent<Key, Value>] = []
    /// The model's counters.
    public private(set) var stats = CacheStats()
    /// The order in which the cache under test expired entries in the current operation.
    ///
    /// Entries with equal deadlines expire in an unspecified order, and the random policy's
    /// choices depend on it; the model follows the observed order among equal deadlines (it still
    /// decides by itself which entries are due).
    public var observedExpiryOrder: (() -> [Key])?

    /// Creates a model.
    ///
    /// - Parameters:
    ///   - policy: The policy to model.
    ///   - limits: Entry limit, cost limit, default TTL.
    ///   - randomSeed: The seed the cache's random policy uses.
    ///   - cost: The cost function, or 1 per entry.
    ///   - expiry: The TTL of entries written without one, from their key and value.
    public init(
        policy: Policy,
        limits: CacheLimits,
        randomSeed: UInt64 = 0,
        cost: ((Key, Value) -> Int)? = nil,
        expiry: ((Key, Value) -> TimeToLive?)? = nil
    ) {
        self.policy = policy
        self.limits = limits
        self.generator = SplitMix64(seed: randomSeed)
        self.cost = cost ?? { _, _ in 1 }
        self.expiry = expiry
    }

    /// Returns and forgets the events produced so far.
    public mutating func takeEvents() -> [CacheEvent<Key, Value>] {
        defer { events = [] }
        return events
    }

    /// The live entries, in eviction order.
    public mutating func items(now: Int64) -> [(key: Key, value: Value)] {
        expireDue(now: now)
        return orderedEntries().map { ($0.key, $0.value) }
    }

    /// The number of live entries.
    public mutating func count(now: Int64) -> Int {
        expireDue(now: now)
        return entries.count
    }

    /// `Cache.get`.
    public mutating func get(_ key: Key, now: Int64) -> Value? {
        expireDue(now: now)
        guard let position = position(of: key) else {
            stats.misses += 1
            events.append(.get(key: key, value: nil, hit: false))
            return nil
        }
        let value = entries[position].value
        entries[position].lastAccess = now
        use(at: position, isWrite: false)
        stats.hits += 1
        events.append(.get(key: key, value: value, hit: true))
        return value
    }

    /// `Cache.contains`.
    public mutating func contains(_ key: Key, now: Int64) -> Bool {
        expireDue(now: now)
        return position(of: key) != nil
    }

    /// `Cache.set` (`onlyIfAbsent: false`) and `Cache.add` (`true`).
    public mutating func write(_ key: Key, _ value: Value, ttl: TimeToLive?, now: Int64, onlyIfAbsent: Bool) -> Bool {
        expireDue(now: now)
        let entryCost = cost(key, value)
        let existing = position(of: key)
        if onlyIfAbsent && existing != nil { return false }
        if limits.maxSize == 0 { return false }
        if let maxCost = limits.maxCost, entryCost > maxCost { return false }
        let deadline = deadline(for: ttl ?? expiry?(key, value), now: now)
        if let existing {
            let old = entries[existing].value
            entries[existing].value = value
            entries[existing].cost = entryCost
            entries[existing].deadline = deadline
            entries[existing].lastAccess = now
            use(at: existing, isWrite: true)
            stats.sets += 1
            events.append(.removal(key: key, value: old, cause: .replaced))
            events.append(.set(key: key, value: value, oldValue: old))
            if deadline <= now, let position = position(of: key) {
                remove(at: position, cause: .expired)
                return true
            }
            while isOverLimits { evictVictim() }
            return true
        }
        // An entry dead on arrival is set and expired at once, and evicts nothing.
        let isDead = deadline <= now
        while !isDead
            && ((limits.maxSize.map { entries.count >= $0 } ?? false)
                || (limits.maxCost.map { totalCost + entryCost > $0 } ?? false))
        {
            evictVictim()
        }
        tick += 1
        entries.append(
            Entry(
                key: key,
                value: value,
                deadline: deadline,
                lastAccess: now,
                cost: entryCost,
                frequency: 1,
                lastUse: tick
            )
        )
        randomOrder.append(key)
        stats.sets += 1
        events.append(.set(key: key, value: value, oldValue: nil))
        if isDead { remove(at: entries.count - 1, cause: .expired) }
        return true
    }

    /// `Cache.compute`: the live value, read without a use or a count, then `transform`'s result
    /// written as `set` writes it, or the key deleted when the result is `nil`.
    public mutating func compute(
        _ key: Key,
        ttl: TimeToLive?,
        now: Int64,
        _ transform: (Value?) -> Value?
    ) -> Value? {
        expireDue(now: now)
        let current = position(of: key).map { entries[$0].value }
        guard let value = transform(current) else {
            _ = delete(key, now: now)
            return nil
        }
        guard write(key, value, ttl: ttl, now: now, onlyIfAbsent: false) else { return current }
        // A value dead on arrival was set and expired at once: the key has none.
        return position(of: key) == nil ? nil : value
    }

    /// `Cache.delete`.
    public mutating func delete(_ key: Key, now: Int64) -> Bool {
        expireDue(now: now)
        guard let position = position(of: key) else { return false }
        remove(at: position, cause: .deleted)
        return true
    }

    /// `Cache.popItem`.
    public mutating func popItem(now: Int64) -> (key: Key, value: Value)? {
        expireDue(now: now)
        guard !entries.isEmpty else { return nil }
        return evictVictim()
    }

    /// `Cache.expire`.
    public mutating func expire(now: Int64) -> Int {
        expireDue(now: now)
    }

    /// `Cache.evict`.
    public mutating func evict(now: Int64) -> Int {
        var removed = expireDue(now: now)
        while !entries.isEmpty
            && ((limits.maxSize.map { entries.count >= $0 } ?? false)
                || (limits.maxCost.map { totalCost + 1 > $0 } ?? false))
        {
            evictVictim()
            removed += 1
        }
        return removed
    }

    /// `Cache.clear`.
    public mutating func clear(now: Int64) {
        expireDue(now: now)
        for entry in orderedEntries() {
            events.append(.removal(key: entry.key, value: entry.value, cause: .cleared))
        }
        entries.removeAll()
        randomOrder.removeAll()
    }

    /// `Cache.configure`.
    public mutating func configure(_ newLimits: CacheLimits, now: Int64) {
        expireDue(now: now)
        if newLimits.expireAfterAccess?.duration != limits.expireAfterAccess?.duration {
            if limits.expireAfterAccess?.duration == nil {
                // Live entries count as accessed when an idle timeout is first set.
                for index in entries.indices { entries[index].lastAccess = now }
            }
            idleTimeoutChangedAt = now
        }
        limits = newLimits
        while isOverLimits { evictVictim() }
    }

    /// `Cache.timeToLive(forKey:)`.
    public mutating func timeToLive(_ key: Key, now: Int64) -> TimeToLive? {
        expireDue(now: now)
        guard let position = position(of: key) else { return nil }
        let deadline = effectiveDeadline(of: entries[position])
        return deadline == .max ? .never : .after(.nanoseconds(deadline - now))
    }

    var totalCost: Int { entries.reduce(0) { $0 + $1.cost } }

    var isOverLimits: Bool {
        (limits.maxSize.map { entries.count > $0 } ?? false) || (limits.maxCost.map { totalCost > $0 } ?? false)
    }

    func position(of key: Key) -> Int? {
        entries.firstIndex { $0.key == key }
    }

    func deadline(for ttl: TimeToLive?, now: Int64) -> Int64 {
        switch ttl {
        case .none: limits.defaultTTL?.duration.map { now + $0.cacheNanoseconds } ?? .max
        case .some(.never): .max
        case .some(.after(let duration)): now + duration.cacheNanoseconds
        }
    }

    /// When `entry` expires: at its write's deadline, or once idle for `expireAfterAccess`,
    /// whichever comes first.
    func effectiveDeadline(of entry: Entry) -> Int64 {
        guard let idle = limits.expireAfterAccess?.duration else { return entry.deadline }
        return min(entry.deadline, entry.lastAccess + max(idle.cacheNanoseconds, 1))
    }

    /// When the cache counts `entry` as due, for the order of expiry: its deadline, or the last
    /// change of the idle timeout, when that made it overdue.
    func dueTime(of entry: Entry) -> Int64 {
        max(effectiveDeadline(of: entry), idleTimeoutChangedAt)
    }

    mutating func use(at position: Int, isWrite: Bool) {
        tick += 1
        entries[position].frequency += 1
        entries[position].lastUse = tick
        let refreshes = isWrite || policy == .lru || policy == .mru
        if refreshes && policy != .lfu && policy != .random {
            entries.append(entries.remove(at: position))
        }
    }

    @discardableResult
    mutating func expireDue(now: Int64) -> Int {
        let observed = observedExpiryOrder?() ?? []
        let rank = Dictionary(observed.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
        let due = entries.filter { effectiveDeadline(of: $0) <= now }.map { (dueTime(of: $0), $0) }.sorted {
            ($0.0, rank[$0.1.key] ?? .max, $0.1.key) < ($1.0, rank[$1.1.key] ?? .max, $1.1.key)
        }.map(\.1)
        for entry in due {
            remove(at: position(of: entry.key)!, cause: .expired)
        }
        return due.count
    }

    func orderedEntries() -> [Entry] {
        switch policy {
        case .fifo, .lru: entries
        case .lifo, .mru: entries.reversed()
        case .lfu: entries.sorted { ($0.frequency, $0.lastUse) < ($1.frequency, $1.lastUse) }
        case .random: randomOrder.map { key in entries[position(of: key)!] }
        }
    }

    @discardableResult
    mutating func evictVictim() -> (key: Key, value: Value) {
        let victim: Key
        switch policy {
        case .random:
            victim = randomOrder[Int.random(in: 0..<randomOrder.count, using: &generator)]
        default:
            victim = orderedEntries()[0].key
        }
        let entry = entries[position(of: victim)!]
        remove(at: position(of: victim)!, cause: .evicted)
        return (entry.key, entry.value)
    }

    mutating func remove(at position: Int, cause: RemovalCause) {
        let entry = entries.remove(at: position)
        let dense = randomOrder.firstIndex(of: entry.key)!
        randomOrder.swapAt(dense, randomOrder.count - 1)
        randomOrder.removeLast()
        switch cause {
        case .deleted: stats.deletes += 1
        case .evicted: stats.evictions += 1
        case .expired: stats.expirations += 1
        default: break
        }
        events.append(.removal(key: entry.key, value: entry.value, cause: cause))
    }
}
