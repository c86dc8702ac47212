#if Redis
import CacheCore
@testable import CacheRedis
import NIOCore
import Testing

/// Parts of the client and the cache that need no server: command framing, the glob
/// translation, invalidation messages, configuration and backoff.
@Suite("Redis units")
struct RedisUnitTests {
    func text(_ command: RedisCommand) -> String {
        String(decoding: command.encoded.readableBytesView, as: UTF8.self)
    }

    @Test func commandsAreFramedAsArraysOfBulkStrings() {
        #expect(text(RedisCommand("PING")) == "*1\r\n$4\r\nPING\r\n")
        #expect(text(RedisCommand("SET", "k", "välue")) == "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\nvälue\r\n")
        let binary = RedisCommand("SET", arguments: [ByteBuffer(string: "k"), ByteBuffer(bytes: [0, 13, 10, 255])])
        #expect(Array(binary.encoded.readableBytesView.suffix(8)) == [13, 10, 0, 13, 10, 255, 13, 10] as [UInt8])
        var builder = RedisCommand.Builder("SET", argumentCount: 4)
        builder.append("ns:", "key")
        builder.append(ByteBuffer(string: "v"))
        builder.append("PX")
        builder.append(1500)
        #expect(
            text(builder.command) == "*5\r\n$3\r\nSET\r\n$6\r\nns:key\r\n$1\r\nv\r\n$2\r\nPX\r\n$4\r\n1500\r\n"
        )
    }

    @Test(
        arguments: [
            ("user:*", "ns:user:*"),
            ("a?c", "ns:a?*c"),
            ("**x", "ns:*x"),
            ("[abc]", "ns:[abc]"),
            ("[a-z]1", "ns:[a-z]1"),
            ("[!a-z]", "ns:?*"),
            ("[é]", "ns:?*"),
            ("[]x]", "ns:[\\]x]"),
            ("[^]", "ns:[\\^]"),
            ("[a-]", "ns:[a\\-]"),
            ("[+-/]", "ns:[+-/]"),
            ("[Z-^]", "ns:[Z\\[\\\\\\]\\^]"),
            ("[+-]]", "ns:[+\\-]\\]"),
            ("[z-a]", "ns:?*"),
            ("[abc", "ns:\\[abc"),
            ("a\\b", "ns:a\\\\b"),
            ("é*", "ns:é*"),
        ]
    )
    func globsBecomeRedisPatternsThatSelectAtLeastTheSameKeys(glob: String, pattern: String) {
        #expect(RedisGlob.matchPattern(prefix: "ns:", fnmatch: glob) == pattern)
    }

    @Test func theNamespaceIsTakenLiterally() {
        #expect(RedisGlob.matchPattern(prefix: "a*[b]?\\:", fnmatch: "*") == "a\\*\\[b\\]\\?\\\\:*")
    }

    @Test func invalidationMessagesRoundTripAnyKey() {
        let keys = ["alice", "", "with space", "colon:1:2", "ümlaut", "12:x"]
        let message = RedisInvalidationMessage(sender: "00ff00ff00ff00ff", keys: keys)
        #expect(
            String(decoding: message.payload.readableBytesView, as: UTF8.self).hasPrefix("00ff00ff00ff00ff K5:alice0:")
        )
        #expect(RedisInvalidationMessage(payload: message.payload) == message)
        let all = RedisInvalidationMessage(sender: "abc", keys: nil)
        #expect(String(decoding: all.payload.readableBytesView, as: UTF8.self) == "abc *")
        #expect(RedisInvalidationMessage(payload: all.payload) == all)
        for garbage in ["", "abc", "abc ", "abc X", "abc K5:ab", "abc Kx:a", "abc *extra"] {
            #expect(RedisInvalidationMessage(payload: ByteBuffer(string: garbage)) == nil, "\(garbage)")
        }
    }

    @Test func urlsGiveEveryPart() throws {
        let plain = try RedisConfiguration(url: "redis://127.0.0.1:6380/2")
        #expect(plain.host == "127.0.0.1" && plain.port == 6380 && plain.database == 2)
        #expect(plain.username == nil && plain.password == nil && plain.tls == nil)
        let full = try RedisConfiguration(url: "rediss://app:s3cr%40t@cache.internal")
        #expect(full.host == "cache.internal" && full.port == 6379 && full.database == 0)
        #expect(full.username == "app" && full.password == "s3cr@t" && full.tls != nil)
        let passwordOnly = try RedisConfiguration(url: "redis://:pw@localhost:1234")
        #expect(passwordOnly.username == nil && passwordOnly.password == "pw")
        let ipv6 = try RedisConfiguration(url: "redis://[::1]:7000")
        #expect(ipv6.host == "::1" && ipv6.server == "[::1]:7000")
    }

    @Test func badURLsNameWhatIsWrongWithoutThePassword() {
        #expect {
            try RedisConfiguration(url: "http://h")
        } throws: { error in
            (error as? CacheConfigurationError)?.description
                == "cache 'redis url': url scheme is \"http\"; allowed: redis or rediss"
        }
        #expect {
            try RedisConfiguration(url: "redis://:secret@h/x")
        } throws: { error in
            let description = (error as? CacheConfigurationError)?.description ?? ""
            return description.contains("url database is \"x\"") && !description.contains("secret")
        }
        #expect(throws: CacheConfigurationError.self) { try RedisConfiguration(url: "redis:///0") }
    }

    @Test func invalidConfigurationsAreRefusedByTheClient() {
        var configuration = RedisConfiguration(port: 6379)
        configuration.maximumConnections = 0
        #expect {
            try RedisClient(configuration: configuration)
        } throws: { error in
            (error as? CacheConfigurationError)?.description
                == "cache 'redis 127.0.0.1:6379': maximumConnections is 0; allowed: an integer ≥ 1"
        }
        configuration = RedisConfiguration(username: "app")
        #expect(throws: CacheConfigurationError.self) { try RedisClient(configuration: configuration) }
        configuration = RedisConfiguration(commandTimeout: .zero)
        #expect(throws: CacheConfigurationError.self) { try RedisClient(configuration: configuration) }
        configuration = RedisConfiguration(
            reconnectBackoff: RedisReconnectBackoff(initial: .seconds(2), maximum: .seconds(1))
        )
        #expect(throws: CacheConfigurationError.self) { try RedisClient(configuration: configuration) }
    }

    @Test func backoffGrowsGeometricallyUpToItsMaximum() {
        let backoff = RedisReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(1), multiplier: 2)
        let delays = (1...6).map { backoff.delay(afterFailures: $0) }
        #expect(
            delays == [
                .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1),
                .seconds(1),
            ]
        )
        #expect(backoff.delay(afterFailures: Int.max) == .seconds(1))
        #expect(RedisReconnectBackoff(initial: .zero, maximum: .seconds(1)).delay(afterFailures: 1_000) == .zero)
    }
}
#endif
