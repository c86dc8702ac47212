import Foundation

/// A key (and value) type the workloads run with: `Int`, and `String`.
///
/// Keys are made from integer identifiers, outside the timed region. String keys are 21
/// characters long (`"user:00012345:profile"`), so they live on the heap as real keys do.
protocol BenchmarkKey: Hashable, Sendable {
    /// The label of the type in benchmark names.
    static var label: String { get }

    /// The key for identifier `id`.
    static func make(_ id: Int) -> Self

    /// The key as Foundation's `NSCache` needs it: an `NSObject` that compares by value.
    var object: NSObject { get }
}

extension Int: BenchmarkKey {
    static var label: String { "Int" }
    static func make(_ id: Int) -> Int { id }
    var object: NSObject { NSNumber(value: self) }
}

extension String: BenchmarkKey {
    static var label: String { "String" }

    static func make(_ id: Int) -> String {
        let digits = String(id)
        let padding = String(repeating: "0", count: Swift.max(0, 8 - digits.count))
        return "user:\(padding)\(digits):profile"
    }

    var object: NSObject { NSString(string: self) }
}
