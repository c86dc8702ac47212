#if ServiceLifecycle
import CacheCore
import Logging
import ServiceLifecycle
import Synchronization

/// A logger that drops everything, for the service groups of the tests.
let quietLogger = Logger(label: "CacheLifecycleTests") { _ in SwiftLogNoOpLogHandler() }

/// Values appended from any thread, read by the test.
final class Recorder<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    func append(_ element: Element) { storage.withLock { $0.append(element) } }
    var elements: [Element] { storage.withLock { $0 } }
}

/// Runs `group` in a child task while `body` drives it, then waits for `group.run()` to return:
/// when this returns, every service of the group has returned too.
func running(_ group: ServiceGroup, _ body: () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        try await body()
        try await tasks.waitForAll()
    }
}
#endif
