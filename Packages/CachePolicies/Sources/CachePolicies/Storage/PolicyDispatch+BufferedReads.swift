import CacheCore

extension PolicyDispatch {
    /// Tells the policy of `reads`, a stripe's buffered hits and misses, in order: each hit as
    /// ``didAccess(_:hash:)`` and each miss as ``didMiss(hash:)`` would, with the policy chosen
    /// once for the whole batch.
    @inlinable
    mutating func didRead(_ reads: UnsafeBufferPointer<BufferedRead>) {
        switch kind {
        case .queue:
            for read in reads where read.slot >= 0 {
                queue.didAccess(CacheSlot(index: Int(read.slot)), hash: read.hash)
            }
        case .tinyLFU:
            for read in reads {
                if read.slot >= 0 {
                    tinyLFU.didAccess(CacheSlot(index: Int(read.slot)), hash: read.hash)
                } else {
                    tinyLFU.didMiss(hash: read.hash)
                }
            }
        case .sieve:
            for read in reads where read.slot >= 0 {
                sieve.didAccess(CacheSlot(index: Int(read.slot)), hash: read.hash)
            }
        case .s3fifo:
            for read in reads where read.slot >= 0 {
                s3fifo.didAccess(CacheSlot(index: Int(read.slot)), hash: read.hash)
            }
        case .lfu:
            for read in reads where read.slot >= 0 { lfu.didAccess(CacheSlot(index: Int(read.slot)), hash: read.hash) }
        case .other:
            for read in reads {
                if read.slot >= 0 {
                    other!.didAccess(CacheSlot(index: Int(read.slot)), hash: read.hash)
                } else {
                    other!.didMiss(hash: read.hash)
                }
            }
        }
    }
}
