#if Redis
/// The keys of a multi-key command (`MGET`, `UNLINK`) cut into commands of at most `maximum`
/// keys each; in a cluster, also by hash slot, since the keys of one command must share a slot.
///
///     let batches = RedisKeyBatches(["a", "b", "c"], maximum: 1_000, bySlot: true)
///     // batches.positions == [[0, 2], [1]] when "a" and "c" share a slot and "b" does not
///     let values = batches.reassemble(repliesOfEachBatch)   // back in the order a, b, c
struct RedisKeyBatches {
    /// Each batch: the positions of its keys in the list given, ascending.
    let positions: [[Int]]
    /// The number of keys given.
    let keyCount: Int

    /// Cuts `keys` into batches: runs of consecutive keys, or per slot (slots in the order they
    /// first appear) when `bySlot`.
    ///
    /// - Complexity: O(*n*) in the total length of the keys.
    init(_ keys: [String], maximum: Int, bySlot: Bool) {
        keyCount = keys.count
        var groups: [[Int]] = []
        if bySlot {
            var groupOfSlot: [Int: Int] = [:]
            for (position, key) in keys.enumerated() {
                let slot = RedisHashSlot.of(key)
                if let group = groupOfSlot[slot] {
                    groups[group].append(position)
                } else {
                    groupOfSlot[slot] = groups.count
                    groups.append([position])
                }
            }
        } else if !keys.isEmpty {
            groups = [Array(keys.indices)]
        }
        positions = groups.flatMap { group in
            stride(from: 0, to: group.count, by: maximum).map { Array(group[$0..<min($0 + maximum, group.count)]) }
        }
    }

    /// The keys of each batch.
    func keys(of keys: [String]) -> [[String]] {
        positions.map { batch in batch.map { keys[$0] } }
    }

    /// The replies of every batch, one per key, back in the order of the keys given; `nil` when
    /// a batch's reply does not have one element per key.
    func reassemble<Element>(_ replies: [[Element]]) -> [Element]? {
        guard replies.count == positions.count else { return nil }
        var ordered = [Element?](repeating: nil, count: keyCount)
        for (batch, reply) in zip(positions, replies) {
            guard batch.count == reply.count else { return nil }
            for (position, element) in zip(batch, reply) { ordered[position] = element }
        }
        return ordered.compactMap { $0 }
    }
}
#endif
