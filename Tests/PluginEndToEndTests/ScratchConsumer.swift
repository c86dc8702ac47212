import Foundation

/// A scratch package that depends on swift-caching and uses both registry plugins:
/// target `App` gets its registry from the `generate-cache-registry` command, target `BuildApp`
/// from `CacheRegistryBuildPlugin` during the build.
struct ScratchConsumer {
    /// How the consumer depends on swift-caching.
    enum Dependency {
        /// `.package(path:)` on the working tree.
        case path(URL)
        /// `.package(url: "file://…", from: "1.0.0")` on a git repository tagged 1.0.0.
        case version(URL)
    }

    let directory: URL
    let dependency: Dependency

    var appConfig: URL { directory.appending(path: "Sources/App/caches.yml") }
    var appRegistry: URL { directory.appending(path: "Sources/App/CacheRegistry.swift") }

    /// Writes the package, replacing what an earlier run left but its build folder, so that
    /// builds after the first are incremental.
    func write() throws {
        let manager = FileManager.default
        for folder in ["Sources/App", "Sources/BuildApp", "Sources/Models"] {
            try manager.createDirectory(at: directory.appending(path: folder), withIntermediateDirectories: true)
        }
        try? manager.removeItem(at: appRegistry)
        try? manager.removeItem(at: directory.appending(path: "Package.resolved"))
        let dependencyLine: String
        switch dependency {
        case .path(let root): dependencyLine = #".package(name: "swift-caching", path: "\#(root.path)")"#
        case .version(let repository):
            dependencyLine = #".package(url: "\#(repository.absoluteString)", from: "1.0.0")"#
        }
        try write(
            "Package.swift",
            """
            // swift-tools-version: 6.2
            import PackageDescription

            let package = Package(
                name: "Consumer",
                platforms: [.macOS(.v15)],
                dependencies: [\(dependencyLine)],
                targets: [
                    .target(name: "Models"),
                    .executableTarget(
                        name: "App",
                        dependencies: ["Models", .product(name: "CacheManagement", package: "swift-caching")],
                        exclude: ["caches.yml"]
                    ),
                    .executableTarget(
                        name: "BuildApp",
                        dependencies: [.product(name: "CacheManagement", package: "swift-caching")],
                        plugins: [.plugin(name: "CacheRegistryBuildPlugin", package: "swift-caching")]
                    ),
                ]
            )
            """
        )
        try write(
            "Sources/Models/Models.swift",
            """
            public struct User: Sendable, Hashable {
                public let name: String
                public init(name: String) { self.name = name }
            }

            public struct Session: Sendable, Hashable {
                public let user: String
                public init(user: String) { self.user = user }
            }
            """
        )
        try write("Sources/App/caches.yml", Self.appConfig)
        try write(
            "Sources/App/main.swift",
            """
            import CacheCore
            import CacheManagement
            import CachePolicies
            import Models

            let clock = ManualClock()
            let caches = try AppCaches(clock: .manual(clock), pagesCost: { _, page in page.count })
            caches.users["alice"] = User(name: "Alice")
            caches.sessions["s1"] = Session(user: "alice")
            caches.pages["/"] = [UInt8](repeating: 0, count: 40)
            caches.pages["/about"] = [UInt8](repeating: 0, count: 40)
            clock.advance(by: .seconds(900))
            let users = try caches.manager.cache(named: "users", as: Cache<String, User>.self)
            print("names: \\(caches.manager.names)")
            print("users: \\(users === caches.users) \\(caches.users["alice"]?.name ?? "expired")")
            print("sessions: \\(caches.sessions.policy.name) \\(caches.sessions["s1"]?.user ?? "-") stats \\(caches.sessions.isRecordingStats)")
            print("pages: \\(caches.pages.keys) cost \\(caches.pages.totalCost)")
            """
        )
        try write(
            "Sources/BuildApp/caches.yml",
            """
            registry: BuildCaches
            caches:
              - {name: tokens, key: String, value: Int, policy: fifo, maxSize: 2}
            """
        )
        try write(
            "Sources/BuildApp/main.swift",
            """
            import CacheManagement

            let caches = try BuildCaches()
            for (index, token) in ["a", "b", "c"].enumerated() { caches.tokens[token] = index }
            print("tokens: \\(caches.tokens.keys) \\(caches.manager.names)")
            """
        )
    }

    func write(_ path: String, _ contents: String) throws {
        try Data((contents + "\n").utf8).write(to: directory.appending(path: path))
    }

    /// Three caches: an LRU with a TTL, an LFU without statistics, a cost-limited FIFO.
    static let appConfig = """
        registry: AppCaches
        imports: [Models]
        caches:
          - name: users
            key: String
            value: User
            policy: lru
            maxSize: 10000
            ttl: 15m
          - name: sessions
            key: String
            value: Session
            policy: lfu
            ttl: 2h
            stats: false
          - name: pages
            key: String
            value: "[UInt8]"
            policy: fifo
            maxCost: 50
        """
}
