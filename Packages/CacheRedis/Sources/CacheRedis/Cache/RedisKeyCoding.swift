#if Redis
/// How a ``RedisCache`` names its keys in Redis, and reads them back.
///
/// The Redis key of `key` is the cache's namespace, a colon, then `render(key)`:
/// `RedisCache(namespace: "users")` stores `"alice"` under `users:alice`. `parse` turns the part
/// after the colon back into a key, for operations that list keys (`keys(matching:)`, the filters
/// of `getMany` and `deleteMany` other than a key list); keys it returns `nil` for are skipped.
/// `parse(render(key))` must give `key` back.
///
///     RedisKeyCoding<String>.verbatim                    // "alice" -> users:alice
///     RedisKeyCoding<Int>.description                    // 42 -> users:42
///     RedisKeyCoding<UserID>(render: \.rawValue.uuidString, parse: { UUID(uuidString: $0).map(UserID.init) })
public struct RedisKeyCoding<Key: Sendable>: Sendable {
    /// The text of a key, after the namespace prefix.
    public let render: @Sendable (Key) -> String
    /// The key whose text this is, or `nil` when the text is none of the cache's keys.
    public let parse: @Sendable (String) -> Key?
    /// Whether `render` gives string keys unchanged, so a glob filter can be handed to Redis's
    /// `SCAN MATCH` (and then checked again here).
    let isVerbatim: Bool

    /// A key coding from two functions, inverse to each other.
    public init(render: @escaping @Sendable (Key) -> String, parse: @escaping @Sendable (String) -> Key?) {
        self.init(render: render, parse: parse, isVerbatim: false)
    }

    private init(
        render: @escaping @Sendable (Key) -> String,
        parse: @escaping @Sendable (String) -> Key?,
        isVerbatim: Bool
    ) {
        self.render = render
        self.parse = parse
        self.isVerbatim = isVerbatim
    }
}

extension RedisKeyCoding where Key: LosslessStringConvertible {
    /// A key's `description`, parsed back by `Key(_:)`: `42` is `"42"`, a `String` is itself.
    public static var description: RedisKeyCoding {
        RedisKeyCoding(
            render: { $0.description },
            parse: { Key($0) },
            isVerbatim: Key.self == String.self || Key.self == Substring.self
        )
    }
}

extension RedisKeyCoding where Key == String {
    /// The key itself.
    public static var verbatim: RedisKeyCoding { .description }
}
#endif
