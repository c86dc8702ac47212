#if Redis
import CacheRedis
import NIOCore
import Testing

/// The client against a real server (`CACHE_REDIS_URL`, and `CACHE_REDIS_AUTH_URL` for
/// authentication): both protocols, pipelining, the pool's limit, `SELECT`, `AUTH`.
@Suite("Redis client", .enabled(if: RedisTestEnvironment.hasServer, Comment(rawValue: RedisTestEnvironment.skipped)))
struct RedisClientTests {
    func bulk(_ text: String) -> RESPValue { .bulkString(ByteBuffer(string: text)) }

    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func commandsAndPipelinesGetTheirOwnReplies(protocolVersion: RedisProtocolVersion) async throws {
        try await withClient(try RedisTestEnvironment.configuration(protocolVersion)) {
            (client: RedisClient) async throws in
            let key = RedisTestEnvironment.uniqueNamespace("client")
            #expect(try await client.send(RedisCommand("SET", key, "1")) == .simpleString("OK"))
            let replies = try await client.pipeline((0..<500).map { _ in RedisCommand("INCR", key) })
            #expect(replies.map(\.integer) == (2...501).map { Int64($0) })
            _ = try await client.send(RedisCommand("HSET", key + ":h", "field", "value"))
            let hash = try await client.send(RedisCommand("HGETALL", key + ":h"))
            if protocolVersion == .resp3 {
                #expect(hash == .map([bulk("field"): bulk("value")]))
            } else {
                #expect(hash == .array([bulk("field"), bulk("value")]))
            }
            let wrongType = await redisError { try await client.send(RedisCommand("INCR", key + ":h")) }
            #expect(wrongType?.kind == .serverError)
            #expect(wrongType?.command == "INCR")
            #expect(wrongType?.message.hasPrefix("WRONGTYPE") == true)
            let mixed = await redisError {
                try await client.pipeline([RedisCommand("GET", key), RedisCommand("INCR", key + ":h")])
            }
            #expect(mixed?.kind == .serverError, "a pipeline throws the first error once every reply is in")
            #expect(try await client.send(RedisCommand("GET", key)) == bulk("501"), "the connection is still usable")
            _ = try await client.send(RedisCommand("DEL", key, key + ":h"))
        }
    }

    @Test func selectChoosesTheDatabase() async throws {
        var inDatabase3 = try RedisTestEnvironment.configuration()
        inDatabase3.database = 3
        let key = RedisTestEnvironment.uniqueNamespace("select")
        try await withClient(inDatabase3) { (client: RedisClient) async throws in
            _ = try await client.send(RedisCommand("SET", key, "three"))
        }
        try await withClient(try RedisTestEnvironment.configuration()) { (client: RedisClient) async throws in
            #expect(try await client.send(RedisCommand("GET", key)) == .null)
        }
        try await withClient(inDatabase3) { (client: RedisClient) async throws in
            #expect(try await client.send(RedisCommand("GET", key)) == bulk("three"))
            _ = try await client.send(RedisCommand("DEL", key))
        }
    }

