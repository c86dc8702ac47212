import CacheCore
@_spi(CachingInternals) import CachePolicies

/// Python's `expiringdict.ExpiringDict` in Swift: a thread-safe dictionary of at most `maxLen`
/// entries, each readable for `maxAgeSeconds` after it was written.
///
///     let cache = try ExpiringDict<String, Int>(maxLen: 50, maxAgeSeconds: 25)
///     cache["answer"] = 42
///     cache.get("answer", default: 0)                 // 42
///     cache.get("answer", withAge: true)              // (42, 0.0…)
///     cache.ttl("answer")                             // 25.0 − age
///
/// When the dictionary is full, a new key evicts the entry written longest ago. It runs on the
/// ``/CachePolicies/Cache`` engine (FIFO policy, one TTL for every entry, expiry without scans), so every
/// operation is O(1) on average, views are O(*n*), and expired entries are never counted or
/// listed. Time comes from a ``/CacheCore/CacheClock``: the monotonic system clock, or a ``/CacheCore/ManualClock`` in
/// tests.
///
/// It behaves like expiringdict 1.2.2 except where expiringdict is wrong (see the package
/// README): `pop` of an expired key returns the default, `count`, `keys()` and every view
/// exclude expired entries, re-setting an expired key in a full dictionary evicts no live one,
/// `copy()` works, `ttl(_:)` of an entry written this instant is the full age, and re-setting a
/// key always moves it to the back of the eviction queue.
public final class ExpiringDict<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// The most entries the dictionary holds (`max_len`); `Int.max` for no limit.
    public let maxLen: Int

    /// How long an entry stays readable after it was written, in seconds (`max_age`).
    public let maxAgeSeconds: Double

    /// The entries, with the time each was written; each expires ``maxAgeSeconds`` after its
    /// write.
    @usableFromInline
    let storage: Cache<Key, TimestampedValue<Value>>

    /// ``maxAgeSeconds`` as a duration, or `nil` when entries never expire (an infinite age, or
    /// one beyond the clock's range of about 292 years).
    let maxAge: Duration?

    /// The TTL of every write: ``maxAgeSeconds``, or ``/CacheCore/TimeToLive/never``.
    @usableFromInline
    let writeTTL: TimeToLive

    /// Creates an empty dictionary from limits that were already checked.
    init(checkedMaxLen maxLen: Int, maxAgeSeconds: Double, clock: CacheClock) {
        self.maxLen = maxLen
        self.maxAgeSeconds = maxAgeSeconds
        self.maxAge = Self.duration(ofSeconds: maxAgeSeconds)
        self.writeTTL = maxAge.map(TimeToLive.after) ?? .never
        self.storage = Cache(
            name: Self.name,
            maxSize: maxLen == .max ? nil : maxLen,
            policy: .fifo,
            clock: clock,
            recordsStats: false
        )
    }

    /// Creates an empty dictionary (`ExpiringDict(max_len, max_age_seconds)`).
    ///
    /// - Parameters:
    ///   - maxLen: The most entries to hold, at least 1; `Int.max` for no limit (Python's
    ///     `float('inf')`).
    ///   - maxAgeSeconds: How long each entry stays readable after it was written, in seconds:
    ///     0 or more (0 keeps nothing readable), `.infinity` for entries that never expire.
    ///   - clock: Where time comes from; use `.manual(clock)` in tests.
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the field, the value and what is allowed.
    /// - Complexity: O(1).
    public convenience init(
        maxLen: Int,
        maxAgeSeconds: Double,
        clock: CacheClock = .system
    ) throws(CacheConfigurationError) {
        try Self.validate(maxLen: maxLen, maxAgeSeconds: maxAgeSeconds)
        self.init(checkedMaxLen: maxLen, maxAgeSeconds: maxAgeSeconds, clock: clock)
    }

    /// Creates a dictionary holding `items` (`ExpiringDict(max_len, max_age_seconds, items)`),
    /// written in order and stamped with the current time.
    ///
    /// - Parameters:
    ///   - maxLen: The most entries to hold, at least 1; `Int.max` for no limit.
    ///   - maxAgeSeconds: How long each entry stays readable after it was written, in seconds:
    ///     0 or more, `.infinity` for entries that never expire.
    ///   - items: The entries: a dictionary, or an array of pairs. Beyond `maxLen`, the first
    ///     ones are evicted.
    ///   - clock: Where time comes from; use `.manual(clock)` in tests.
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the field, the value and what is allowed.
    /// - Complexity: O(*n*) on average for *n* items.
    public convenience init(
        maxLen: Int,
        maxAgeSeconds: Double,
        items: some Sequence<(key: Key, value: Value)>,
        clock: CacheClock = .system
    ) throws(CacheConfigurationError) {
        try self.init(maxLen: maxLen, maxAgeSeconds: maxAgeSeconds, clock: clock)
        for (key, value) in items { self[key] = value }
    }

    /// Creates a copy of `other`'s live entries, keeping the time each was written
    /// (`ExpiringDict(max_len=None, max_age_seconds=None, items=other)`).
    ///
    /// Entries are copied in `other`'s order; with a smaller `maxLen`, the oldest are evicted, and
    /// with a smaller age, the entries already too old are left out. The copy reads `other`'s clock.
    ///
    /// - Parameters:
    ///   - maxLen: The copy's limit; `nil` for `other`'s.
    ///   - maxAgeSeconds: The copy's age; `nil` for `other`'s.
    ///   - other: The dictionary to copy.
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the field, the value and what is allowed.
    /// - Complexity: O(*n*) for the *n* entries of `other`.
    public convenience init(
        maxLen: Int? = nil,
        maxAgeSeconds: Double? = nil,
        items other: ExpiringDict<Key, Value>
    ) throws(CacheConfigurationError) {
        let maxLen = maxLen ?? other.maxLen
        let maxAgeSeconds = maxAgeSeconds ?? other.maxAgeSeconds
        try Self.validate(maxLen: maxLen, maxAgeSeconds: maxAgeSeconds)
        self.init(checkedMaxLen: maxLen, maxAgeSeconds: maxAgeSeconds, clock: other.clock)
        copyEntries(of: other)
    }

    /// The clock the ages are measured against.
    @inlinable
    public var clock: CacheClock { storage.clock }

    /// The name errors give the dictionary.
    static var name: String { "ExpiringDict<\(Key.self), \(Value.self)>" }

    /// Throws when `maxLen` or `maxAgeSeconds` is out of range.
    static func validate(maxLen: Int, maxAgeSeconds: Double) throws(CacheConfigurationError) {
        if maxLen < 1 {
            throw CacheConfigurationError(
                cacheName: name,
                field: "maxLen",
                value: "\(maxLen)",
                allowed: "an integer ≥ 1 (Int.max for no limit)"
            )
        }
        if !(maxAgeSeconds >= 0) {
            throw CacheConfigurationError(
                cacheName: name,
                field: "maxAgeSeconds",
                value: "\(maxAgeSeconds)",
                allowed: "a number of seconds ≥ 0 (0 keeps nothing readable; .infinity never expires)"
            )
        }
    }

    /// `seconds` as a duration in whole nanoseconds, or `nil` beyond what a clock reading holds.
    static func duration(ofSeconds seconds: Double) -> Duration? {
        let nanoseconds = (seconds * 1_000_000_000).rounded()
        guard nanoseconds < Double(Int64.max) else { return nil }
        return .nanoseconds(Int64(nanoseconds))
    }
}
