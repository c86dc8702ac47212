/// Caffeine's hill climber for the size of W-TinyLFU's window (Einziger, Eytan, Friedman and
/// Manes, "Adaptive Software Cache Management", Middleware 2018; Caffeine 2.7 and later).
///
/// After each sample of requests it compares the sample's hit rate with the previous one: if it
/// did not get worse it keeps moving the window in the same direction, otherwise it turns round.
/// The step starts at 6.25% of the cache, shrinks by 2% per sample, and starts again at 6.25%
/// when the hit rate moves by 5 points or more.
struct HillClimber {
    static let stepPercent = 0.0625
    static let stepDecayRate = 0.98
    static let restartThreshold = 0.05

    private var hitsInSample = 0
    private var missesInSample = 0
    private var previousHitRate = 0.0
    /// The next step, in entries; negative shrinks the window.
    private var stepSize: Double

    /// Creates a climber for a cache of `maximum` entries; its first step shrinks the window.
    init(maximum: Int) {
        stepSize = -HillClimber.stepPercent * Double(maximum)
    }

    /// Counts a request.
    mutating func record(hit: Bool) {
        if hit { hitsInSample &+= 1 } else { missesInSample &+= 1 }
    }

    /// Forgets the sample so far (before the frequency sketch exists, hit rates mean nothing).
    mutating func discardSample() {
        hitsInSample = 0
        missesInSample = 0
        previousHitRate = 0
    }

    /// Once `sampleSize` requests were counted: how many entries the window should grow (or,
    /// negative, shrink) by; `nil` while the sample is incomplete.
    mutating func adjustment(sampleSize: Int, maximum: Int) -> Int? {
        let requests = hitsInSample + missesInSample
        guard requests >= sampleSize, requests > 0 else { return nil }
        let hitRate = Double(hitsInSample) / Double(requests)
        let change = hitRate - previousHitRate
        let amount = change >= 0 ? stepSize : -stepSize
        stepSize =
            abs(change) >= HillClimber.restartThreshold
            ? HillClimber.stepPercent * Double(maximum) * (amount >= 0 ? 1 : -1)
            : HillClimber.stepDecayRate * amount
        previousHitRate = hitRate
        hitsInSample = 0
        missesInSample = 0
        return Int(amount)
    }
}
