import CacheCore
import Synchronization

/// A value for the weak store that counts its deallocations and knows its key, so tests can
/// check that a key never returns another key's value.
final class Payload: Sendable {
    let key: String
    let deallocations: Counter?
    let onDeinit: (@Sendable () -> Void)?

    init(_ key: String, counting deallocations: Counter? = nil, onDeinit: (@Sendable () -> Void)? = nil) {
        self.key = key
        self.deallocations = deallocations
        self.onDeinit = onDeinit
    }

    deinit {
        deallocations?.add()
        onDeinit?()
    }
}

/// A counter tasks, listeners and deinitializers can bump.
final class Counter: Sendable {
    private let storage = Atomic<Int>(0)

    func add(_ amount: Int = 1) { storage.add(amount, ordering: .relaxed) }

    var value: Int { storage.load(ordering: .relaxed) }
}

/// Removal events as listeners saw them: the key, whether a value came with it, the cause.
final class RemovalLog: Sendable {
    private let entries = Mutex<[(key: String, hadValue: Bool, cause: RemovalCause)]>([])

    func record(_ key: String, _ value: Payload?, _ cause: RemovalCause) {
        entries.withAnnotatedLock { $0.append((key, value != nil, cause)) }
    }

    var all: [(key: String, hadValue: Bool, cause: RemovalCause)] { entries.withAnnotatedLock { $0 } }

    func keys(_ cause: RemovalCause) -> [String] { all.filter { $0.cause == cause }.map(\.key) }
}

/// A small seeded generator (xorshift64*), so concurrency tests replay the same operations.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

/// An array tasks can append to.
final class SharedArray<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    func append(_ element: Element) { storage.withAnnotatedLock { $0.append(element) } }

    var elements: [Element] { storage.withAnnotatedLock { $0 } }
}
