#if Redis
import CacheCore
import CacheRedis
import Foundation
import NIOCore
import Testing

/// `RedisCache` against a real server (`CACHE_REDIS_URL`): every operation, TTLs in
/// milliseconds, bulk operations, filters with fnmatch semantics, namespaces, key and value coding.
@Suite("Redis cache", .enabled(if: RedisTestEnvironment.hasServer, Comment(rawValue: RedisTestEnvironment.skipped)))
struct RedisCacheTests {
    struct User: Codable, Hashable, Sendable {
        var name: String
        var age: Int
    }

    static let alice = User(name: "Alice", age: 31)
    static let bob = User(name: "Bob", age: 27)

    /// Runs `body` with a cache in a fresh namespace, cleared afterwards.
    func withCache<Key: LosslessStringConvertible & Hashable & Sendable, Value: Codable & Sendable>(
        _ key: Key.Type,
        _ value: Value.Type,
        protocolVersion: RedisProtocolVersion = .resp3,
        defaultTTL: TimeToLive? = nil,
        _ body: (RedisCache<Key, Value>, RedisClient) async throws -> Void
    ) async throws {
        try await withClient(try RedisTestEnvironment.configuration(protocolVersion)) { client in
            let cache = RedisCache<Key, Value>(
                client: client,
                namespace: RedisTestEnvironment.uniqueNamespace(),
                defaultTTL: defaultTTL
            )
            try await body(cache, client)
            try await cache.clear()
        }
    }

    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func everyOperation(protocolVersion: RedisProtocolVersion) async throws {
        try await withCache(String.self, User.self, protocolVersion: protocolVersion) { users, client in
            #expect(try await users.get("alice") == nil)
            try await users.set("alice", Self.alice)
            #expect(try await users.get("alice") == Self.alice)
            let raw = try await client.send(RedisCommand("GET", users.namespace + ":alice"))
            #expect(
                try JSONDecoder().decode(User.self, from: Data(try #require(raw.bytes).readableBytesView)) == Self.alice
            )
            #expect(users.redisKey(for: "alice") == users.namespace + ":alice")
            #expect(try await users.contains("alice"))
            #expect(try await !users.contains("bob"))
            #expect(try await !users.add("alice", Self.bob))
            #expect(try await users.get("alice") == Self.alice)
            #expect(try await users.add("bob", Self.bob))
            #expect(try await users.count() == 2)
            #expect(try await users.delete("alice"))
            #expect(try await !users.delete("alice"))
            #expect(try await users.get("alice") == nil)
            #expect(try await users.count() == 1)
            try await users.clear()
            #expect(try await users.count() == 0)
        }
    }

    /// The server's clock, in milliseconds since 1970.
    func serverMilliseconds(_ client: RedisClient) async throws -> Int64 {
        let time = try await client.send(RedisCommand("TIME")).elements ?? []
        return (time.first?.integer ?? 0) * 1_000 + (time.last?.integer ?? 0) / 1_000
    }

    /// Checks that `write` gives `key` a deadline `milliseconds` after the server ran it, to the
    /// millisecond: the deadline (`PEXPIRETIME`) lies between the server's clock before and after
    /// the write, plus the TTL, whatever the delays between the commands.
    func expectDeadline(
        of key: String,
        in cache: RedisCache<String, User>,
        _ milliseconds: Int64,
        sourceLocation: SourceLocation = #_sourceLocation,
        after write: () async throws -> Void
    ) async throws {
        let before = try await serverMilliseconds(cache.client)
        try await write()
        let after = try await serverMilliseconds(cache.client)
        let deadline = try await cache.client.send(RedisCommand("PEXPIRETIME", cache.redisKey(for: key))).integer ?? 0
        #expect(
            (before + milliseconds)...(after + milliseconds) ~= deadline,
            "deadline \(deadline - before) ms after the first clock reading",
            sourceLocation: sourceLocation
        )
    }

    @Test func ttlsAreSentInMilliseconds() async throws {
        try await withCache(String.self, User.self, defaultTTL: .seconds(10)) { users, client in
            // A minute and a fraction: no whole number of seconds, and no expiry before the checks
            // on a loaded machine (a 1.5 s TTL expired first there).
            try await expectDeadline(of: "short", in: users, 61_500) {
                try await users.set("short", Self.alice, ttl: .milliseconds(61_500))
            }
            let short = try #require(try await users.timeToLive(forKey: "short")?.duration)
            #expect(short > .seconds(30) && short <= .milliseconds(61_500))
            try await expectDeadline(of: "default", in: users, 10_000) { try await users.set("default", Self.alice) }
            try await expectDeadline(of: "rounded", in: users, 61_002) {
                try await users.set("rounded", Self.alice, ttl: .after(.microseconds(61_001_001)))
            }
            try await users.set("forever", Self.alice, ttl: .never)
            #expect(try await users.timeToLive(forKey: "forever") == .never)
            #expect(try await users.timeToLive(forKey: "absent") == nil)
            try await users.set("tiny", Self.alice, ttl: .after(.microseconds(1_500)))
            let tiny = try await client.send(RedisCommand("PTTL", users.redisKey(for: "tiny")))
            #expect((-2...2).contains(tiny.integer ?? 99), "1.5 ms is sent as PX 2, rounded up")
            try await users.set("forever", Self.alice, ttl: .seconds(0))
            #expect(try await users.get("forever") == nil, "a zero TTL stores an entry that is already dead")
            #expect(try await users.add("dead", Self.alice, ttl: .seconds(0)))
            #expect(try await !users.contains("dead"))
        }
    }

