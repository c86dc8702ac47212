import CacheCore
@_spi(CachingInternals) import CachePolicies
import Synchronization

/// A thread-safe cache that holds its values weakly: an entry lives while something else keeps
/// its value alive, and, optionally, while it is one of the most recently used.
///
/// Python's `weakref.WeakValueDictionary`, with the strong LRU that users pair it with:
///
///     let sessions = WeakValueCache<SessionID, Session>(keepAlive: 100)
///     sessions[id] = session                           // held weakly, and kept alive as recently used
///     let same = sessions.get(id) { Session(id: $0) }  // the live instance, or a new one stored
///     sessions.onRemoval { id, _, cause in log("\(id): \(cause)") }   // `.collected` once deallocated
///
/// - **Collection**: once a value is deallocated, its entry is gone: it is never returned and
///   never counted, and it is reported to removal listeners with cause
///   ``/CacheCore/RemovalCause/collected`` (and a `nil` value) and counted in ``stats`` as a collection.
///   Swift gives no notice when an object is deallocated, so the cache notices when it looks the
///   key up, when it counts or lists its entries, when ``sweep()`` runs, and in a sweep it runs by
///   itself after as many writes as it had live entries at the last sweep: dead entries cost
///   amortized O(1) per write, with no scan per operation.
/// - **Keep-alive**: with `keepAlive: n`, the cache also holds the values of `n` keys strongly,
///   chosen by an eviction policy (LRU by default: the `n` most recently read or written). The
///   keep-alive is a ``/CachePolicies/Cache`` of its own, with the same TTLs; a value it lets go stays in the
///   cache for as long as something else holds it. A value written while another thread clears
///   or writes the same key may be kept alive or let go by mistake until its key is next used:
///   the keep-alive is a hint for keeping values, never a reason to return a wrong one.
/// - **TTLs** as in ``/CachePolicies/Cache``: a default TTL, a TTL per write, ``/CacheCore/TimeToLive/never``.
/// - **Statistics** like ``/CachePolicies/Cache``'s, and listeners on reads, writes and removals.
///
/// Every method is thread-safe. Listeners run after the cache's locks are released, and the
/// cache never lets go of a value while it holds a lock, so a value's `deinit` may use the cache.
public final class WeakValueCache<Key: Hashable & Sendable, Value: AnyObject & Sendable>: Sendable {
    /// The most values the cache keeps alive itself; 0 when it keeps none.
    public let keepAliveLimit: Int

    /// The weak references, one per key: an unbounded FIFO cache, so its views list keys in the
    /// order they were written.
    @usableFromInline
    let table: Cache<Key, WeakReference<Value>>

    /// The strong references to the values kept alive, when there is a keep-alive.
    @usableFromInline
    let keepAlive: Cache<Key, Value>?

    /// Writes since the last sweep.
    @usableFromInline
    let writesSinceSweep = Atomic<Int>(0)

    /// How many writes the next automatic sweep waits for.
    @usableFromInline
    let sweepInterval = Atomic<Int>(minimumSweepInterval)

    /// Whether any entry may have a TTL. Until one does, a value the keep-alive takes back on a
    /// read needs no lookup of the entry's remaining time. Once set, it stays set.
    @usableFromInline
    let mayExpire: Atomic<Bool>

    /// Creates a cache.
    ///
    /// - Parameters:
    ///   - name: A name for messages, managers and metrics; defaults to `WeakValueCache<Key, Value>`.
    ///   - keepAlive: How many values the cache keeps alive itself, on top of the weak
    ///     references; 0 (the default) for none. Must not be negative.
    ///   - keepAlivePolicy: Which kept-alive value to let go when a new one comes in; the default,
    ///     LRU, keeps the most recently read or written.
    ///   - defaultTTL: The TTL of entries written without one; `nil` for entries that live as long
    ///     as their value. Must be positive.
    ///   - clock: Where time comes from; use `.manual(clock)` in tests.
    ///   - recordsStats: Whether ``stats`` counts from the start.
    /// - Complexity: O(1).
    public init(
        name: String? = nil,
        keepAlive: Int = 0,
        keepAlivePolicy: CachePolicy = .lru,
        defaultTTL: TimeToLive? = nil,
        clock: CacheClock = .system,
        recordsStats: Bool = true
    ) {
        let name = name ?? "WeakValueCache<\(Key.self), \(Value.self)>"
        precondition(keepAlive >= 0, "WeakValueCache '\(name)': keepAlive must be ≥ 0, got \(keepAlive)")
        let table = Cache<Key, WeakReference<Value>>(
            name: name,
            maxSize: nil,
            defaultTTL: defaultTTL,
            policy: .fifo,
            clock: clock,
            recordsStats: recordsStats
        )
        self.keepAliveLimit = keepAlive
        self.table = table
        self.mayExpire = Atomic(defaultTTL?.duration != nil)
        guard keepAlive > 0 else {
            self.keepAlive = nil
            return
        }
        let keepAliveCache = Cache<Key, Value>(
            name: "\(name) keep-alive",
            maxSize: keepAlive,
            defaultTTL: defaultTTL,
            policy: keepAlivePolicy,
            clock: clock,
            recordsStats: false
        )
        self.keepAlive = keepAliveCache
    }

    /// The cache's name, used in messages, by managers and by metrics.
    public var name: String { table.name }

    /// The clock TTLs are measured against.
    public var clock: CacheClock { table.clock }

    /// The policy that chooses which kept-alive value to let go; `nil` without a keep-alive.
    public var keepAlivePolicy: CachePolicy? { keepAlive?.policy }
}

/// The fewest writes between two automatic sweeps.
let minimumSweepInterval = 64
