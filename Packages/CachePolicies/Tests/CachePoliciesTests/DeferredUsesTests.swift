import CacheCore
import Testing

@_spi(Randomness) @testable import CachePolicies

/// W-TinyLFU keeps a hit's use in the slot (``SlotStates``) until the sketch's counters need it.
@Suite("W-TinyLFU's deferred uses")
struct DeferredUsesTests {
    /// Records `count` hits on `slot` and returns how many counted.
    func countedHits(_ count: Int, on slot: Int32, in states: inout SlotStates) -> Int {
        (0..<count).filter { _ in states.recordHit(slot) }.count
    }

    @Test func incrementReportsTheEstimateAndAddRaisesCountersWithoutCountingAUse() {
        var sketch = FrequencySketch()
        sketch.ensureCapacity(100)
        let first = sketch.increment(7)
        let second = sketch.increment(7)
        let raised = sketch.add(7, uses: 5)
        #expect([first, second, raised] == [1, 2, 7])
        #expect(sketch.frequency(of: 7) == 7)
        let saturated = sketch.add(7, uses: 20)
        #expect(saturated == 15)
        // 2 counted uses: 998 more complete the sample of 1,000 and age the sketch.
        for _ in 0..<997 { sketch.countUse() }
        #expect(sketch.agings == 0)
        sketch.countUse()
        #expect(sketch.agings == 1)
        #expect(sketch.frequency(of: 7) == 7)
    }

    @Test func aHitIsPendingWhileItWouldRaiseTheEstimate() {
        var states = SlotStates()
        states.reserve(upTo: 3, capacity: 4)
        states.reset(2, region: 1, estimate: 12)
        // Headroom 3: three hits count, a fourth changes nothing.
        #expect(countedHits(4, on: 2, in: &states) == 3)
        #expect(states.region(of: 2) == 1)
        states.setRegion(2, of: 2)
        let pending = states.takePendingUses(of: 2)
        let pendingAfterwards = states.takePendingUses(of: 2)
        #expect([pending, pendingAfterwards] == [3, 0])
        #expect(states.region(of: 2) == 2)
        // Told its estimate after the uses were added (15), it has no headroom.
        states.setEstimate(15, of: 2)
        #expect(countedHits(1, on: 2, in: &states) == 0)
        states.setEstimate(14, of: 2)
        #expect(countedHits(2, on: 2, in: &states) == 1)
    }

    @Test func agingHalvesPendingUsesAndTheEstimate() {
        var states = SlotStates()
        states.reserve(upTo: 1, capacity: 2)
        states.reset(0, region: 2, estimate: 2)
        #expect(countedHits(7, on: 0, in: &states) == 7)  // estimate 9 with 7 pending
        states.reset(1, region: 0, estimate: 15)
        states.age()
        let halved = states.takePendingUses(of: 0)
        #expect(halved == 3)
        #expect(states.region(of: 0) == 2)
        // The estimate of slot 0 is now 9 / 2 = 4: eleven more hits count.
        #expect(countedHits(12, on: 0, in: &states) == 11)
        // Slot 1 was saturated: 15 / 2 = 7, so eight hits count again.
        #expect(countedHits(9, on: 1, in: &states) == 8)
        states.forgetUses()
        let forgotten = states.takePendingUses(of: 1)
        #expect(forgotten == 0)
        #expect(states.region(of: 1) == 0)
        #expect(countedHits(16, on: 1, in: &states) == 15)
    }

    /// Hits on a stored key reach its counters before it duels: the candidate that was read
    /// often beats a victim read once, although the sketch was not touched by the reads.
    @Test func pendingUsesReachTheSketchBeforeADuel() {
        let hashes = (1...6).map { $0 << 40 | $0 }  // distinct tags (upper halves)
        func key(_ index: Int) -> Int { Int(SlotIndex.tag(of: hashes[index])) }
        var policy = WindowTinyLFUPolicy(window: .fixed, seed: 1)
        policy.capacityDidChange(to: 4)
        for index in 0..<4 { policy.didInsert(CacheSlot(index: index), hash: hashes[index]) }
        // The window holds one entry (slot 3); slots 0...2 are in probation, 0 first.
        for _ in 0..<5 { policy.didAccess(CacheSlot(index: 3), hash: hashes[3]) }
        #expect(policy.sketch.frequency(of: key(3)) == 1)
        // Storing a fifth key makes slot 3 the candidate against slot 0.
        policy.didMiss(hash: hashes[4])
        let victim = policy.nextVictim(incomingHash: hashes[4])
        #expect(policy.sketch.frequency(of: key(3)) == 6)
        #expect(victim == CacheSlot(index: 0))
    }
}
