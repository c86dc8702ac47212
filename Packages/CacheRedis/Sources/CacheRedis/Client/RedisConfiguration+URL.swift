#if Redis
import CacheCore
import Foundation
import NIOSSL

extension RedisConfiguration {
    /// A configuration from a Redis URL: `redis://[[user]:password@]host[:port][/database]`, or
    /// `rediss://…` for TLS with the system's trust roots. User and password are percent-decoded;
    /// the port defaults to 6379 and the database to 0. Other fields keep their defaults.
    ///
    /// Several hosts separated by commas (`redis://10.0.0.1:7000,10.0.0.2:7000`) make a cluster
    /// configuration: every host is a seed of ``cluster``, and ``host`` and ``port`` are the
    /// first's; a database other than 0 is then refused.
    ///
    ///     try RedisConfiguration(url: "redis://127.0.0.1:6380/2")
    ///     try RedisConfiguration(url: "rediss://app:s3cr%40t@cache.internal")   // user app, password s3cr@t
    ///     try RedisConfiguration(url: "redis://10.0.0.1:7000,10.0.0.2:7000")     // a cluster, two seeds
    ///
    /// - Throws: `CacheConfigurationError` naming the part of the URL that is wrong (the password
    ///   is never shown).
    public init(url: String) throws(CacheConfigurationError) {
        let allowed = "redis://[[user]:password@]host[:port][/database], or rediss:// for TLS"
        func invalid(_ field: String, _ value: String, _ allowed: String) -> CacheConfigurationError {
            CacheConfigurationError(cacheName: "redis url", field: field, value: value, allowed: allowed)
        }
        let seeds = try Self.seedList(in: url)
        let url = seeds.map { url.replacingCharacters(in: $0.range, with: $0.first) } ?? url
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
        if let seeds {
            cluster = RedisClusterOptions(seeds: seeds.addresses)
            try validate()
        }
    }

    /// The hosts of a URL whose authority lists several, `host[:port],host[:port]…`: where the
    /// list is, its first host (to parse the rest of the URL with), and every address; `nil`
    /// for a URL with one host.
    static func seedList(
        in url: String
    ) throws(CacheConfigurationError) -> (range: Range<String.Index>, first: String, addresses: [RedisServerAddress])? {
        guard let schemeEnd = url.range(of: "://")?.upperBound else { return nil }
        let authorityEnd = url[schemeEnd...].firstIndex { "/?#".contains($0) } ?? url.endIndex
        let hostsStart = url[schemeEnd..<authorityEnd].lastIndex(of: "@").map(url.index(after:)) ?? schemeEnd
        let hostList = url[hostsStart..<authorityEnd]
        guard hostList.contains(",") else { return nil }
        var addresses: [RedisServerAddress] = []
        for entry in hostList.split(separator: ",", omittingEmptySubsequences: false) {
            guard let address = RedisServerAddress(parsing: entry) else {
                throw CacheConfigurationError(
                    cacheName: "redis url",
                    field: "url host",
                    value: "\"\(entry)\"",
                    allowed: "host[:port] entries separated by commas, such as 10.0.0.1:7000,10.0.0.2:7000"
                )
            }
            addresses.append(address)
        }
        let first = hostList.prefix { $0 != "," }
        return (hostsStart..<authorityEnd, String(first), addresses)
    }
}

extension RedisServerAddress {
    /// The address in `host`, `host:port`, `[ipv6]` or `[ipv6]:port` (port 6379 by default), or
    /// `nil` when it is not one.
    init?(parsing text: Substring) {
        var host = text
        var port = 6379
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let number = Int(rest.dropFirst()) else { return nil }
                port = number
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            guard let number = Int(text[text.index(after: colon)...]) else { return nil }
            port = number
        }
        guard !host.isEmpty, (1...65_535).contains(port) else { return nil }
        self.init(host: String(host), port: port)
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
