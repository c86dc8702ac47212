import CacheCore
import Synchronization

/// The lock around a ``Cache``'s storage: operations that write take it whole; quiet reads share
/// it, each through the stripe of its thread, and write no line another thread's reads write.
///
/// Every operation but a quiet read (see ``readQuietly(_:hash:countingMiss:)``) is a *writer*: it
/// takes `writer`, raises `writerActive` and waits until no reader holds a stripe. Before its
/// body runs, the reads the stripes buffered are applied to the policy and the counters, in the
/// order each stripe took them, so a writer sees the policy as if every read had taken the lock.
///
/// A quiet read takes only its thread's stripe (a word no other thread writes unless their
/// stripes collide), checks that no writer is active, looks the key up, and appends the read to
/// the stripe's buffer. Readers on different stripes run in parallel: the storage's lines stay
/// shared in both cores' caches, and each reader writes only its stripe's lines. The reader that
/// fills a buffer applies the buffers as a writer if the writer lock is free at once; otherwise
/// the writer holding it does, and reads that find the buffer full meanwhile are counted in the
/// statistics but not told to the policy (Caffeine's read buffers are lossy the same way), the
/// lock being tried again once per buffer's worth of them. (A reader cannot apply its own buffer
/// while others read: changing the policy is a modifying access to the storage, which Swift's
/// exclusivity rules forbid alongside other threads' reads of it.) A read that finds its stripe
/// held, or a writer active, takes the lock as a writer.
///
/// Readers and writers order their accesses with sequentially consistent atomics (a reader
/// takes its stripe, then reads `writerActive`; a writer raises `writerActive`, then reads every
/// stripe), so at least one of the two sees the other.
@usableFromInline
struct CacheStorageLock<Key: Hashable & Sendable, Value: Sendable>: ~Copyable, @unchecked Sendable {
    /// Serializes writers.
    @usableFromInline let writer: Mutex<Void>
    /// 1 while a writer runs or waits for readers to leave.
    @usableFromInline let writerActive: Atomic<Int>
    /// The readers' stripes and their buffers.
    @usableFromInline let stripes: ReadStripes
    /// The storage, at an address that never moves.
    @usableFromInline let storage: UnsafeMutablePointer<CacheStorage<Key, Value>>

    /// The number of stripes of a cache: enough that two threads rarely share one, few enough
    /// that a writer checks them all in a few nanoseconds.
    @usableFromInline static var stripeCount: Int { 8 }

