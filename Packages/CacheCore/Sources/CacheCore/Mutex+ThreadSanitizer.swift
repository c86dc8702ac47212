import Synchronization

#if CACHE_TSAN
// The ThreadSanitizer runtime's annotation entry points; they exist only in sanitized builds.
@_silgen_name("__tsan_acquire")
@usableFromInline
func _threadSanitizerAcquire(_ address: UnsafeRawPointer)

@_silgen_name("__tsan_release")
@usableFromInline
func _threadSanitizerRelease(_ address: UnsafeRawPointer)
#endif

extension Mutex where Value: ~Copyable {
    /// Runs `body` with the lock held, like `withLock`, and in sanitized builds tells
    /// ThreadSanitizer that the lock orders the accesses it protects.
    ///
    /// On Linux a contended `Mutex` is handed over by the kernel (`FUTEX_LOCK_PI`) inside the
    /// standard library's uninstrumented slow path, so ThreadSanitizer never sees the
    /// happens-before edge and reports the protected accesses as races. Every lock in
    /// swift-caching is taken through this method; builds with `-DCACHE_TSAN` (what
    /// `Scripts/tsan.sh` uses, alongside `--sanitize=thread`) annotate the acquisition and the
    /// release, and other builds compile to exactly `withLock`.
    ///
    /// - Complexity: O(1) plus `body`.
    @inlinable
    public borrowing func withAnnotatedLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        #if CACHE_TSAN
        // The mutex's own address (it cannot move: `Mutex` is only stored in `let`s) names it; taking
        // it touches nothing the lock protects.
        let address = withUnsafePointer(to: self) { UnsafeRawPointer($0) }
        #endif
        return try withLock { (value: inout sending Value) throws(E) -> sending Result in
            #if CACHE_TSAN
            _threadSanitizerAcquire(address)
            defer { _threadSanitizerRelease(address) }
            #endif
            return try body(&value)
        }
    }

    /// Runs `body` with the lock held if it can be taken at once, like `withLockIfAvailable`,
    /// with the annotations of ``withAnnotatedLock(_:)``.
    ///
    /// - Returns: `body`'s result, or `nil` when another thread held the lock.
    /// - Complexity: O(1) plus `body`.
    @inlinable
    public borrowing func withAnnotatedLockIfAvailable<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result? {
        #if CACHE_TSAN
        let address = withUnsafePointer(to: self) { UnsafeRawPointer($0) }
        #endif
        return try withLockIfAvailable { (value: inout sending Value) throws(E) -> sending Result in
            #if CACHE_TSAN
            _threadSanitizerAcquire(address)
            defer { _threadSanitizerRelease(address) }
            #endif
            return try body(&value)
        }
    }
}
