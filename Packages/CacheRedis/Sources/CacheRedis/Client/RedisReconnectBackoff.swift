#if Redis
import CacheCore

/// How long a ``RedisClient`` waits before trying again after connection attempts failed:
/// ``initial`` after the first failure, multiplied by ``multiplier`` after each further one, never
/// more than ``maximum``. Any successful connection starts the count again.
///
/// While the client waits, commands that need a new connection fail at once with
/// ``RedisError/Kind/unavailable`` instead of queueing: a cache in front of a database should
/// fall back to the database, not stall.
public struct RedisReconnectBackoff: Hashable, Sendable {
    /// The wait after the first failure.
    public var initial: Duration
    /// The longest wait.
    public var maximum: Duration
    /// The factor between one wait and the next (at least 1).
    public var multiplier: Double

    /// Creates a backoff.
    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5), multiplier: Double = 2) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The wait after `failures` consecutive failed attempts (at least 1).
    ///
    /// - Complexity: O(log(maximum / initial)).
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 1, multiplier > 1, initial > .zero else { return Swift.min(initial, maximum) }
        var nanoseconds = initial.seconds * 1e9
        for _ in 1..<failures {
            nanoseconds *= multiplier
            if nanoseconds >= maximum.seconds * 1e9 { return maximum }
        }
        return .nanoseconds(Int64(nanoseconds.rounded()))
    }

    func validate(server: String) throws(CacheConfigurationError) {
        func fail(_ field: String, _ value: String, _ allowed: String) -> CacheConfigurationError {
            CacheConfigurationError(cacheName: "redis \(server)", field: field, value: value, allowed: allowed)
        }
        guard initial >= .zero else { throw fail("reconnectBackoff.initial", "\(initial)", "a duration ≥ 0") }
        guard maximum >= initial else {
            throw fail("reconnectBackoff.maximum", "\(maximum)", "a duration ≥ initial (\(initial))")
        }
        guard multiplier >= 1, multiplier.isFinite else {
            throw fail("reconnectBackoff.multiplier", "\(multiplier)", "a finite number ≥ 1")
        }
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
#endif
