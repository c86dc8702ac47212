#if Redis
import CacheCore
import Foundation
import NIOSSL

extension RedisConfiguration {
    /// A configuration from a Redis URL: `redis://[[user]:password@]host[:port][/database]`, or
    /// `rediss://…` for TLS with the system's trust roots. User and password are percent-decoded;
    /// the port defaults to 6379 and the database to 0. Other fields keep their defaults.
    ///
    ///     try RedisConfiguration(url: "redis://127.0.0.1:6380/2")
    ///     try RedisConfiguration(url: "rediss://app:s3cr%40t@cache.internal")   // user app, password s3cr@t
    ///
    /// - Throws: `CacheConfigurationError` naming the part of the URL that is wrong (the password
    ///   is never shown).
    public init(url: String) throws(CacheConfigurationError) {
        let allowed = "redis://[[user]:password@]host[:port][/database], or rediss:// for TLS"
        func invalid(_ field: String, _ value: String, _ allowed: String) -> CacheConfigurationError {
            CacheConfigurationError(cacheName: "redis url", field: field, value: value, allowed: allowed)
        }
        guard let components = URLComponents(string: url) else {
            throw invalid("url", "\"\(url.redactingPassword)\"", allowed)
        }
        let scheme = components.scheme?.lowercased()
        guard scheme == "redis" || scheme == "rediss" else {
            throw invalid("url scheme", "\"\(components.scheme ?? "")\"", "redis or rediss")
        }
        guard let host = components.host, !host.isEmpty else {
            throw invalid("url host", "missing", allowed)
        }
        var database = 0
        let path = components.path.drop(while: { $0 == "/" })
        if !path.isEmpty {
            guard let number = Int(path), number >= 0 else {
                throw invalid("url database", "\"\(path)\"", "a database number ≥ 0 after the host, as in /2")
            }
            database = number
        }
        self.init(
            host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host,
            port: components.port ?? 6379,
            username: components.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding },
            password: components.password?.removingPercentEncoding,
            database: database,
            tls: scheme == "rediss" ? TLSConfiguration.makeClientConfiguration() : nil
        )
    }
}

extension String {
    /// The URL with the password between `:` and `@` replaced by `***`.
    fileprivate var redactingPassword: String {
        guard let at = lastIndex(of: "@"), let schemeEnd = range(of: "://")?.upperBound,
            let colon = self[schemeEnd..<at].firstIndex(of: ":")
        else { return self }
        return String(self[..<index(after: colon)]) + "***" + String(self[at...])
    }
}
#endif
