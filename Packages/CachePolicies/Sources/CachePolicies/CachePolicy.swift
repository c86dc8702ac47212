import CacheCore

/// Names an eviction policy and makes instances of it for caches.
///
/// Pass one when creating a cache: `Cache<String, User>(maxSize: 1_000, policy: .lfu)`. Each cache
/// gets its own ``/CacheCore/EvictionPolicy`` instance from ``makeEvictionPolicy(maxSize:)``. To plug in a policy
/// of your own, wrap it with ``custom(name:_:)``.
///
/// | policy | evicts | a hit |
/// |---|---|---|
/// | ``tinyLFU`` (default) | the window's or the main space's oldest, whichever was used less lately | LRU move |
/// | ``sieve`` | the first unvisited entry under the hand, which sweeps from old to new | marks it visited |
/// | ``s3fifo`` | the small queue's oldest (unless hit twice) or the main queue's (if unused) | counts a use |
/// | ``arc`` | T1's or T2's least recently used entry, as its adaptive target says | moves it to T2 |
/// | ``fifo`` | the entry written longest ago | changes nothing |
/// | ``lifo`` | the entry written most recently | changes nothing |
/// | ``lru`` | the entry used longest ago | moves it to the back |
/// | ``mru`` | the entry used most recently | moves it to the back |
/// | ``lfu`` | the entry used least often; ties: the one used longest ago | counts a use |
/// | ``random(seed:)`` | a uniformly random entry | changes nothing |
///
/// Writes to an existing key count as a use (and, for FIFO and LIFO, as a new write). Measured hit
/// ratios of each on real traces, with the optimal bound: Docs/HIT-RATIOS.md.
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
    ///
    /// - Complexity: That of the policy's factory; O(1) for the built-in policies, which size
    ///   their arrays as slots arrive.
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
    /// - Complexity: O(1).
    public static func random(seed: UInt64? = nil) -> CachePolicy {
        CachePolicy(name: "random") { _ in
            RandomPolicy(generator: SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max)))
        }
    }

    /// SIEVE: one queue and a hand that gives visited entries a second chance; hits move nothing.
    public static let sieve = CachePolicy(name: "sieve") { _ in SievePolicy() }

    /// S3-FIFO with libCacheSim's default rule: an entry moves from the small queue to the main
    /// one after two hits there.
    public static let s3fifo = s3fifo(promotionThreshold: 2)

    /// S3-FIFO: a small FIFO queue for new entries, a main FIFO queue (a 2-bit CLOCK) for entries
    /// hit while in the small one, and a ghost queue of keys recently evicted from the small one.
    ///
    /// - Parameter promotionThreshold: The hits an entry needs while in the small queue to move to
    ///   the main one: 2 is libCacheSim's default (``s3fifo``, named `s3fifo`), 1 the rule of the
    ///   paper's text (named `s3fifo-1`); other values are named `s3fifo-N`. 1...255.
    /// - Complexity: O(1).
    public static func s3fifo(promotionThreshold: Int) -> CachePolicy {
        precondition(
            (1...255).contains(promotionThreshold),
            "CachePolicy.s3fifo: the promotion threshold must be in 1...255, got \(promotionThreshold)"
        )
        return CachePolicy(name: promotionThreshold == 2 ? "s3fifo" : "s3fifo-\(promotionThreshold)") { _ in
            S3FIFOPolicy(promotionThreshold: promotionThreshold)
        }
    }

    /// ARC, the adaptive replacement cache: recency and frequency lists balanced by ghost hits.
    public static let arc = CachePolicy(name: "arc") { _ in ARCPolicy() }

    /// W-TinyLFU with an adaptive window, each cache seeded from the system's random source.
    public static let tinyLFU = tinyLFU(seed: nil)

    /// How W-TinyLFU sizes its window, the LRU region new entries enter before the frequency
    /// sketch decides whether the main space admits them.
    public enum TinyLFUWindow: String, Hashable, Sendable, CaseIterable {
        /// Tuned continuously from ghost hits: a miss on a key recently evicted from the window
        /// grows it, one on a key recently evicted from the main space shrinks it (see
        /// Docs/HIT-RATIOS.md). Named `tinylfu`.
        case adaptive
        /// Tuned by Caffeine's hill climber (Caffeine 2.7 and later), from the hit rates of
        /// successive samples. Named `tinylfu-hill`.
        case hillClimbing
        /// 1% of the cache, as in Caffeine 2.6. Named `tinylfu-static`.
        case fixed
    }

    /// W-TinyLFU: an LRU window in front of a segmented-LRU main space, whose admissions a
    /// frequency sketch decides.
    ///
    /// - Parameters:
    ///   - seed: Fixes the random admissions of warm candidates that lost their duel, for
    ///     reproducible runs; `nil` seeds each cache from the system's random source.
    ///   - window: How the window's size is chosen.
    /// - Complexity: O(1).
    public static func tinyLFU(seed: UInt64?, window: TinyLFUWindow = .adaptive) -> CachePolicy {
        let name =
            switch window {
            case .adaptive: "tinylfu"
            case .hillClimbing: "tinylfu-hill"
            case .fixed: "tinylfu-static"
            }
        return CachePolicy(name: name) { _ in
            WindowTinyLFUPolicy(window: window, seed: seed ?? UInt64.random(in: .min ... .max))
        }
    }

    /// A policy of your own.
    ///
    /// - Parameters:
    ///   - name: The name to show in diagnostics and to register in configuration.
    ///   - make: Makes a fresh instance for a cache whose entry limit is its argument.
    /// - Complexity: O(1).
    public static func custom(
        name: String,
        _ make: @escaping @Sendable (_ maxSize: Int?) -> some EvictionPolicy
    ) -> CachePolicy {
        CachePolicy(name: name) { make($0) }
    }

    /// The built-in policies, the default first.
    public static var builtIn: [CachePolicy] {
        [
            .tinyLFU, .tinyLFU(seed: nil, window: .hillClimbing), .tinyLFU(seed: nil, window: .fixed), .sieve,
            .s3fifo, .s3fifo(promotionThreshold: 1), .arc, .lru, .fifo, .lifo, .mru, .lfu, .random(),
        ]
    }

    /// The built-in policy called `name`, if there is one.
    ///
    /// Besides the names in ``builtIn``, `s3fifo-N` names S3-FIFO with promotion threshold N.
    ///
    /// - Parameters:
    ///   - name: A policy name, as used in configuration files and by `cachesim`.
    ///   - seed: For the policies that make random choices (`random`, `tinylfu`, `tinylfu-hill`,
    ///     `tinylfu-static`), fixes them; `nil` seeds each cache from the system's random source.
    /// - Complexity: O(*p*) for *p* built-in policies.
    public static func named(_ name: String, seed: UInt64? = nil) -> CachePolicy? {
        switch name {
        case "random": return .random(seed: seed)
        case "tinylfu": return .tinyLFU(seed: seed)
        case "tinylfu-hill": return .tinyLFU(seed: seed, window: .hillClimbing)
        case "tinylfu-static": return .tinyLFU(seed: seed, window: .fixed)
        default: break
        }
        if name.hasPrefix("s3fifo-"), let threshold = Int(name.dropFirst("s3fifo-".count)),
            (1...255).contains(threshold)
        {
            return .s3fifo(promotionThreshold: threshold)
        }
        return builtIn.first { $0.name == name }
    }
}
