#if Redis
import CacheCore
import CacheManagement
import CachePolicies
import CacheRedis
import Testing

/// Redis going away, freezing and coming back, on servers the tests start, kill, pause and
/// restart themselves (`Scripts/redis-server.sh`; timeouts of 500 ms, backoff from 20 to 200 ms).
///
/// Time here is the wall clock: the limits checked are the client's own timeouts against a real
/// socket, which no test clock can stand in for; they are generous bounds, not measurements.
@Suite("Redis failures", .enabled(if: RedisTestEnvironment.hasServer, Comment(rawValue: RedisTestEnvironment.skipped)))
struct RedisFailureTests {
    @Test func aStoppedServerFallsBackAndARestartedOneTakesWritesWithNothingAcknowledgedLost() async throws {
        try await withOwnServer { server in
            let configuration = server.configuration()
            let database = Database(["fallback": "from the database"])
            let a = try await NearCacheInstance(
                "a",
                namespace: "near",
                configuration: configuration,
                database: database
            )
            let b = try await NearCacheInstance(
                "b",
                namespace: "near",
                configuration: configuration,
                database: database
            )
            for index in 0..<20 { try await a.layered.set("k\(index)", "v\(index)") }
            try await b.settle(after: a)
            #expect(try await b.layered.get("k0") == "v0")

            try await server.kill()
            let clock = ContinuousClock()
            let start = clock.now
            #expect(try await b.layered.get("k0") == "v0", "the in-process layer still answers")
            #expect(try await b.layered.get("fallback") == "from the database", "the loader answers")
            let readFailure = try #require(b.failures.all.first { $0.key == "fallback" && $0.operation == .get })
            let readError = try #require(readFailure.error as? RedisError)
            #expect([.connectionClosed, .connectionFailed, .unavailable].contains(readError.kind))
            await #expect(throws: LayeredCacheError<String>.self, "the caller hears of the failed write") {
                try await a.layered.set("unacknowledged", "x")
            }
            #expect(
                a.failures.all.contains {
                    $0.operation == .set && $0.key == "unacknowledged" && $0.layerName == "remote"
                },
                "so do the listeners"
            )
            #expect(clock.now - start < .seconds(5), "refused connections fail at once; nothing waited for a timeout")

            try await server.restart()
            try await eventually("writes to flow again", within: .seconds(10)) {
                (try? await a.layered.set("after", "restart")) != nil
            }
            try await withClient(configuration) { (client: RedisClient) async throws in
                let check = RedisCache<String, String>(client: client, namespace: "near")
                for index in 0..<20 { #expect(try await check.get("k\(index)") == "v\(index)", "acknowledged, kept") }
                #expect(try await check.get("unacknowledged") == nil)
                #expect(try await check.get("after") == "restart")
            }

            try await eventually("b to subscribe again") { b.subscription.resubscriptions == 1 }
            try await eventually("b to drop what it may have missed") { !b.local.contains("k0") }
            #expect(try await b.layered.get("k1") == "v1")
            try await a.layered.set("k1", "changed")
            try await eventually("b to hear of the change") { !b.local.contains("k1") }
            #expect(try await b.layered.get("k1") == "changed")
            await a.close()
            await b.close()
        }
    }

    @Test func aFrozenServerTimesOutCommandsAndConnectsWithoutHanging() async throws {
        try await withOwnServer { server in
            var configuration = server.configuration()
            configuration.connectTimeout = .milliseconds(500)
            configuration.commandTimeout = .milliseconds(500)
            try await withClient(configuration) { (client: RedisClient) async throws in
                let cache = RedisCache<String, String>(client: client, namespace: "frozen")
                try await eventually("a first connection, even on a loaded machine") {
                    (try? await cache.set("k", "v")) != nil
                }
                try await server.pause()
                let clock = ContinuousClock()
                var start = clock.now
                let timedOut = await redisError { try await cache.get("k") }
                #expect(timedOut?.kind == .commandTimedOut)
                #expect(
                    timedOut?.description
                        == "redis 127.0.0.1:\(server.port): GET: no reply in time; the connection was closed"
                )
                #expect(clock.now - start < .seconds(5), "500 ms, and some slack for a loaded machine")

                start = clock.now
                let connect = await redisError { try await cache.get("k") }
                #expect(connect?.kind == .connectTimedOut)
                #expect(connect?.message == "the handshake did not finish within 0.5 seconds")
                #expect(clock.now - start < .seconds(5))

                let layered = LayeredCache<String, String>(layers: [.remote(cache)], load: { _ in "loaded" })
                start = clock.now
                #expect(try await layered.get("k") == "loaded")
                #expect(clock.now - start < .seconds(5))

                try await server.resume()
                try await eventually("commands to succeed again") { (try? await cache.get("k")) == "v" }
            }
        }
    }

    @Test func betweenConnectionAttemptsCommandsFailAtOnce() async throws {
        try await withOwnServer { server in
            var configuration = server.configuration()
            configuration.reconnectBackoff = RedisReconnectBackoff(initial: .seconds(30), maximum: .seconds(30))
            try await withClient(configuration) { (client: RedisClient) async throws in
                #expect(try await client.send(RedisCommand("PING")) == .simpleString("PONG"))
                try await server.kill()
                try await eventually("the pool to notice") { client.openConnections == 0 }
                let refused = await redisError { try await client.send(RedisCommand("PING")) }
                #expect(refused?.kind == .connectionFailed)
                #expect(refused?.message.hasPrefix("could not connect") == true)
                let clock = ContinuousClock()
                let start = clock.now
                let waiting = await redisError { try await client.send(RedisCommand("PING")) }
                #expect(clock.now - start < .milliseconds(100))
                #expect(waiting?.kind == .unavailable)
                #expect(waiting?.message.hasPrefix("not connected: the last attempt failed (could not connect") == true)
                #expect(waiting?.message.contains("; the next one in ") == true)
            }
        }
    }
}
#endif
