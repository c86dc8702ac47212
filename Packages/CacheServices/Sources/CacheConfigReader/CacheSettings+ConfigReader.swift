#if Configuration
import CacheCore
import CacheManagement
import Configuration

extension CacheSettings {
    /// Reads a cache's settings from a configuration snapshot: the same settings, with the same
    /// validation, as a registry configuration file (see `CacheSettings.Field`).
    ///
    ///     // caches.users.policy = lru, caches.users.maxSize = 10000, caches.users.ttl = 15m
    ///     let settings = try CacheSettings(reading: config.snapshot(), at: "caches.users", cacheName: "users")
    ///
    /// Under `key`, each field is read from its own key: `policy` (a string), `maxSize` and
    /// `maxCost` (integers), `ttl`, `expireAfterAccess` and `refreshAfter` (a number of seconds, or
    /// text with a unit: `"500ms"`, `"90s"`, `"15m"`, `"2h"`, `"1d"`), `stats` (a boolean). In
    /// environment variables (`EnvironmentVariablesProvider`) the key `caches.users.maxSize` is
    /// `CACHES_USERS_MAX_SIZE`, and every value is text the same rules read. A field that is
    /// absent takes its value from `defaults`.
    ///
    /// A provider cannot list the keys under `key`, so a misspelt field is not reported: it reads
    /// as absent.
    ///
    /// - Parameters:
    ///   - snapshot: The configuration to read, from `ConfigReader.snapshot()`.
    ///   - key: The key the cache's fields are under, from the snapshot's scope; `nil` for the
    ///     scope itself.
    ///   - cacheName: The cache's name, for errors.
    ///   - defaults: The settings of the fields the configuration does not give.
    ///   - policies: The policies `policy` may name.
    /// - Throws: `CacheConfigurationError` naming the cache, the full configuration key (in
    ///   `field`, such as `caches.users.maxSize`), the value as the configuration gave it and what
    ///   is allowed.
    /// - Complexity: O(1) lookups, one per field, plus O(*p* log *p*) for *p* policies in an error.
    public init(
        reading snapshot: ConfigSnapshotReader,
        at key: ConfigKey?,
        cacheName: String,
        defaults: CacheSettings = CacheSettings(),
        policies: CachePolicyRegistry = .builtIn
    ) throws(CacheConfigurationError) {
        let reader = SettingsReader(snapshot: snapshot, prefix: key?.components ?? [], cacheName: cacheName)
        var settings = defaults
        if let policy = try reader.string(.policy, policies: policies) { settings.policy = policy }
        if let maxSize = try reader.integer(.maxSize) { settings.maxSize = maxSize }
        if let maxCost = try reader.integer(.maxCost) { settings.maxCost = maxCost }
        if let ttl = try reader.duration(.ttl) { settings.ttl = .after(ttl) }
        if let idle = try reader.duration(.expireAfterAccess) { settings.expireAfterAccess = .after(idle) }
        if let stats = try reader.boolean(.stats) { settings.recordsStats = stats }
        if let refreshAfter = try reader.duration(.refreshAfter) { settings.refreshAfter = refreshAfter }
        do {
            try settings.validate(cacheName: cacheName, policies: policies)
        } catch {
            throw reader.locating(error)
        }
        self = settings
    }

    /// Reads a cache's settings from the current configuration of `reader`; see
    /// `CacheSettings.init(reading:at:cacheName:defaults:policies:)`.
    ///
    /// - Throws: `CacheConfigurationError` naming the cache, the configuration key, the value and
    ///   what is allowed.
    /// - Complexity: O(1) lookups, one per field.
    public init(
        reading reader: ConfigReader,
        at key: ConfigKey?,
        cacheName: String,
        defaults: CacheSettings = CacheSettings(),
        policies: CachePolicyRegistry = .builtIn
    ) throws(CacheConfigurationError) {
        try self.init(
            reading: reader.snapshot(),
            at: key,
            cacheName: cacheName,
            defaults: defaults,
            policies: policies
        )
    }
}

