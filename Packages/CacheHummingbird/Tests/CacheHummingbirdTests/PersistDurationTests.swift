#if Hummingbird
import CacheCore
import Testing

@testable import CacheHummingbird

@Suite("Persist durations")
struct PersistDurationTests {
    @Test func wholeMillisecondsRoundUpAndSaturate() {
        #expect(Duration.milliseconds(1_500).wholeMilliseconds == 1_500)
        #expect(Duration.microseconds(1_001).wholeMilliseconds == 2)
        #expect(Duration.seconds(Int64.max).wholeMilliseconds == .max)
        #expect(Duration.seconds(Int64.min).wholeMilliseconds == .min)
        let largestSeconds = Int64.max / 1_000
        #expect(Duration.seconds(largestSeconds).wholeMilliseconds == largestSeconds * 1_000)
        #expect((Duration.seconds(largestSeconds) + .milliseconds(999)).wholeMilliseconds == .max)
    }

    @Test func aNegativeDurationIsAZeroTTL() {
        #expect(Duration.seconds(-3).persistTTL == .after(.zero))
        #expect(Duration.seconds(3).persistTTL == .after(.seconds(3)))
    }

    @Test func saturatingAdditionStopsAtTheBounds() {
        #expect(Int64.max.saturatingAdding(1) == .max)
        #expect(Int64.min.saturatingAdding(-1) == .min)
        #expect(Int64(2).saturatingAdding(3) == 5)
    }
}
#endif
