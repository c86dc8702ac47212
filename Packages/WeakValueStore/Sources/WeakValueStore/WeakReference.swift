/// A weak reference to an object: what a ``WeakValueCache`` stores for each key.
///
/// It is immutable, so any thread may read it without the cache's lock; reading a weak reference
/// is atomic with respect to the object's deallocation.
final class WeakReference<Object: AnyObject & Sendable>: Sendable {
    /// The object, or `nil` once it has been deallocated.
    weak let object: Object?

    init(_ object: Object) {
        self.object = object
    }
}
