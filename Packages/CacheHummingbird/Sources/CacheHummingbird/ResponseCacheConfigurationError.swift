#if Hummingbird
/// A ``ResponseCacheMiddleware`` setting that cannot work: which one, its value, and what is
/// allowed.
public struct ResponseCacheConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting's name, as the initializer's parameter.
    public let field: String
    /// The value given.
    public let value: String
    /// What the setting accepts.
    public let allowed: String

    /// The setting, the value and what is allowed, in one sentence.
    public var description: String {
        "ResponseCacheMiddleware: \(field) is \(value); it must be \(allowed)"
    }
}
#endif
