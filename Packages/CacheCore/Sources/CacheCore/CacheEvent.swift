/// Something that happened in a cache, as delivered to its listeners.
///
/// Caches deliver events after they release their lock, in the order the operation produced
/// them, on the thread that performed the operation. A listener may therefore call back into the
/// same cache; listeners of different threads' operations can run at the same time.
public enum CacheEvent<Key, Value> {
    /// A read: `value` is what the read returned, `nil` on a miss.
    case get(key: Key, value: Value?, hit: Bool)
    /// A write stored `value`; `oldValue` is the live value it replaced, if any.
    case set(key: Key, value: Value, oldValue: Value?)
    /// An entry left the cache.
    case removal(key: Key, value: Value, cause: RemovalCause)

    /// The kind of event.
    @inlinable
    public var kind: CacheEventKinds {
        switch self {
        case .get: .get
        case .set: .set
        case .removal: .removal
        }
    }

    /// The key the event is about.
    @inlinable
    public var key: Key {
        switch self {
        case .get(let key, _, _), .set(let key, _, _), .removal(let key, _, _): key
        }
    }
}

extension CacheEvent: Sendable where Key: Sendable, Value: Sendable {}
extension CacheEvent: Equatable where Key: Equatable, Value: Equatable {}

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
    /// Every kind.
    @inlinable
    public static var all: CacheEventKinds { CacheEventKinds(rawValue: 0b111) }
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
