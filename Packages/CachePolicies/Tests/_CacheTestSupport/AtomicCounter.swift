import Synchronization

/// A counter several tasks can bump, for concurrency tests.
public final class AtomicCounter: Sendable {
    private let storage = Atomic<Int>(0)

    /// Creates a counter at zero.
    public init() {}

    /// Adds `amount`.
    public func add(_ amount: Int = 1) {
        storage.add(amount, ordering: .relaxed)
    }

    /// The current count.
    public var value: Int { storage.load(ordering: .relaxed) }
}
