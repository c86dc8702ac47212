/// Keys a policy no longer holds, remembered by their 64-bit hashes in up to two lists, each in
/// the order the hashes were added: S3-FIFO's ghost queue, ARC's B1 and B2.
///
/// Every operation is O(1) on average: the lists are doubly linked through a pool of nodes, and a
/// ``HashedNodeIndex`` finds a hash's node. A hash is in at most one list at a time. Full 64-bit
/// hashes keep two keys from being mistaken for each other (with a 32-bit fingerprint, a cache of
/// a million entries would see false ghost hits every few thousand requests).
struct GhostLists {
    /// Node links; a node's group is its list (0 or 1).
    private var links = SlotLinks(groups: true)
    private var hashes: ContiguousArray<Int> = []
    private var freeNodes: ContiguousArray<Int32> = []
    private var index = HashedNodeIndex()
    private var lists = (SlotList(), SlotList())

    /// The number of hashes in `list` (0 or 1).
    func count(of list: Int) -> Int {
        list == 0 ? lists.0.count : lists.1.count
    }

    /// The number of hashes in both lists.
    var totalCount: Int { index.count }

    /// The list that holds `hash`, if any.
    ///
    /// - Complexity: O(1) on average.
    func list(holding hash: Int) -> Int? {
        guard let node = index.node(for: hash) else { return nil }
        return Int(links[groupOf: node])
    }

    /// Adds `hash` at the back of `list`, taking it out of the list that held it, if any (two
    /// keys whose hashes collide share one ghost).
    ///
    /// - Complexity: Amortized O(1).
    mutating func append(_ hash: Int, to list: Int) {
        remove(hash)
        let node: Int32
        if let free = freeNodes.popLast() {
            node = free
            hashes[Int(node)] = hash
        } else {
            node = Int32(hashes.count)
            hashes.append(hash)
            links.reserve(upTo: Int(node))
        }
        index.insert(hash, node: node)
        if list == 0 { lists.0.append(node, links: &links) } else { lists.1.append(node, links: &links) }
        links[groupOf: node] = UInt8(list)
    }

    /// Removes `hash` from whichever list holds it.
    ///
    /// - Returns: Whether a list held it.
    /// - Complexity: O(1) on average.
    @discardableResult
    mutating func remove(_ hash: Int) -> Bool {
        guard let node = index.remove(hash) else { return false }
        if links[groupOf: node] == 0 {
            lists.0.remove(node, links: &links)
        } else {
            lists.1.remove(node, links: &links)
        }
        freeNodes.append(node)
        return true
    }

    /// Removes the oldest hash of `list`.
    ///
    /// - Complexity: O(1) on average.
    mutating func removeOldest(from list: Int) {
        let oldest = list == 0 ? lists.0.removeFirst(links: &links) : lists.1.removeFirst(links: &links)
        guard let node = oldest else { return }
        index.remove(hashes[Int(node)])
        freeNodes.append(node)
    }

    /// Forgets every hash.
    mutating func removeAll() {
        self = GhostLists()
    }
}
