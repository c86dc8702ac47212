import CacheCore
@_spi(Testing) import CachePolicies
import Synchronization
import Testing
import _CacheTestSupport

@Suite("Listeners")
struct ListenerTests {
    @Test func eventsComeInTheOrderTheyHappened() {
        let cache = Cache<String, Int>(maxSize: 2, policy: .lru)
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache)
        cache["a"] = 1
        cache["b"] = 2
        _ = cache["a"]
        _ = cache["zzz"]
        cache["c"] = 3
        cache.delete("a")
        #expect(
            recorder.take() == [
                .set(key: "a", value: 1, oldValue: nil),
                .set(key: "b", value: 2, oldValue: nil),
                .get(key: "a", value: 1, hit: true),
                .get(key: "zzz", value: nil, hit: false),
                .removal(key: "b", value: 2, cause: .evicted),
                .set(key: "c", value: 3, oldValue: nil),
                .removal(key: "a", value: 1, cause: .deleted),
            ]
        )
    }

    /// The order SEMANTICS.md gives: the read, the load, the evictions, the write.
    @Test func aLoadingReadReportsTheMissTheLoadTheEvictionAndTheSet() {
        let clock = ManualClock()
        let cache = Cache<String, Int>(maxSize: 1, policy: .lru, clock: .manual(clock))
        cache["a"] = 1
        let recorder = EventRecorder<String, Int>()
        recorder.attach(to: cache)
        let value = cache.get("b") { _ in
            clock.advance(by: .milliseconds(3))
            return 2
        }
        #expect(value == 2)
        #expect(
            recorder.take() == [
                .get(key: "b", value: nil, hit: false),
                .load(key: "b", duration: .milliseconds(3)),
                .removal(key: "a", value: 1, cause: .evicted),
                .set(key: "b", value: 2, oldValue: nil),
            ]
        )
    }

    @Test func aListenerMayCallBackIntoTheCache() {
        let cache = Cache<Int, Int>(maxSize: 3, policy: .fifo)
        let seen = LockedArray<String>()
        cache.onRemoval { [cache] key, _, _ in
            // Re-entering the cache from a listener must neither deadlock nor crash.
            seen.append("\(key): count \(cache.count), present \(cache.contains(key))")
            if key == 1 { cache[100] = 100 }
        }
        for key in 1...4 { cache[key] = key }
        #expect(seen.elements == ["1: count 3, present false", "2: count 3, present false"])
        #expect(cache.keys == [3, 4, 100])
    }

    @Test func listenersRunInRegistrationOrderAndCanBeRemoved() {
        let cache = Cache<Int, Int>(maxSize: 3)
        let calls = LockedArray<String>()
        let first = cache.onSet { _, _, _ in calls.append("first") }
        cache.onSet { _, _, _ in calls.append("second") }
        cache[1] = 1
        #expect(cache.removeListener(first))
        #expect(cache.removeListener(first) == false)
        cache[2] = 2
        #expect(calls.elements == ["first", "second", "second"])
    }

    @Test func typedListenersReceiveTheirFields() {
        let cache = Cache<String, Int>(maxSize: 3)
        let log = LockedArray<String>()
        cache.onGet { key, value, hit in log.append("get \(key) \(String(describing: value)) \(hit)") }
        cache.onSet { key, value, old in log.append("set \(key) \(value) \(String(describing: old))") }
        cache.onRemoval { key, value, cause in log.append("removal \(key) \(value) \(cause)") }
        cache["a"] = 1
        cache["a"] = 2
        _ = cache["a"]
        cache.deleteMany(.keys(["a"]))
        #expect(
            log.elements == [
                "set a 1 nil", "removal a 1 replaced", "set a 2 Optional(1)", "get a Optional(2) true",
                "removal a 2 deleted",
            ]
        )
    }

    @Test func listenersForOneKindHearNothingElse() {
        let cache = Cache<Int, Int>(maxSize: 1)
        let recorder = EventRecorder<Int, Int>()
        recorder.attach(to: cache, kinds: .removal)
        cache[1] = 1
        _ = cache[1]
        cache[2] = 2
        #expect(recorder.take() == [.removal(key: 1, value: 1, cause: .evicted)])
    }
}