    /// Guards `storage`.
    @usableFromInline
    init(_ storage: consuming CacheStorage<Key, Value>) {
        writer = Mutex(())
        writerActive = Atomic(0)
        stripes = ReadStripes(count: Self.stripeCount)
        self.storage = UnsafeMutablePointer.allocate(capacity: 1)
        self.storage.initialize(to: storage)
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Runs `body` with the storage to itself: no other writer runs and no reader holds a
    /// stripe; the stripes' buffered reads are applied first. Sanitized builds tell
    /// ThreadSanitizer that the writer lock orders the accesses (see `Mutex.withAnnotatedLock`).
    ///
    /// - Complexity: O(*s* + *b*) for *s* stripes and *b* buffered reads, plus `body`.
    @inlinable
    @inline(__always)
    borrowing func withAnnotatedLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending CacheStorage<Key, Value>) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        try writer.withAnnotatedLock { (_: inout sending Void) throws(E) -> sending Result in
            excludeReaders()
            defer { writerActive.store(0, ordering: .releasing) }
            return try body(&storage.pointee)
        }
    }

    /// Raises `writerActive`, waits until no reader holds a stripe, then applies what each stripe
    /// recorded. Called with the writer lock held.
    ///
    /// Nothing is applied before every stripe has been seen free: a reader that took its stripe
    /// before `writerActive` rose may still be reading the storage, and applying changes it.
    /// Readers that take a stripe afterwards see `writerActive` and give the stripe back
    /// unchanged, touching nothing else.
    @inlinable
    @inline(never)
    borrowing func excludeReaders() {
        writerActive.store(1, ordering: .sequentiallyConsistent)
        var recordedAny = 0
        // Bounded by the constant count rather than `stripes.mask`, so that the compiler unrolls
        // the loop and proves the offsets cannot overflow.
        for index in 0..<Self.stripeCount {
            var state = stripes.stripe(index).pointee.state.load(ordering: .sequentiallyConsistent)
            // A reader holds its stripe for one lookup and never waits for anything.
            while state & 1 != 0 { state = stripes.stripe(index).pointee.state.load(ordering: .sequentiallyConsistent) }
            recordedAny |= state
        }
        guard recordedAny != 0 else { return }
        for index in 0..<Self.stripeCount {
            let stripe = stripes.stripe(index)
            var state = stripe.pointee.state.load(ordering: .acquiring)
            while state != 0 {
                if state & 1 == 0,
                    stripe.pointee.state.compareExchange(expected: state, desired: 0, ordering: .acquiring).exchanged
                {
                    applyRecordedReads(ofStripe: index, recorded: ReadStripe.recorded(in: state))
                    break
                }
                state = stripe.pointee.state.load(ordering: .acquiring)
            }
        }
    }

    /// Tells the policy and the counters of the `recorded` reads of the stripe at `index`, and
    /// clears its dropped counts. Called by a writer that has excluded the readers.
    @inlinable
    borrowing func applyRecordedReads(ofStripe index: Int, recorded: Int) {
        storage.pointee.apply(
            UnsafeBufferPointer(start: stripes.buffer(index), count: min(recorded, ReadStripes.bufferCapacity))
        )
        if recorded > ReadStripes.bufferCapacity {
            let dropped = stripes.dropped(index)
            storage.pointee.stats.recordHits(dropped.pointee.hits)
            storage.pointee.stats.recordMisses(dropped.pointee.misses)
            dropped.pointee = DroppedReads()
        }
    }

    /// Reads `key` on the quiet path (see ``CacheStorage/readQuietly(_:hash:countingMiss:)``)
    /// without taking the writer lock when the thread's stripe is free and no writer is active;
    /// as a writer otherwise.
    ///
    /// - Returns: `nil` when the read is not quiet (the caller takes the full path); otherwise the
    ///   read's result.
    /// - Complexity: O(1) on average; O(*s* + *b*) when it applies the buffered reads.
    @inlinable
    @inline(__always)
    borrowing func readQuietly(_ key: Key, hash: Int, countingMiss: Bool) -> Value?? {
        let index = stripes.stripeOfCurrentThread
        switch enterStripe(index) {
        case .entered(let state):
            return readHoldingStripe(index, state: state, key, hash: hash, countingMiss: countingMiss)
        case .writerActive: return readQuietlyAfterWriter(key, hash: hash, countingMiss: countingMiss)
        case .held: return readQuietlyAsWriter(key, hash: hash, countingMiss: countingMiss)
        }
    }

    /// What a reader's attempt to enter a stripe found.
    @usableFromInline
    enum StripeEntry {
        /// The reader holds the stripe, whose state was this when it took it, and no writer is
        /// active.
        case entered(state: Int)
        /// A writer is active; the reader took the stripe and gave it back unchanged.
        case writerActive
        /// Another reader holds the stripe.
        case held
    }

    /// Takes the stripe at `index` for a read, if it is free and no writer is active.
    @inlinable
    @inline(__always)
    borrowing func enterStripe(_ index: Int) -> StripeEntry {
        let stripe = stripes.stripe(index)
        let state = stripe.pointee.state.load(ordering: .relaxed)
        guard state & 1 == 0,
            stripe.pointee.state.compareExchange(expected: state, desired: state | 1, ordering: .sequentiallyConsistent)
                .exchanged
        else { return .held }
        guard writerActive.load(ordering: .sequentiallyConsistent) == 0 else {
            stripe.pointee.state.store(state, ordering: .releasing)
            return .writerActive
        }
        return .entered(state: state)
    }

    /// A quiet read under the writer lock, for a reader that could not share it.
    @inlinable
    borrowing func readQuietlyAsWriter(_ key: Key, hash: Int, countingMiss: Bool) -> Value?? {
        withAnnotatedLock { @Sendable in $0.readQuietly(key, hash: hash, countingMiss: countingMiss) }
    }

    /// The rest of a quiet read, by a reader holding the stripe at `index` (whose state was
    /// `state` when it took it) with no writer active: the lookup and the note of the read.
    @inlinable
    @inline(__always)
    borrowing func readHoldingStripe(
        _ index: Int,
        state: Int,
        _ key: Key,
        hash: Int,
        countingMiss: Bool
    ) -> Value?? {
        let stripe = stripes.stripe(index)
        guard let found = CacheStorage.readSharingLock(at: storage, key, hash: hash) else {
            stripe.pointee.state.store(state, ordering: .releasing)
            return nil
        }
        guard found != nil || countingMiss else {
            stripe.pointee.state.store(state, ordering: .releasing)
            return .some(nil)
        }
        let recorded = ReadStripe.recorded(in: state) &+ 1
        if recorded <= ReadStripes.bufferCapacity {
            stripes.buffer(index)[recorded &- 1] = BufferedRead(
                slot: found.map { Int32(truncatingIfNeeded: $0.slot) } ?? BufferedRead.missed,
                hash: hash
            )
        } else if found != nil {
            stripes.dropped(index).pointee.hits &+= 1
        } else {
            stripes.dropped(index).pointee.misses &+= 1
        }
        stripe.pointee.state.store(ReadStripe.free(recorded: recorded), ordering: .releasing)
        // A full buffer tries the writer lock once per buffer's worth of reads, not on every
        // read: each try writes the lock's word, which would make it bounce between the cores.
        if recorded % ReadStripes.bufferCapacity == 0 { applyBufferedReadsIfUncontended() }
        return .some(found?.value)
    }

    /// A quiet read that found a writer active: it waits a little for the writer to finish (most
    /// writers are a buffer's drain or one write, a few hundred nanoseconds; queueing on the
    /// writer lock instead would hand it over through the kernel), then reads again, taking the
    /// writer lock only if the writer is still there or the stripe is taken.
    @inlinable
    @inline(never)
    borrowing func readQuietlyAfterWriter(_ key: Key, hash: Int, countingMiss: Bool) -> Value?? {
        var spins = 0
        while writerActive.load(ordering: .relaxed) != 0, spins < Self.spinsForWriter { spins &+= 1 }
        let index = stripes.stripeOfCurrentThread
        guard case .entered(let state) = enterStripe(index) else {
            return readQuietlyAsWriter(key, hash: hash, countingMiss: countingMiss)
        }
        return readHoldingStripe(index, state: state, key, hash: hash, countingMiss: countingMiss)
    }

    /// How many times a reader checks whether the writer is gone before it queues on the writer
    /// lock: a few microseconds.
    @usableFromInline static var spinsForWriter: Int { 4_096 }

    /// Applies every stripe's buffered reads, as a writer, when the writer lock is free at once;
    /// otherwise the writer holding it applies them. Called by a reader that holds no stripe.
    @inlinable
    borrowing func applyBufferedReadsIfUncontended() {
        writer.withAnnotatedLockIfAvailable { (_: inout sending Void) in
            excludeReaders()
            writerActive.store(0, ordering: .releasing)
        }
    }
}
