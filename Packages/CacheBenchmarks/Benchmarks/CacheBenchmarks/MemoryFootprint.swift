import CAllocatorStatistics

/// The bytes the process's allocator has handed out and not taken back.
func allocatedBytes() -> Int {
    Int(allocator_bytes_in_use())
}

/// (g): the bytes a contender allocates for `Shape.memoryEntries` entries beyond their keys and
/// values. Keys and values exist before the count starts (the cache holds copies that share
/// their storage), so what is left is the cache's own structure: index, links, slack.
func overheadBytes<C: BenchmarkedCache>(
    of make: () -> C,
    keys: [C.Key],
    values: [C.Value]
) -> Int {
    let before = allocatedBytes()
    let cache = make()
    for index in keys.indices { cache.set(keys[index], values[index]) }
    let after = allocatedBytes()
    withExtendedLifetime(cache) {}
    return after - before - keys.count * (MemoryLayout<C.Key>.size + MemoryLayout<C.Value>.size)
}