    @Test(arguments: [RedisProtocolVersion.resp2, .resp3])
    func bulkOperations(protocolVersion: RedisProtocolVersion) async throws {
        try await withCache(String.self, User.self, protocolVersion: protocolVersion) { users, _ in
            let many = (0..<2_500).map { (key: "user\($0)", value: User(name: "n\($0)", age: $0)) }
            try await users.setMany(many, ttl: .seconds(60))
            let ttl = try #require(try await users.timeToLive(forKey: "user2499")?.duration)
            #expect(ttl > .seconds(30) && ttl <= .seconds(60))
            let wanted = ["user3", "missing", "user2400", "user3"]
            #expect(
                try await users.getMany(.keys(wanted))
                    == ["user3": User(name: "n3", age: 3), "user2400": User(name: "n2400", age: 2_400)]
            )
            let all = try await users.getMany(.keys(many.map(\.key)))
            #expect(all.count == 2_500 && all["user1234"]?.age == 1_234)
            #expect(try await users.keys(matching: .keys(["user9", "nope", "user1", "user9"])) == ["user9", "user1"])
            #expect(try await users.deleteMany(.keys(["user1", "user2", "nope"])) == 2)
            #expect(try await users.count() == 2_498)
            #expect(try await users.getMany(.keys([String]())) == [:])
            try await users.setMany([], ttl: nil)
        }
    }

    @Test func bulkOperationsAreOneCommandEachAndNothingUsesKEYS() async throws {
        try await withOwnServer { server in
            try await withClient(server.configuration()) { (client: RedisClient) async throws in
                let cache = RedisCache<String, Int>(client: client, namespace: "stats")
                /// The commands the server ran since the last call, by name, with how many times.
                func commands() async throws -> [String: Int] {
                    let info = try await client.send(RedisCommand("INFO", "commandstats")).string ?? ""
                    _ = try await client.send(RedisCommand("CONFIG", "RESETSTAT"))
                    var calls: [String: Int] = [:]
                    for line in info.split(whereSeparator: \.isNewline) where line.hasPrefix("cmdstat_") {
                        let name = line.dropFirst("cmdstat_".count).prefix { $0 != ":" }
                        let count = line.split(separator: ":calls=").dropFirst().first?.prefix { $0.isNumber }
                        if !name.hasPrefix("config") && name != "info" { calls[String(name)] = Int(count ?? "") }
                    }
                    return calls
                }
                _ = try await commands()
                try await cache.setMany((0..<50).map { ("k\($0)", $0) }, ttl: .seconds(60))
                #expect(try await commands() == ["set": 50, "publish": 1])
                #expect(try await cache.getMany(.keys((0..<50).map { "k\($0)" })).count == 50)
                #expect(try await commands() == ["mget": 1])
                #expect(try await cache.deleteMany(.keys(["k1", "k2", "k3"])) == 3)
                #expect(try await commands() == ["unlink": 1, "publish": 1])
                #expect(try await cache.deleteMany(.glob("k4*")) == 11)
                #expect(try await commands() == ["scan": 1, "unlink": 1, "publish": 1])
                try await cache.clear()
                #expect(try await commands() == ["scan": 1, "unlink": 1, "publish": 1])
                #expect(try await cache.count() == 0)
            }
        }
    }

    @Test func filtersOtherThanKeyListsFollowFnmatchAndStayInTheNamespace() async throws {
        try await withCache(String.self, Int.self) { cache, client in
            let keys = ["user:1", "user:22", "user:3:name", "users", "admin:1", "[x]", "a*b", "a\\b", "é1", "-"]
            try await cache.setMany(keys.enumerated().map { ($1, $0) }, ttl: nil)
            let neighbour = RedisCache<String, Int>(client: client, namespace: cache.namespace + "x")
            try await neighbour.set("user:1", 99)
            _ = try await client.send(RedisCommand("SET", cache.namespace, "not in the namespace"))
            func found(_ filter: KeyFilter<String>) async throws -> [String] {
                try await cache.keys(matching: filter).sorted()
            }
            #expect(try await found(.glob("user:*")) == ["user:1", "user:22", "user:3:name"])
            #expect(try await found(.glob("user:?")) == ["user:1"])
            #expect(try await found(.glob("[!u]*")) == ["-", "[x]", "a*b", "a\\b", "admin:1", "é1"])
            #expect(try await found(.glob("[[]x]")) == ["[x]"])
            #expect(try await found(.glob("a[*]b")) == ["a*b"])
            #expect(try await found(.glob("a\\b")) == ["a\\b"], "a backslash is a literal in fnmatch")
            #expect(try await found(.glob("?1")) == ["é1"], "? is one character, not one byte")
            #expect(try await found(.glob("[a-]")) == ["-"])
            #expect(try await found(.regex(/user:\d+/)) == ["user:1", "user:22", "user:3:name"])
            #expect(try await found(.where { $0.count == 3 }) == ["[x]", "a*b", "a\\b"])
            #expect(try await cache.getMany(.glob("user:2*")) == ["user:22": 1])
            #expect(try await cache.deleteMany(.glob("user:*")) == 3)
            #expect(try await cache.deleteMany(.regex(/a/)) == 3)
            #expect(try await found(.all) == ["-", "[x]", "users", "é1"])
            #expect(try await cache.count() == 4)
            try await cache.clear()
            #expect(try await cache.count() == 0)
            #expect(try await neighbour.get("user:1") == 99, "clear removes this namespace only")
            #expect(try await client.send(RedisCommand("EXISTS", cache.namespace)).integer == 1)
            try await neighbour.clear()
            _ = try await client.send(RedisCommand("DEL", cache.namespace))
        }
    }

    @Test func globsMatchLikeGlobPatternOnRandomKeysAndPatterns() async throws {
        try await withCache(String.self, Int.self) { cache, _ in
            let alphabet: [String] = ["a", "b", "*", "?", "[", "]", "!", "-", "\\", "^", "é", ":"]
            var generator = SplitMix(seed: 7)
            func word(_ length: ClosedRange<Int>) -> String {
                (0..<Int.random(in: length, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                    .joined()
            }
            let keys = Array(Set((0..<150).map { _ in word(0...4) }))
            try await cache.setMany(keys.map { ($0, 1) }, ttl: .seconds(60))
            for _ in 0..<150 {
                let pattern = word(1...5)
                let expected = keys.filter { GlobPattern(pattern).matches($0) }.sorted()
                #expect(try await cache.keys(matching: .glob(pattern)).sorted() == expected, "pattern \(pattern)")
            }
        }
    }

    @Test func keysAreRenderedAndParsedByTheKeyCoding() async throws {
        try await withCache(Int.self, String.self) { numbers, client in
            try await numbers.setMany((1...6).map { ($0, "n\($0)") }, ttl: nil)
            #expect(numbers.redisKey(for: 42) == numbers.namespace + ":42")
            _ = try await client.send(RedisCommand("SET", numbers.namespace + ":not-a-number", "\"x\""))
            #expect(try await numbers.keys(matching: .where { $0 % 2 == 0 }).sorted() == [2, 4, 6])
            #expect(try await numbers.count() == 6, "keys that do not parse are not the cache's")
            #expect(try await numbers.getMany(.where { $0 > 4 }) == [5: "n5", 6: "n6"])
        }
        try await withClient(try RedisTestEnvironment.configuration()) { client in
            struct UserID: Hashable, Sendable { let raw: UUID }
            let coding = RedisKeyCoding<UserID>(
                render: { $0.raw.uuidString },
                parse: { UUID(uuidString: $0).map(UserID.init) }
            )
            let cache = RedisCache<UserID, String>(
                client: client,
                namespace: RedisTestEnvironment.uniqueNamespace(),
                keyCoding: coding
            )
            let id = UserID(raw: UUID())
            try await cache.set(id, "someone")
            #expect(cache.redisKey(for: id) == "\(cache.namespace):\(id.raw.uuidString)")
            #expect(try await cache.keys(matching: .all) == [id])
            #expect(try await cache.get(id) == "someone")
            try await cache.clear()
        }
    }

    @Test func valuesGoThroughTheCoderAndBadBytesAreAClearError() async throws {
        try await withClient(try RedisTestEnvironment.configuration()) { client in
            let plain = RedisValueCoder<String>(
                encode: { ByteBuffer(string: $0) },
                decode: { String(decoding: $0.readableBytesView, as: UTF8.self) }
            )
            let texts = RedisCache<String, String>(
                client: client,
                namespace: RedisTestEnvironment.uniqueNamespace(),
                keyCoding: .verbatim,
                valueCoder: plain
            )
            try await texts.set("greeting", "hello")
            #expect(try await client.send(RedisCommand("GET", texts.redisKey(for: "greeting"))).string == "hello")
            let users = RedisCache<String, User>(client: client, namespace: texts.namespace)
            await #expect {
                try await users.get("greeting")
            } throws: { error in
                guard let error = error as? RedisValueCodingError else { return false }
                return error.isDecoding && error.key == texts.redisKey(for: "greeting")
                    && error.description.hasPrefix(
                        "redis key '\(texts.namespace):greeting': the value could not be decoded"
                    )
            }
            try await texts.clear()
        }
    }
}

/// A seeded generator, so the random glob test replays the same cases.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
#endif
