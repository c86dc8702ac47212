/// A count-min sketch of 4-bit counters that estimates how often each key was used lately, in
/// about 8 bytes per cache entry: Caffeine's `FrequencySketch` (Einziger, Friedman and Manes,
/// "TinyLFU: A Highly Efficient Cache Admission Policy", 2017).
///
/// The table holds one 64-bit word per cache entry (rounded up to a power of two), grouped into
/// 64-byte blocks of 16-counter words. A key's four counters lie in one block (one cache line),
/// each in a different word; its estimate is the smallest of the four. A use adds 1 to each of
/// them that is below 15. After `10 × maximum` uses that changed a counter, every counter is
/// halved, so the sketch forgets old popularity (aging); the count of uses is halved too, less
/// the quarter of the odd counters that halving truncated.
struct FrequencySketch {
    private static let resetMask: UInt64 = 0x7777_7777_7777_7777
    private static let oneMask: UInt64 = 0x1111_1111_1111_1111

    private var table: ContiguousArray<UInt64> = []
    private var blockMask = 0
    /// The number of counted uses that triggers aging.
    private(set) var sampleSize = 0
    /// Counted uses since the last aging (less the truncation correction).
    private var additions = 0
    /// How many times the sketch has aged, so that a policy holding deferred uses can age them
    /// too.
    private(set) var agings = 0

    /// Whether ``ensureCapacity(_:)`` has sized the table; before that nothing is counted.
    var isInitialized: Bool { !table.isEmpty }

    /// Sizes the table for a cache of `maximum` entries, forgetting all counts if it grows.
    ///
    /// - Complexity: O(`maximum`) when the table grows, O(1) otherwise.
    /// - Returns: Whether it (re)sized the table, forgetting every count.
    @discardableResult
    mutating func ensureCapacity(_ maximum: Int) -> Bool {
        let maximum = min(max(maximum, 1), 1 << 30)
        var length = 8
        while length < maximum { length <<= 1 }
        guard table.count < length else { return false }
        table = ContiguousArray(repeating: 0, count: length)
        blockMask = length / 8 - 1
        sampleSize = 10 * maximum
        additions = 0
        return true
    }

    /// The estimated number of recent uses of the key with `hash`, 0...15.
    ///
    /// The four counters are read through one pointer to the key's block, without bounds checks
    /// (every position lies in the block, inside the table).
    ///
    /// - Complexity: O(1).
    @inline(__always)
    func frequency(of hash: Int) -> Int {
        guard isInitialized else { return 0 }
        let mixed = FrequencySketch.mix(hash)
        let block = (Int(truncatingIfNeeded: mixed >> 32) & blockMask) &<< 3
        return table.withUnsafeBufferPointer { table in
            let words = table.baseAddress.unsafelyUnwrapped + block
            let first = min(
                FrequencySketch.count(0, mixed: mixed, in: words),
                FrequencySketch.count(1, mixed: mixed, in: words)
            )
            let second = min(
                FrequencySketch.count(2, mixed: mixed, in: words),
                FrequencySketch.count(3, mixed: mixed, in: words)
            )
            return Int(truncatingIfNeeded: min(first, second))
        }
    }

    /// Counts a use of the key with `hash`; ages the sketch when the sample is complete.
    ///
    /// The four counters are read and written through one unique access to the table, without
    /// bounds checks (every position lies in the key's block, inside the table) or branches.
    ///
    /// - Returns: The key's estimate after the use (and after aging, when it aged the sketch).
    /// - Complexity: O(1), amortized over the sample when it ages (O(`maximum`) then).
    @inline(__always)
    @discardableResult
    mutating func increment(_ hash: Int) -> Int {
        guard isInitialized else { return 0 }
        let mixed = FrequencySketch.mix(hash)
        let block = (Int(truncatingIfNeeded: mixed >> 32) & blockMask) &<< 3
        let (added, estimate) = table.withUnsafeMutableBufferPointer { table in
            let words = table.baseAddress.unsafelyUnwrapped + block
            let first = FrequencySketch.add(0, mixed: mixed, to: words)
            let second = FrequencySketch.add(1, mixed: mixed, to: words)
            let third = FrequencySketch.add(2, mixed: mixed, to: words)
            let fourth = FrequencySketch.add(3, mixed: mixed, to: words)
            return (
                first.changed | second.changed | third.changed | fourth.changed,
                min(min(first.value, second.value), min(third.value, fourth.value))
            )
        }
        guard added != 0 else { return Int(truncatingIfNeeded: estimate) }
        let agingsBefore = agings
        countUse()
        // Halving every counter halves their minimum.
        return Int(truncatingIfNeeded: agings == agingsBefore ? estimate : estimate >> 1)
    }

