#if Redis
import CacheCore
import NIOCore

extension RedisCache {
    /// The keys of the namespace that `filter` selects, with their Redis keys, each once, in
    /// `SCAN`'s order.
    ///
    /// A glob becomes a `SCAN … MATCH` pattern when keys are rendered verbatim (see
    /// `RedisGlob`); otherwise the pattern is the namespace's. Every key found is parsed and
    /// checked against `filter` here.
    ///
    /// - Complexity: See ``scanRedisKeys(matching:)``, plus O(*n*) checks for the *n* keys found.
    func scan(_ filter: KeyFilter<Key>) async throws -> [(key: Key, redisKey: String)] {
        let pattern: String
        if case .glob(let glob) = filter.selection, keyCoding.isVerbatim {
            pattern = RedisGlob.matchPattern(prefix: prefix, fnmatch: glob.pattern)
        } else {
            pattern = RedisGlob.escaped(prefix) + "*"
        }
        return try await scanRedisKeys(matching: pattern).compactMap { redisKey in
            guard let key = key(ofRedisKey: redisKey), filter.matches(key) else { return nil }
            return (key, redisKey)
        }
    }

    /// The Redis keys that match the Redis glob `pattern`, each once, from a full `SCAN` walk
    /// (of every master, in a cluster).
    ///
    /// - Complexity: One round trip per `batchSize` keys of the database: `SCAN` visits them
    ///   all and filters on the server.
    func scanRedisKeys(matching pattern: String) async throws -> [String] {
        var redisKeys: [String] = []
        var seen = Set<String>()
        for pool in try await client.masterPools() {
            var cursor = "0"
            repeat {
                let reply = try await pool.connection().send(
                    RedisCommand("SCAN", cursor, "MATCH", pattern, "COUNT", String(Self.batchSize))
                )
                guard let page = reply.elements, page.count == 2, let next = page[0].string,
                    let found = page[1].elements
                else { throw unexpected(reply, to: "SCAN", expected: "a cursor and an array of keys") }
                for element in found {
                    guard let redisKey = element.string else {
                        throw unexpected(element, to: "SCAN", expected: "keys as strings")
                    }
                    if seen.insert(redisKey).inserted { redisKeys.append(redisKey) }
                }
                cursor = next
            } while cursor != "0"
        }
        return redisKeys
    }
}
#endif
