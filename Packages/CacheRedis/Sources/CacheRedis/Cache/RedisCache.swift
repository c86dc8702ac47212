#if Redis
import CacheCore
import NIOCore

/// A cache in Redis, shared by every process that uses the same server and namespace: an
/// `AsyncCacheProtocol` store, for a `LayeredCache`'s remote layer or on its own.
///
///     let redis = try RedisClient(configuration: RedisConfiguration(host: "127.0.0.1", port: 6379))
///     let users = RedisCache<String, User>(client: redis, namespace: "users", defaultTTL: .seconds(600))
///     try await users.set("alice", alice)                 // SET users:alice <json> PX 600000
///     let alice = try await users.get("alice")            // GET users:alice
///
/// - **Keys** live under the namespace: the Redis key of `key` is
///   `namespace + ":" + keyCoding.render(key)` (see ``RedisKeyCoding``).
/// - **Values** are stored as the bytes of ``valueCoder`` (JSON by default, see
///   ``RedisValueCoder``).
/// - **TTLs** are sent in milliseconds (`SET … PX`), rounded up; a zero or negative TTL stores an
///   entry that is already dead, so it deletes the key. A TTL beyond 10^15 ms (31,000 years) is
///   kept as no expiry.
/// - **Bulk operations** take one round trip: `getMany` is `MGET`, `setMany` pipelined `SET`s,
///   `deleteMany` of a key list one `UNLINK`. Filters other than a key list walk the namespace
///   with `SCAN` (never `KEYS`, which blocks the server), then read or `UNLINK` what they
///   select. A glob is handed to `SCAN … MATCH` as a first cut (see `RedisGlob` for how Redis's
///   dialect differs) and every key found is checked against the glob here, so results follow
///   `GlobPattern`'s fnmatch semantics; regexes and predicates are checked here.
/// - **``clear()``** removes only this namespace's keys; ``count()`` counts them (both walk the
///   database with `SCAN`: every master's, on a cluster).
/// - **On a Redis Cluster** (a client with ``RedisConfiguration/cluster``) nothing changes for
///   the caller: `MGET` and `UNLINK` batches are split by hash slot and `getMany` reassembles
///   the values in the caller's order.
/// - **Invalidations**: unless made with `publishesInvalidations: false`, every write and delete
///   also publishes the keys it changed on ``invalidationChannel`` (pipelined with the write: the
///   same round trip), so that other instances can drop their in-process copies; see
///   ``propagateInvalidations(to:mode:)``.
///
/// Every operation throws ``RedisError`` when Redis fails, or ``RedisValueCodingError``.
public final class RedisCache<Key: Hashable & Sendable, Value: Sendable>: AsyncCacheProtocol {
    /// The client the cache sends its commands through.
    public let client: RedisClient
    /// The prefix of every key, before a colon.
    public let namespace: String
    /// How keys are named in Redis.
    public let keyCoding: RedisKeyCoding<Key>
    /// How values are stored.
    public let valueCoder: RedisValueCoder<Value>
    /// The TTL of entries written without one; `nil` for none.
    public let defaultTTL: TimeToLive?
    /// The pub/sub channel where writes and deletes are announced, `<namespace>:invalidations`;
    /// `nil` when the cache does not publish.
    public let invalidationChannel: String?
    /// This instance's name in its invalidation messages.
    let instanceID: String
    /// `namespace + ":"`.
    let prefix: String

    /// How many keys one `MGET`, `UNLINK` or `SCAN … COUNT` handles; larger inputs are split into
    /// commands that are pipelined (still one round trip, but for `SCAN`).
    static var batchSize: Int { 1_000 }

