#if ServiceLifecycle
import CacheCore
import CacheLifecycle
import CacheManagement
import CachePolicies
import ServiceLifecycle
import Testing

@Suite("Expiry sweeper")
struct CacheExpirySweeperTests {
    let cacheClock = ManualClock()
    let clock = TestClock()

    @Test func sweepsIdleCachesEveryIntervalAndStopsAtShutdown() async throws {
        let users = Cache<String, Int>(
            name: "users",
            maxSize: 100,
            defaultTTL: .seconds(30),
            policy: .lru,
            clock: .manual(cacheClock)
        )
        let sessions = ShardedCache<String, Int>(maxSize: 100, defaultTTL: .seconds(5), clock: .manual(cacheClock))
        let removals = Recorder<String>()
        users.onRemoval { key, _, cause in removals.append("users:\(key):\(cause)") }
        users["a"] = 1
        users.set("b", 2, ttl: .seconds(10))
        users["c"] = 3
        sessions["s"] = 4
        let rounds = Recorder<Int>()
        let sweeper = CacheExpirySweeper(every: .seconds(1), caches: [users, sessions], clock: clock) {
            rounds.append($0)
        }
        let group = ServiceGroup(services: [sweeper], logger: quietLogger)

        try await running(group) { () async throws in
            await clock.waitForSleep(1)
            #expect(rounds.elements.isEmpty)  // the first round is one interval after the start

            cacheClock.advance(by: .seconds(10))  // b and s are due; nothing reads the caches
            clock.advance(by: .seconds(1))
            await clock.waitForSleep(2)
            #expect(removals.elements == ["users:b:expired"])
            #expect(rounds.elements == [2])

            clock.advance(by: .seconds(1))
            await clock.waitForSleep(3)
            #expect(rounds.elements == [2, 0])

            cacheClock.advance(by: .seconds(20))  // a and c are due
            clock.advance(by: .seconds(1))
            await clock.waitForSleep(4)
            #expect(removals.elements.sorted() == ["users:a:expired", "users:b:expired", "users:c:expired"])
            #expect(rounds.elements == [2, 0, 2])

            await group.triggerGracefulShutdown()
        }
        #expect(clock.pendingSleepers == 0)
        clock.advance(by: .seconds(10))
        #expect(rounds.elements == [2, 0, 2])  // no round after the service ended
        #expect(users.count == 0)
        #expect(sessions.count == 0)
    }

    @Test func sweepsTheCachesAManagerHasAtEachRound() async throws {
        let manager = try CacheManager(
            configuration: ["users": CacheSettings(maxSize: 10, ttl: .seconds(5))],
            clock: .manual(cacheClock)
        )
        let rounds = Recorder<Int>()
        let sweeper = CacheExpirySweeper(every: .seconds(2), manager: manager, clock: clock) { rounds.append($0) }
        let group = ServiceGroup(services: [sweeper], logger: quietLogger)

        try await running(group) { () async throws in
            await clock.waitForSleep(1)
            // Created after the sweeper started: the next round finds it.
            let users = try manager.cache(named: "users", as: Cache<String, Int>.self)
            users["a"] = 1
            manager.register(
                Cache<Int, Int>(name: "ids", maxSize: 10, defaultTTL: .seconds(1), clock: .manual(cacheClock))
            )
            let ids = try manager.cache(named: "ids", as: Cache<Int, Int>.self)
            ids[1] = 1
            ids[2] = 2
            cacheClock.advance(by: .seconds(5))
            clock.advance(by: .seconds(2))
            await clock.waitForSleep(2)
            #expect(rounds.elements == [3])
            await group.triggerGracefulShutdown()
        }
        #expect(clock.pendingSleepers == 0)
    }

    @Test func aLateRoundIsNotMadeUpFor() async throws {
        let rounds = Recorder<Int>()
        let sweeper = CacheExpirySweeper(every: .seconds(1), caches: [], clock: clock) { rounds.append($0) }
        let group = ServiceGroup(services: [sweeper], logger: quietLogger)
        try await running(group) { () async throws in
            await clock.waitForSleep(1)
            clock.advance(by: .seconds(5))  // five intervals pass at once: one round
            await clock.waitForSleep(2)
            #expect(rounds.elements == [0])
            #expect(clock.sleeps == 2)
            await group.triggerGracefulShutdown()
        }
    }

    @Test func cancellationEndsTheSweeper() async throws {
        let rounds = Recorder<Int>()
        let sweeper = CacheExpirySweeper(every: .seconds(1), caches: [], clock: clock) { rounds.append($0) }
        let task = Task { try await sweeper.run() }
        await clock.waitForSleep(1)
        task.cancel()
        try await task.value
        #expect(clock.pendingSleepers == 0)
        #expect(rounds.elements.isEmpty)
    }

    @Test func sweepRunsOneRoundAtOnce() {
        let cache = Cache<String, Int>(maxSize: 10, defaultTTL: .seconds(1), clock: .manual(cacheClock))
        cache["a"] = 1
        cache["b"] = 2
        let sweeper = CacheExpirySweeper(every: .seconds(60), caches: [cache])
        #expect(sweeper.sweep() == 0)
        cacheClock.advance(by: .seconds(1))
        #expect(sweeper.sweep() == 2)
    }
}
#endif
