extension CacheObserver {
    /// Flushes now and then every `interval` until the task running it is cancelled, then flushes
    /// once more.
    ///
    ///     let reporting = Task { await observer.run(every: .seconds(10)) }
    ///     …
    ///     reporting.cancel()
    ///
    /// - Parameters:
    ///   - interval: The time between flushes.
    ///   - clock: The clock that measures it.
    /// - Complexity: O(*n*) per flush for *n* caches.
    public func run<C: Clock>(every interval: C.Duration, clock: C = ContinuousClock()) async {
        while !Task.isCancelled {
            flush()
            do {
                try await clock.sleep(for: interval)
            } catch {
                break
            }
        }
        flush()
    }
}
