import CacheSimulation
import Testing

@Suite("Cache sizes")
struct CacheSizeTests {
    @Test func parsesEntriesAndPercentages() throws {
        #expect(try CacheSize(parsing: "5000") == .entries(5_000))
        #expect(try CacheSize(parsing: "5_000") == .entries(5_000))
        #expect(try CacheSize(parsing: "5%") == .percentOfKeys(5))
        #expect(try CacheSize(parsing: "0.5%") == .percentOfKeys(0.5))
    }

    @Test func percentagesRoundToTheNearestEntryAsInTheReferenceTable() throws {
        // cloudphysics-w106 has 275,171 distinct keys: 2,752 / 13,759 / 27,517 entries.
        #expect(try CacheSize.percentOfKeys(1).entries(forDistinctKeys: 275_171) == 2_752)
        #expect(try CacheSize.percentOfKeys(5).entries(forDistinctKeys: 275_171) == 13_759)
        #expect(try CacheSize.percentOfKeys(10).entries(forDistinctKeys: 275_171) == 27_517)
        #expect(try CacheSize.percentOfKeys(1).entries(forDistinctKeys: 76_349) == 763)
    }

    @Test func refusesZeroAndNonsense() {
        #expect(throws: CacheSizeError.notPositive("0")) { try CacheSize(parsing: "0") }
        #expect(throws: CacheSizeError.notPositive("0%")) { try CacheSize(parsing: "0%") }
        #expect(throws: CacheSizeError.notPositive("-3")) { try CacheSize(parsing: "-3") }
        #expect(throws: CacheSizeError.notASize("big")) { try CacheSize(parsing: "big") }
        #expect(throws: CacheSizeError.notASize("%")) { try CacheSize(parsing: "%") }
        #expect(throws: CacheSizeError.roundsToZero("0.01%", distinctKeys: 100)) {
            try CacheSize.percentOfKeys(0.01).entries(forDistinctKeys: 100)
        }
    }
}
