#if ServiceLifecycle && Redis
import CacheLifecycle
import CacheRedis
import Foundation
import ServiceLifecycle
import Testing

/// The Redis server of the tests: `CACHE_REDIS_URL`, which `.ci/run` sets (locally:
/// `Scripts/redis-server.sh start /tmp/redis` and export `CACHE_REDIS_URL=redis://127.0.0.1:PORT`).
private let redisURL = ProcessInfo.processInfo.environment["CACHE_REDIS_URL"]

@Suite(
    "Redis services",
    .enabled(
        if: redisURL != nil,
        "CACHE_REDIS_URL is not set: start a server with Scripts/redis-server.sh (CI sets it)"
    )
)
struct RedisServicesTests {
    let clock = TestClock()
    let key = "cache-lifecycle-tests:\(UUID())"

    func client() throws -> RedisClient {
        var configuration = try RedisConfiguration(url: try #require(redisURL))
        // Generous limits: the root test step runs on 2 cores beside other work.
        configuration.connectTimeout = .seconds(30)
        configuration.commandTimeout = .seconds(60)
        return try RedisClient(configuration: configuration)
    }

    /// Waits until `client` has `count` commands in flight.
    func waitForCommands(_ count: Int, on client: RedisClient) async throws {
        while client.commandsInFlight < count { try await Task.sleep(for: .milliseconds(2)) }
    }

    @Test func aGracefulShutdownLetsTheCommandsInFlightFinishThenCloses() async throws {
        let redis = try client()
        let other = try client()
        let abandoned = Recorder<Int>()
        let service = RedisClientService(redis, drainTimeout: .seconds(30), clock: clock) { abandoned.append($0) }
        let group = ServiceGroup(services: [service], logger: quietLogger)
        try await running(group) { () async throws in
            // Blocks on the server until another client pushes to the list.
            let popping = Task { try await redis.send(RedisCommand("BLPOP", key, "0")) }
            try await waitForCommands(1, on: redis)
            await group.triggerGracefulShutdown()
            await clock.waitForSleep(1)  // draining: waiting for the reply, the deadline set
            #expect(abandoned.elements.isEmpty)
            #expect(redis.openConnections == 1)

            _ = try await other.send(RedisCommand("RPUSH", key, "done"))
            let reply = try await popping.value
            #expect(reply.elements?.map(\.string) == [key, "done"])
        }
        #expect(abandoned.elements == [0])
        #expect(redis.openConnections == 0)
        #expect(clock.pendingSleepers == 0)
        await #expect {
            _ = try await redis.send(RedisCommand("PING"))
        } throws: { error in
            (error as? RedisError)?.kind == .clientClosed
        }
        await other.close()
    }

    @Test func theDrainTimeoutCutsTheWaitShort() async throws {
        let redis = try client()
        let abandoned = Recorder<Int>()
        let service = RedisClientService(redis, drainTimeout: .seconds(5), clock: clock) { abandoned.append($0) }
        let group = ServiceGroup(services: [service], logger: quietLogger)
        let popping = Task { try await redis.send(RedisCommand("BLPOP", key, "0")) }
        try await running(group) { () async throws in
            try await waitForCommands(1, on: redis)
            await group.triggerGracefulShutdown()
            await clock.waitForSleep(1)
            clock.advance(by: .seconds(5))
        }
        #expect(abandoned.elements == [1])
        #expect(redis.openConnections == 0)
        await #expect(throws: RedisError.self) { try await popping.value }
    }

    @Test func cancellationClosesTheClientAtOnce() async throws {
        let redis = try client()
        _ = try await redis.send(RedisCommand("PING"))
        #expect(redis.openConnections == 1)
        let abandoned = Recorder<Int>()
        let service = RedisClientService(redis, drainTimeout: .seconds(30), clock: clock) { abandoned.append($0) }
        let running = Task { try await service.run() }
        running.cancel()
        try await running.value
        #expect(abandoned.elements == [0])
        #expect(redis.openConnections == 0)
        #expect(clock.sleeps == 0)  // no drain
    }

    @Test func theSubscriptionLastsAsLongAsTheGroup() async throws {
        let redis = try client()
        let publisher = try client()
        let channel = "\(key):channel"
        let messages = Recorder<String>()
        let subscriptions = Recorder<RedisSubscription>()
        let group = ServiceGroup(
            services: [
                RedisClientService(redis, drainTimeout: .seconds(5), clock: clock),
                RedisSubscriptionService {
                    let subscription = try await redis.subscribe(to: channel) { payload in
                        messages.append(RESPValue.bulkString(payload).string ?? "")
                    }
                    subscriptions.append(subscription)
                    return subscription
                },
            ],
            logger: quietLogger
        )
        try await running(group) { () async throws in
            while subscriptions.elements.isEmpty { try await Task.sleep(for: .milliseconds(2)) }
            let receivers = try await publisher.send(RedisCommand("PUBLISH", channel, "hello"))
            #expect(receivers.integer == 1)
            while messages.elements.isEmpty { try await Task.sleep(for: .milliseconds(2)) }
            #expect(messages.elements == ["hello"])
            await group.triggerGracefulShutdown()
        }
        // The subscription stopped before the client closed, and nothing listens any more.
        let subscription = try #require(subscriptions.elements.first)
        #expect(!subscription.isConnected)
        #expect(redis.openConnections == 0)
        // The server drops the subscriber when it reads the closed connection: wait for that.
        var subscribers: Int64? = nil
        for _ in 0..<1_000 {
            let reply = try await publisher.send(RedisCommand("PUBSUB", "NUMSUB", channel))
            subscribers = reply.elements?.last?.integer
            if subscribers == 0 { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(subscribers == 0)
        let receivers = try await publisher.send(RedisCommand("PUBLISH", channel, "late"))
        #expect(receivers.integer == 0)
        #expect(messages.elements == ["hello"])
        await publisher.close()
    }
}
#endif
