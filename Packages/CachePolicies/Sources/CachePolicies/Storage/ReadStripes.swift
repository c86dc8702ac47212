import Synchronization

/// A read that ran without the cache's lock and waits, in its stripe's buffer, for the policy and
/// the counters to hear of it.
@usableFromInline
struct BufferedRead {
    /// The slot that was hit, or ``missed`` for a miss.
    @usableFromInline var slot: Int32
    /// The key's `hashValue`.
    @usableFromInline var hash: Int

    /// The `slot` of a miss.
    @usableFromInline static var missed: Int32 { -1 }

    @inlinable
    init(slot: Int32, hash: Int) {
        self.slot = slot
        self.hash = hash
    }
}

/// One stripe of a ``CacheStorageLock``: the word a reader holds while it reads, which also
/// counts the reads recorded since the last drain.
///
/// `state` holds, in bit 0, whether a reader holds the stripe, and above it the number of reads
/// recorded since the stripe was last applied: the first ``ReadStripes/bufferCapacity`` wait in
/// the stripe's buffer, the rest were dropped and only counted. A writer therefore learns with
/// one load whether the stripe is free and whether it has anything to apply. The counts of the
/// reads dropped while the buffer was full sit apart, in ``DroppedReads``, so that updating them
/// is never an access to the atomic word.
@usableFromInline
struct ReadStripe: ~Copyable {
    /// Bit 0: held by a reader; the bits above: reads recorded since the last drain.
    @usableFromInline let state: Atomic<Int>

    @inlinable
    init() {
        state = Atomic(0)
    }

    /// The `state` of a free stripe with `recorded` reads recorded.
    @inlinable
    static func free(recorded: Int) -> Int { recorded &<< 1 }

    /// The reads recorded in a `state`.
    @inlinable
    static func recorded(in state: Int) -> Int { state &>> 1 }
}

/// The reads a stripe recorded while its buffer was full: counted in the statistics, but never
/// told to the policy. Only the thread holding the stripe (a reader, or the writer once it has
/// taken it) touches them.
@usableFromInline
struct DroppedReads {
    @usableFromInline var hits = 0
    @usableFromInline var misses = 0

    @inlinable
    init() {}
}

/// The stripes of a ``CacheStorageLock``: `count` ``ReadStripe``s and their read buffers, each
/// on cache lines of its own so that readers on different stripes never write a shared line.
@usableFromInline
struct ReadStripes: ~Copyable {
    /// Bytes between two stripes' headers: two cache lines, since adjacent-line prefetching
    /// makes neighbours of a written line bounce too.
    @usableFromInline static var headerStride: Int { 128 }

    /// Reads a stripe buffers before they are applied to the policy.
    @usableFromInline static var bufferCapacity: Int { 16 }

    /// The stripes' headers, `headerStride` bytes apart.
    @usableFromInline let headers: UnsafeMutableRawPointer
    /// The stripes' buffers, `bufferCapacity` reads each, one after the other (256 bytes each,
    /// so that every buffer starts a line of its own).
    @usableFromInline let buffers: UnsafeMutablePointer<BufferedRead>
    /// The number of stripes minus one; the number is a power of two.
    @usableFromInline let mask: Int

    /// Creates `count` free, empty stripes; `count` is a power of two.
    @usableFromInline
    init(count: Int) {
        precondition(
            count > 0 && count & (count - 1) == 0,
            "ReadStripes: the count must be a power of two, got \(count)"
        )
        mask = count - 1
        headers = UnsafeMutableRawPointer.allocate(byteCount: count * Self.headerStride, alignment: Self.headerStride)
        for index in 0..<count {
            let header = headers + index * Self.headerStride
            header.bindMemory(to: ReadStripe.self, capacity: 1).initialize(to: ReadStripe())
            (header + Self.droppedOffset).bindMemory(to: DroppedReads.self, capacity: 1).initialize(to: DroppedReads())
        }
        let bufferBytes = count * Self.bufferCapacity * MemoryLayout<BufferedRead>.stride
        buffers = UnsafeMutableRawPointer.allocate(byteCount: bufferBytes, alignment: Self.headerStride)
            .bindMemory(to: BufferedRead.self, capacity: count * Self.bufferCapacity)
    }

    deinit {
        for index in 0...mask { _ = stripe(index).move() }
        headers.deallocate()
        buffers.deallocate()
    }

    /// The stripe at `index`.
    @inlinable
    @inline(__always)
    func stripe(_ index: Int) -> UnsafeMutablePointer<ReadStripe> {
        (headers + index * Self.headerStride).assumingMemoryBound(to: ReadStripe.self)
    }

    /// Where a stripe's ``DroppedReads`` lie in its header: on the header's second line, apart
    /// from the atomic word.
    @usableFromInline static var droppedOffset: Int { 64 }

    /// The dropped reads of the stripe at `index`.
    @inlinable
    @inline(__always)
    func dropped(_ index: Int) -> UnsafeMutablePointer<DroppedReads> {
        (headers + index * Self.headerStride + Self.droppedOffset).assumingMemoryBound(to: DroppedReads.self)
    }

    /// The first read of the buffer of the stripe at `index`.
    @inlinable
    @inline(__always)
    func buffer(_ index: Int) -> UnsafeMutablePointer<BufferedRead> {
        buffers + index * Self.bufferCapacity
    }

    /// The stripe the calling thread reads through.
    ///
    /// Threads have stacks of their own, at least 64 KiB apart, so the address of a local
    /// variable, rounded to 64 KiB and mixed, tells threads apart without a thread identifier
    /// (which the engine could only get from the C library). A thread's probe moves only when its
    /// stack depth crosses a 64 KiB boundary; two threads share a stripe when their probes
    /// collide, which costs speed, never correctness.
    @inlinable
    @inline(__always)
    var stripeOfCurrentThread: Int {
        var marker: UInt8 = 0
        let address = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        let mixed = (address >> 16) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }
}
