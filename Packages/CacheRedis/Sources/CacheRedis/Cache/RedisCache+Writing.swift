#if Redis
import CacheCore
import NIOCore

extension RedisCache {
    /// Stores `value` for `key` with `ttl` (`nil` for ``defaultTTL``), and announces the change.
    ///
    /// - Complexity: One round trip (`SET … PX`, pipelined with `PUBLISH`).
    public func set(_ key: Key, _ value: Value, ttl: TimeToLive?) async throws {
        let rendered = keyCoding.render(key)
        var commands: [RedisCommand] = []
        switch expiry(ttl) {
        case .expired:
            commands.append(RedisCommand("UNLINK", prefix + rendered))
        case let expiry:
            commands.append(setCommand(rendered, try encode(value, rendered: rendered), expiry))
        }
        if let publish = publishCommand([rendered]) { commands.append(publish) }
        let replies = try await client.pipeline(commands)
        if case .expired = expiry(ttl) { return }
        guard replies[0] == .simpleString("OK") else { throw unexpected(replies[0], to: "SET", expected: "OK") }
    }

    /// Stores `value` for `key` only when Redis has no live value for it (`SET … NX`).
    ///
    /// - Returns: `true` when the value was stored (with a zero TTL: when there was no value).
    /// - Complexity: One round trip.
    @discardableResult
    public func add(_ key: Key, _ value: Value, ttl: TimeToLive?) async throws -> Bool {
        let rendered = keyCoding.render(key)
        let expiry = expiry(ttl)
        if case .expired = expiry { return try await !contains(key) }
        var commands = [setCommand(rendered, try encode(value, rendered: rendered), expiry, onlyIfAbsent: true)]
        if let publish = publishCommand([rendered]) { commands.append(publish) }
        switch try await client.pipeline(commands)[0] {
        case .simpleString("OK"): return true
        case .null: return false
        case let reply: throw unexpected(reply, to: "SET", expected: "OK or null")
        }
    }

    /// Removes `key` (`UNLINK`: freed in the background) and announces it.
    ///
    /// - Returns: `true` when Redis had the key.
    /// - Complexity: One round trip.
    @discardableResult
    public func delete(_ key: Key) async throws -> Bool {
        let rendered = keyCoding.render(key)
        var commands = [RedisCommand("UNLINK", prefix + rendered)]
        if let publish = publishCommand([rendered]) { commands.append(publish) }
        let reply = try await client.pipeline(commands)[0]
        guard let removed = reply.integer else { throw unexpected(reply, to: "UNLINK", expected: "an integer") }
        return removed > 0
    }

    /// Removes every key of the namespace, and only those, and announces it.
    ///
    /// - Complexity: The `SCAN` walk, plus one round trip of `UNLINK`s.
    public func clear() async throws {
        let redisKeys = try await scanRedisKeys(matching: RedisGlob.escaped(prefix) + "*")
        var commands = unlinkCommands(redisKeys)
        if let publish = publishCommand(nil) { commands.append(publish) }
        _ = try await client.pipeline(commands)
    }

    /// Stores every pair with one TTL, in one round trip (pipelined `SET`s, then one `PUBLISH` of
    /// every key).
    ///
    /// - Complexity: One round trip.
    public func setMany(_ items: [(key: Key, value: Value)], ttl: TimeToLive?) async throws {
        guard !items.isEmpty else { return }
        let expiry = expiry(ttl)
        var rendered: [String] = []
        rendered.reserveCapacity(items.count)
        var commands: [RedisCommand] = []
        commands.reserveCapacity(items.count + 1)
        for (key, value) in items {
            let text = keyCoding.render(key)
            rendered.append(text)
            if case .expired = expiry { continue }
            commands.append(setCommand(text, try encode(value, rendered: text), expiry))
        }
        if case .expired = expiry { commands = unlinkCommands(rendered.map { prefix + $0 }) }
        let writes = commands.count
        if let publish = publishCommand(rendered) { commands.append(publish) }
        let replies = try await client.pipeline(commands)
        if case .expired = expiry { return }
        for reply in replies.prefix(writes) where reply != .simpleString("OK") {
            throw unexpected(reply, to: "SET", expected: "OK")
        }
    }

    /// Removes the keys `filter` selects and announces them: a key list with `UNLINK` directly
    /// (one round trip), other filters after walking the namespace with `SCAN`.
    ///
    /// - Returns: The number of keys Redis removed.
    /// - Complexity: One round trip for a key list; otherwise the `SCAN` walk plus one.
    @discardableResult
    public func deleteMany(_ filter: KeyFilter<Key>) async throws -> Int {
        let rendered: [String]
        if let listed = filter.listedKeys {
            rendered = listed.map(keyCoding.render)
        } else {
            rendered = try await scan(filter).map { String($0.redisKey.dropFirst(prefix.count)) }
        }
        guard !rendered.isEmpty else { return 0 }
        var commands = unlinkCommands(rendered.map { prefix + $0 })
        let unlinks = commands.count
        if let publish = publishCommand(rendered) { commands.append(publish) }
        var removed = 0
        for reply in try await client.pipeline(commands).prefix(unlinks) {
            guard let count = reply.integer else { throw unexpected(reply, to: "UNLINK", expected: "an integer") }
            removed += Int(count)
        }
        return removed
    }

    /// When an entry written with `ttl` expires.
    enum Expiry {
        case never
        case expired
        case afterMilliseconds(Int)
    }

    /// `ttl` (or the default) in whole milliseconds, rounded up.
    func expiry(_ ttl: TimeToLive?) -> Expiry {
        guard let duration = ttl.map({ $0.duration }) ?? defaultTTL?.duration else { return .never }
        guard duration > .zero else { return .expired }
        let (seconds, attoseconds) = duration.components
        guard seconds < 1_000_000_000_000 else { return .never }
        let milliseconds = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return .afterMilliseconds(Int(milliseconds))
    }

    /// `SET namespace:rendered value [PX ms] [NX]`.
    private func setCommand(
        _ rendered: String,
        _ value: ByteBuffer,
        _ expiry: Expiry,
        onlyIfAbsent: Bool = false
    )
        -> RedisCommand
    {
        var arguments = 2
        if case .afterMilliseconds = expiry { arguments += 2 }
        if onlyIfAbsent { arguments += 1 }
        var command = RedisCommand.Builder(
            "SET",
            argumentCount: arguments,
            capacity: prefix.utf8.count + rendered.utf8.count + value.readableBytes + 48
        )
        command.append(prefix, rendered)
        command.append(value)
        if case .afterMilliseconds(let milliseconds) = expiry {
            command.append("PX")
            command.append(milliseconds)
        }
        if onlyIfAbsent { command.append("NX") }
        return command.command
    }

    /// `UNLINK`s of `redisKeys`, `batchSize` keys each (in a cluster, each of one hash slot).
    private func unlinkCommands(_ redisKeys: [String]) -> [RedisCommand] {
        RedisKeyBatches(redisKeys, maximum: Self.batchSize, bySlot: client.isCluster).keys(of: redisKeys).map { batch in
            RedisCommand("UNLINK", arguments: batch.map { ByteBuffer(string: $0) })
        }
    }
}
#endif
