@_spi(Randomness) import CachePolicies

/// A synthetic request stream whose popular keys change: phases, each with its own hot set of
/// keys drawn from a Zipf distribution, optionally mixed with one-time scans and a loop;
/// reproducible from a seed.
///
/// Phase *p* draws from keys *p* × *shift* ..< *p* × *shift* + `hotKeys`, where *shift* is
/// (1 − `overlap`) × `hotKeys`: with overlap 0 each phase's hot set is disjoint from the last,
/// with overlap 0.5 half of it carries over. Each phase ranks its keys afresh (a seeded
/// permutation), so a key that carries over is not as popular as it was. With an abrupt
/// transition a phase ends at once; with a gradual one, the share of requests from the next
/// phase's keys grows from 0 to 1 over the phase. Of all requests, `scanShare` are keys never
/// seen before or after (a scan), and `loopShare` walk round a loop of `loopLength` keys.
public struct ShiftingWorkload: Hashable, Sendable, CustomStringConvertible {
    /// How one phase gives way to the next.
    public enum Transition: String, CaseIterable, Hashable, Sendable {
        /// The next phase's keys take over at once.
        case abrupt
        /// The next phase's keys take over request by request, over the whole phase.
        case gradual
    }

    /// The keys of each phase's hot set.
    public var hotKeys: Int
    /// The requests per phase.
    public var phaseLength: Int
    /// The fraction of a phase's hot set that the next phase keeps, 0 ≤ `overlap` < 1.
    public var overlap: Double
    /// How phases give way.
    public var transition: Transition
    /// The Zipf skew within a hot set.
    public var exponent: Double
    /// The fraction of requests that are one-time scan keys.
    public var scanShare: Double
    /// The fraction of requests that walk round the loop.
    public var loopShare: Double
    /// The keys of the loop.
    public var loopLength: Int
    /// The number of requests.
    public var requestCount: Int
    /// Fixes the stream.
    public var seed: UInt64

    /// Describes a workload.
    public init(
        hotKeys: Int = 5_000,
        phaseLength: Int = 25_000,
        overlap: Double = 0,
        transition: Transition = .abrupt,
        exponent: Double = 0.99,
        scanShare: Double = 0,
        loopShare: Double = 0,
        loopLength: Int = 10_000,
        requestCount: Int = 1_000_000,
        seed: UInt64 = 1
    ) {
        precondition(hotKeys > 0, "ShiftingWorkload: hotKeys must be positive, got \(hotKeys)")
        precondition(phaseLength > 0, "ShiftingWorkload: phaseLength must be positive, got \(phaseLength)")
        precondition(overlap >= 0 && overlap < 1, "ShiftingWorkload: overlap must be in 0..<1, got \(overlap)")
        precondition(exponent >= 0, "ShiftingWorkload: exponent must not be negative, got \(exponent)")
        precondition(
            scanShare >= 0 && loopShare >= 0 && scanShare + loopShare <= 1,
            "ShiftingWorkload: scanShare and loopShare must be at least 0 and add up to at most 1, got \(scanShare) and \(loopShare)"
        )
        precondition(loopLength > 0, "ShiftingWorkload: loopLength must be positive, got \(loopLength)")
        precondition(requestCount >= 0, "ShiftingWorkload: requestCount must not be negative, got \(requestCount)")
        self.hotKeys = hotKeys
        self.phaseLength = phaseLength
        self.overlap = overlap
        self.transition = transition
        self.exponent = exponent
        self.scanShare = scanShare
        self.loopShare = loopShare
        self.loopLength = loopLength
        self.requestCount = requestCount
        self.seed = seed
    }

    /// Where the scan's and the loop's keys start, apart from every hot set.
    static let scanKeys: UInt64 = 1 << 48
    static let loopKeys: UInt64 = 1 << 49

    /// How far each phase's hot set moves along the keys.
    var shift: Int { max(1, Int((1 - overlap) * Double(hotKeys))) }

    /// The request stream.
    ///
    /// - Complexity: O(`requestCount` × log `hotKeys` + `hotKeys` per phase).
    public func makeKeys() -> [UInt64] {
        var generator = SplitMix64(seed: seed)
        let ranks = ZipfRanks(count: hotKeys, exponent: exponent)
        var phases = (current: hotSet(of: 0), next: hotSet(of: 1))
        var phase = 0
        var scanned: UInt64 = 0
        var looped = 0
        var keys: [UInt64] = []
        keys.reserveCapacity(requestCount)
        for position in 0..<requestCount {
            if position / phaseLength != phase {
                phase = position / phaseLength
                phases = (phases.next, hotSet(of: phase + 1))
            }
            let kind = Double.random(in: 0..<1, using: &generator)
            if kind < scanShare {
                keys.append(ShiftingWorkload.scanKeys + scanned)
                scanned += 1
            } else if kind < scanShare + loopShare {
                keys.append(ShiftingWorkload.loopKeys + UInt64(looped))
                looped = looped + 1 == loopLength ? 0 : looped + 1
            } else {
                let progress = Double(position % phaseLength) / Double(phaseLength)
                let fromNext = transition == .gradual && Double.random(in: 0..<1, using: &generator) < progress
                let rank = ranks.draw(using: &generator)
                keys.append(fromNext ? phases.next[rank] : phases.current[rank])
            }
        }
        return keys
    }

    /// Phase `phase`'s hot keys, most popular first.
    private func hotSet(of phase: Int) -> [UInt64] {
        var generator = SplitMix64(seed: seed ^ (UInt64(phase) &* 0x9E37_79B9_7F4A_7C15))
        let base = UInt64(phase) * UInt64(shift)
        var keys = (0..<UInt64(hotKeys)).map { base + $0 }
        keys.shuffle(using: &generator)
        return keys
    }

    /// `shifting(5000 hot keys, phases of 25000, overlap 0.0, abrupt, zipf 0.99)`, with the scans
    /// and the loop when there are any.
    public var description: String {
        var parts = [
            "\(hotKeys) hot keys", "phases of \(phaseLength)", "overlap \(overlap)", transition.rawValue,
            "zipf \(exponent)",
        ]
        if scanShare > 0 { parts.append("\(scanShare * 100)% scans") }
        if loopShare > 0 { parts.append("\(loopShare * 100)% loop of \(loopLength)") }
        return "shifting(" + parts.joined(separator: ", ") + ")"
    }
}
