/// A weak reference to an object: what a ``WeakValueCache`` stores for each key.
///
/// It is immutable, so any thread may read it without the cache's lock; reading a weak reference
/// is atomic with respect to the object's deallocation.
@usableFromInline
final class WeakReference<Object: AnyObject & Sendable>: Sendable {
    /// The object, or `nil` once it has been deallocated.
    @usableFromInline weak let object: Object?

    @inlinable
    init(_ object: Object) {
        self.object = object
    }
}
