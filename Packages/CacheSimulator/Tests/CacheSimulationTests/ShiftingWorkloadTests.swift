import CacheSimulation
import Testing

@Suite("Shifting workloads")
struct ShiftingWorkloadTests {
    @Test func isReproducibleFromItsSeed() {
        let workload = ShiftingWorkload(hotKeys: 100, phaseLength: 1_000, requestCount: 5_000, seed: 3)
        let keys = workload.makeKeys()
        #expect(keys.count == 5_000)
        #expect(keys == workload.makeKeys())
        var other = workload
        other.seed = 4
        #expect(keys != other.makeKeys())
    }

    @Test func abruptDisjointPhasesUseTheirOwnHotSets() {
        let keys = ShiftingWorkload(hotKeys: 100, phaseLength: 1_000, requestCount: 4_000, seed: 1).makeKeys()
        for phase in 0..<4 {
            let slice = keys[(phase * 1_000)..<((phase + 1) * 1_000)]
            let hotSet = UInt64(phase * 100)..<UInt64((phase + 1) * 100)
            #expect(slice.allSatisfy(hotSet.contains), "phase \(phase)")
            #expect(Set(slice).count > 60, "phase \(phase) draws from most of its hot set")
        }
    }

    @Test func overlappingPhasesShareAPartOfTheirHotSets() {
        let keys = ShiftingWorkload(hotKeys: 100, phaseLength: 2_000, overlap: 0.5, requestCount: 4_000, seed: 1)
            .makeKeys()
        let first = Set(keys[0..<2_000])
        let second = Set(keys[2_000..<4_000])
        #expect(first.allSatisfy { $0 < 100 })
        #expect(second.allSatisfy { (50..<150).contains($0) })
        #expect(first.intersection(second).count > 30)
    }

    @Test func aGradualTransitionBlendsInTheNextHotSet() {
        let keys = ShiftingWorkload(
            hotKeys: 100,
            phaseLength: 10_000,
            transition: .gradual,
            requestCount: 10_000,
            seed: 1
        ).makeKeys()
        func shareOfNextPhase(_ range: Range<Int>) -> Double {
            Double(keys[range].filter { $0 >= 100 }.count) / Double(range.count)
        }
        #expect(shareOfNextPhase(0..<1_000) < 0.1)
        #expect((0.4...0.6).contains(shareOfNextPhase(4_500..<5_500)))
        #expect(shareOfNextPhase(9_000..<10_000) > 0.9)
    }

    @Test func scansAreNeverRepeatedAndTheLoopGoesRound() {
        let keys = ShiftingWorkload(
            hotKeys: 100,
            phaseLength: 1_000,
            scanShare: 0.2,
            loopShare: 0.3,
            loopLength: 7,
            requestCount: 20_000,
            seed: 2
        ).makeKeys()
        let scans = keys.filter { $0 >= 1 << 48 && $0 < 1 << 49 }
        let loop = keys.filter { $0 >= 1 << 49 }
        #expect((3_700...4_300).contains(scans.count))
        #expect(Set(scans).count == scans.count)
        #expect((5_600...6_400).contains(loop.count))
        #expect(loop.enumerated().allSatisfy { $1 == (1 << 49) + UInt64($0 % 7) })
    }
}
