import CacheCore
import Synchronization

/// The bits of ``Cache/modes``: what a cache's operations must do beyond the quiet path.
///
/// One word, so that the quiet read path checks everything with one load: it runs only while the
/// word is 0.
@usableFromInline
enum CacheModes {
    /// A TTL or refresh-after-write may be in play: operations read the clock. Once set it stays
    /// set (a stale bit only costs a clock read).
    @usableFromInline static let expiring = 1
    /// A listener for reads may be registered: reads collect events. Once set it stays set.
    @usableFromInline static let observingReads = 2
    /// One running ``Cache/compute(_:ttl:_:)``; the word counts them above the flag bits, so that
    /// an operation can tell that it may have been called from inside one.
    @usableFromInline static let oneComputation = 4
}

/// One ``Cache/compute(_:ttl:_:)`` call: its cache and its number among that cache's calls.
struct RunningComputation: Hashable, Sendable {
    /// The cache's identity.
    var cache: ObjectIdentifier
    /// The call's number; its cache's ``Cache/computationHoldingLock`` holds it while the closure
    /// runs.
    var token: Int
}

/// The ``Cache/compute(_:ttl:_:)`` calls the current thread or task is inside, innermost last.
///
/// Tasks started inside a closure inherit the list; that is why each entry names its call, and
/// counts only while its cache says that call still holds the lock: a task that outlives the call
/// may use the cache.
enum RunningComputations {
    /// The calls, innermost last.
    @TaskLocal static var calls: [RunningComputation] = []
}

extension Cache {
    /// Sets the flag `mode` (a ``CacheModes`` bit) unless it is set.
    @inlinable
    func mark(_ mode: Int) {
        if modes.load(ordering: .relaxed) & mode == 0 { modes.bitwiseOr(mode, ordering: .relaxed) }
    }

    /// Notes that a TTL may be in play from now on.
    @inlinable
    func markExpiring() {
        mark(CacheModes.expiring)
    }

    /// Stops with a message when the current thread is inside a ``compute(_:ttl:_:)`` closure of
    /// this cache, which holds the cache's lock: taking it again would deadlock.
    ///
    /// Called before taking the lock, only while some computation runs (``modes`` says so).
    @usableFromInline
    func preconditionNotComputing(_ operation: StaticString) {
        let holder = computationHoldingLock.load(ordering: .acquiring)
        precondition(
            holder == 0 || !RunningComputations.calls.contains(.init(cache: ObjectIdentifier(self), token: holder)),
            """
            Cache '\(name)': \(operation) was called from inside the closure of compute(_:ttl:_:) on \
            the same cache. That closure runs under the cache's lock, so it must not use the cache: \
            read what it needs before calling compute, and act on the result after it returns
            """
        )
    }

    /// Runs `body` with the storage locked, after checking that this thread is not inside a
    /// ``compute(_:ttl:_:)`` of this cache: the entry point for operations other than
    /// ``withStorage(at:needsTime:expiringDue:_:)``.
    @inlinable
    func withLockedStorage<Result: Sendable>(_ body: @Sendable (inout CacheStorage<Key, Value>) -> Result) -> Result {
        if modes.load(ordering: .relaxed) >= CacheModes.oneComputation { preconditionNotComputing("an operation") }
        return storage.withAnnotatedLock { @Sendable storage in body(&storage) }
    }
}
