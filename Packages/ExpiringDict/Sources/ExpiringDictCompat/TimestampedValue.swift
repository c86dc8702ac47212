import CacheCore

/// A value and the time it was written, as an ``ExpiringDict`` stores it.
@usableFromInline
struct TimestampedValue<Value: Sendable>: Sendable {
    @usableFromInline let value: Value
    /// When the value was written, on the dictionary's clock.
    @usableFromInline let writtenAt: CacheInstant

    @inlinable
    init(_ value: Value, writtenAt: CacheInstant) {
        self.value = value
        self.writtenAt = writtenAt
    }
}
