import MemoizationMacros
import Testing

/// Runs with the `Macros` trait on or off: `import MemoizationMacros` brings `memoize` and the
/// engine's types either way.
@Suite("MemoizationMacros re-exports")
struct ReExportTests {
    @Test func oneImportBringsMemoizationAndTheEngine() {
        let clock = ManualClock()
        let double = memoize(maxSize: 2, ttl: .seconds(1), policy: .fifo, clock: .manual(clock)) { (n: Int) in n * 2 }
        #expect(double(21) == 42)
        #expect(double(21) == 42)
        clock.advance(by: .seconds(1))
        #expect(double(21) == 42)
        #expect(double.cacheInfo() == CacheInfo(hits: 1, misses: 2, maxSize: 2, currentSize: 1))
        let engine: Cache<Int, Int> = double.cache
        #expect(engine.policy.name == "fifo")
    }
}
