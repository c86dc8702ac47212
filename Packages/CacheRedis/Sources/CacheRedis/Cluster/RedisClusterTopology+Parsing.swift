#if Redis
extension RedisClusterTopology {
    /// The topology in a `CLUSTER SHARDS` reply (Redis 7): an array of shards, each a map (RESP3)
    /// or a flat array of name-value pairs (RESP2) with `slots` (pairs of range bounds) and `nodes`
    /// (each with `ip` or `endpoint`, `port` or `tls-port`, `role` and `health`). Failed
    /// replicas are left out; a master is kept whatever its health (commands to it fail and are
    /// retried until a replica replaces it).
    ///
    /// - Parameter tls: Whether to take each node's `tls-port` rather than its `port`.
    /// - Throws: A description of what does not have the expected shape.
    init(shardsReply reply: RESPValue, tls: Bool = false) throws(RedisClusterReplyError) {
        guard let shardValues = reply.elements else { throw RedisClusterReplyError("an array of shards", reply) }
        var shards: [Shard] = []
        for shardValue in shardValues {
            let fields = try Self.fields(of: shardValue)
            guard let bounds = fields["slots"]?.elements, bounds.count % 2 == 0 else {
                throw RedisClusterReplyError("a shard with slots in pairs of bounds", shardValue)
            }
            var slots: [ClosedRange<Int>] = []
            for pair in stride(from: 0, to: bounds.count, by: 2) {
                guard let low = bounds[pair].integer, let high = bounds[pair + 1].integer, low <= high else {
                    throw RedisClusterReplyError("slot bounds as integers, low before high", shardValue)
                }
                slots.append(Int(low)...Int(high))
            }
            guard let nodeValues = fields["nodes"]?.elements else {
                throw RedisClusterReplyError("a shard with an array of nodes", shardValue)
            }
            var master: RedisServerAddress?
            var replicas: [RedisServerAddress] = []
            for nodeValue in nodeValues {
                let node = try Self.fields(of: nodeValue)
                let host = [node["endpoint"]?.string, node["ip"]?.string].compactMap { $0 }
                    .first { !$0.isEmpty && $0 != "?" }
                guard let host, let port = (tls ? node["tls-port"] : node["port"])?.integer else {
                    throw RedisClusterReplyError("a node with an address and a port", nodeValue)
                }
                let address = RedisServerAddress(host: host, port: Int(port))
                if node["role"]?.string == "master" {
                    master = address
                } else if node["health"]?.string != "failed" {
                    replicas.append(address)
                }
            }
            guard let master else {
                if slots.isEmpty { continue }
                throw RedisClusterReplyError("a shard with slots to have a master", shardValue)
            }
            shards.append(Shard(master: master, replicas: replicas, slots: slots))
        }
        self.init(shards: shards)
    }

    /// The topology in a `CLUSTER SLOTS` reply: an array of ranges, each `[low, high, master,
    /// replica…]` where a node is `[ip, port, id, …]`. Ranges of the same master make one shard.
    ///
    /// - Throws: A description of what does not have the expected shape.
    init(slotsReply reply: RESPValue) throws(RedisClusterReplyError) {
        guard let ranges = reply.elements else { throw RedisClusterReplyError("an array of slot ranges", reply) }
        var shards: [Shard] = []
        for range in ranges {
            guard let parts = range.elements, parts.count >= 3, let low = parts[0].integer,
                let high = parts[1].integer, low <= high
            else { throw RedisClusterReplyError("[low, high, master, replica…]", range) }
            var nodes: [RedisServerAddress] = []
            for node in parts[2...] {
                guard let fields = node.elements, fields.count >= 2, let host = fields[0].string,
                    let port = fields[1].integer
                else { throw RedisClusterReplyError("a node as [ip, port, …]", node) }
                nodes.append(RedisServerAddress(host: host, port: Int(port)))
            }
            let slots = Int(low)...Int(high)
            if let index = shards.firstIndex(where: { $0.master == nodes[0] }) {
                shards[index].slots.append(slots)
            } else {
                shards.append(Shard(master: nodes[0], replicas: Array(nodes.dropFirst()), slots: [slots]))
            }
        }
        self.init(shards: shards)
    }

    /// The name-value pairs of a RESP3 map or of a RESP2 flat array of pairs, by name.
    private static func fields(of value: RESPValue) throws(RedisClusterReplyError) -> [String: RESPValue] {
        var fields: [String: RESPValue] = [:]
        switch value {
        case .map(let pairs):
            for (name, field) in pairs {
                if let name = name.string { fields[name] = field }
            }
        case .array(let flat) where flat.count % 2 == 0:
            for index in stride(from: 0, to: flat.count, by: 2) {
                if let name = flat[index].string { fields[name] = flat[index + 1] }
            }
        default:
            throw RedisClusterReplyError("a map, or an array of name-value pairs", value)
        }
        return fields
    }
}

/// A topology reply that does not have the shape of `CLUSTER SHARDS` or `CLUSTER SLOTS`.
struct RedisClusterReplyError: Error, CustomStringConvertible {
    /// What was expected, and the start of what came.
    let description: String

    init(_ expected: String, _ reply: RESPValue) {
        description = "expected \(expected), got \(reply.description.prefix(200))"
    }
}
#endif
