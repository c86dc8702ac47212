import Testing

@_spi(Randomness) @testable import CachePolicies

@Suite("SlotIndex")
struct SlotIndexTests {
    /// Drives the index like the engine does, against a dictionary, with hashes chosen to
    /// collide in their home buckets so that probing, wrap-around and backward shifts all run.
    @Test func agreesWithADictionaryUnderCollisions() {
        var index = SlotIndex()
        var model: [Int: Int] = [:]  // key -> slot
        var hashes: [Int: Int] = [:]
        var generator = SplitMix64(seed: 5)
        var nextSlot = 0
        for _ in 0..<50_000 {
            let key = Int.random(in: 0..<2_000, using: &generator)
            // Few distinct tags, so that many keys share a home bucket.
            let hash = hashes[key] ?? (Int.random(in: 0..<64, using: &generator) << 32 | key)
            hashes[key] = hash
            let tag = SlotIndex.tag(of: hash)
            let found = index.find(tag: tag) { slot in model[key] == slot }
            #expect(found?.slot == model[key])
            if let (bucket, _) = found, Bool.random(using: &generator) {
                index.remove(bucket: bucket)
                model[key] = nil
            } else if found == nil {
                index.insert(tag: tag, slot: nextSlot)
                model[key] = nextSlot
                nextSlot += 1
            }
            #expect(index.count == model.count)
        }
        for (key, slot) in model {
            #expect(index.find(tag: SlotIndex.tag(of: hashes[key]!)) { $0 == slot }?.slot == slot)
        }
    }
}
