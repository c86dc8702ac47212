/// A handle to one entry of a cache: a small integer the engine gives each entry it stores.
///
/// An ``EvictionPolicy`` never sees keys. The engine hashes a key once per operation, finds the
/// entry's slot, and tells the policy what happened to that slot. Slots are dense: they start at 0,
/// stay below the number of entries the cache has held at once, and are reused after the entry
/// in them is removed. A policy can therefore keep its per-entry metadata in plain arrays indexed
/// by ``index``.
@frozen
public struct CacheSlot: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The slot number, as stored by the engine.
    public let rawValue: Int32

    /// Creates a handle for slot number `rawValue`.
    ///
    /// - Parameter rawValue: The slot number; must not be negative.
    /// - Complexity: O(1).
    @inlinable
    public init(_ rawValue: Int32) {
        precondition(rawValue >= 0, "CacheSlot: slot numbers are never negative, got \(rawValue)")
        self.rawValue = rawValue
    }

    /// Creates a handle for slot number `index`.
    ///
    /// - Parameter index: The slot number; must be in `0...Int32.max`.
    /// - Complexity: O(1).
    @inlinable
    public init(index: Int) {
        precondition(
            index >= 0 && index <= Int(Int32.max),
            "CacheSlot: slot index \(index) is outside 0...\(Int32.max)"
        )
        self.rawValue = Int32(truncatingIfNeeded: index)
    }

    /// The slot number as an `Int`, ready to index an array.
    @inlinable
    public var index: Int { Int(rawValue) }

    /// Orders slots by their number.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func < (lhs: CacheSlot, rhs: CacheSlot) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The slot number, for diagnostics.
    public var description: String { "slot \(rawValue)" }
}
