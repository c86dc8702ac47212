/// Sizes W-TinyLFU's window from ghost hits, the way ARC sizes its recency list: the adaptive
/// window of ``CachePolicy/tinyLFU``.
///
/// Two ghost lists (a ``GhostTable``) remember the keys most recently evicted from each side of
/// the cache: from the window (candidates that lost their duel) and from the main space
/// (victims). A miss on a key the window's ghost list remembers is a hit a larger window would
/// have had; a miss on one the main ghost list remembers, a hit a larger main space would have
/// had. Each such miss moves the window's target toward the side that would have hit, by a fifth
/// of ARC's step: max(|other ghost list| / |this ghost list|, 1) entries.
///
/// Each ghost list holds half as many keys as the *other* side has entries — the room this side
/// could take over — as ARC's B1 holds up to c − |T1| keys. So while the window is small its
/// ghost list is long, and reuse at any distance the cache could cover shows up as ghost hits (a
/// ghost list the size of a small window would see none and never let it grow); and the step
/// ratio weighs each hit by how rare hits in its list are, so the target settles where one more
/// entry is worth as much on either side. The fifth keeps a burst of ghost hits (a scan coming
/// round again) from throwing the window far off.
///
/// Unlike hill climbing, which compares the hit rates of successive samples of `10 × maximum`
/// requests, this reacts to each informative miss: it finds a recency-heavy workload's large
/// window within a few thousand requests, and needs no sample to tell noise from a trend
/// (Docs/HIT-RATIOS.md compares the two).
struct WindowBalancer {
    /// The fraction of ARC's step each ghost hit moves the target by.
    static let stepFraction = 0.2
    /// Each ghost list holds the other side's entries divided by this: half of them.
    static let ghostDivisor = 2

    private static let windowGhosts = 0
    private static let mainGhosts = 1

    private var ghosts = GhostTable()
    /// The cache's entry limit.
    private let maximum: Int
    /// The window's target size, in entries.
    private(set) var target: Double

    /// Starts balancing, for a cache of `maximum` entries, from a window of `windowMaximum`.
    init(windowMaximum: Int, maximum: Int) {
        self.target = Double(windowMaximum)
        self.maximum = maximum
    }

    /// Remembers a key evicted from the window (`fromWindow`) or from the main space.
    ///
    /// - Parameters:
    ///   - hash: The evicted key's hash.
    ///   - fromWindow: Which side evicted it.
    ///   - windowMaximum: The window's current size limit.
    /// - Complexity: O(1), and O(`maximum`) once, at the first eviction.
    mutating func remember(_ hash: Int, fromWindow: Bool, windowMaximum: Int) {
        ghosts.allocateOnce(forKeys: maximum / WindowBalancer.ghostDivisor)
        let otherSide = fromWindow ? maximum - windowMaximum : windowMaximum
        ghosts.append(
            hash,
            to: fromWindow ? WindowBalancer.windowGhosts : WindowBalancer.mainGhosts,
            capacity: max(1, otherSide / WindowBalancer.ghostDivisor)
        )
    }

    /// Moves the target when the missing key with `hash` is remembered, and forgets it.
    ///
    /// - Parameters:
    ///   - hash: The missing key's hash.
    ///   - windowMaximum: The window's current size limit.
    /// - Returns: The window's new size limit when it changed.
    /// - Complexity: O(1).
    mutating func windowMaximum(afterMissOf hash: Int, windowMaximum: Int) -> Int? {
        guard let list = ghosts.remove(hash) else { return nil }
        let windowGhostCount = Double(max(1, ghosts.count(of: WindowBalancer.windowGhosts)))
        let mainGhostCount = Double(max(1, ghosts.count(of: WindowBalancer.mainGhosts)))
        if list == WindowBalancer.windowGhosts {
            target += WindowBalancer.stepFraction * max(1, mainGhostCount / windowGhostCount)
        } else {
            target -= WindowBalancer.stepFraction * max(1, windowGhostCount / mainGhostCount)
        }
        target = min(max(target, 1), Double(max(1, maximum - 1)))
        let newMaximum = Int(target)
        return newMaximum == windowMaximum ? nil : newMaximum
    }
}
