#if Redis
import CacheCore
@testable import CacheRedis
import NIOCore
import Testing

/// The parts of cluster mode that need no server: hash slots, redirect replies, routing keys,
/// batches by slot, seed lists in URLs and topology replies.
@Suite("Redis cluster units")
struct RedisClusterUnitTests {
    @Test func crc16IsXMODEM() {
        #expect(RedisHashSlot.crc16(Array("123456789".utf8)) == 0x31C3, "the cluster specification's example")
        #expect(RedisHashSlot.crc16([]) == 0)
    }

    /// Slots `redis-cli -p PORT cluster keyslot KEY` printed against redis-server 7.0.15.
    @Test(
        arguments: [
            ("foo", 12_182), ("bar", 5_061), ("{user1000}.following", 3_443), ("user:42", 15_880), ("", 0),
            ("{}x", 10_595), ("a{}{b}", 15_033), ("{a}", 15_495), ("test-abc:key1", 12_348), ("ns:{tag}rest", 8_338),
        ]
    )
    func slotsMatchTheServers(key: String, slot: Int) {
        #expect(RedisHashSlot.of(key) == slot)
    }

    @Test func aHashTagIsTheFirstNonEmptyBraces() {
        #expect(
            String(decoding: RedisHashSlot.hashedPart(of: Array("{user1000}.following".utf8)), as: UTF8.self)
                == "user1000"
        )
        #expect(RedisHashSlot.of("{user1000}.following") == RedisHashSlot.of("{user1000}.followers"))
        #expect(RedisHashSlot.of("{user1000}.following") == RedisHashSlot.of("user1000"))
        #expect(
            String(decoding: RedisHashSlot.hashedPart(of: Array("a{}{b}".utf8)), as: UTF8.self) == "a{}{b}",
            "{} is empty"
        )
        #expect(
            String(decoding: RedisHashSlot.hashedPart(of: Array("x{a}{b}".utf8)), as: UTF8.self) == "a",
            "the first tag"
        )
        #expect(String(decoding: RedisHashSlot.hashedPart(of: Array("x{ab".utf8)), as: UTF8.self) == "x{ab", "unclosed")
        #expect(String(decoding: RedisHashSlot.hashedPart(of: Array("x}{a}".utf8)), as: UTF8.self) == "a")
    }

    @Test func redirectsAreParsed() {
        let local = RedisServerAddress(host: "127.0.0.1", port: 6381)
        #expect(RedisClusterReply.redirect("MOVED 3999 127.0.0.1:6381") == .moved(slot: 3_999, to: local))
        #expect(RedisClusterReply.redirect("ASK 12182 127.0.0.1:6381") == .ask(slot: 12_182, to: local))
        #expect(
            RedisClusterReply.redirect("MOVED 1 [::1]:7000")
                == .moved(slot: 1, to: RedisServerAddress(host: "::1", port: 7000))
        )
        for notARedirect in [
            "MOVED 16384 127.0.0.1:1", "MOVED x 127.0.0.1:1", "ASK 1 127.0.0.1", "MOVED 1 :7000", "ERR MOVED",
        ] {
            #expect(RedisClusterReply.redirect(notARedirect) == nil, "\(notARedirect)")
        }
    }

    @Test func errorsAreClassified() {
        func reply(_ message: String) -> RedisClusterReply {
            RedisClusterReply(RedisError(.serverError, server: "s", command: "GET", message: message))
        }
        #expect(reply("MOVED 5 10.0.0.2:7000") == .moved(slot: 5, to: RedisServerAddress(host: "10.0.0.2", port: 7000)))
        #expect(reply("TRYAGAIN Multiple keys request during rehashing of slot") == .retryLater)
        #expect(reply("CLUSTERDOWN The cluster is down") == .retryLater)
        #expect(reply("WRONGTYPE Operation against a key holding the wrong kind of value") == .fail)
        #expect(RedisClusterReply(RedisError(.connectionFailed, server: "s", message: "refused")) == .retryLater)
        #expect(RedisClusterReply(RedisError(.unavailable, server: "s", message: "backing off")) == .retryLater)
        #expect(RedisClusterReply(RedisError(.commandTimedOut, server: "s", message: "late")) == .fail)
    }

    @Test func commandsAreRoutedByTheirFirstArgument() {
        #expect(RedisCommand("GET", "foo").clusterSlot == 12_182)
        #expect(RedisCommand("MGET", "{user1000}.a", "{user1000}.b").clusterSlot == 3_443)
        var builder = RedisCommand.Builder("SET", argumentCount: 2)
        builder.append("user", ":42")
        builder.append(ByteBuffer(string: "value"))
        #expect(builder.command.clusterSlot == 15_880, "a key written in two parts")
        #expect(RedisCommand("SET", "", "x").clusterSlot == 0)
        #expect(RedisCommand("PING").clusterSlot == nil)
        #expect(RedisCommand("PUBLISH", "foo", "message").clusterSlot == nil, "published to every node")
        #expect(RedisCommand("wait", "1", "100").clusterSlot == nil)
        #expect(RedisCommand("GET", "k").isRead && !RedisCommand("SET", "k", "v").isRead)
    }

    @Test func batchesAreRunsOfKeysOnOneServer() {
        let batches = RedisKeyBatches(["a", "b", "c", "d", "e"], maximum: 2, bySlot: false)
        #expect(batches.positions == [[0, 1], [2, 3], [4]])
        #expect(RedisKeyBatches([], maximum: 2, bySlot: false).positions.isEmpty)
    }

    @Test func batchesInAClusterHaveOneSlotEachAndReassembleInTheCallersOrder() throws {
        let keys = ["{x}1", "foo", "{x}2", "bar", "{x}3", "{x}4", "foo"]
        let batches = RedisKeyBatches(keys, maximum: 3, bySlot: true)
        #expect(batches.positions == [[0, 2, 4], [5], [1, 6], [3]])
        for batch in batches.keys(of: keys) {
            #expect(Set(batch.map { RedisHashSlot.of($0) }).count == 1, "\(batch) in one slot")
        }
        let replies = batches.keys(of: keys).map { batch in batch.map { "value of \($0)" } }
        #expect(try #require(batches.reassemble(replies)) == keys.map { "value of \($0)" })
        #expect(batches.reassemble(Array(replies.dropLast())) == nil, "a batch missing")
        #expect(batches.reassemble(replies.map { Array($0.dropLast()) }) == nil, "a value missing")
    }

    @Test func aURLWithSeveralHostsIsACluster() throws {
        let configuration = try RedisConfiguration(url: "redis://app:s3cr%40t@10.0.0.1:7000,10.0.0.2,[::1]:7002")
        let cluster = try #require(configuration.cluster)
        #expect(
            cluster.seeds == [
                RedisServerAddress(host: "10.0.0.1", port: 7000), RedisServerAddress(host: "10.0.0.2", port: 6379),
                RedisServerAddress(host: "::1", port: 7002),
            ]
        )
        #expect(configuration.host == "10.0.0.1" && configuration.port == 7000)
        #expect(configuration.username == "app" && configuration.password == "s3cr@t")
        #expect(!cluster.readsFromReplicas)
        #expect(try RedisConfiguration(url: "redis://10.0.0.1:7000").cluster == nil, "one host: one server")
    }

    @Test func badSeedListsSayWhatIsWrong() {
        for (url, field) in [
            ("redis://10.0.0.1:7000,,10.0.0.2", "url host"), ("redis://10.0.0.1:7000,10.0.0.2:x", "url host"),
            ("redis://10.0.0.1:7000,10.0.0.2:70000", "url host"), ("redis://10.0.0.1:7000,10.0.0.2:7001/2", "database"),
        ] {
            #expect(
                performing: { try RedisConfiguration(url: url) },
                throws: { error in
                    (error as? CacheConfigurationError)?.field == field
                }
            )
        }
        var configuration = RedisConfiguration()
        configuration.cluster = RedisClusterOptions(seeds: [])
        #expect(throws: CacheConfigurationError.self) { try configuration.validate() }
    }

    @Test func clusterShardsIsParsedInRESP2AndRESP3() throws {
        func node(_ port: Int, _ role: String, _ health: String = "online") -> [(String, RESPValue)] {
            [
                ("id", .bulkString(ByteBuffer(string: "id\(port)"))), ("port", .integer(Int64(port))),
                ("ip", .bulkString(ByteBuffer(string: "127.0.0.1"))),
                ("endpoint", .bulkString(ByteBuffer(string: "127.0.0.1"))),
                ("role", .bulkString(ByteBuffer(string: role))), ("health", .bulkString(ByteBuffer(string: health))),
            ]
        }
        func shard(_ slots: [Int], _ nodes: [[(String, RESPValue)]], map: Bool) -> RESPValue {
            func value(_ pairs: [(String, RESPValue)]) -> RESPValue {
                map
                    ? .map(
                        Dictionary(
                            uniqueKeysWithValues: pairs.map { (RESPValue.bulkString(ByteBuffer(string: $0.0)), $0.1) }
                        )
                    )
                    : .array(pairs.flatMap { [RESPValue.bulkString(ByteBuffer(string: $0.0)), $0.1] })
            }
            return value([
                ("slots", .array(slots.map { .integer(Int64($0)) })), ("nodes", .array(nodes.map(value))),
            ])
        }
        for map in [false, true] {
            let reply = RESPValue.array([
                shard([0, 5460, 10_923, 10_923], [node(7000, "master"), node(7003, "replica")], map: map),
                shard(
                    [5461, 10_922, 10_924, 16_383],
                    [node(7004, "replica", "failed"), node(7001, "master")],
                    map: map
                ),
                shard([], [node(7005, "master")], map: map),
            ])
            let topology = try RedisClusterTopology(shardsReply: reply)
            #expect(topology.shards.count == 2, "the shard without slots is left out")
            #expect(topology.coveredSlots == RedisHashSlot.count)
            #expect(topology.shard(forSlot: 10_923)?.master.port == 7000)
            #expect(topology.shard(forSlot: 10_924)?.master.port == 7001)
            #expect(topology.shard(forSlot: 0)?.replicas.map(\.port) == [7003])
            #expect(topology.shard(forSlot: 16_383)?.replicas.isEmpty == true, "the failed replica is left out")
        }
        #expect(throws: RedisClusterReplyError.self) { try RedisClusterTopology(shardsReply: .integer(1)) }
    }

    @Test func clusterSlotsIsParsed() throws {
        func node(_ port: Int) -> RESPValue {
            .array([
                .bulkString(ByteBuffer(string: "127.0.0.1")), .integer(Int64(port)),
                .bulkString(ByteBuffer(string: "id")),
            ])
        }
        let reply = RESPValue.array([
            .array([.integer(0), .integer(8191), node(7000), node(7002)]),
            .array([.integer(8192), .integer(16_000), node(7001)]),
            .array([.integer(16_001), .integer(16_383), node(7000), node(7002)]),
        ])
        let topology = try RedisClusterTopology(slotsReply: reply)
        #expect(topology.masters.map(\.port) == [7000, 7001])
        #expect(topology.shard(forSlot: 16_383)?.slots == [0...8191, 16_001...16_383])
        #expect(topology.shard(forSlot: 0)?.replicas.map(\.port) == [7002])
        #expect(throws: RedisClusterReplyError.self) {
            try RedisClusterTopology(slotsReply: .array([.array([.integer(1)])]))
        }
    }
}
#endif
