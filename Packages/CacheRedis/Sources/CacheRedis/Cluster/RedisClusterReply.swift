#if Redis
/// What a cluster node's failure of a command asks of the client.
enum RedisClusterReply: Equatable {
    /// `MOVED slot host:port`: the slot lives on that node now; update the slot map and resend.
    case moved(slot: Int, to: RedisServerAddress)
    /// `ASK slot host:port`: the slot is being migrated and this key may already be there; send
    /// `ASKING` and then the command to that node, once, without changing the slot map.
    case ask(slot: Int, to: RedisServerAddress)
    /// `TRYAGAIN`, `CLUSTERDOWN`, `LOADING`, `MASTERDOWN`, or a node that cannot be reached: wait
    /// a little, refresh the topology, and resend while the command's deadline allows.
    case retryLater
    /// Anything else: the command's own failure.
    case fail

    /// What `error` asks of the client.
    init(_ error: RedisError) {
        switch error.kind {
        case .serverError:
            if let redirect = Self.redirect(error.message) {
                self = redirect
            } else if Self.transientPrefixes.contains(where: error.message.hasPrefix) {
                self = .retryLater
            } else {
                self = .fail
            }
        case .connectionFailed, .connectTimedOut, .connectionClosed, .unavailable:
            self = .retryLater
        case .commandTimedOut, .authenticationFailed, .malformedReply, .clientClosed:
            self = .fail
        }
    }

    /// The error replies of a cluster in transition, which pass.
    static let transientPrefixes = ["TRYAGAIN", "CLUSTERDOWN", "LOADING", "MASTERDOWN"]

    /// The redirect in an error message `MOVED 3999 127.0.0.1:6381` or `ASK 3999 [::1]:6381`, or
    /// `nil` when it is not one.
    static func redirect(_ message: String) -> RedisClusterReply? {
        let words = message.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 3, words[0] == "MOVED" || words[0] == "ASK", let slot = Int(words[1]),
            (0..<RedisHashSlot.count).contains(slot), let colon = words[2].lastIndex(of: ":"),
            let port = Int(words[2][words[2].index(after: colon)...]), (1...65_535).contains(port)
        else { return nil }
        var host = words[2][..<colon]
        if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { return nil }
        let address = RedisServerAddress(host: String(host), port: port)
        return words[0] == "MOVED" ? .moved(slot: slot, to: address) : .ask(slot: slot, to: address)
    }
}
#endif
