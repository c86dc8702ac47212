import CacheCore
import Testing
import _CacheTestSupport

@_spi(Randomness) @_spi(Testing) @testable import CachePolicies

/// W-TinyLFU's deferred uses and tags in the corners a review found: removals, aging at an
/// insertion, hill climbing moving a new slot, and the layouts `EntryTags` reads.
@Suite("W-TinyLFU's deferred uses and tags, corner cases")
struct TinyLFUCornerCaseTests {
    // MARK: - Removal

    /// Hits on a key that is then removed (not evicted) reach the sketch: a key deleted or
    /// expired and stored again keeps its frequency.
    @Test func pendingUsesReachTheSketchWhenTheKeyIsRemoved() {
        var policy = WindowTinyLFUPolicy(window: .fixed, seed: 1)
        policy.capacityDidChange(to: 100)
        let hashes = (1...60).map { $0 << 40 | $0 }
        for index in 0..<60 { policy.didInsert(CacheSlot(index: index), hash: hashes[index]) }
        #expect(policy.sketch.isInitialized)
        let key = Int(SlotIndex.tag(of: hashes[59]))
        let before = policy.sketch.frequency(of: key)
        for _ in 0..<5 { policy.didAccess(CacheSlot(index: 59), hash: hashes[59]) }
        policy.didRemove(CacheSlot(index: 59))
        #expect(policy.sketch.frequency(of: key) == before + 5)
    }

    /// The same through a cache: a key read ten times, removed and written again wins its duel
    /// against main-space keys read five times.
    @Test func aRemovedHotKeyKeepsItsFrequency() {
        let cache = Cache<Int, Int>(maxSize: 10, policy: .tinyLFU(seed: 1, window: .fixed))
        for key in 1...10 { cache.set(key, key) }
        for key in 2...10 { for _ in 0..<5 { _ = cache.get(key) } }
        for _ in 0..<10 { _ = cache.get(1) }
        _ = cache.removeValue(forKey: 1)
        cache.set(1, 1)
        cache.set(11, 11)  // key 1 (the window's candidate) duels probation's oldest
        #expect(cache.contains(1))
    }

    /// The common case: a hot key's entry expires (TTL) and is loaded again; its hits since its
    /// last duel still count.
    @Test func anExpiredHotKeyKeepsItsFrequency() {
        let clock = ManualClock()
        let cache = Cache<Int, Int>(
            maxSize: 10,
            policy: .tinyLFU(seed: 1, window: .fixed),
            clock: .manual(clock)
        )
        cache.set(1, 1, ttl: .seconds(1))
        for key in 2...10 { cache.set(key, key, ttl: .never) }
        for key in 2...10 { for _ in 0..<5 { _ = cache.get(key) } }
        for _ in 0..<10 { _ = cache.get(1) }
        clock.advance(by: .seconds(1))
        #expect(cache.get(1) == nil)
        cache.set(1, 1, ttl: .never)
        cache.set(11, 11, ttl: .never)
        #expect(cache.contains(1))
    }

    // MARK: - Aging

    /// A key whose own use ages the sketch gets the headroom of its halved estimate: its hits
    /// after that count (had it kept the headroom of 15, none, they would be lost until the next
    /// aging).
    @Test func aKeyInsertedAsTheSketchAgesStillCountsItsHits() {
        var policy = WindowTinyLFUPolicy(window: .fixed, seed: 1)
        policy.capacityDidChange(to: 8)
        let hashes = (1...8).map { $0 << 40 | $0 }
        for index in 0..<4 { policy.didInsert(CacheSlot(index: index), hash: hashes[index]) }
        #expect(policy.sketch.isInitialized)  // 1 counted use so far (the 4th insert)
        let hot = hashes[5]
        let key = Int(SlotIndex.tag(of: hot))
        for _ in 0..<14 { policy.didMiss(hash: hot) }  // 15 counted uses
        #expect(policy.sketch.frequency(of: key) == 14)
        for _ in 0..<63 { policy.sketch.countUse() }  // 78
        policy.didMiss(hash: hashes[6])  // 79; the sample is 80
        #expect(policy.sketch.agings == 0)
        policy.didInsert(CacheSlot(index: 4), hash: hot)  // the 80th use: ages
        #expect(policy.sketch.agings == 1)
        let aged = policy.sketch.frequency(of: key)
        #expect(aged == 7)
        // Headroom 8: these hits count.
        for _ in 0..<5 { policy.didAccess(CacheSlot(index: 4), hash: hot) }
        // Evict every entry: each victim's pending uses reach the sketch first.
        var evicted = 0
        while policy.nextVictim(incomingHash: nil) != nil { evicted += 1 }
        #expect(evicted == 5)
        #expect(policy.sketch.frequency(of: key) == aged + 5)
    }

    // MARK: - Hill climbing

