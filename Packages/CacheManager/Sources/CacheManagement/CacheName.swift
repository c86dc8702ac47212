/// The name of a managed cache together with its key and value types, for typed access without
/// repeating the types:
///
///     extension CacheName where Key == String, Value == User {
///         static let users = CacheName("users")
///     }
///     let users = try manager.cache(.users)   // Cache<String, User>
public struct CacheName<Key: Hashable & Sendable, Value: Sendable>: Hashable, Sendable, CustomStringConvertible {
    /// The cache's name in the manager.
    public let name: String

    /// Names the cache called `name`, whose keys are `Key` and values `Value`.
    ///
    /// - Complexity: O(1).
    public init(_ name: String) {
        self.name = name
    }

    /// The name.
    public var description: String { name }
}
