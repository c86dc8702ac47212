import CacheCore

/// Names an eviction policy and makes instances of it for caches.
///
/// Pass one when creating a cache: `Cache<String, User>(maxSize: 1_000, policy: .lfu)`. Each cache
/// gets its own ``EvictionPolicy`` instance from ``makeEvictionPolicy(maxSize:)``. To plug in a policy
/// of your own, wrap it with ``custom(name:_:)``.
///
/// | policy | evicts | a hit |
/// |---|---|---|
/// | ``fifo`` | the entry written longest ago | changes nothing |
/// | ``lifo`` | the entry written most recently | changes nothing |
/// | ``lru`` | the entry used longest ago | moves it to the back |
/// | ``mru`` | the entry used most recently | moves it to the back |
/// | ``lfu`` | the entry used least often; ties: the one used longest ago | counts a use |
/// | ``random(seed:)`` | a uniformly random entry | changes nothing |
///
/// Writes to an existing key count as a use (and, for FIFO and LIFO, as a new write).
public struct CachePolicy: Sendable, CustomStringConvertible {
    /// The policy's name, as used in configuration files and by `cachesim`.
    public let name: String

    private let make: @Sendable (Int?) -> any EvictionPolicy

    /// Creates a policy from a name and a factory.
    private init(name: String, make: @escaping @Sendable (Int?) -> any EvictionPolicy) {
        self.name = name
        self.make = make
    }

    /// A fresh instance for a cache whose entry limit is `maxSize`.
    public func makeEvictionPolicy(maxSize: Int?) -> any EvictionPolicy {
        make(maxSize)
    }

    /// The policy's name.
    public var description: String { name }

    /// First in, first out: evicts the entry written longest ago.
    public static let fifo = CachePolicy(name: "fifo") { _ in QueuePolicy(evictsNewest: false, refreshesOnAccess: false)
    }

    /// Last in, first out: evicts the entry written most recently.
    public static let lifo = CachePolicy(name: "lifo") { _ in QueuePolicy(evictsNewest: true, refreshesOnAccess: false)
    }

    /// Least recently used: evicts the entry read or written longest ago.
    public static let lru = CachePolicy(name: "lru") { _ in QueuePolicy(evictsNewest: false, refreshesOnAccess: true) }

    /// Most recently used: evicts the entry read or written most recently.
    public static let mru = CachePolicy(name: "mru") { _ in QueuePolicy(evictsNewest: true, refreshesOnAccess: true) }

    /// Least frequently used: evicts the entry with the fewest uses (a write counts as one);
    /// among those, the one used longest ago. Counts never age.
    public static let lfu = CachePolicy(name: "lfu") { _ in LFUPolicy() }

    /// Random replacement: evicts a uniformly random entry.
    ///
    /// - Parameter seed: Fixes the sequence of choices, for reproducible runs; `nil` seeds from
    ///   the system's random source.
    public static func random(seed: UInt64? = nil) -> CachePolicy {
        CachePolicy(name: "random") { _ in
            RandomPolicy(generator: SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max)))
        }
    }

    /// A policy of your own.
    ///
    /// - Parameters:
    ///   - name: The name to show in diagnostics and to register in configuration.
    ///   - make: Makes a fresh instance for a cache whose entry limit is its argument.
    public static func custom(
        name: String,
        _ make: @escaping @Sendable (_ maxSize: Int?) -> some EvictionPolicy
    ) -> CachePolicy {
        CachePolicy(name: name) { make($0) }
    }

    /// The built-in policies, by name.
    public static var builtIn: [CachePolicy] { [.fifo, .lifo, .lru, .mru, .lfu, .random()] }

    /// The built-in policy called `name`, if there is one.
    public static func named(_ name: String) -> CachePolicy? {
        builtIn.first { $0.name == name }
    }
}
