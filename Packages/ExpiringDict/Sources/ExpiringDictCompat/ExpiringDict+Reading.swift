import CacheCore
import CachePolicies

extension ExpiringDict {
    /// Reads and writes the value for `key` (`d[key]`, `d[key] = value`, `del d[key]`).
    ///
    /// Reading returns the value while it is younger than ``maxAgeSeconds``, else `nil` (Python
    /// raises `KeyError`); it neither refreshes the entry nor moves it in the eviction queue.
    /// Assigning a value stamps it with the current time, moves the key to the back of the queue
    /// and, for a new key in a full dictionary, evicts the entry written longest ago (expired
    /// entries go first, so a live one is evicted only when every entry is live). Assigning `nil`
    /// removes the key.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public subscript(key: Key) -> Value? {
        get { storage.get(key)?.value }
        set {
            if let newValue {
                write(key, newValue)
            } else {
                storage.delete(key)
            }
        }
    }

    /// The live value for `key`, or `nil` (`d.get(key)`).
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func get(_ key: Key) -> Value? {
        storage.get(key)?.value
    }

    /// The live value for `key`, or `defaultValue` (`d.get(key, default)`). The default is not stored.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func get(_ key: Key, default defaultValue: Value) -> Value {
        storage.get(key)?.value ?? defaultValue
    }

    /// The live value for `key` and its age in seconds (`d.get(key, default, with_age=True)`):
    /// `(defaultValue, nil)` when the key has no live value.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - defaultValue: What to return for a key without a live value.
    ///   - withAge: Whether to measure the age; `false` leaves it `nil`, as `with_age=False`
    ///     leaves it out.
    /// - Complexity: O(1) on average.
    @inlinable
    public func get(
        _ key: Key,
        default defaultValue: Value? = nil,
        withAge: Bool
    ) -> (value: Value?, age: Double?) {
        guard let entry = storage.get(key) else { return (defaultValue, nil) }
        return (entry.value, withAge ? age(of: entry) : nil)
    }

    /// The seconds `key` has left before it expires (`d.ttl(key)`): ``maxAgeSeconds`` minus its
    /// age, or `nil` when the key has no live value. A value written this instant has the full
    /// ``maxAgeSeconds`` (expiringdict returns `None` then).
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func ttl(_ key: Key) -> Double? {
        guard let entry = storage.get(key) else { return nil }
        return Swift.max(0, maxAgeSeconds - age(of: entry))
    }

    /// Whether `key` has a live value (`key in d`).
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    public func contains(_ key: Key) -> Bool {
        storage.contains(key)
    }

    /// The seconds since `entry` was written.
    @inlinable
    func age(of entry: TimestampedValue<Value>) -> Double {
        seconds(fromNanoseconds: clock.now().nanoseconds - entry.writtenAt.nanoseconds)
    }
}

/// `nanoseconds` in seconds.
@inlinable
func seconds(fromNanoseconds nanoseconds: Int64) -> Double {
    Double(nanoseconds) / 1_000_000_000
}
