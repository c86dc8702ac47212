import Testing

@testable import CachePolicies

/// The ghost lists of W-TinyLFU's adaptive window: what they remember and for how long.
@Suite("Ghost table")
struct GhostTableTests {
    /// A table large enough that no key is forgotten early.
    static func table() -> GhostTable {
        var table = GhostTable()
        table.allocateOnce(forKeys: 1_000)
        return table
    }

    @Test func aKeyIsFoundOnceInTheListItWasAddedTo() {
        var table = GhostTableTests.table()
        table.append(10, to: 0, capacity: 100)
        table.append(20, to: 1, capacity: 100)
        #expect(table.count(of: 0) == 1)
        #expect(table.count(of: 1) == 1)
        #expect(table.remove(20) == 1)
        #expect(table.remove(20) == nil)
        #expect(table.remove(10) == 0)
        #expect(table.remove(30) == nil)
        #expect(table.count(of: 0) == 0)
        #expect(table.count(of: 1) == 0)
    }

    @Test func aFullListForgetsItsOldestKeys() {
        var table = GhostTableTests.table()
        for key in 0..<10 { table.append(key, to: 0, capacity: 4) }
        #expect(table.count(of: 0) == 4)
        #expect((0..<6).allSatisfy { table.remove($0) == nil })
        #expect((6..<10).allSatisfy { table.remove($0) == 0 })
    }

    @Test func aKeyFoundAgainLeavesRoomForAnOlderOne() {
        var table = GhostTableTests.table()
        for key in 0..<4 { table.append(key, to: 0, capacity: 4) }
        #expect(table.remove(2) == 0)  // a ghost hit: 0, 1 and 3 remain
        table.append(4, to: 0, capacity: 4)
        #expect(table.count(of: 0) == 4)
        #expect([0, 1, 3, 4].allSatisfy { table.remove($0) == 0 })
    }

    @Test func aKeyAddedAgainMovesToTheNewestEnd() {
        var table = GhostTableTests.table()
        for key in [1, 2, 3, 1] { table.append(key, to: 0, capacity: 3) }
        #expect(table.count(of: 0) == 3)
        table.append(4, to: 0, capacity: 3)  // 2 is now the oldest, and goes
        #expect(table.remove(2) == nil)
        #expect([3, 1, 4].allSatisfy { table.remove($0) == 0 })
    }

    @Test func aKeyMovesBetweenLists() {
        var table = GhostTableTests.table()
        table.append(7, to: 0, capacity: 10)
        table.append(7, to: 1, capacity: 10)
        #expect(table.count(of: 0) == 0)
        #expect(table.remove(7) == 1)
    }

    @Test func eachListKeepsItsOwnCapacity() {
        var table = GhostTableTests.table()
        for key in 0..<50 {
            table.append(key, to: 0, capacity: 20)
            table.append(1_000 + key, to: 1, capacity: 5)
        }
        #expect(table.count(of: 0) == 20)
        #expect(table.count(of: 1) == 5)
        #expect((30..<50).allSatisfy { table.remove($0) == 0 })
        #expect((1_045..<1_050).allSatisfy { table.remove($0) == 1 })
        #expect(table.remove(29) == nil)
        #expect(table.remove(1_044) == nil)
    }

    @Test func nothingIsRememberedBeforeTheTableIsAllocated() {
        var table = GhostTable()
        table.append(1, to: 0, capacity: 10)
        #expect(table.remove(1) == nil)
        #expect(table.count(of: 0) == 0)
    }
}