    /// Counts a use toward the sample whose counters ``add(_:uses:)`` raises later (a deferred
    /// use); ages the sketch when the sample is complete (``agings`` tells whether it did).
    @inline(__always)
    mutating func countUse() {
        additions &+= 1
        if additions >= sampleSize { age() }
    }

    /// Raises the counters of the key with `hash` by `uses` (each to at most 15), for uses that
    /// ``countUse()`` counted when they happened. Not a use itself: the sample does not grow.
    ///
    /// - Returns: The key's estimate afterwards.
    /// - Complexity: O(1).
    mutating func add(_ hash: Int, uses: Int) -> Int {
        guard isInitialized else { return 0 }
        let mixed = FrequencySketch.mix(hash)
        let block = (Int(truncatingIfNeeded: mixed >> 32) & blockMask) &<< 3
        return table.withUnsafeMutableBufferPointer { table in
            let words = table.baseAddress.unsafelyUnwrapped + block
            var estimate: UInt64 = 15
            for counter in 0..<4 {
                let (word, shift) = FrequencySketch.location(of: counter, mixed: mixed)
                let value = words[word]
                let old = (value &>> shift) & 0xF
                let new = Swift.min(old &+ UInt64(uses), 15)
                words[word] = value &+ ((new &- old) &<< shift)
                estimate = Swift.min(estimate, new)
            }
            return Int(estimate)
        }
    }

    /// Halves every counter.
    ///
    /// - Complexity: O(`maximum`).
    mutating func age() {
        agings &+= 1
        var oddCounters = 0
        for index in table.indices {
            oddCounters &+= (table[index] & FrequencySketch.oneMask).nonzeroBitCount
            table[index] = (table[index] &>> 1) & FrequencySketch.resetMask
        }
        additions = max(0, (additions >> 1) - (oddCounters >> 2))
    }

    /// Forgets every count and the table.
    mutating func removeAll() {
        self = FrequencySketch()
    }

    /// Adds 1 to counter `counter` (0...3) of a key in its block `words` unless it is 15, without
    /// a branch.
    ///
    /// - Returns: Whether the counter changed (1) or was already 15 (0), and its new value.
    @inline(__always)
    private static func add(
        _ counter: Int,
        mixed: UInt64,
        to words: UnsafeMutablePointer<UInt64>
    ) -> (changed: UInt64, value: UInt64) {
        let (word, shift) = location(of: counter, mixed: mixed)
        let value = words[word]
        let old = (value &>> shift) & 0xF
        let changed: UInt64 = old != 0xF ? 1 : 0
        words[word] = value &+ (changed &<< shift)
        return (changed, old &+ changed)
    }

    /// Counter `counter` (0...3) of a key in its block `words`.
    @inline(__always)
    private static func count(_ counter: Int, mixed: UInt64, in words: UnsafePointer<UInt64>) -> UInt64 {
        let (word, shift) = location(of: counter, mixed: mixed)
        return (words[word] &>> shift) & 0xF
    }

    /// The word (in the key's block) and bit offset of counter `counter` (0...3) of a key: byte
    /// `counter` of the low half of the mixed hash picks one of two words in the counter's pair
    /// and one of its 16 nibbles.
    @inline(__always)
    private static func location(of counter: Int, mixed: UInt64) -> (word: Int, shift: UInt64) {
        let selector = mixed &>> UInt64(counter &<< 3)
        let word = (counter &<< 1) | Int(truncatingIfNeeded: selector & 1)
        return (word, ((selector &>> 1) & 15) &<< 2)
    }

    /// Spreads the key's hash (SplitMix64's finalizer), so that the sketch does not depend on the
    /// quality of the hash it is given.
    private static func mix(_ hash: Int) -> UInt64 {
        var value = UInt64(UInt(bitPattern: hash))
        value = (value ^ (value &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value &>> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value &>> 31)
    }
}
