/// A small, fast, seedable random number generator (Steele, Lea and Flood's SplitMix64).
///
/// The random policy and the simulator use it so that runs with the same seed make the same
/// choices. It is not cryptographically secure. Not API: the simulator, the benchmarks and the
/// tests reach it through `@_spi(Randomness) import CachePolicies`.
@frozen
@_spi(Randomness)
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
    @usableFromInline
    var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    ///
    /// - Complexity: O(1).
    @inlinable
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    ///
    /// - Complexity: O(1).
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
