import CacheCore
import Testing

@Suite("Clocks and time")
struct ClockAndTimeTests {
    @Test func manualClockMovesOnlyWhenAdvanced() {
        let clock = ManualClock(start: CacheInstant(nanoseconds: 100))
        let cacheClock = CacheClock.manual(clock)
        #expect(cacheClock.now() == CacheInstant(nanoseconds: 100))
        clock.advance(by: .milliseconds(2))
        #expect(cacheClock.now() == CacheInstant(nanoseconds: 2_000_100))
        clock.advance(to: CacheInstant(nanoseconds: 5_000_000))
        #expect(clock.now.nanoseconds == 5_000_000)
    }

    @Test func systemClocksAreMonotonic() {
        for clock in [CacheClock.system, .coarse, CacheClock(ContinuousClock())] {
            var previous = clock.now()
            #expect(previous.nanoseconds >= 0)
            for _ in 0..<1_000 {
                let next = clock.now()
                #expect(next >= previous)
                previous = next
            }
        }
    }

    @Test func instantArithmeticSaturates() {
        let instant = CacheInstant(nanoseconds: 10)
        #expect(instant + .nanoseconds(5) == CacheInstant(nanoseconds: 15))
        #expect(instant.advanced(by: .seconds(Int64.max)) == .distantFuture)
        #expect(CacheInstant(nanoseconds: 15) - instant == .nanoseconds(5))
        #expect(Duration.seconds(Int64.max).cacheNanoseconds == .max)
        #expect(Duration.milliseconds(1_500).cacheNanoseconds == 1_500_000_000)
    }

    @Test func timeToLiveShorthands() {
        #expect(TimeToLive.seconds(90) == .after(.seconds(90)))
        #expect(TimeToLive.minutes(15) == .after(.seconds(900)))
        #expect(TimeToLive.hours(2) == .after(.seconds(7_200)))
        #expect(TimeToLive.milliseconds(5) == .after(.milliseconds(5)))
        #expect(TimeToLive.seconds(0.5) == .after(.milliseconds(500)))
        #expect(TimeToLive.never.duration == nil)
        #expect(TimeToLive.never.description == "never")
    }

    @Test func removalCausesKnowWhetherTheyWereAutomatic() {
        #expect(RemovalCause.allCases.filter(\.wasAutomatic) == [.expired, .evicted, .collected])
        #expect(RemovalCause.replaced.description == "replaced")
    }

    @Test func cacheSlotsIndexArrays() {
        #expect(CacheSlot(index: 7).rawValue == 7)
        #expect(CacheSlot(3).index == 3)
        #expect(CacheSlot(1) < CacheSlot(2))
    }
}
