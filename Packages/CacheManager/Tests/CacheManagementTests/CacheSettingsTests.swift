import CacheCore
import CacheManagement
import CachePolicies
import Foundation
import Testing

@Suite("Cache settings")
struct CacheSettingsTests {
    private func decode(_ json: String) throws -> CacheConfiguration {
        try JSONDecoder().decode(CacheConfiguration.self, from: Data(json.utf8))
    }

    private func decodingError(_ json: String) -> CacheConfigurationError? {
        do {
            _ = try decode(json)
            return nil
        } catch {
            return error as? CacheConfigurationError
        }
    }

    @Test(arguments: [
        ("90s", Duration.seconds(90)), ("15m", .seconds(900)), ("2h", .seconds(7_200)), ("1d", .seconds(86_400)),
        ("500ms", .milliseconds(500)), ("30", .seconds(30)), ("1.5h", .seconds(5_400)), ("0.25s", .milliseconds(250)),
    ])
    func ttlTextIsParsed(text: String, expected: Duration) {
        #expect(CacheSettings.ttl(parsing: text) == expected)
    }

    @Test(arguments: ["", "0", "0s", "-5m", "15 m", "15min", "m", "1e3s", "never", "1.2.3s", "5µs"])
    func invalidTTLTextIsRejected(text: String) {
        #expect(CacheSettings.ttl(parsing: text) == nil)
    }

    @Test func ttlTextRoundTrips() {
        for text in ["15m", "90s", "2h", "1d", "500ms", "61s"] {
            #expect(CacheSettings.text(ofTTL: CacheSettings.ttl(parsing: text)!) == text)
        }
    }