    @Test func thePoolOpensNoMoreThanItsLimitAndPipelinesOnWhatItHas() async throws {
        try await withClient(try RedisTestEnvironment.configuration(maximumConnections: 3)) {
            (client: RedisClient) async throws in
            let key = RedisTestEnvironment.uniqueNamespace("pool")
            let counts = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<400 {
                    group.addTask { try await client.send(RedisCommand("INCR", key)).integer ?? -1 }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(counts.sorted() == (1...400).map { Int64($0) }, "every caller got its own reply")
            #expect((1...3).contains(client.openConnections))
            _ = try await client.send(RedisCommand("DEL", key))
        }
        try await withClient(try RedisTestEnvironment.configuration(maximumConnections: 1)) {
            (client: RedisClient) async throws in
            let names = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 { group.addTask { try await client.send(RedisCommand("CLIENT", "ID")).description } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(names.count == 1, "one connection carries every command")
            #expect(client.openConnections == 1)
        }
    }

    @Test func aClosedClientRefusesCommands() async throws {
        let client = try RedisClient(configuration: try RedisTestEnvironment.configuration())
        _ = try await client.send(RedisCommand("PING"))
        await client.close()
        let error = await redisError { try await client.send(RedisCommand("PING")) }
        #expect(error?.kind == .clientClosed)
    }

    @Test(
        .enabled(if: RedisTestEnvironment.hasAuthServer, Comment(rawValue: RedisTestEnvironment.authSkipped)),
        arguments: [RedisProtocolVersion.resp2, .resp3]
    )
    func aPasswordAuthenticates(protocolVersion: RedisProtocolVersion) async throws {
        try await withClient(try RedisTestEnvironment.authConfiguration(protocolVersion)) {
            (client: RedisClient) async throws in
            #expect(try await client.send(RedisCommand("PING")) == .simpleString("PONG"))
            #expect(try await client.send(RedisCommand("ACL", "WHOAMI")) == bulk("default"))
        }
    }

    @Test(
        .enabled(if: RedisTestEnvironment.hasAuthServer, Comment(rawValue: RedisTestEnvironment.authSkipped)),
        arguments: [RedisProtocolVersion.resp2, .resp3]
    )
    func anACLUserAuthenticatesAndKeepsItsPermissions(protocolVersion: RedisProtocolVersion) async throws {
        let user = RedisTestEnvironment.uniqueNamespace("user")
        let admin = try RedisTestEnvironment.authConfiguration()
        try await withClient(admin) { (client: RedisClient) async throws in
            _ = try await client.send(RedisCommand("ACL", "SETUSER", user, "on", ">user-secret", "~\(user):*", "+@all"))
        }
        var configuration = try RedisTestEnvironment.authConfiguration(protocolVersion)
        configuration.username = user
        configuration.password = "user-secret"
        try await withClient(configuration) { (client: RedisClient) async throws in
            #expect(try await client.send(RedisCommand("ACL", "WHOAMI")) == bulk(user))
            #expect(try await client.send(RedisCommand("SET", "\(user):x", "1")) == .simpleString("OK"))
            let denied = await redisError { try await client.send(RedisCommand("SET", "elsewhere", "1")) }
            #expect(denied?.kind == .serverError)
            #expect(denied?.message.hasPrefix("NOPERM") == true)
        }
        configuration.password = "not-it"
        let wrong = await redisError { try await withClient(configuration) { try await $0.send(RedisCommand("PING")) } }
        #expect(wrong?.kind == .authenticationFailed)
        #expect(wrong?.message.contains("authentication as '\(user)' failed") == true)
        try await withClient(admin) { (client: RedisClient) async throws in
            _ = try await client.send(RedisCommand("ACL", "DELUSER", user))
        }
    }

    @Test(
        .enabled(if: RedisTestEnvironment.hasAuthServer, Comment(rawValue: RedisTestEnvironment.authSkipped)),
        arguments: [RedisProtocolVersion.resp2, .resp3]
    )
    func aWrongOrMissingPasswordIsAClearError(protocolVersion: RedisProtocolVersion) async throws {
        var configuration = try RedisTestEnvironment.authConfiguration(protocolVersion)
        configuration.password = "wrong"
        let wrong = await redisError { try await withClient(configuration) { try await $0.send(RedisCommand("PING")) } }
        #expect(wrong?.kind == .authenticationFailed)
        #expect(wrong?.description.contains("authentication as 'default' failed: WRONGPASS") == true)
        configuration.password = nil
        let missing = await redisError {
            try await withClient(configuration) { try await $0.send(RedisCommand("PING")) }
        }
        #expect(missing?.kind == .authenticationFailed)
        #expect(missing?.message.contains("NOAUTH") == true)
    }
}
#endif
