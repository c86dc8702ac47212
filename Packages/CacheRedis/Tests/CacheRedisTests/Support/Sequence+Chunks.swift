#if Redis
extension Sequence {
    /// The elements in arrays of `count`, the last one shorter when they do not divide evenly.
    func chunks(ofCount count: Int) -> [[Element]] {
        var chunks: [[Element]] = []
        var chunk: [Element] = []
        for element in self {
            chunk.append(element)
            if chunk.count == count {
                chunks.append(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        return chunks
    }
}
#endif
