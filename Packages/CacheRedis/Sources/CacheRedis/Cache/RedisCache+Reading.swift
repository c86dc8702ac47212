#if Redis
import CacheCore
import NIOCore

extension RedisCache {
    /// The value of `key`, or `nil` when Redis has none (or it expired).
    ///
    /// - Throws: ``RedisError``, or ``RedisValueCodingError`` when the stored bytes do not decode.
    /// - Complexity: One round trip (`GET`).
    public func get(_ key: Key) async throws -> Value? {
        let rendered = keyCoding.render(key)
        var command = RedisCommand.Builder(
            "GET",
            argumentCount: 1,
            capacity: prefix.utf8.count + rendered.utf8.count + 16
        )
        command.append(prefix, rendered)
        switch try await client.send(command.command) {
        case .bulkString(let bytes): return try decode(bytes, rendered: rendered)
        case .null: return nil
        case let reply: throw unexpected(reply, to: "GET", expected: "a bulk string or null")
        }
    }

    /// Whether Redis has a live value for `key`.
    ///
    /// - Complexity: One round trip (`EXISTS`).
    public func contains(_ key: Key) async throws -> Bool {
        let reply = try await client.send(RedisCommand("EXISTS", redisKey(for: key)))
        guard let count = reply.integer else { throw unexpected(reply, to: "EXISTS", expected: "an integer") }
        return count > 0
    }

    /// The number of keys in the namespace that parse as keys of this cache.
    ///
    /// - Complexity: One `SCAN` round trip per `batchSize` keys of the whole database (of every
    /// master, in a cluster).
    public func count() async throws -> Int {
        try await scan(.all).count
    }

    /// The values of the keys `filter` selects that Redis has.
    ///
    /// A key list is read with `MGET` (pipelined in batches: one round trip; in a cluster one
    /// batch per hash slot, sent to each slot's node at once); other filters first walk the
    /// namespace with `SCAN`.
    ///
    /// - Complexity: One round trip for a key list; otherwise the `SCAN` walk plus one.
    public func getMany(_ filter: KeyFilter<Key>) async throws -> [Key: Value] {
        let selected: [(key: Key, redisKey: String)]
        if let listed = filter.listedKeys {
            selected = listed.map { ($0, redisKey(for: $0)) }
        } else {
            selected = try await scan(filter)
        }
        guard !selected.isEmpty else { return [:] }
        let redisKeys = selected.map(\.redisKey)
        let batches = RedisKeyBatches(redisKeys, maximum: Self.batchSize, bySlot: client.isCluster)
        let commands = batches.keys(of: redisKeys).map { batch in
            RedisCommand("MGET", arguments: batch.map { ByteBuffer(string: $0) })
        }
        var replies: [[RESPValue]] = []
        for reply in try await client.pipeline(commands) {
            guard let elements = reply.elements else { throw unexpected(reply, to: "MGET", expected: "an array") }
            replies.append(elements)
        }
        guard let elements = batches.reassemble(replies) else {
            throw unexpected(.null, to: "MGET", expected: "one value per key")
        }
        var values: [Key: Value] = [:]
        values.reserveCapacity(selected.count)
        for ((key, redisKey), element) in zip(selected, elements) {
            switch element {
            case .bulkString(let bytes):
                values[key] = try decode(bytes, rendered: String(redisKey.dropFirst(prefix.count)))
            case .null: continue
            default: throw unexpected(element, to: "MGET", expected: "a bulk string or null")
            }
        }
        return values
    }

    /// The keys `filter` selects that Redis has: for a key list, in its order (checked with
    /// pipelined `EXISTS`, one round trip); otherwise in `SCAN`'s order.
    ///
    /// - Complexity: One round trip for a key list; otherwise the `SCAN` walk.
    public func keys(matching filter: KeyFilter<Key>) async throws -> [Key] {
        guard let listed = filter.listedKeys else { return try await scan(filter).map(\.key) }
        var seen = Set<Key>()
        let unique = listed.filter { seen.insert($0).inserted }
        let replies = try await client.pipeline(unique.map { RedisCommand("EXISTS", redisKey(for: $0)) })
        var present: [Key] = []
        for (key, reply) in zip(unique, replies) {
            guard let count = reply.integer else { throw unexpected(reply, to: "EXISTS", expected: "an integer") }
            if count > 0 { present.append(key) }
        }
        return present
    }

    /// The remaining time to live of `key`: `nil` when Redis has no such key,
    /// ``/CacheCore/TimeToLive/never`` when it has no expiry, else the time left, in milliseconds.
    ///
    /// - Complexity: One round trip (`PTTL`).
    public func timeToLive(forKey key: Key) async throws -> TimeToLive? {
        let reply = try await client.send(RedisCommand("PTTL", redisKey(for: key)))
        guard let milliseconds = reply.integer, milliseconds >= -2 else {
            throw unexpected(reply, to: "PTTL", expected: "an integer ≥ -2")
        }
        switch milliseconds {
        case -2: return nil
        case -1: return .never
        default: return .milliseconds(milliseconds)
        }
    }
}
#endif
