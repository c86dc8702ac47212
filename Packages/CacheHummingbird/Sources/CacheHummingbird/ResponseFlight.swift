#if Hummingbird
import Synchronization

extension ResponseFlights {
    /// One handler run that requests wait for.
    final class Flight: Sendable {
        fileprivate struct State {
            var outcome: CachedResponse??
            var nextWaiter = 0
            var waiters: [Int: CheckedContinuation<CachedResponse?, Never>] = [:]
            var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        }
        private let state = Mutex(State())

        /// How many requests wait for this run. Used by tests only.
        var waiterCount: Int { state.withLock { $0.waiters.count } }

        /// The stored response, once the run ends; `nil` when it stored none, or when the
        /// waiting task is cancelled (it stops waiting at once; the caller checks for
        /// cancellation).
        func outcome() async -> CachedResponse? {
            let id = state.withLock { state in
                defer { state.nextWaiter += 1 }
                return state.nextWaiter
            }
            return await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let (done, watchers) = state.withLock {
                        state -> (CachedResponse??, [CheckedContinuation<Void, Never>]) in
                        if let outcome = state.outcome { return (outcome, []) }
                        if Task.isCancelled { return (.some(nil), []) }
                        state.waiters[id] = continuation
                        return (nil, state.takeWatchers())
                    }
                    for watcher in watchers { watcher.resume() }
                    if let done { continuation.resume(returning: done) }
                }
            } onCancel: {
                state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: nil)
            }
        }

        /// Returns once `count` requests wait for this run (or it has ended). Used by tests only.
        func waitForWaiters(_ count: Int) async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state in
                    guard state.outcome == nil, state.waiters.count < count else { return true }
                    state.watchers.append((count, continuation))
                    return false
                }
                if ready { continuation.resume() }
            }
        }

        /// Ends the run and hands `outcome` to every waiter.
        func finish(_ outcome: CachedResponse?) {
            let (waiters, watchers) = state.withLock { state in
                state.outcome = .some(outcome)
                defer {
                    state.waiters = [:]
                    state.watchers = []
                }
                return (Array(state.waiters.values), state.watchers.map(\.continuation))
            }
            for waiter in waiters { waiter.resume(returning: outcome) }
            for watcher in watchers { watcher.resume() }
        }
    }
}

extension ResponseFlights.Flight.State {
    /// Removes and returns the watchers whose count of waiters is reached.
    fileprivate mutating func takeWatchers() -> [CheckedContinuation<Void, Never>] {
        let ready = watchers.filter { $0.count <= waiters.count }.map(\.continuation)
        watchers.removeAll { $0.count <= waiters.count }
        return ready
    }
}
#endif