    @Test func decodesEveryField() throws {
        let configuration = try decode(
            """
            {
              "users": {"policy": "lfu", "maxSize": 10000, "maxCost": 500, "ttl": "15m", "stats": false},
              "pages": {"ttl": 90},
              "tokens": {"ttl": 0.5, "maxSize": null},
              "sessions": {"ttl": "2h", "expireAfterAccess": "30m"}
            }
            """
        )
        #expect(configuration.names == ["pages", "sessions", "tokens", "users"])
        #expect(configuration["sessions"] == CacheSettings(ttl: .hours(2), expireAfterAccess: .minutes(30)))
        #expect(configuration["sessions"]?.description == "policy: lru, ttl: 2h, expireAfterAccess: 30m, stats: true")
        let sessions = try Cache<String, Int>(name: "sessions", settings: configuration["sessions"]!)
        #expect(sessions.limits.expireAfterAccess == .minutes(30))
        #expect(sessions.settings == configuration["sessions"])
        #expect(
            configuration["users"]
                == CacheSettings(policy: "lfu", maxSize: 10_000, maxCost: 500, ttl: .seconds(900), recordsStats: false)
        )
        #expect(configuration["pages"] == CacheSettings(policy: "lru", ttl: .seconds(90)))
        #expect(configuration["tokens"] == CacheSettings(ttl: .milliseconds(500)))
    }

    @Test func aConfigurationIsALiteralToo() {
        let configuration: CacheConfiguration = ["users": CacheSettings(maxSize: 256, ttl: .seconds(60))]
        #expect(configuration.names == ["users"])
        #expect(configuration["users"]?.description == "policy: lru, maxSize: 256, ttl: 1m, stats: true")
    }

    @Test func badValuesNameTheCacheTheFieldTheValueAndWhatIsAllowed() {
        let negative = decodingError(#"{"users": {"maxSize": -1}}"#)
        #expect(negative?.cacheName == "users")
        #expect(negative?.field == "maxSize")
        #expect(negative?.value == "-1")
        #expect(negative?.allowed == "an integer ≥ 0 (0 stores nothing), or null for no limit")

        let wrongType = decodingError(#"{"pages": {"maxCost": "lots"}}"#)
        #expect(wrongType?.cacheName == "pages")
        #expect(wrongType?.field == "maxCost")
        #expect(wrongType?.value == "\"lots\"")

        let ttl = decodingError(#"{"sessions": {"ttl": "15 minutes"}}"#)
        #expect(ttl?.field == "ttl")
        #expect(ttl?.value == "\"15 minutes\"")
        #expect(ttl?.allowed.contains("\"15m\"") == true)
        #expect(decodingError(#"{"sessions": {"ttl": 0}}"#)?.value == "0")
        #expect(decodingError(#"{"sessions": {"ttl": -3}}"#)?.value == "-3")
        let idle = decodingError(#"{"sessions": {"expireAfterAccess": "soon"}}"#)
        #expect(idle?.field == "expireAfterAccess")
        #expect(idle?.value == "\"soon\"")
        #expect(idle?.allowed == "a positive duration, as for ttl; null for no idle timeout")

        let stats = decodingError(#"{"users": {"stats": "yes please"}}"#)
        #expect(stats?.field == "stats")
        #expect(stats?.allowed == "true or false")

        let typo = decodingError(#"{"users": {"maxsize": 10}}"#)
        #expect(typo?.field == "maxsize")
        #expect(
            typo?.allowed
                == "no such setting; the settings are policy, maxSize, maxCost, ttl, expireAfterAccess, stats, refreshAfter"
        )
        #expect(
            typo?.description == "cache 'users': maxsize is 10; allowed: no such setting; the settings are "
                + "policy, maxSize, maxCost, ttl, expireAfterAccess, stats, refreshAfter"
        )
    }

    @Test func policiesAreCheckedAgainstTheRegistry() throws {
        let configuration = try decode(#"{"users": {"policy": "clock"}}"#)
        #expect(throws: CacheConfigurationError.self) { try configuration.validate(policies: .builtIn) }
        do {
            try configuration.validate(policies: .builtIn)
        } catch {
            #expect(error.field == "policy")
            #expect(error.value == "\"clock\"")
            #expect(error.allowed == "one of " + CachePolicy.builtIn.map(\.name).sorted().joined(separator: ", "))
        }
        var policies = CachePolicyRegistry.builtIn
        policies.register(.custom(name: "clock") { _ in FirstInPolicy() })
        try configuration.validate(policies: policies)
        #expect(policies.names.contains("clock"))
    }

    @Test func theBuiltInRegistryIsTheEnginesList() {
        #expect(CachePolicyRegistry.builtIn.names == CachePolicy.builtIn.map(\.name).sorted())
        for policy in CachePolicy.builtIn {
            #expect(CachePolicyRegistry.builtIn.policy(named: policy.name)?.name == policy.name)
        }
    }

    @Test func aCacheIsMadeFromSettings() throws {
        let clock = ManualClock()
        let cache = try Cache<String, Int>(
            name: "users",
            settings: CacheSettings(policy: "fifo", maxSize: 2, ttl: .seconds(10), recordsStats: false),
            clock: .manual(clock)
        )
        #expect(cache.name == "users")
        #expect(cache.policy.name == "fifo")
        #expect(cache.limits == CacheLimits(maxSize: 2, defaultTTL: .seconds(10)))
        #expect(!cache.isRecordingStats)
        cache["a"] = 1
        cache["b"] = 2
        _ = cache["a"]
        cache["c"] = 3
        #expect(cache.keys == ["b", "c"])
        clock.advance(by: .seconds(10))
        #expect(cache.isEmpty)
        #expect(cache.settings == CacheSettings(policy: "fifo", maxSize: 2, ttl: .seconds(10), recordsStats: false))
    }

    @Test func makingACacheFromInvalidSettingsThrows() {
        #expect(
            throws: CacheConfigurationError(
                cacheName: "users",
                field: "ttl",
                value: "-5s",
                allowed: CacheSettings.Field.ttl.allowed()
            )
        ) {
            _ = try Cache<String, Int>(name: "users", settings: CacheSettings(ttl: .seconds(-5)))
        }
    }
}

/// A custom policy for registration tests: evicts the slot admitted first.
struct FirstInPolicy: EvictionPolicy {
    var order: [CacheSlot] = []
    mutating func didInsert(_ slot: CacheSlot, hash: Int) { order.append(slot) }
    mutating func didAccess(_ slot: CacheSlot, hash: Int) {}
    mutating func didRemove(_ slot: CacheSlot) { order.removeAll { $0 == slot } }
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? { order.isEmpty ? nil : order.removeFirst() }
    func slotsInEvictionOrder() -> [CacheSlot] { order }
    mutating func removeAll() { order.removeAll() }
}
