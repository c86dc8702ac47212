#if Redis
/// What a ``RedisSubscription`` sends on each connection it opens, first and after every
/// reconnection: `SUBSCRIBE channel`, or `CLIENT TRACKING on …` on a RESP3 connection.
struct RedisSubscriptionSetup: Sendable {
    /// The commands, pipelined after the handshake.
    let commands: [RedisCommand]
    /// The protocol the connection speaks whatever the client's configuration says; `nil` for
    /// the client's.
    let protocolVersion: RedisProtocolVersion?

    /// A pub/sub subscription to `channel`, in the client's protocol.
    static func subscribe(to channel: String) -> RedisSubscriptionSetup {
        RedisSubscriptionSetup(commands: [RedisCommand("SUBSCRIBE", channel)], protocolVersion: nil)
    }

    /// Broadcast client tracking of every key that starts with `prefix`, on a RESP3 connection
    /// (Redis 6 or later), so that invalidations arrive as pushes on the same connection.
    static func trackKeys(withPrefix prefix: String) -> RedisSubscriptionSetup {
        RedisSubscriptionSetup(
            commands: [RedisCommand("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", prefix)],
            protocolVersion: .resp3
        )
    }
}
#endif
