import CacheCore

/// CLOCK (second chance), written against `CacheCore` alone: what a user writes to plug a policy
/// of their own into `Cache`.
///
/// Slots sit on a circular list with a reference bit each; new slots go just behind the hand. A
/// hit sets the bit. To evict, the hand sweeps: a slot with its bit set loses it and gets a
/// second chance; the first slot without it is the victim. Every call is O(1), eviction amortized.
public struct SecondChancePolicy: EvictionPolicy {
    private var next: [Int32] = []
    private var previous: [Int32] = []
    private var referenced: [Bool] = []
    private var hand: Int32 = -1

    /// Creates an empty policy.
    public init() {}

    /// Adds `slot` just behind the hand, without its reference bit.
    public mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        while slot.index >= next.count {
            next.append(-1)
            previous.append(-1)
            referenced.append(false)
        }
        referenced[slot.index] = false
        let new = slot.rawValue
        if hand < 0 {
            next[slot.index] = new
            previous[slot.index] = new
            hand = new
        } else {
            let behind = previous[Int(hand)]
            next[Int(behind)] = new
            previous[slot.index] = behind
            next[slot.index] = hand
            previous[Int(hand)] = new
        }
    }

    /// Sets the reference bit.
    public mutating func didAccess(_ slot: CacheSlot, hash: Int) {
        referenced[slot.index] = true
    }

    /// Takes `slot` off the ring.
    public mutating func didRemove(_ slot: CacheSlot) {
        unlink(slot.rawValue)
    }

    /// Sweeps to the first slot without its reference bit.
    public mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        guard hand >= 0 else { return nil }
        while referenced[Int(hand)] {
            referenced[Int(hand)] = false
            hand = next[Int(hand)]
        }
        let victim = hand
        unlink(victim)
        return CacheSlot(victim)
    }

    /// The order the hand will evict in: unreferenced slots from the hand on, then referenced ones.
    public func slotsInEvictionOrder() -> [CacheSlot] {
        guard hand >= 0 else { return [] }
        var ring: [Int32] = [hand]
        var cursor = next[Int(hand)]
        while cursor != hand {
            ring.append(cursor)
            cursor = next[Int(cursor)]
        }
        let unreferenced = ring.filter { !referenced[Int($0)] }
        let secondChance = ring.filter { referenced[Int($0)] }
        return (unreferenced + secondChance).map(CacheSlot.init)
    }

    /// Empties the ring.
    public mutating func removeAll() {
        self = SecondChancePolicy()
    }

    private mutating func unlink(_ slot: Int32) {
        let after = next[Int(slot)]
        if after == slot {
            hand = -1
            return
        }
        let before = previous[Int(slot)]
        next[Int(before)] = after
        previous[Int(after)] = before
        if hand == slot { hand = after }
    }
}
