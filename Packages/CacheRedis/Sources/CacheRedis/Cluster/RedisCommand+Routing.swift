#if Redis
import NIOCore

extension RedisCommand {
    /// The hash slot a cluster routes the command by: the slot of its first argument, which is
    /// the key of the commands a cache sends (`GET`, `SET`, `MGET`, `UNLINK`, `EXISTS`, `PTTL`,
    /// …); `nil` for a command without a key (``keylessCommands``) or without arguments. A
    /// command whose key is elsewhere is routed by its first argument all the same, and the
    /// cluster's `MOVED` reply sends it on to the right node.
    ///
    /// - Complexity: O(*n*) in the length of the command's name and first argument.
    var clusterSlot: Int? {
        guard !Self.keylessCommands.contains(name.uppercased()), let range = firstArgumentRange else { return nil }
        return encoded.withUnsafeReadableBytes { bytes in RedisHashSlot.of(bytes[range]) }
    }

    /// Whether the command only reads, so that a replica may answer it.
    var isRead: Bool { Self.readCommands.contains(name.uppercased()) }

    /// Commands that name no key: a cluster may run them on any node.
    static let keylessCommands: Set<String> = [
        "ASKING", "AUTH", "CLIENT", "CLUSTER", "COMMAND", "CONFIG", "DBSIZE", "ECHO", "FLUSHALL", "FLUSHDB",
        "HELLO", "INFO", "KEYS", "PING", "PUBLISH", "RANDOMKEY", "READONLY", "READWRITE", "SCAN", "SELECT",
        "TIME", "WAIT",
    ]

    /// Commands that read and never write.
    static let readCommands: Set<String> = [
        "EXISTS", "GET", "GETRANGE", "HEXISTS", "HGET", "HGETALL", "HLEN", "HMGET", "LINDEX", "LLEN", "LRANGE",
        "MGET", "PTTL", "SCARD", "SISMEMBER", "SMEMBERS", "STRLEN", "TTL", "TYPE", "ZCARD", "ZRANGE", "ZSCORE",
    ]

    /// Where the first argument's bytes are in ``encoded`` (`*N`, `$len name`, `$len argument`),
    /// relative to its reader index; `nil` when the command has no argument.
    private var firstArgumentRange: Range<Int>? {
        let view = encoded.readableBytesView
        var index = view.startIndex
        /// Reads a header line such as `$12\r\n` (after its type byte) and returns its number.
        func header() -> Int? {
            index += 1
            var number = 0
            while index < view.endIndex, view[index] != UInt8(ascii: "\r") {
                number = number * 10 + Int(view[index] &- UInt8(ascii: "0"))
                index += 1
            }
            index += 2
            return index <= view.endIndex ? number : nil
        }
        guard let count = header(), count >= 2, let nameLength = header() else { return nil }
        index += nameLength + 2
        guard index < view.endIndex, let length = header(), index + length <= view.endIndex else { return nil }
        let start = index - view.startIndex
        return start..<(start + length)
    }
}
#endif
