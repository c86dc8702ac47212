import Testing

@_spi(Randomness) @testable import CachePolicies

@Suite("Frequency sketch")
struct FrequencySketchTests {
    func sketch(capacity: Int = 1_000) -> FrequencySketch {
        var sketch = FrequencySketch()
        sketch.ensureCapacity(capacity)
        return sketch
    }

    @Test func nothingIsCountedBeforeItIsSized() {
        var sketch = FrequencySketch()
        sketch.increment(42)
        #expect(!sketch.isInitialized)
        #expect(sketch.frequency(of: 42) == 0)
    }

    @Test func countsUsesUpToFifteen() {
        var sketch = sketch()
        for expected in 1...20 {
            sketch.increment(42)
            #expect(sketch.frequency(of: 42) == min(expected, 15))
        }
    }

    @Test func estimatesNeverUnderCount() {
        var sketch = sketch()
        var generator = SplitMix64(seed: 1)
        let hashes = (0..<500).map { _ in Int(bitPattern: UInt(generator.next())) }
        var counts: [Int: Int] = [:]
        for _ in 0..<4_000 {
            let hash = hashes[Int.random(in: 0..<hashes.count, using: &generator)]
            sketch.increment(hash)
            counts[hash, default: 0] += 1
        }
        var exact = 0
        for (hash, count) in counts {
            let estimate = sketch.frequency(of: hash)
            #expect(estimate >= min(count, 15), "estimate \(estimate) below the count \(count)")
            if estimate == min(count, 15) { exact += 1 }
        }
        // 500 keys in 16,384 counters: collisions are rare, most estimates are exact.
        #expect(exact > counts.count * 9 / 10)
    }

    @Test func agingHalvesEveryCounter() {
        var sketch = sketch(capacity: 100)
        for _ in 0..<9 { sketch.increment(7) }
        for _ in 0..<4 { sketch.increment(8) }
        sketch.age()
        #expect(sketch.frequency(of: 7) == 4)
        #expect(sketch.frequency(of: 8) == 2)
    }

    @Test func agesAfterTenUsesPerEntry() {
        var sketch = sketch(capacity: 100)
        #expect(sketch.sampleSize == 1_000)
        for _ in 0..<15 { sketch.increment(7) }
        var generator = SplitMix64(seed: 2)
        // 15 counted uses so far; 985 more distinct keys (each changing at least one counter)
        // complete the sample and halve 7's count.
        for _ in 0..<984 { sketch.increment(Int(bitPattern: UInt(generator.next()))) }
        #expect(sketch.frequency(of: 7) == 15)
        sketch.increment(Int(bitPattern: UInt(generator.next())))
        #expect(sketch.frequency(of: 7) == 7)
    }
}
