#if Hummingbird
import Synchronization

/// The responses being made for keys that missed, so that concurrent misses of one key run the
/// handler once (single flight).
///
/// `Cache.value(forKey:load:)` cannot do this here: it runs its loader in a task of its own, and
/// a Hummingbird middleware's `next` is a non-escaping closure that must run, and end, within
/// `handle`. So the first request to miss runs the handler itself, and the others wait for its
/// outcome.
final class ResponseFlights: Sendable {
    private let flights = Mutex<[String: Flight]>([:])

    /// What a request that missed does.
    enum Role {
        /// Runs the handler, then calls ``ResponseFlights/finish(_:_:outcome:)``.
        case lead(Flight)
        /// Waits for another request's run.
        case wait(Flight)
    }

    /// Joins the run for `key`, or starts one.
    func join(_ key: String) -> Role {
        flights.withLock { flights in
            if let running = flights[key] { return .wait(running) }
            let flight = Flight()
            flights[key] = flight
            return .lead(flight)
        }
    }

    /// Ends the run `flight` of `key`: later misses start a new one, waiters get `outcome`.
    func finish(_ key: String, _ flight: Flight, outcome: CachedResponse?) {
        flights.withLock { flights in
            if flights[key] === flight { flights[key] = nil }
        }
        flight.finish(outcome)
    }

    /// How many requests wait for the run of `key` (0 when none runs). Used by tests only.
    func waiterCount(forKey key: String) -> Int {
        flights.withLock { $0[key] }?.waiterCount ?? 0
    }

    /// Returns once `count` requests wait for the run of `key`, or at once when none runs. Used
    /// by tests only, to act at the moment requests have joined a run.
    func waitForWaiters(_ count: Int, forKey key: String) async {
        await flights.withLock { $0[key] }?.waitForWaiters(count)
    }
}
#endif
