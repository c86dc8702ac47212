@_spi(Randomness) import CachePolicies
import Foundation

/// The shape of the workloads: sizes, lengths and mixes, shared by every contender.
enum Shape {
    /// The entry limit of every cache except the memory workload's.
    static let capacity = 10_000
    /// Operations per benchmark iteration (the timed unit); ns/op is an iteration's time over this.
    static let operationsPerIteration = 100_000
    /// The length of each pregenerated stream; iterations walk it in turn.
    static let streamLength = 1_000_000
    /// The Zipf workloads' key space.
    static let zipfKeys = 100_000
    /// The Zipf exponent.
    static let zipfExponent = 0.99
    /// The share of writes in the mixed workloads.
    static let writeShare = 0.1
    /// Entries in the memory workload.
    static let memoryEntries = 1_000_000
    /// Operations of the mixed streams run before timing starts, to reach a steady state.
    static let warmUpOperations = 200_000
}

/// One operation of a mixed stream: a read or a write of a key.
struct Operation: Sendable {
    /// The key's position in the stream's key table.
    var key: Int32
    /// Whether it is a write.
    var isWrite: Bool
    /// For the TTL workload, the entry's TTL in microseconds.
    var ttlMicroseconds: Int32
}

/// Every stream the workloads use, generated once per key type from fixed seeds.
struct Streams<K: BenchmarkKey>: Sendable {
    /// Keys 0..<capacity, the contents of the get-hit workload's full cache.
    let residentKeys: [K]
    /// Uniform random reads of `residentKeys`.
    let hits: [K]
    /// Distinct keys, for the set-with-eviction and memory workloads.
    let distinctKeys: [K]
    /// The Zipf workloads' key table: the key of rank *r* (0 the most popular) at position *r*.
    let zipfKeyTable: [K]
    /// Positions in `zipfKeyTable` of the keys a mixed workload's cache starts with: `capacity`
    /// distinct ranks drawn uniformly, so that the cache does not start with the popular keys.
    let prefill: [Int]
    /// 90% reads, 10% writes, Zipf-distributed over `zipfKeyTable`.
    let mixed: [Operation]
    /// The TTL workload: half reads, half writes with TTLs of 1–20 ms, over 2 × capacity keys.
    let expiring: [Operation]

    init() {
        var random = SplitMix64(seed: 42)
        residentKeys = (0..<Shape.capacity).map(K.make)
        hits = (0..<Shape.streamLength).map { _ in K.make(Int.random(in: 0..<Shape.capacity, using: &random)) }
        distinctKeys = (0..<Shape.streamLength).map { K.make(Shape.capacity + $0 &* 7_919) }
        zipfKeyTable = (0..<Shape.zipfKeys).shuffled(using: &random).map { K.make(1_000_000_000 + $0) }
        prefill = Array((0..<Shape.zipfKeys).shuffled(using: &random).prefix(Shape.capacity))
        let zipf = ZipfDistribution(count: Shape.zipfKeys, exponent: Shape.zipfExponent)
        mixed = (0..<(Shape.streamLength + Shape.warmUpOperations)).map { _ in
            Operation(
                key: Int32(zipf.sample(using: &random)),
                isWrite: Double.random(in: 0..<1, using: &random) < Shape.writeShare,
                ttlMicroseconds: 0
            )
        }
        expiring = (0..<(Shape.streamLength + Shape.warmUpOperations)).map { _ in
            Operation(
                key: Int32.random(in: 0..<Int32(2 * Shape.capacity), using: &random),
                isWrite: Bool.random(using: &random),
                ttlMicroseconds: Int32.random(in: 1_000...20_000, using: &random)
            )
        }
    }
}

/// Ranks 0..<count drawn with probability proportional to 1 / (rank + 1)^exponent.
struct ZipfDistribution {
    private let cumulative: [Double]

    init(count: Int, exponent: Double) {
        var total = 0.0
        var cumulative: [Double] = []
        cumulative.reserveCapacity(count)
        for rank in 1...count {
            total += 1 / pow(Double(rank), exponent)
            cumulative.append(total)
        }
        self.cumulative = cumulative.map { $0 / total }
    }

    func sample(using random: inout some RandomNumberGenerator) -> Int {
        let target = Double.random(in: 0..<1, using: &random)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The streams, generated on first use.
let intStreams = Streams<Int>()
/// The streams with `String` keys and values, generated on first use.
let stringStreams = Streams<String>()
