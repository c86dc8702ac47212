import CacheCore
import Synchronization

/// Counts calls from any thread.
final class CallCounter: Sendable {
    private let storage = Atomic<Int>(0)

    func record() { storage.add(1, ordering: .relaxed) }

    var count: Int { storage.load(ordering: .relaxed) }
}

/// Opens once: tasks that wait before then suspend until `open()`.
final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withAnnotatedLock { state in
                if state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withAnnotatedLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A key whose values all hash alike, to show that equal hashes never share a result.
struct CollidingKey: Hashable, Sendable {
    let value: Int

    func hash(into hasher: inout Hasher) { hasher.combine(0) }
}

struct Failure: Error, Equatable {
    let code: Int
}
