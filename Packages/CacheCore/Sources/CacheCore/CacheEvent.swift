/// Something that happened in a cache, as delivered to its listeners.
///
/// Caches deliver events after they release their lock, in the order the operation produced
/// them, on the thread that performed the operation (for a background reload, the reload's
/// task). A listener may therefore call back into the same cache; listeners of different threads'
/// operations can run at the same time.
public enum CacheEvent<Key, Value> {
    /// A read: `value` is what the read returned, `nil` on a miss.
    case get(key: Key, value: Value?, hit: Bool)
    /// A write stored `value`; `oldValue` is the live value it replaced, if any.
    case set(key: Key, value: Value, oldValue: Value?)
    /// An entry left the cache.
    case removal(key: Key, value: Value, cause: RemovalCause)
    /// A loader returned a value for `key` after running for `duration` (on the cache's clock):
    /// a load on a miss, or a reload of a stale entry.
    case load(key: Key, duration: Duration)
    /// A loader threw `error` for `key` after running for `duration` (on the cache's clock). For a
    /// failed reload, the cache keeps the old value until it expires.
    case loadFailure(key: Key, error: any Error, duration: Duration)

    /// The kind of event.
    @inlinable
    public var kind: CacheEventKinds {
        switch self {
        case .get: .get
        case .set: .set
        case .removal: .removal
        case .load: .load
        case .loadFailure: .loadFailure
        }
    }

    /// The key the event is about.
    @inlinable
    public var key: Key {
        switch self {
        case .get(let key, _, _), .set(let key, _, _), .removal(let key, _, _), .load(let key, _),
            .loadFailure(let key, _, _):
            key
        }
    }
}

extension CacheEvent: Sendable where Key: Sendable, Value: Sendable {}

extension CacheEvent: Equatable where Key: Equatable, Value: Equatable {
    /// Whether two events are the same kind with equal payloads. Errors of load failures, which
    /// need not be `Equatable`, are equal when they have the same type and the same description.
    public static func == (lhs: CacheEvent, rhs: CacheEvent) -> Bool {
        switch (lhs, rhs) {
        case (.get(let key, let value, let hit), .get(let otherKey, let otherValue, let otherHit)):
            key == otherKey && value == otherValue && hit == otherHit
        case (.set(let key, let value, let old), .set(let otherKey, let otherValue, let otherOld)):
            key == otherKey && value == otherValue && old == otherOld
        case (.removal(let key, let value, let cause), .removal(let otherKey, let otherValue, let otherCause)):
            key == otherKey && value == otherValue && cause == otherCause
        case (.load(let key, let duration), .load(let otherKey, let otherDuration)):
            key == otherKey && duration == otherDuration
        case (
            .loadFailure(let key, let error, let duration),
            .loadFailure(let otherKey, let otherError, let otherDuration)
        ):
            key == otherKey && duration == otherDuration && type(of: error) == type(of: otherError)
                && String(describing: error) == String(describing: otherError)
        case (.get, _), (.set, _), (.removal, _), (.load, _), (.loadFailure, _):
            false
        }
    }
}

/// A set of ``CacheEvent`` kinds, for choosing what a listener hears.
@frozen
public struct CacheEventKinds: OptionSet, Hashable, Sendable {
    /// The bits of the set.
    public var rawValue: UInt8

    /// Creates a set from its bits.
    ///
    /// - Complexity: O(1).
    @inlinable
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Reads.
    @inlinable
    public static var get: CacheEventKinds { CacheEventKinds(rawValue: 1 << 0) }
    /// Writes.
    @inlinable
    public static var set: CacheEventKinds { CacheEventKinds(rawValue: 1 << 1) }
    /// Removals, with their cause.
    @inlinable
    public static var removal: CacheEventKinds { CacheEventKinds(rawValue: 1 << 2) }
    /// Loader runs that returned a value.
    @inlinable
    public static var load: CacheEventKinds { CacheEventKinds(rawValue: 1 << 3) }
    /// Loader runs that threw.
    @inlinable
    public static var loadFailure: CacheEventKinds { CacheEventKinds(rawValue: 1 << 4) }
    /// Every kind.
    @inlinable
    public static var all: CacheEventKinds { CacheEventKinds(rawValue: 0b1_1111) }
}

/// Identifies a registered listener so it can be removed.
@frozen
public struct CacheListenerID: Hashable, Sendable {
    /// The identifier's number, unique within one cache.
    public let rawValue: Int

    /// Creates an identifier from its number.
    ///
    /// - Complexity: O(1).
    @inlinable
    public init(rawValue: Int) { self.rawValue = rawValue }
}