    /// Creates a cache.
    ///
    /// - Parameters:
    ///   - client: The Redis client.
    ///   - namespace: The prefix of the cache's keys; not empty. Two caches with the same
    ///     namespace on one database share their entries.
    ///   - keyCoding: How keys are named in Redis.
    ///   - valueCoder: How values are stored.
    ///   - defaultTTL: The TTL of entries written without one; `nil` for none. Must be positive.
    ///   - publishesInvalidations: Whether writes and deletes are announced on
    ///     ``invalidationChannel``.
    public init(
        client: RedisClient,
        namespace: String,
        keyCoding: RedisKeyCoding<Key>,
        valueCoder: RedisValueCoder<Value>,
        defaultTTL: TimeToLive? = nil,
        publishesInvalidations: Bool = true
    ) {
        precondition(!namespace.isEmpty, "RedisCache: the namespace must not be empty")
        precondition(
            defaultTTL?.duration.map { $0 > .zero } ?? true,
            "RedisCache '\(namespace)': defaultTTL must be positive"
        )
        self.client = client
        self.namespace = namespace
        self.keyCoding = keyCoding
        self.valueCoder = valueCoder
        self.defaultTTL = defaultTTL
        self.invalidationChannel = publishesInvalidations ? "\(namespace):invalidations" : nil
        self.prefix = namespace + ":"
        var generator = SystemRandomNumberGenerator()
        let id = String(generator.next() as UInt64, radix: 16)
        self.instanceID = String(repeating: "0", count: 16 - id.count) + id
    }

    /// The Redis key of `key`: `namespace:` then its rendered text.
    ///
    /// - Complexity: O(*n*) in the length of the key's text.
    public func redisKey(for key: Key) -> String {
        prefix + keyCoding.render(key)
    }

    /// The key whose Redis key this is, or `nil` when it is outside the namespace or does not parse.
    func key(ofRedisKey redisKey: String) -> Key? {
        guard redisKey.hasPrefix(prefix) else { return nil }
        return keyCoding.parse(String(redisKey.dropFirst(prefix.count)))
    }

    /// The bytes of `value`, the value of the key whose text is `rendered`.
    func encode(_ value: Value, rendered: String) throws(RedisValueCodingError) -> ByteBuffer {
        do {
            return try valueCoder.encode(value)
        } catch {
            throw RedisValueCodingError(key: prefix + rendered, isDecoding: false, underlying: error)
        }
    }

    /// The value in `bytes`, read for the key whose text is `rendered`.
    func decode(_ bytes: ByteBuffer, rendered: String) throws(RedisValueCodingError) -> Value {
        do {
            return try valueCoder.decode(bytes)
        } catch {
            throw RedisValueCodingError(key: prefix + rendered, isDecoding: true, underlying: error)
        }
    }

    func unexpected(_ reply: RESPValue, to command: String, expected: String) -> RedisError {
        RedisError.unexpectedReply(reply, server: client.configuration.server, command: command, expected: expected)
    }
}

extension RedisCache where Value: Codable {
    /// Creates a cache whose values are stored as JSON.
    ///
    /// - Parameters:
    ///   - client: The Redis client.
    ///   - namespace: The prefix of the cache's keys; not empty.
    ///   - keyCoding: How keys are named in Redis.
    ///   - defaultTTL: The TTL of entries written without one; `nil` for none.
    ///   - publishesInvalidations: Whether writes and deletes are announced.
    public convenience init(
        client: RedisClient,
        namespace: String,
        keyCoding: RedisKeyCoding<Key>,
        defaultTTL: TimeToLive? = nil,
        publishesInvalidations: Bool = true
    ) {
        self.init(
            client: client,
            namespace: namespace,
            keyCoding: keyCoding,
            valueCoder: .json,
            defaultTTL: defaultTTL,
            publishesInvalidations: publishesInvalidations
        )
    }
}

extension RedisCache where Key: LosslessStringConvertible, Value: Codable {
    /// Creates a cache whose keys are named by their description (`users:42`) and whose values
    /// are stored as JSON.
    ///
    /// - Parameters:
    ///   - client: The Redis client.
    ///   - namespace: The prefix of the cache's keys; not empty.
    ///   - defaultTTL: The TTL of entries written without one; `nil` for none.
    ///   - publishesInvalidations: Whether writes and deletes are announced.
    public convenience init(
        client: RedisClient,
        namespace: String,
        defaultTTL: TimeToLive? = nil,
        publishesInvalidations: Bool = true
    ) {
        self.init(
            client: client,
            namespace: namespace,
            keyCoding: .description,
            valueCoder: .json,
            defaultTTL: defaultTTL,
            publishesInvalidations: publishesInvalidations
        )
    }
}
#endif
