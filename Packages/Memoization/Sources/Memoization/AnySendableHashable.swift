/// A hashable, sendable value of any type: the argument type of a memoized function whose
/// arguments vary in type.
///
/// The standard library's `AnyHashable` is not `Sendable`, so it cannot be a key of a cache that
/// threads share. `AnySendableHashable` holds a `Hashable & Sendable` value and compares and
/// hashes exactly as `AnyHashable` does, numeric bridging included (`1 == 1.0`). Memoize with
/// `typed: true` to keep values of different types apart, as Python's `typed=True` does:
///
///     let describe = memoize(typed: true) { (value: AnySendableHashable) in "\(value.base)" }
///     describe(1)     // "1"
///     describe(1.0)   // "1.0": a separate entry, because the types differ
///
/// Integer, floating-point, string and Boolean literals convert to it directly.
public struct AnySendableHashable: Hashable, Sendable, CustomStringConvertible {
    /// The wrapped value.
    public let base: any Hashable & Sendable

    /// Wraps `base`; wrapping an `AnySendableHashable` again returns it unchanged.
    ///
    /// - Complexity: O(1).
    public init(_ base: some Hashable & Sendable) {
        if let erased = base as? AnySendableHashable {
            self = erased
        } else {
            self.base = base
        }
    }

    /// The dynamic type of ``base``.
    @usableFromInline
    var baseType: ObjectIdentifier { ObjectIdentifier(type(of: base)) }

    /// Whether the values are equal as `AnyHashable` compares them.
    ///
    /// - Complexity: One comparison of the wrapped values.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        AnyHashable(lhs.base) == AnyHashable(rhs.base)
    }

    /// Hashes the value as `AnyHashable` does.
    ///
    /// - Complexity: One hash of the wrapped value.
    public func hash(into hasher: inout Hasher) {
        AnyHashable(base).hash(into: &hasher)
    }

    /// The wrapped value's description.
    public var description: String { "\(base)" }
}

extension AnySendableHashable: ExpressibleByIntegerLiteral {
    /// Wraps an `Int`.
    ///
    /// - Complexity: O(1).
    public init(integerLiteral value: Int) { self.init(value) }
}

extension AnySendableHashable: ExpressibleByFloatLiteral {
    /// Wraps a `Double`.
    ///
    /// - Complexity: O(1).
    public init(floatLiteral value: Double) { self.init(value) }
}

extension AnySendableHashable: ExpressibleByStringLiteral {
    /// Wraps a `String`.
    ///
    /// - Complexity: O(1).
    public init(stringLiteral value: String) { self.init(value) }
}

extension AnySendableHashable: ExpressibleByBooleanLiteral {
    /// Wraps a `Bool`.
    ///
    /// - Complexity: O(1).
    public init(booleanLiteral value: Bool) { self.init(value) }
}
