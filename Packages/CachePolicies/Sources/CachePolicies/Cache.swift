import CacheCore
import Synchronization

/// A thread-safe, in-memory cache with a pluggable eviction policy, per-entry TTLs, a cost limit,
/// listeners, statistics and loaders.
///
///     let users = Cache<String, User>(maxSize: 10_000, defaultTTL: .minutes(5))
///     users["alice"] = alice
///     users.set("bob", bob, ttl: .minutes(1))
///     if let user = users["alice"] { … }
///     let carol = try users.get("carol") { try database.user(named: $0) }   // read-through
///
/// Everything cacheout's `Cache` does is here, in Swift form, and more:
/// - **Limits**: an entry limit (`maxSize`), a cost limit (`maxCost`) with a cost function, both
///   changeable at run time with ``configure(_:)``. A value that can never fit is refused and
///   nothing is evicted for it.
/// - **TTL**: a default TTL, a TTL per write, ``/CacheCore/TimeToLive/never`` to override the default, the
///   remaining time of a key, and O(1) amortized expiry with no scans. An entry is dead from the
///   instant its deadline is reached, and ``count`` never includes a dead entry.
/// - **Policies**: W-TinyLFU with an adaptive window (the default: the best hit ratios across the
///   workloads of Docs/HIT-RATIOS.md), SIEVE, S3-FIFO, ARC, FIFO, LIFO, LRU, MRU, LFU, random, or
///   your own ``/CacheCore/EvictionPolicy``; all O(1).
/// - **Listeners** on reads, writes and removals (with a ``/CacheCore/RemovalCause``), run after the lock is
///   released so they may use the cache.
/// - **Statistics** (``stats``) that can be paused, resumed, reset, disabled.
/// - **Loading**: `get(_:orLoad:)` for synchronous loaders and ``value(forKey:ttl:load:)`` for async
///   ones, where concurrent callers for one missing key share one loader run.
/// - **Refresh-after-write**: a cache created with a loader and `refreshAfter` serves an entry
///   older than that at once and reloads it in the background (see ``refresh(_:)``).
///
/// One lock guards all state. Operations that write take it whole; while no TTL and no read
/// listener is in play, reads share it: each takes only a stripe of its thread's own, looks the
/// key up, and buffers the hit for the policy, which hears of it before the next write (so two
/// threads reading one cache run side by side, and one thread sees exactly the policy order a
/// lock per read would give). A hit hashes the key once, probes the index once, and allocates
/// nothing; the clock is read only while a TTL is in play. For many threads that also write,
/// ``ShardedCache`` spreads the keys over several such caches, each with its own write lock.
public final class Cache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The cache's name, used in error messages and by managers and metrics.
    public let name: String

    /// The eviction policy the cache was created with.
    public let policy: CachePolicy

    /// The clock TTLs are measured against.
    public let clock: CacheClock

    @usableFromInline
    let storage: CacheStorageLock<Key, Value>

    @usableFromInline
    let costFunction: (@Sendable (Key, Value) -> Int)?

    /// What sends operations off the quiet path (see ``CacheModes``): whether a TTL or a read
    /// listener may be in play, and how many ``compute(_:ttl:_:)`` closures are running.
    @usableFromInline
    let modes: Atomic<Int>

    /// The number of the ``compute(_:ttl:_:)`` call whose closure holds the lock; 0 for none.
    let computationHoldingLock = Atomic<Int>(0)

    /// The number of the last ``compute(_:ttl:_:)`` call.
    let computationCount = Atomic<Int>(0)

    /// How old an entry gets before a read starts a background reload of it; `nil` when entries
    /// are never reloaded on their own.
    public let refreshAfter: Duration?

    /// The TTL of each entry written without one, from its key and value; `nil` when entries
    /// written without a TTL get the default.
    @usableFromInline
    let expiry: (@Sendable (Key, Value) -> TimeToLive?)?

    /// Makes the value that ``get(_:)`` stores and returns for a missing key; `nil` when a miss
    /// returns `nil`.
    @usableFromInline
    let defaultValue: (@Sendable (Key) -> Value)?

    /// The loader the cache was created with, for ``value(forKey:ttl:)``, ``refresh(_:)`` and
    /// background reloads.
    @usableFromInline
    let loader: (@Sendable (Key) async throws -> Value)?

    /// Creates a cache.
    ///
    /// - Parameters:
    ///   - name: A name for messages, managers and metrics; defaults to `Cache<Key, Value>`.
    ///   - maxSize: The most entries to hold; `nil` for no limit, 0 for a cache that stores
    ///     nothing. Must not be negative.
    ///   - maxCost: The highest total cost of the entries; `nil` for no limit. Must not be
    ///     negative.
    ///   - cost: The cost of an entry (its size in bytes, say); entries cost 1 without it. It
    ///     runs outside the cache's lock (under it for ``compute(_:ttl:_:)``'s result) and must
    ///     not return a negative number.
    ///   - defaultTTL: The TTL of entries written without one; `nil` for entries that never
    ///     expire. Must be positive.
    ///   - expireAfterAccess: An idle timeout: an entry not read or written for this long
    ///     expires (Caffeine's `expireAfterAccess`). With a TTL as well, whichever comes first
    ///     ends the entry. `nil` for none. Must be positive.
    ///   - expiry: The TTL of each entry written without one, from its key and value: a TTL taken
    ///     from a response's `Cache-Control`, say (cachetools' `TLRUCache` `ttu`, Caffeine's
    ///     `Expiry`). When it returns `nil`, the entry gets `defaultTTL`. It runs outside the
    ///     cache's lock (under it for ``compute(_:ttl:_:)``), when a value is written or loaded,
    ///     and must not return a negative TTL.
    ///   - policy: Which entry to evict when the cache is full; W-TinyLFU by default.
    ///   - clock: Where time comes from; use `.manual(clock)` in tests.
    ///   - recordsStats: Whether ``stats`` counts from the start.
    ///   - refreshAfter: How old an entry gets (since it was written or last reloaded) before a
    ///     read starts a background reload of it with `load`; `nil` for no automatic reloads. Must
    ///     be positive, and needs `load`.
    ///   - load: The cache's loader, for ``value(forKey:ttl:)``, ``refresh(_:)``,
    ///     ``refreshAll(_:)`` and the reloads of `refreshAfter`; synchronous or asynchronous.
    ///   - defaultValue: Makes the value of a missing key for ``get(_:)`` and the subscript, which
    ///     store it (with the cache's TTL rules) and return it, so that they never return `nil`:
    ///     cacheout's `Cache(default=callable)`. It runs outside the cache's lock and counts as a
    ///     load in ``stats``. `nil` for reads that return `nil` on a miss. It comes after `load`,
    ///     so that a trailing closure is the loader.
    /// - Complexity: O(min(*maxSize*, 65,536)), to reserve the index.
    public init(
        name: String? = nil,
        maxSize: Int?,
        maxCost: Int? = nil,
        cost: (@Sendable (Key, Value) -> Int)? = nil,
        defaultTTL: TimeToLive? = nil,
        expireAfterAccess: TimeToLive? = nil,
        expiry: (@Sendable (Key, Value) -> TimeToLive?)? = nil,
        policy: CachePolicy = .tinyLFU,
        clock: CacheClock = .system,
        recordsStats: Bool = true,
        refreshAfter: Duration? = nil,
        load: (@Sendable (Key) async throws -> Value)? = nil,
        defaultValue: (@Sendable (Key) -> Value)? = nil
    ) {
        let name = name ?? "Cache<\(Key.self), \(Value.self)>"
        let limits = CacheLimits(
            maxSize: maxSize,
            maxCost: maxCost,
            defaultTTL: defaultTTL,
            expireAfterAccess: expireAfterAccess
        )
        do {
            try limits.validate(cacheName: name)
        } catch {
            preconditionFailure("Cache.init: \(error)")
        }
        if let refreshAfter {
            precondition(refreshAfter > .zero, "Cache '\(name)': refreshAfter must be positive, got \(refreshAfter)")
            precondition(load != nil, "Cache '\(name)': refreshAfter needs a loader (pass `load:`)")
        }
        self.name = name
        self.policy = policy
        self.clock = clock
        self.costFunction = cost
        // A cache with `refreshAfter` reads the clock on every read, to tell a stale entry: it
        // never takes the quiet read path.
        self.modes = Atomic(
            limits.mayExpire || expiry != nil || refreshAfter != nil ? CacheModes.expiring : 0
        )
        self.refreshAfter = refreshAfter
        self.expiry = expiry
        self.defaultValue = defaultValue
        self.loader = load
        self.storage = CacheStorageLock(
            CacheStorage(
                limits: limits,
                policy: policy.makeEvictionPolicy(maxSize: maxSize),
                clock: clock,
                usesCostFunction: cost != nil,
                recordsStats: recordsStats
            )
        )
        if let refreshAfter {
            // The storage lives exactly as long as the cache and calls `start` only from the
            // cache's own operations, so `self` is always there; the task holds it strongly.
            let schedule = RefreshSchedule<Key, Value>(interval: refreshAfter) { [unowned self] key, id, start in
                Task { try await self.runReload(of: key, id: id, startedAt: start) }
            }
            storage.withAnnotatedLock { $0.refresh = schedule }
        }
    }

    /// The time for an operation that does not write a TTL: read only while a TTL may be in play.
    @inlinable
    func timeIfExpiring() -> CacheInstant? {
        modes.load(ordering: .relaxed) & CacheModes.expiring != 0 ? clock.now() : nil
    }

    /// The time for a write with `ttl`: read when the write sets a deadline or a TTL may be in play.
    @inlinable
    func time(forWriteWith ttl: TimeToLive?) -> CacheInstant? {
        time(forWriteSettingDeadline: ttl?.duration != nil)
    }

    /// The time for a write that sets a deadline (`setsDeadline`) or not.
    @inlinable
    @inline(__always)
    func time(forWriteSettingDeadline setsDeadline: Bool) -> CacheInstant? {
        if setsDeadline {
            markExpiring()
            return clock.now()
        }
        return timeIfExpiring()
    }

    /// The TTL a write of `value` for `key` stores: `ttl`, or when it is `nil`, what ``expiry``
    /// gives (`nil` still meaning the default TTL); checked not to be negative.
    @inlinable
    @inline(__always)
    func ttl(_ ttl: TimeToLive?, forWriting key: Key, _ value: Value) -> TimeToLive? {
        // The common write (no TTL, no expiry function) decides with two loads, inline.
        if ttl == nil && expiry == nil { return nil }
        return checkedTTL(ttl ?? expiry.unsafelyUnwrapped(key, value), forWriting: key)
    }

    /// `ttl`, checked not to be negative.
    @usableFromInline
    func checkedTTL(_ ttl: TimeToLive?, forWriting key: Key) -> TimeToLive? {
        if case .after(let duration) = ttl {
            precondition(
                duration >= .zero,
                "Cache '\(name)': a TTL must not be negative, got \(duration) for key \(key)"
            )
        }
        return ttl
    }

    /// The cost of an entry, checked.
    @inlinable
    func cost(of key: Key, _ value: Value) -> Int {
        guard let costFunction else { return 1 }
        let cost = costFunction(key, value)
        precondition(cost >= 0, "Cache '\(name)': the cost function returned \(cost) for key \(key); costs must be ≥ 0")
        return cost
    }

    /// Whether a read may skip the clock and the events: no TTL, no read listener and no
    /// computation is in play.
    /// The storage checks again under the lock (``CacheStorage/readQuietly(_:hash:countingMiss:)``).
    @inlinable
    var readsQuietly: Bool {
        modes.load(ordering: .relaxed) == 0
    }

    /// Runs `body` under the lock with this operation's time resolved and due entries expired,
    /// then delivers the events the operation produced.
    @inlinable
    @inline(__always)
    func withStorage<Result: Sendable>(
        at time: CacheInstant?,
        needsTime: Bool = false,
        expiringDue: Bool = true,
        _ body: @Sendable (inout CacheStorage<Key, Value>, CacheInstant?, inout EventBuffer<Key, Value>) -> Result
    ) -> Result {
        if modes.load(ordering: .relaxed) >= CacheModes.oneComputation { preconditionNotComputing("an operation") }
        // `@Sendable` keeps the closure nonisolated: inlined into actor-isolated code, a plain
        // closure would get a dynamic isolation check on every call.
        let (result, events, released) = storage.withAnnotatedLock { @Sendable storage in
            var (events, now) = storage.beginOperation(at: time, needsTime: needsTime, expiringDue: expiringDue)
            let result = body(&storage, now, &events)
            let (delivery, released) = storage.endOperation(events)
            return (result, delivery, released)
        }
        // After the lock: listeners run, and what the operation removed is released.
        events?.deliver()
        _ = consume released
        return result
    }
}
