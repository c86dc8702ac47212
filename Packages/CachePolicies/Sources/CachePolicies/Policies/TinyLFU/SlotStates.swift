/// W-TinyLFU's state of each slot in 16 bits: the region the slot is in, and the hits on its key
/// that the frequency sketch has counted but not yet added to the key's counters.
///
/// A hit is the commonest operation of a cache, and adding it to four counters of the sketch
/// (mixing the key, four read-modify-writes) was half of what it cost. Yet the sketch's counters
/// are read only in a duel, for two stored entries, and on a later miss of an evicted key. So a
/// hit on a stored key goes into its slot (*pending* uses) and the sketch only counts it toward
/// its sample; the pending uses reach the key's counters before the key duels or leaves the
/// cache. Counters saturate at 15, and a use counts toward the sample only while one of the
/// key's counters is below 15, so the slot also holds the key's *headroom*: how many more uses
/// would raise its estimate, set whenever the estimate is known (at insertion and when pending
/// uses are added). A hit with no headroom left does nothing at all, as it changes nothing in
/// the sketch. When the sketch ages (halves every counter), the pending uses and the headroom
/// age with it.
///
/// Layout: bits 0–1 the region, 2–5 the pending uses (at most 15), 6–9 the headroom (0…15).
struct SlotStates {
    private static let regionMask: UInt16 = 0x3
    private static let pendingUnit: UInt16 = 0x4
    private static let pendingMask: UInt16 = 0x3C
    private static let headroomUnit: UInt16 = 0x40
    private static let headroomMask: UInt16 = 0x3C0

    private var states: ContiguousArray<UInt16> = []

    /// Makes room for slots up to `slot`, growing to `capacity` slots (or `slot + 1`).
    mutating func reserve(upTo slot: Int, capacity: Int) {
        if slot >= states.count {
            states.reserveCapacity(Swift.max(capacity, slot + 1))
            states.append(contentsOf: repeatElement(0, count: Swift.max(capacity, slot + 1) - states.count))
        }
    }

    /// The state of a new key in `slot`: `region`, nothing pending, and the headroom of a key
    /// whose estimate is `estimate`.
    @inline(__always)
    mutating func reset(_ slot: Int32, region: UInt8, estimate: Int) {
        write(UInt16(region) | SlotStates.headroom(forEstimate: estimate), to: slot)
    }

    /// The region of `slot`.
    @inline(__always)
    func region(of slot: Int32) -> UInt8 {
        UInt8(truncatingIfNeeded: read(slot) & SlotStates.regionMask)
    }

    /// Moves `slot` to `region`, keeping its uses.
    @inline(__always)
    mutating func setRegion(_ region: UInt8, of slot: Int32) {
        write(read(slot) & ~SlotStates.regionMask | UInt16(region), to: slot)
    }

    /// Records a hit on the key in `slot`.
    ///
    /// - Returns: Whether the hit raises the key's estimate, and so counts toward the sketch's
    ///   sample.
    @inline(__always)
    mutating func recordHit(_ slot: Int32) -> Bool {
        let state = read(slot)
        guard state & SlotStates.headroomMask != 0 else { return false }
        write(state &- SlotStates.headroomUnit &+ SlotStates.pendingUnit, to: slot)
        return true
    }

    /// Takes the pending uses of `slot`, leaving none.
    @inline(__always)
    mutating func takePendingUses(of slot: Int32) -> Int {
        let state = read(slot)
        let pending = Int((state & SlotStates.pendingMask) >> 2)
        if pending > 0 { write(state & ~SlotStates.pendingMask, to: slot) }
        return pending
    }

    /// Sets the headroom of `slot`, whose key's estimate is `estimate` with nothing pending.
    @inline(__always)
    mutating func setEstimate(_ estimate: Int, of slot: Int32) {
        write(read(slot) & ~SlotStates.headroomMask | SlotStates.headroom(forEstimate: estimate), to: slot)
    }

    /// Ages every slot with the sketch: pending uses are halved, as the counters they will be
    /// added to were, and the headroom becomes that of the halved estimate.
    ///
    /// - Complexity: O(slots), once per aging of the sketch.
    mutating func age() {
        for index in states.indices {
            let state = states[index]
            let pending = (state & SlotStates.pendingMask) >> 3
            let estimate = 15 - Int((state & SlotStates.headroomMask) >> 6)
            states[index] =
                state & SlotStates.regionMask | pending << 2 | SlotStates.headroom(forEstimate: estimate >> 1)
        }
    }

    /// Forgets the uses of every slot (keeping its region), for a sketch that forgot its counts.
    mutating func forgetUses() {
        for index in states.indices {
            states[index] = states[index] & SlotStates.regionMask | SlotStates.headroom(forEstimate: 0)
        }
    }

    /// Forgets every slot.
    mutating func removeAll() {
        states.removeAll()
    }

    /// The state of `slot`, read without a bounds check (the policy only names slots it reserved).
    @inline(__always)
    private func read(_ slot: Int32) -> UInt16 {
        states.withUnsafeBufferPointer { $0.baseAddress.unsafelyUnwrapped[Int(slot)] }
    }

    /// Writes the state of `slot` without a bounds check.
    @inline(__always)
    private mutating func write(_ state: UInt16, to slot: Int32) {
        states.withUnsafeMutableBufferPointer { $0.baseAddress.unsafelyUnwrapped[Int(slot)] = state }
    }

    /// The headroom bits of a key whose estimate is `estimate`.
    @inline(__always)
    private static func headroom(forEstimate estimate: Int) -> UInt16 {
        UInt16(15 - Swift.min(Swift.max(estimate, 0), 15)) << 6
    }
}
