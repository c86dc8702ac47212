import CacheCore
import Synchronization

/// An array several tasks and listeners can append to, for tests.
public final class LockedArray<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    /// Creates an empty array.
    public init() {}

    /// Appends `element`.
    public func append(_ element: Element) {
        storage.withAnnotatedLock { $0.append(element) }
    }

    /// The elements so far.
    public var elements: [Element] { storage.withAnnotatedLock { $0 } }
}
