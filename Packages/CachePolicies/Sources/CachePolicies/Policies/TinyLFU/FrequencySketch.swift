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

    /// Whether ``ensureCapacity(_:)`` has sized the table; before that nothing is counted.
    var isInitialized: Bool { !table.isEmpty }

    /// Sizes the table for a cache of `maximum` entries, forgetting all counts if it grows.
    ///
    /// - Complexity: O(`maximum`) when the table grows, O(1) otherwise.
    mutating func ensureCapacity(_ maximum: Int) {
        let maximum = min(max(maximum, 1), 1 << 30)
        var length = 8
        while length < maximum { length <<= 1 }
        guard table.count < length else { return }
        table = ContiguousArray(repeating: 0, count: length)
        blockMask = length / 8 - 1
        sampleSize = 10 * maximum
        additions = 0
    }

    /// The estimated number of recent uses of the key with `hash`, 0...15.
    ///
    /// - Complexity: O(1).
    func frequency(of hash: Int) -> Int {
        guard isInitialized else { return 0 }
        let mixed = FrequencySketch.mix(hash)
        let block = (Int(truncatingIfNeeded: mixed >> 32) & blockMask) &<< 3
        var minimum: UInt64 = 15
        for counter in 0..<4 {
            let (word, shift) = FrequencySketch.position(of: counter, mixed: mixed, block: block)
            minimum = min(minimum, (table[word] &>> shift) & 0xF)
        }
        return Int(minimum)
    }

    /// Counts a use of the key with `hash`; ages the sketch when the sample is complete.
    ///
    /// - Complexity: O(1), amortized over the sample when it ages (O(`maximum`) then).
    mutating func increment(_ hash: Int) {
        guard isInitialized else { return }
        let mixed = FrequencySketch.mix(hash)
        let block = (Int(truncatingIfNeeded: mixed >> 32) & blockMask) &<< 3
        var added = false
        for counter in 0..<4 {
            let (word, shift) = FrequencySketch.position(of: counter, mixed: mixed, block: block)
            if (table[word] &>> shift) & 0xF != 0xF {
                table[word] &+= 1 &<< shift
                added = true
            }
        }
        if added {
            additions &+= 1
            if additions >= sampleSize { age() }
        }
    }

    /// Halves every counter.
    ///
    /// - Complexity: O(`maximum`).
    mutating func age() {
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

    /// The word and bit offset of counter `counter` (0...3) of a key: byte `counter` of the low
    /// half of the mixed hash picks one of 16 nibbles and one of two words in the counter's pair.
    private static func position(of counter: Int, mixed: UInt64, block: Int) -> (word: Int, shift: UInt64) {
        let selector = (mixed &>> UInt64(counter &<< 3)) & 0xFF
        let word = block &+ (counter &<< 1) &+ Int(truncatingIfNeeded: selector & 1)
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