/// Reads the fields of one cache's settings from a snapshot, turning what it finds into typed
/// values or into errors that name the full key.
struct SettingsReader {
    let snapshot: ConfigSnapshotReader
    let prefix: [String]
    let cacheName: String

    /// A value as the provider holds it, whatever the type the field wants.
    enum RawValue {
        case integer(Int)
        case number(Double)
        case boolean(Bool)
        case text(String)

        /// The value as an error message shows it: text quoted, the rest as written.
        var description: String {
            switch self {
            case .integer(let value): "\(value)"
            case .number(let value): "\(value)"
            case .boolean(let value): "\(value)"
            case .text(let value): "\"\(value)\""
            }
        }
    }

    /// The configuration key of `field`, as `caches.users.maxSize`.
    func key(of field: CacheSettings.Field) -> ConfigKey { ConfigKey(prefix + [field.rawValue]) }

    /// The full key's text, for errors.
    func keyText(of field: CacheSettings.Field) -> String { (prefix + [field.rawValue]).joined(separator: ".") }

    /// What the provider holds under `field`'s key, tried as each scalar type in turn; `nil` when
    /// it holds nothing (or a list, which no field accepts and no provider lets us tell apart).
    func raw(_ field: CacheSettings.Field) -> RawValue? {
        let key = key(of: field)
        if let value = snapshot.int(forKey: key) { return .integer(value) }
        if let value = snapshot.double(forKey: key) { return .number(value) }
        if let value = snapshot.bool(forKey: key) { return .boolean(value) }
        if let value = snapshot.string(forKey: key) { return .text(value) }
        return nil
    }

    /// The error for `field` holding `value`.
    func error(
        _ field: CacheSettings.Field,
        value: RawValue,
        policies: CachePolicyRegistry = .builtIn
    ) -> CacheConfigurationError {
        CacheConfigurationError(
            cacheName: cacheName,
            field: keyText(of: field),
            value: value.description,
            allowed: field.allowed(policies: policies)
        )
    }

    /// `error` with its field replaced by the full configuration key.
    func locating(_ error: CacheConfigurationError) -> CacheConfigurationError {
        var located = error
        if let field = CacheSettings.Field(rawValue: error.field) { located.field = keyText(of: field) }
        return located
    }

    /// The text under `field`'s key; an error when the key holds a value of another type.
    func string(_ field: CacheSettings.Field, policies: CachePolicyRegistry) throws(CacheConfigurationError) -> String?
    {
        if let text = snapshot.string(forKey: key(of: field)) { return text }
        guard let raw = raw(field) else { return nil }
        throw error(field, value: raw, policies: policies)
    }

    /// The integer under `field`'s key; an error when the key holds anything else.
    func integer(_ field: CacheSettings.Field) throws(CacheConfigurationError) -> Int? {
        guard let raw = raw(field) else { return nil }
        guard case .integer(let value) = raw else { throw error(field, value: raw) }
        return value
    }

    /// The boolean under `field`'s key; an error when the key holds anything else.
    func boolean(_ field: CacheSettings.Field) throws(CacheConfigurationError) -> Bool? {
        if let value = snapshot.bool(forKey: key(of: field)) { return value }
        guard let raw = raw(field) else { return nil }
        throw error(field, value: raw)
    }

    /// The duration under `field`'s key: seconds as a number, or text with a unit; an error
    /// when the key holds anything else or a duration that is not positive.
    func duration(_ field: CacheSettings.Field) throws(CacheConfigurationError) -> Duration? {
        guard let raw = raw(field) else { return nil }
        let duration: Duration? =
            switch raw {
            case .integer(let seconds): CacheSettings.ttl(seconds: Double(seconds))
            case .number(let seconds): CacheSettings.ttl(seconds: seconds)
            case .text(let text): CacheSettings.ttl(parsing: text)
            case .boolean: nil
            }
        guard let duration else { throw error(field, value: raw) }
        return duration
    }
}
#endif
