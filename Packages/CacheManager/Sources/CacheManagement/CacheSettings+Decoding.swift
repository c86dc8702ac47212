import CacheCore

extension CacheSettings: Decodable {
    /// Decodes settings from a mapping with the keys of ``Field`` (each optional), validating
    /// every value but the policy name.
    ///
    /// The cache's name, used in errors, is the last key of the decoder's coding path: the key
    /// under which ``CacheConfiguration`` holds these settings.
    ///
    /// - Throws: ``/CacheCore/CacheConfigurationError`` naming the cache, the field, the value and what is
    ///   allowed, for an unknown key, a value of the wrong type or a value out of range.
    /// - Complexity: O(1), plus decoding.
    public init(from decoder: any Decoder) throws {
        let cacheName = decoder.codingPath.last?.stringValue ?? "(unnamed)"
        let container = try decoder.container(keyedBy: SettingKey.self)
        for key in container.allKeys where Field(rawValue: key.stringValue) == nil {
            throw CacheConfigurationError(
                cacheName: cacheName,
                field: key.stringValue,
                value: container.rawText(for: key),
                allowed: "no such setting; the settings are \(CacheSettings.fieldNames.joined(separator: ", "))"
            )
        }
        func decode<T: Decodable>(_ type: T.Type, _ field: Field) throws -> T? {
            let key = SettingKey(field.rawValue)
            do {
                return try container.decodeIfPresent(type, forKey: key)
            } catch DecodingError.typeMismatch, DecodingError.dataCorrupted {
                throw field.error(cacheName: cacheName, value: container.rawText(for: key))
            }
        }
        self.init(
            policy: try decode(String.self, .policy) ?? CacheSettings.defaultPolicy,
            maxSize: try decode(Int.self, .maxSize),
            maxCost: try decode(Int.self, .maxCost),
            ttl: try Self.decodeDuration(.ttl, from: container, cacheName: cacheName).map(TimeToLive.after),
            expireAfterAccess: try Self.decodeDuration(.expireAfterAccess, from: container, cacheName: cacheName)
                .map(TimeToLive.after),
            recordsStats: try decode(Bool.self, .stats) ?? true,
            refreshAfter: try Self.decodeDuration(.refreshAfter, from: container, cacheName: cacheName)
        )
        try validateLimits(cacheName: cacheName)
    }

    private static func decodeDuration(
        _ field: Field,
        from container: KeyedDecodingContainer<SettingKey>,
        cacheName: String
    ) throws -> Duration? {
        let key = SettingKey(field.rawValue)
        guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
        let ttl: Duration?
        if let text = try? container.decode(String.self, forKey: key) {
            ttl = CacheSettings.ttl(parsing: text)
        } else if let seconds = try? container.decode(Double.self, forKey: key) {
            ttl = CacheSettings.ttl(seconds: seconds)
        } else {
            ttl = nil
        }
        guard let ttl else { throw field.error(cacheName: cacheName, value: container.rawText(for: key)) }
        return ttl
    }
}

/// A key of a settings or configuration mapping.
struct SettingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer {
    /// The value under `key` as text for an error message: strings quoted, numbers and booleans
    /// as written, anything else by its kind.
    func rawText(for key: Key) -> String {
        if (try? decodeNil(forKey: key)) == true { return "null" }
        if let int = try? decode(Int.self, forKey: key) { return "\(int)" }
        if let double = try? decode(Double.self, forKey: key) { return "\(double)" }
        if let bool = try? decode(Bool.self, forKey: key) { return "\(bool)" }
        if let string = try? decode(String.self, forKey: key) { return "\"\(string)\"" }
        if (try? nestedUnkeyedContainer(forKey: key)) != nil { return "a list" }
        return "a mapping"
    }
}
