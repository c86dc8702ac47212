/// How long one entry lives, given on a write.
///
/// Every write takes an optional `ttl`: leave it out (`nil`) to use the cache's default TTL, give
/// ``never`` to keep the entry until it is deleted or evicted even when the cache has a default,
/// or give a duration:
///
///     cache.set("session", token, ttl: .minutes(15))
///     cache.set("config", config, ttl: .never)
///
/// An entry is dead from the instant its deadline is reached (`now >= written + ttl`), as in
/// cacheout, cachetools and expiringdict. A zero TTL stores an entry that is already dead: it
/// replaces a live value of its key, and evicts nothing to make room.
public enum TimeToLive: Hashable, Sendable, CustomStringConvertible {
    /// The entry never expires.
    case never
    /// The entry expires once this much time has passed since it was written.
    case after(Duration)

    /// A TTL of `seconds` seconds.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func seconds(_ seconds: some BinaryInteger) -> TimeToLive { .after(.seconds(seconds)) }

    /// A TTL of `seconds` seconds, fractions included.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func seconds(_ seconds: Double) -> TimeToLive { .after(.seconds(seconds)) }

    /// A TTL of `milliseconds` milliseconds.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func milliseconds(_ milliseconds: some BinaryInteger) -> TimeToLive {
        .after(.milliseconds(milliseconds))
    }

    /// A TTL of `minutes` minutes.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func minutes(_ minutes: some BinaryInteger) -> TimeToLive { .after(.seconds(minutes * 60)) }

    /// A TTL of `hours` hours.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func hours(_ hours: some BinaryInteger) -> TimeToLive { .after(.seconds(hours * 3600)) }

    /// The duration, or `nil` for ``never``.
    @inlinable
    public var duration: Duration? {
        switch self {
        case .never: nil
        case .after(let duration): duration
        }
    }

    /// `never` or the duration, for diagnostics.
    public var description: String {
        switch self {
        case .never: "never"
        case .after(let duration): "\(duration)"
        }
    }
}
