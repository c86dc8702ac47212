#if Hummingbird
import Testing

@testable import CacheHummingbird

@Suite("Response flights")
struct ResponseFlightTests {
    @Test func aCancelledWaiterStopsWaitingAtOnce() async throws {
        let flights = ResponseFlights()
        guard case .lead(let flight) = flights.join("k") else { throw FlightTestError.notLeader }
        let waiter = Task { await flight.outcome() }
        await flights.waitForWaiters(1, forKey: "k")
        #expect(flights.waiterCount(forKey: "k") == 1)
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(flights.waiterCount(forKey: "k") == 0)
        flights.finish("k", flight, outcome: nil)
    }

    @Test func aWaiterCancelledBeforeItWaitsDoesNotWait() async throws {
        let flights = ResponseFlights()
        guard case .lead(let flight) = flights.join("k") else { throw FlightTestError.notLeader }
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await flight.outcome()
        }
        #expect(await waiter.value == nil)
        #expect(flights.waiterCount(forKey: "k") == 0)
        guard case .wait = flights.join("k") else { throw FlightTestError.notWaiter }
        flights.finish("k", flight, outcome: nil)
        guard case .lead = flights.join("k") else { throw FlightTestError.notLeader }
    }
}

enum FlightTestError: Error {
    case notLeader
    case notWaiter
}
#endif
