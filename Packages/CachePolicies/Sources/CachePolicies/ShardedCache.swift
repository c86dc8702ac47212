import CacheCore
import Synchronization

/// A cache for many threads: its keys are spread by hash over several independent ``Cache``s
/// (shards), each with its own lock, so that threads working on different keys rarely wait for
/// each other.
///
/// Reads share a shard's lock as they share a ``Cache``'s, so a cache that is mostly read
/// scales across threads as one ``Cache`` does; the shards are for writes, each of which takes
/// its shard's lock whole (and for hit ratios: a ``Cache`` keeps one policy over all its keys).
///
///     let sessions = ShardedCache<String, Session>(shards: 16, maxSize: 100_000, policy: .lru)
///     sessions["token"] = session
///     let session = sessions["token"]
///
/// It offers what ``Cache`` offers, with these differences, all coming from each shard deciding
/// alone:
/// - **Limits** are split across the shards: `maxSize` and `maxCost` are divided as evenly as
///   integers allow (so the shards' limits add up to exactly the whole), and a shard evicts when
///   *its* share is full. The cache therefore never holds more than `maxSize` entries or more than
///   `maxCost`, but may evict while holding fewer, when the live keys are unevenly spread: the
///   tolerance is the spread of the keys over the shards (for *n* uniformly hashed keys over
///   *s* shards, about √(*n*/*s*) entries per shard).
/// - **Eviction order** is per shard: the policy picks the victim among its shard's entries.
///   ``keys``, ``items`` and ``values`` list the shards one after the other, each in its
///   eviction order; ``popItem()`` takes the next victim of the fullest shard.
/// - **Listeners** are registered on every shard and run after that shard's lock is released;
///   events of one key come in order, events of keys on different shards may interleave.
/// - **Statistics** are the sum of the shards' counters.
/// - **TTL and loaders** behave as in ``Cache``: each key's entry, deadline and single-flight load
///   live in its shard.
///
/// The key is hashed once per operation: its `hashValue` chooses the shard (its low bits) and is
/// passed on to that shard's index (which mixes all of it into its tag).
public final class ShardedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The cache's name, used in error messages and by managers and metrics.
    public let name: String

    /// The eviction policy of every shard.
    public let policy: CachePolicy

    /// The clock TTLs are measured against.
    public let clock: CacheClock

    /// The shards; their number is a power of two.
    @usableFromInline
    let shards: [Cache<Key, Value>]

    /// The shards again, unowned (``shards`` owns them), so that choosing one costs no retain and
    /// release: those would write the shard's reference count, a line every thread using that
    /// shard would then fight over.
    @usableFromInline
    let unownedShards: [Unmanaged<Cache<Key, Value>>]

    /// The number of shards minus one: `hash & shardMask` is a key's shard.
    @usableFromInline
    let shardMask: Int

    /// The limits of the whole cache, as last configured.
    let totalLimits: Mutex<CacheLimits>

    /// Listener identifiers of the whole cache, each with the identifiers of its registrations
    /// on the shards.
    let listenerIDs: Mutex<ListenerIDs>

    /// The number of shards used when none is given.
    public static var defaultShardCount: Int { 16 }

    /// The fewest entries a shard is given: caches too small to give every shard this many get
    /// fewer shards.
    public static var minimumEntriesPerShard: Int { 16 }

    /// Creates a sharded cache.
    ///
    /// - Parameters:
    ///   - name: A name for messages, managers and metrics; defaults to `ShardedCache<Key, Value>`.
    ///   - shards: The number of shards, a power of two. Fewer are used when `maxSize` would give
    ///     a shard fewer than ``minimumEntriesPerShard`` entries; ``shardCount`` tells how many.
    ///   - maxSize: The most entries to hold, split across the shards; `nil` for no limit.
    ///   - maxCost: The highest total cost, split across the shards; `nil` for no limit.
    ///   - cost: The cost of an entry; entries cost 1 without it. Runs outside every lock, except for `compute`.
    ///   - defaultTTL: The TTL of entries written without one; `nil` for entries that never expire.
    ///   - expireAfterAccess: An idle timeout: an entry not read or written for this long expires;
    ///     `nil` for none.
    ///   - expiry: The TTL of each entry written without one, from its key and value; `nil` from it
    ///     means `defaultTTL`, as for a ``Cache``.
    ///   - policy: Which entry each shard evicts when it is full.
    ///   - clock: Where time comes from; use `.manual(clock)` in tests.
    ///   - recordsStats: Whether ``stats`` counts from the start.
    ///   - defaultValue: Makes the value of a missing key for ``get(_:)``, which stores and returns
    ///     it (cacheout's `Cache(default=callable)`); `nil` for reads that return `nil` on a miss.
    /// - Complexity: O(*s* + min(*maxSize*, *s* × 65,536)) for *s* shards, to create them and reserve
    ///   their indexes.
    public init(
        name: String? = nil,
        shards: Int = ShardedCache.defaultShardCount,
        maxSize: Int?,
        maxCost: Int? = nil,
        cost: (@Sendable (Key, Value) -> Int)? = nil,
        defaultTTL: TimeToLive? = nil,
        expireAfterAccess: TimeToLive? = nil,
        expiry: (@Sendable (Key, Value) -> TimeToLive?)? = nil,
        policy: CachePolicy = .lru,
        clock: CacheClock = .system,
        recordsStats: Bool = true,
        defaultValue: (@Sendable (Key) -> Value)? = nil
    ) {
        precondition(
            shards > 0 && shards & (shards - 1) == 0,
            "ShardedCache.init: the number of shards must be a power of two, got \(shards)"
        )
        let name = name ?? "ShardedCache<\(Key.self), \(Value.self)>"
        let limits = CacheLimits(
            maxSize: maxSize,
            maxCost: maxCost,
            defaultTTL: defaultTTL,
            expireAfterAccess: expireAfterAccess
        )
        do {
            try limits.validate(cacheName: name)
        } catch {
            preconditionFailure("ShardedCache.init: \(error)")
        }
        var count = shards
        if let maxSize {
            while count > 1 && maxSize / count < Self.minimumEntriesPerShard { count /= 2 }
        }
        self.name = name
        self.policy = policy
        self.clock = clock
        self.shardMask = count - 1
        self.totalLimits = Mutex(limits)
        self.listenerIDs = Mutex(ListenerIDs())
        let shards = (0..<count).map { shard in
            Cache(
                name: "\(name)[\(shard)]",
                maxSize: Self.share(of: maxSize, shard: shard, count: count),
                maxCost: Self.share(of: maxCost, shard: shard, count: count),
                cost: cost,
                defaultTTL: defaultTTL,
                expireAfterAccess: expireAfterAccess,
                expiry: expiry,
                policy: policy,
                clock: clock,
                recordsStats: recordsStats,
                defaultValue: defaultValue
            )
        }
        self.shards = shards
        self.unownedShards = shards.map { Unmanaged.passUnretained($0) }
    }

    /// The number of shards.
    public var shardCount: Int { shards.count }

    /// The shards, in order: a key lives in shard `key.hashValue & (shardCount - 1)`. For tests.
    @_spi(Testing)
    public var shardCaches: [Cache<Key, Value>] { shards }

    /// The shard of a key whose `hashValue` is `hash`.
    @inlinable
    func shard(for hash: Int) -> Cache<Key, Value> {
        shards[hash & shardMask]
    }

    /// Calls `body` with the shard of a key whose `hashValue` is `hash`, without retaining it.
    @inlinable
    func withShard<Result>(for hash: Int, _ body: (Cache<Key, Value>) -> Result) -> Result {
        unownedShards.withUnsafeBufferPointer { $0[hash & shardMask] }._withUnsafeGuaranteedRef(body)
    }

    /// Shard `shard`'s part of a limit: `total` divided as evenly as integers allow, the first
    /// `total % count` shards taking one more, so that the parts add up to `total`.
    static func share(of total: Int?, shard: Int, count: Int) -> Int? {
        guard let total else { return nil }
        return total / count + (shard < total % count ? 1 : 0)
    }
}

/// The listener identifiers of a ``ShardedCache``.
struct ListenerIDs: Sendable {
    var next = 0
    var registrations: [CacheListenerID: [CacheListenerID]] = [:]
}
