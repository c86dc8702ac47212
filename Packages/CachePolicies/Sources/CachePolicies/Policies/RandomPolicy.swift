import CacheCore

/// Random replacement in O(1): the tracked slots in a dense array, a victim drawn uniformly from
/// it, and swap-with-last removal.
///
/// Its "eviction order", used for the cache's views, is the order of that array, which changes
/// as entries come and go.
struct RandomPolicy: EvictionPolicy {
    // 24 bytes: stored inline by the cache.
    private var generator: SplitMix64
    private var slots: ContiguousArray<Int32> = []
    private var positions: ContiguousArray<Int32> = []

    init(generator: SplitMix64) {
        self.generator = generator
    }

    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        if slot.index >= positions.count {
            positions.append(
                contentsOf: repeatElement(-1, count: max(slot.index + 1, positions.count * 2, 16) - positions.count)
            )
        }
        positions[slot.index] = Int32(slots.count)
        slots.append(slot.rawValue)
    }

    mutating func didAccess(_ slot: CacheSlot, hash: Int) {}

    mutating func didRemove(_ slot: CacheSlot) {
        remove(at: Int(positions[slot.index]))
    }

    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        guard !slots.isEmpty else { return nil }
        let position = Int.random(in: 0..<slots.count, using: &generator)
        let victim = slots[position]
        remove(at: position)
        return CacheSlot(victim)
    }

    func slotsInEvictionOrder() -> [CacheSlot] {
        slots.map(CacheSlot.init)
    }

    mutating func removeAll() {
        slots.removeAll()
        positions.removeAll()
    }

    private mutating func remove(at position: Int) {
        let removed = slots[position]
        let last = slots.removeLast()
        if position < slots.count {
            slots[position] = last
            positions[Int(last)] = Int32(position)
        }
        positions[Int(removed)] = -1
    }
}