    /// Counting a new key may complete hill climbing's sample and shrink the window, moving its
    /// oldest entries to probation — the new slot itself when the window holds few entries: its
    /// region must say probation then, or the lists and the regions disagree.
    @Test func aBlindWriteThatShrinksTheHillClimbingWindowKeepsRegionsConsistent() {
        let hashes = (0..<1_100).map { $0 << 40 | $0 }
        var corrupted: [Int] = []
        for hits in 9_490...9_505 {
            var policy = WindowTinyLFUPolicy(window: .hillClimbing, seed: 1)
            policy.capacityDidChange(to: 1_000)
            for index in 0..<1_000 { policy.didInsert(CacheSlot(index: index), hash: hashes[index]) }
            // The window holds the last 10 slots (990...999); hit a main-space slot.
            for _ in 0..<hits { policy.didAccess(CacheSlot(index: 0), hash: hashes[0]) }
            for index in 990..<1_000 { policy.didRemove(CacheSlot(index: index)) }
            policy.didInsert(CacheSlot(index: 990), hash: hashes[1_050])  // a blind write
            policy.didRemove(CacheSlot(index: 990))
            // Hits in probation fill protected, whose overflow goes back to probation's tail.
            for index in 1..<900 { policy.didAccess(CacheSlot(index: index), hash: hashes[index]) }
            // The live slots are 0...989: the policy must track each exactly once.
            let order = policy.slotsInEvictionOrder().map(\.index)
            if order.sorted() != Array(0..<990) { corrupted.append(hits) }
        }
        #expect(corrupted.isEmpty, "regions and lists disagree after \(corrupted) hits")
    }

    // MARK: - Hashes with an empty upper half

    /// Keys whose `hashValue` is small (every key where `Int` has 32 bits; a `hashValue` written
    /// by hand) still get distinct tags, so the index, the sketch and the ghost table tell them
    /// apart.
    @Test func smallHashesGetDistinctTags() {
        let tags = Set((0..<10_000).map { SlotIndex.tag(of: $0) })
        #expect(tags.count == 10_000)
        let negative = Set((-5_000..<0).map { SlotIndex.tag(of: $0) })
        #expect(negative.count == 5_000 && negative.isDisjoint(with: tags))
    }

    // MARK: - Slot states and entry tags

    /// SlotStates' 4-bit fields never spill: random operations keep the region and bound the
    /// pending uses by 15.
    @Test func slotStatesFieldsStayInRange() {
        var generator = SplitMix64(seed: 5)
        var states = SlotStates()
        let slots = 8
        states.reserve(upTo: slots - 1, capacity: slots)
        var regions = [UInt8](repeating: 0, count: slots)
        for slot in 0..<slots { states.reset(Int32(slot), region: 0, estimate: 0) }
        for _ in 0..<200_000 {
            let slot = Int32(generator.next() % UInt64(slots))
            switch generator.next() % 8 {
            case 0:
                let region = UInt8(generator.next() % 3)
                states.reset(slot, region: region, estimate: Int(generator.next() % 20) - 2)
                regions[Int(slot)] = region
            case 1:
                let region = UInt8(generator.next() % 3)
                states.setRegion(region, of: slot)
                regions[Int(slot)] = region
            case 2:
                let pending = states.takePendingUses(of: slot)
                #expect(pending <= 15)
                states.setEstimate(Int(generator.next() % 18), of: slot)
            case 3: states.age()
            default: _ = states.recordHit(slot)
            }
            #expect(states.region(of: slot) == regions[Int(slot)])
        }
        for slot in 0..<slots {
            #expect(states.takePendingUses(of: Int32(slot)) <= 15)
            #expect(states.region(of: Int32(slot)) == regions[slot])
        }
    }

    /// EntryTags reads the tag the entry holds, for layouts where `Optional` uses spare bits or
    /// extra inhabitants of the payload, non-trivial and zero-sized keys and values.
    func checkTags<K, V>(_ key: K, _ value: V) {
        var entries: ContiguousArray<CacheEntry<K, V>?> = []
        for slot in 0..<9 {
            let tag = UInt32(truncatingIfNeeded: 0x9E37_79B9 &* (slot + 1))
            entries.append(slot % 3 == 1 ? nil : CacheEntry(key: key, value: value, tag: tag))
        }
        let offset = MemoryLayout<CacheEntry<K, V>>.offset(of: \.tag)!
        entries.withUnsafeBufferPointer { buffer in
            let tags = EntryTags(buffer, tagOffset: offset)
            for slot in 0..<9 where slot % 3 != 1 {
                #expect(tags.tag(of: Int32(slot)) == entries[slot]!.tag, "\(K.self), \(V.self), slot \(slot)")
            }
        }
    }

    final class Box: Sendable {}
    struct Empty: Hashable {}
    enum Payloads {
        case box(Box)
        case byte(Int8)
        case empty
    }

    @Test func entryTagsReadTheEntriesTagForEveryLayout() {
        checkTags(1, 2)
        checkTags("a key that is not small, so it is stored out of line", [1, 2, 3])
        checkTags(Empty(), Empty())
        checkTags(UInt8(1), Bool?.some(true))
        checkTags(Box(), Box?.none)
        checkTags(Payloads.box(Box()), Payloads.empty)
        checkTags(Int8(3), (Int8(1), Int64(2), Int16(3)))
        checkTags(Int?.some(5), Int??.some(nil))
        checkTags(Empty(), UInt32(7))
    }
}
