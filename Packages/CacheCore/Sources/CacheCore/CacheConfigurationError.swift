/// A configuration value a cache cannot accept.
///
/// Thrown by `configure` and by everything that builds caches from settings or files. It names
/// the cache, the field, the value that was given and what is allowed, and, for values read from
/// a file, where they stand:
///
///     caches.yml:4:14: cache 'sessions': maxSize is -1; allowed: an integer ≥ 0, or null for no limit
public struct CacheConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where a value came from in a configuration file.
    public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
        /// The file's path as given.
        public var file: String
        /// The line, counting from 1.
        public var line: Int
        /// The column, counting from 1.
        public var column: Int

        /// Creates a location.
        ///
        /// - Complexity: O(1).
        public init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }

        /// `file:line:column`.
        public var description: String { "\(file):\(line):\(column)" }
    }

    /// The name of the cache being configured.
    public var cacheName: String
    /// The setting that was wrong.
    public var field: String
    /// The value that was given, as text.
    public var value: String
    /// What the setting accepts.
    public var allowed: String
    /// Where the value stands in a configuration file, when it came from one.
    public var location: SourceLocation?

    /// Creates an error.
    ///
    /// - Complexity: O(1).
    public init(cacheName: String, field: String, value: String, allowed: String, location: SourceLocation? = nil) {
        self.cacheName = cacheName
        self.field = field
        self.value = value
        self.allowed = allowed
        self.location = location
    }

    /// The message: location, cache, field, value and what is allowed.
    public var description: String {
        let message = "cache '\(cacheName)': \(field) is \(value); allowed: \(allowed)"
        guard let location else { return message }
        return "\(location): \(message)"
    }
}
