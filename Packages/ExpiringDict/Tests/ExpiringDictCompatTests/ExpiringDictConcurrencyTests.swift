import CacheCore
import Synchronization
import Testing

@testable import ExpiringDictCompat

/// Tasks sharing one ExpiringDict while time moves between phases. Run under the thread sanitizer
/// by `Scripts/tsan.sh` (the type name matches its filter).
@Suite("Concurrency (ExpiringDict)")
struct ExpiringDictConcurrencyTests {
    static let workers = 4
    static let phases = 30
    static let operationsPerPhase = 400

    /// Values are their own write times, and time stands still within a phase, so "an expired
    /// value was returned" and "the age is wrong" are exactly checkable.
    @Test func readsNeverReturnExpiredValuesOrWrongAges() async throws {
        let clock = ManualClock()
        let maxAge = Duration.milliseconds(40)
        let dict = try ExpiringDict<Int, Int64>(maxLen: 64, maxAgeSeconds: 0.04, clock: .manual(clock))
        let violations = Violations()
        let report = violations.report
        for phase in 0..<Self.phases {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<Self.workers {
                    group.addTask {
                        var generator = SystemRandomNumberGenerator()
                        let now = clock.now.nanoseconds
                        for _ in 0..<Self.operationsPerPhase {
                            let key = Int.random(in: 0..<160, using: &generator)
                            switch Int.random(in: 0..<10, using: &generator) {
                            case 0..<4:
                                let (value, age) = dict.get(key, withAge: true)
                                if let value {
                                    if now - value >= maxAge.cacheNanoseconds { report("\(key) expired: \(value)") }
                                    if age != Double(now - value) / 1e9 { report("\(key): age \(age ?? -1)") }
                                }
                            case 4..<7:
                                dict[key] = now
                            case 7:
                                if let value = dict.pop(key), now - value >= maxAge.cacheNanoseconds {
                                    report("pop \(key) returned an expired value")
                                }
                            case 8:
                                if let ttl = dict.ttl(key), !(ttl > 0 && ttl <= 0.04) { report("ttl \(ttl)") }
                            default:
                                let count = dict.count
                                if count > 64 { report("count \(count) over maxLen") }
                                for (_, value, timestamp) in dict.itemsWithTimestamp()
                                where Double(value) / 1e9 != timestamp || now - value >= maxAge.cacheNanoseconds {
                                    report("item written at \(value) listed with \(timestamp) at \(now)")
                                }
                            }
                        }
                    }
                }
            }
            clock.advance(by: .milliseconds(phase % 3 == 0 ? 25 : 5))
        }
        #expect(violations.messages.isEmpty, "\(violations.messages.prefix(5))")
        #expect(dict.count <= 64)
    }
}

/// What the tasks found wrong.
final class Violations: Sendable {
    private let storage = Mutex<[String]>([])

    /// Records a violation.
    @Sendable func report(_ message: String) { storage.withAnnotatedLock { $0.append(message) } }

    /// The violations so far.
    var messages: [String] { storage.withAnnotatedLock { $0 } }
}
