import CacheCore
import CachePolicies
import Foundation
import Synchronization

/// What the workloads need of a cache: a read, a write, and a write with a TTL.
///
/// Each contender is a concrete type, so the timed loops (generic over it) are specialised for
/// it: nothing is dispatched dynamically per operation.
protocol BenchmarkedCache: AnyObject, Sendable {
    associatedtype Key
    associatedtype Value

    func get(_ key: Key) -> Value?
    func set(_ key: Key, _ value: Value)
    func set(_ key: Key, _ value: Value, ttl: Duration)

    /// What thread `thread` of a 2-thread workload works on: the cache itself, but for the
    /// control, whose threads each have a dictionary of their own.
    func view(forThread thread: Int) -> Self
}

extension BenchmarkedCache {
    func view(forThread thread: Int) -> Self { self }
}

extension Cache: BenchmarkedCache {
    func set(_ key: Key, _ value: Value) {
        set(key, value, ttl: nil)
    }

    func set(_ key: Key, _ value: Value, ttl: Duration) {
        set(key, value, ttl: .after(ttl))
    }
}

extension ShardedCache: BenchmarkedCache {
    func set(_ key: Key, _ value: Value) {
        set(key, value, ttl: nil)
    }

    func set(_ key: Key, _ value: Value, ttl: Duration) {
        set(key, value, ttl: .after(ttl))
    }
}

/// A `Dictionary` bounded by a FIFO ring of its keys, so that it evicts like a cache; with an
/// optional deadline per entry for the TTL workload (checked on read, as lazily as `Cache` does).
struct BoundedDictionary<Key: Hashable, Value> {
    struct Entry {
        var value: Value
        var deadline: Int64
    }

    var entries: [Key: Entry] = [:]
    var ring: [Key] = []
    var head = 0
    let capacity: Int
    let clock: ManualClock?

    init(capacity: Int, clock: ManualClock?) {
        self.capacity = capacity
        self.clock = clock
        entries.reserveCapacity(capacity)
        ring.reserveCapacity(capacity)
    }

    mutating func get(_ key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        if let clock, entry.deadline <= clock.now.nanoseconds {
            entries.removeValue(forKey: key)
            return nil
        }
        return entry.value
    }

    mutating func set(_ key: Key, _ value: Value, deadline: Int64) {
        if entries.updateValue(Entry(value: value, deadline: deadline), forKey: key) != nil { return }
        if ring.count < capacity {
            ring.append(key)
            return
        }
        // The ring may name a key that expired and was rewritten since: FIFO by first write.
        entries.removeValue(forKey: ring[head])
        ring[head] = key
        head = head + 1 == capacity ? 0 : head + 1
    }

    func deadline(after ttl: Duration) -> Int64 {
        guard let clock else { return .max }
        return clock.now.nanoseconds &+ ttl.cacheNanoseconds
    }
}

/// The floor: a bounded `Dictionary` with no lock (not thread-safe; single-threaded workloads only).
final class UnlockedDictionary<Key: Hashable & Sendable, Value: Sendable>: BenchmarkedCache, @unchecked Sendable {
    var dictionary: BoundedDictionary<Key, Value>

    init(capacity: Int, clock: ManualClock? = nil) {
        dictionary = BoundedDictionary(capacity: capacity, clock: clock)
    }

    func get(_ key: Key) -> Value? { dictionary.get(key) }
    func set(_ key: Key, _ value: Value) { dictionary.set(key, value, deadline: .max) }
    func set(_ key: Key, _ value: Value, ttl: Duration) {
        dictionary.set(key, value, deadline: dictionary.deadline(after: ttl))
    }
}

/// The baseline every ratio is against: a bounded `Dictionary` behind `Synchronization.Mutex`.
///
/// 128 bytes of padding on each side of the state keep two of them allocated one after the other
/// (the control's, ``PrivateDictionaries``) off each other's cache lines, and off the pair of
/// lines that adjacent-line prefetching moves together.
final class LockedDictionary<Key: Hashable & Sendable, Value: Sendable>: BenchmarkedCache {
    typealias Padding = (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int)
    private let before: Padding = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    let state: Mutex<BoundedDictionary<Key, Value>>
    private let after: Padding = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    init(capacity: Int, clock: ManualClock? = nil) {
        state = Mutex(BoundedDictionary(capacity: capacity, clock: clock))
    }

    func get(_ key: Key) -> Value? {
        state.withLock { $0.get(key) }
    }

    func set(_ key: Key, _ value: Value) {
        state.withLock { $0.set(key, value, deadline: .max) }
    }

    func set(_ key: Key, _ value: Value, ttl: Duration) {
        state.withLock { $0.set(key, value, deadline: $0.deadline(after: ttl)) }
    }
}

/// The control of the 2-thread workloads: each thread reads and writes a ``LockedDictionary`` of
/// its own, on cache lines of its own, so the pair shows what two threads gain on this machine when
/// they share nothing. Its single-threaded counterpart is the Mutex+Dictionary baseline. Writes
/// before the timed run (the prefill) go to every thread's dictionary.
final class PrivateDictionaries<Key: Hashable & Sendable, Value: Sendable>: BenchmarkedCache {
    let dictionaries: [LockedDictionary<Key, Value>]
    let views: [PrivateDictionaries]

    init(capacity: Int, clock: ManualClock? = nil) {
        dictionaries = (0..<2).map { _ in LockedDictionary(capacity: capacity, clock: clock) }
        views = dictionaries.map { PrivateDictionaries(only: $0) }
    }

    private init(only dictionary: LockedDictionary<Key, Value>) {
        dictionaries = [dictionary]
        views = []
    }

    func get(_ key: Key) -> Value? { dictionaries[0].get(key) }
    func set(_ key: Key, _ value: Value) {
        for dictionary in dictionaries { dictionary.set(key, value) }
    }
    func set(_ key: Key, _ value: Value, ttl: Duration) {
        for dictionary in dictionaries { dictionary.set(key, value, ttl: ttl) }
    }
    func view(forThread thread: Int) -> PrivateDictionaries { views[thread] }
}

/// Foundation's `NSCache` with its `countLimit`; keys and values are boxed outside the timed
/// region (keys as `NSNumber` / `NSString`, values in ``ObjectBox``). For the TTL workload the box
/// carries a deadline, checked on read.
final class FoundationCache<Value>: BenchmarkedCache, @unchecked Sendable {
    let cache = NSCache<NSObject, ObjectBox<Value>>()
    let clock: ManualClock?

    init(capacity: Int, clock: ManualClock? = nil) {
        cache.countLimit = capacity
        self.clock = clock
    }

    func get(_ key: NSObject) -> ObjectBox<Value>? {
        guard let box = cache.object(forKey: key) else { return nil }
        if let clock, box.deadline <= clock.now.nanoseconds {
            cache.removeObject(forKey: key)
            return nil
        }
        return box
    }

    func set(_ key: NSObject, _ value: ObjectBox<Value>) {
        cache.setObject(value, forKey: key)
    }

    func set(_ key: NSObject, _ value: ObjectBox<Value>, ttl: Duration) {
        let deadline = (clock?.now.nanoseconds ?? 0) &+ ttl.cacheNanoseconds
        cache.setObject(ObjectBox(value.value, deadline: deadline), forKey: key)
    }
}

/// A value boxed for `NSCache`.
final class ObjectBox<Value>: @unchecked Sendable {
    let value: Value
    let deadline: Int64

    init(_ value: Value, deadline: Int64 = .max) {
        self.value = value
        self.deadline = deadline
    }
}
