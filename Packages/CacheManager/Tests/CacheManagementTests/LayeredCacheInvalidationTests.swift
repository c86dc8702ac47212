import CacheCore
import CacheManagement
import CachePolicies
import Testing

/// `invalidateLocalLayers`: what a near cache calls when another instance changed the remote
/// layer, and writes that an invalidation, delete or later write overtakes.
@Suite("Layered cache invalidation")
struct LayeredCacheInvalidationTests {
    let l1 = Cache<String, Int>(name: "l1", maxSize: 10)
    let l2 = Cache<String, Int>(name: "l2", maxSize: 10)

    @Test func invalidatingAKeyEmptiesTheLocalLayersOnly() async throws {
        let remote = InMemoryRemoteStore<String, Int>()
        let layered = LayeredCache<String, Int>(layers: [.local(l1), .local(l2), .remote(remote)])
        try await layered.set("a", 1)
        try await layered.set("b", 2)
        layered.invalidateLocalLayers(forKey: "a")
        #expect(l1.keys == ["b"] && l2.keys == ["b"])
        #expect(remote.contents == ["a": 1, "b": 2])
        let readsBefore = remote.gets
        #expect(try await layered.get("a") == 1)
        #expect(remote.gets == readsBefore + 1)
        #expect(l1.get("a") == 1)
        layered.invalidateLocalLayers()
        #expect(l1.count == 0 && l2.count == 0)
        #expect(remote.contents == ["a": 1, "b": 2])
    }

    @Test func anInvalidationDuringAReadKeepsItsResultOutOfTheLocalLayers() async throws {
        let gate = AsyncGate()
        let remote = InMemoryRemoteStore<String, Int>(["k": 1], gate: gate)
        let layered = LayeredCache<String, Int>(layers: [.local(l1), .remote(remote)])
        async let read = layered.get("k")
        while remote.gets == 0 { await Task.yield() }
        layered.invalidateLocalLayers(forKey: "k")
        gate.open()
        #expect(try await read == 1)
        #expect(l1.get("k") == nil)
    }

    @Test(arguments: ["invalidate key", "invalidate all", "delete"])
    func aWriteOvertakenBeforeItReachesTheLocalLayersLeavesThemAlone(overtaker: String) async throws {
        let gate = AsyncGate()
        let remote = GatedWrites(gate: gate)
        let layered = LayeredCache<String, Int>(layers: [.local(l1), .remote(remote)])
        l1.set("k", 0, ttl: nil)
        async let write: Void = layered.set("k", 1)
        while remote.writesWaiting == 0 { await Task.yield() }
        switch overtaker {
        case "invalidate key": layered.invalidateLocalLayers(forKey: "k")
        case "invalidate all": layered.invalidateLocalLayers()
        default: try await layered.delete("k")
        }
        gate.open()
        try await write
        #expect(l1.get("k") == nil, "the local layer must not keep a value the remote one may no longer hold")
        try await layered.set("k", 2)
        #expect(l1.get("k") == 2, "a write nothing overtakes reaches every layer")
    }
}

/// A remote store whose writes wait at a gate.
final class GatedWrites: AsyncCacheProtocol {
    let store = InMemoryRemoteStore<String, Int>()
    let gate: AsyncGate
    private let waiting = Recorder<Int>()

    init(gate: AsyncGate) { self.gate = gate }

    var writesWaiting: Int { waiting.all.count }

    func set(_ key: String, _ value: Int, ttl: TimeToLive?) async throws {
        waiting.append(value)
        await gate.wait()
        try await store.set(key, value, ttl: ttl)
    }

    func get(_ key: String) async throws -> Int? { try await store.get(key) }
    func add(_ key: String, _ value: Int, ttl: TimeToLive?) async throws -> Bool {
        try await store.add(key, value, ttl: ttl)
    }
    func delete(_ key: String) async throws -> Bool { try await store.delete(key) }
    func contains(_ key: String) async throws -> Bool { try await store.contains(key) }
    func count() async throws -> Int { try await store.count() }
    func clear() async throws { try await store.clear() }
    func getMany(_ filter: KeyFilter<String>) async throws -> [String: Int] { try await store.getMany(filter) }
    func setMany(_ items: [(key: String, value: Int)], ttl: TimeToLive?) async throws {
        try await store.setMany(items, ttl: ttl)
    }
    func deleteMany(_ filter: KeyFilter<String>) async throws -> Int { try await store.deleteMany(filter) }
    func keys(matching filter: KeyFilter<String>) async throws -> [String] { try await store.keys(matching: filter) }
}
