/// Why an entry left a cache, as reported to removal listeners.
public enum RemovalCause: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The user deleted it (`delete`, `deleteMany`, assigning `nil` through the subscript).
    case deleted
    /// A write replaced its value; the listener receives the old value.
    case replaced
    /// Its TTL ran out.
    case expired
    /// The eviction policy removed it to stay within the cache's limits, or `popItem()` took it.
    case evicted
    /// `clear()` removed it.
    case cleared
    /// Its value was deallocated while the cache held it weakly.
    case collected

    /// Whether the cache removed the entry on its own (expired, evicted or collected) rather than
    /// because the user asked.
    @inlinable
    public var wasAutomatic: Bool {
        switch self {
        case .expired, .evicted, .collected: true
        case .deleted, .replaced, .cleared: false
        }
    }

    /// The cause's name.
    public var description: String { rawValue }
}
