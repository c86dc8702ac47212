@_spi(Randomness) import CachePolicies
import Foundation

/// A synthetic request stream: keys drawn from a Zipf distribution, reproducible from a seed.
///
/// Rank *r* (1...`keyCount`) is drawn with probability proportional to 1/*r*^`exponent`; ranks
/// are mapped to keys through a seeded random permutation, so popular keys are not simply the
/// small ones. Exponent 0.99 is the skew of typical web and key-value caches; 0.7 is milder.
public struct ZipfWorkload: Hashable, Sendable, CustomStringConvertible {
    /// The number of distinct keys that may be requested.
    public var keyCount: Int
    /// The skew: 0 is uniform, larger values concentrate requests on fewer keys.
    public var exponent: Double
    /// The number of requests.
    public var requestCount: Int
    /// Fixes the stream.
    public var seed: UInt64

    /// Describes a workload.
    public init(keyCount: Int = 100_000, exponent: Double = 0.99, requestCount: Int = 1_000_000, seed: UInt64 = 1) {
        precondition(keyCount > 0, "ZipfWorkload: keyCount must be positive, got \(keyCount)")
        precondition(exponent >= 0, "ZipfWorkload: exponent must not be negative, got \(exponent)")
        precondition(requestCount >= 0, "ZipfWorkload: requestCount must not be negative, got \(requestCount)")
        self.keyCount = keyCount
        self.exponent = exponent
        self.requestCount = requestCount
        self.seed = seed
    }

    /// The request stream.
    ///
    /// - Complexity: O(`keyCount` + `requestCount` × log `keyCount`).
    public func makeKeys() -> [UInt64] {
        var generator = SplitMix64(seed: seed)
        let ranks = ZipfRanks(count: keyCount, exponent: exponent)
        var keyOfRank = (0..<UInt64(keyCount)).map { $0 }
        keyOfRank.shuffle(using: &generator)
        var keys: [UInt64] = []
        keys.reserveCapacity(requestCount)
        for _ in 0..<requestCount {
            keys.append(keyOfRank[ranks.draw(using: &generator)])
        }
        return keys
    }

    /// `zipf(α) over N keys, M requests`.
    public var description: String {
        "zipf(\(exponent)) over \(keyCount) keys, \(requestCount) requests, seed \(seed)"
    }
}

/// Draws ranks 0..<`count` from a Zipf distribution: rank *r* with probability proportional to
/// 1/(*r* + 1)^`exponent`.
struct ZipfRanks {
    private var cumulative: [Double]
    private var total: Double

    /// Tabulates the distribution.
    ///
    /// - Complexity: O(`count`).
    init(count: Int, exponent: Double) {
        cumulative = [Double](repeating: 0, count: count)
        total = 0
        for rank in 0..<count {
            total += 1 / pow(Double(rank + 1), exponent)
            cumulative[rank] = total
        }
    }

    /// A rank.
    ///
    /// - Complexity: O(log `count`).
    func draw(using generator: inout SplitMix64) -> Int {
        let target = Double.random(in: 0..<total, using: &generator)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
