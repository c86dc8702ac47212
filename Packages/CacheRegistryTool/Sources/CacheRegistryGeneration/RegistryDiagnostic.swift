import CacheCore

/// A problem in a registry configuration file, with where it is, what is wrong and what was
/// expected, printed like a compiler's diagnostic:
///
///     Sources/App/caches.yml:7:13: error: cache 'users': policy is "lruu"; expected one of fifo, lfu, lifo, lru, mru, random
///     Sources/App/caches.yml:12:11: error: duplicate cache name 'users'; expected each name once
///     Sources/App/caches.yml:3:11: note: 'users' is first declared here
public struct RegistryDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// A related place in the file.
    public struct Note: Hashable, Sendable {
        /// Where.
        public var location: CacheConfigurationError.SourceLocation
        /// What is there.
        public var message: String

        /// Creates a note.
        public init(location: CacheConfigurationError.SourceLocation, message: String) {
            self.location = location
            self.message = message
        }
    }

    /// Where the problem is.
    public var location: CacheConfigurationError.SourceLocation
    /// What is wrong.
    public var message: String
    /// What was expected there.
    public var expected: String
    /// Related places, such as the first declaration of a duplicate name.
    public var notes: [Note]

    /// Creates a diagnostic.
    public init(
        location: CacheConfigurationError.SourceLocation,
        message: String,
        expected: String,
        notes: [Note] = []
    ) {
        self.location = location
        self.message = message
        self.expected = expected
        self.notes = notes
    }

    /// A diagnostic for an invalid setting: the cache, the field and the value, and what is
    /// allowed.
    public init(_ error: CacheConfigurationError, at location: CacheConfigurationError.SourceLocation) {
        self.init(
            location: error.location ?? location,
            message: "cache '\(error.cacheName)': \(error.field) is \(error.value)",
            expected: error.allowed
        )
    }

    /// `file:line:column: error: message; expected …`, then one line per note.
    public var description: String {
        let lines =
            ["\(location): error: \(message); expected \(expected)"]
            + notes.map { "\($0.location): note: \($0.message)" }
        return lines.joined(separator: "\n")
    }
}
