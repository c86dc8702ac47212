import CacheCore

/// W-TinyLFU (Einziger, Friedman and Manes, 2017), as in Caffeine: a small LRU window in front of
/// a segmented-LRU main space, with a frequency sketch that decides which entries the main space
/// admits.
///
/// New entries enter the window. When the window is full its least recently used entry becomes a
/// *candidate* for the main space and duels the main space's next victim (probation's least
/// recently used entry, or protected's when probation is empty): the one the sketch estimates was
/// used less often lately is evicted, the victim on a tie. A candidate that loses while warm
/// (estimate ≥ 6) is still admitted with probability 1/128, so that an attacker who makes victims
/// look hot through hash collisions cannot shut the main space. The main space is a segmented
/// LRU: a hit in probation promotes the entry to protected (80% of the main space), whose least
/// recently used entries go back to probation when it overflows.
///
/// The window starts at 1% of the cache (at least one entry). How it changes depends on
/// ``CachePolicy/TinyLFUWindow``: the adaptive window follows ``WindowBalancer`` (and grows by
/// making room in the main space, without duels, while it is below its target); hill climbing
/// follows ``HillClimber`` and moves entries across at once, as Caffeine does; the fixed window
/// stays at 1%, as in Caffeine 2.6.
///
/// The engine asks for a victim before it stores the new entry, so the duel here is the one
/// Caffeine runs after storing it: the window's oldest entry against the main space's victim.
/// The sketch is sized when the cache first holds half its limit (reads before that are not
/// counted). Every call is O(1); the sketch's aging (every `10 × maximum` counted uses) and hill
/// climbing's moves (at most once per sample) are O(1) amortized.
///
/// The sketch and the ghost lists know a key by its index *tag* (32 bits mixed from its hash,
/// ``SlotIndex/tag(of:)``), which the engine's entries hold already: inside a cache the policy
/// reads the tags of the two entries of a duel there (``nextVictim(incomingHash:tags:)``)
/// instead of keeping 8 bytes of hash per entry. Used on its own, through ``EvictionPolicy``, it
/// keeps the tags itself. A hit's use waits in the slot until the sketch's counters need it
/// (``SlotStates``).
@usableFromInline
struct WindowTinyLFUPolicy: EvictionPolicy {
    private static let windowRegion: UInt8 = 0
    private static let probationRegion: UInt8 = 1
    private static let protectedRegion: UInt8 = 2
    /// Caffeine's `ADMIT_HASHDOS_THRESHOLD`.
    private static let warmFrequency = 6

    private var links = SlotLinks()
    /// Each slot's region and the hits on its key not yet added to the sketch.
    private var states = SlotStates()
    /// The tags of the slots' keys, while the policy is not inside a cache (see
    /// ``readsTagsFromEntries()``).
    private var storedTags: StoredTags? = StoredTags()
    private var window = SlotList()
    private var probation = SlotList()
    private var protected = SlotList()
    /// The frequency sketch (internal for tests).
    var sketch = FrequencySketch()
    private var generator: SplitMix64
    private let sizing: CachePolicy.TinyLFUWindow
    private var balancer: WindowBalancer?
    private var climber: HillClimber?
    /// The key whose miss already adapted the window (a read that missed it, or a `nextVictim`
    /// call that made room for it), so that storing it does not adapt again.
    private var adaptedHash: Int?
    /// The key whose read miss was counted in the sketch, so that storing it next (a
    /// read-through) does not count it again.
    private var missedHash: Int?
    /// The estimate of the key of ``missedHash``, for its headroom when it is stored, and the
    /// sketch's ``FrequencySketch/agings`` then (an aging since makes it stale).
    private var missedEstimate = (estimate: 0, agings: 0)
    /// The sketch's ``FrequencySketch/agings`` when the slots last aged with it.
    private var agingsSeen = 0
    /// The entry limit, when the cache has one.
    private var maximum: Int?
    private var windowMaximum = 1
    private var protectedMaximum = 0

    /// Creates the policy.
    ///
    /// - Parameters:
    ///   - window: How the window's size is chosen.
    ///   - seed: Fixes the random admissions of warm candidates.
    init(window: CachePolicy.TinyLFUWindow, seed: UInt64) {
        self.sizing = window
        self.generator = SplitMix64(seed: seed)
    }

    private var trackedCount: Int { window.count + probation.count + protected.count }

    /// How the sketch and the ghost lists know the key with `hash`: by its tag, as the engine's
    /// entries hold it.
    private static func key(of hash: Int) -> Int {
        Int(SlotIndex.tag(of: hash))
    }

    /// Stops keeping the keys' tags: the cache that holds the policy passes its entries' tags to
    /// ``nextVictim(incomingHash:tags:)``.
    mutating func readsTagsFromEntries() {
        storedTags = nil
    }

    @usableFromInline
    mutating func capacityDidChange(to maxSize: Int?) {
        maximum = maxSize
        if let maxSize { sizeRegions(for: maxSize) }
    }

    @usableFromInline
    mutating func didInsert(_ slot: CacheSlot, hash: Int) {
        links.reserve(upTo: slot.index, limit: maximum)
        states.reserve(upTo: slot.index, capacity: links.links.count)
        storedTags?.store(SlotIndex.tag(of: hash), for: slot.index, capacity: links.links.count)
        if adaptedHash != hash { adaptWindow(toMissOf: hash) }
        adaptedHash = nil
        window.append(slot.rawValue, links: &links)
        states.reset(slot.rawValue, region: WindowTinyLFUPolicy.windowRegion, estimate: 0)
        while window.count > windowMaximum, let oldest = window.removeFirst(links: &links) {
            move(oldest, to: WindowTinyLFUPolicy.probationRegion)
        }
        // Counting the key may age the sketch or (hill climbing) move the new slot out of the
        // window: its region is set before, its headroom after.
        let estimate: Int
        if missedHash != hash {
            estimate = record(Self.key(of: hash), hit: false)
        } else if missedEstimate.agings == sketch.agings {
            estimate = missedEstimate.estimate
        } else {
            estimate = sketch.frequency(of: Self.key(of: hash))
        }
        states.setEstimate(estimate, of: slot.rawValue)
        missedHash = nil
    }

    /// A read that missed: counted in the sketch like a hit, so that a key read often while
    /// absent wins its duel when it is finally written (with blind writes, no read brings it
    /// in), and a ghost hit for the window's balance.
    @usableFromInline
    mutating func didMiss(hash: Int) {
        if adaptedHash != hash {
            adaptWindow(toMissOf: hash)
            adaptedHash = hash
        }
        missedEstimate = (record(Self.key(of: hash), hit: false), sketch.agings)
        missedHash = hash
    }

    /// A hit: the LRU move in the entry's region (promotion to protected from probation, and
    /// protected's overflow back to probation), through one unique access to the links, and a
    /// use of the key, kept in its slot until the sketch's counters need it (see ``SlotStates``).
    @usableFromInline
    mutating func didAccess(_ slot: CacheSlot, hash: Int) {
        let member = slot.rawValue
        let region = states.region(of: member)
        if region == WindowTinyLFUPolicy.probationRegion {
            promote(member)
        } else {
            links.withUnsafeLinks { link in
                if region == WindowTinyLFUPolicy.windowRegion {
                    window.moveToBack(member, link)
                } else {
                    protected.moveToBack(member, link)
                }
            }
        }
        if sketch.isInitialized && climber == nil {
            if states.recordHit(member) {
                sketch.countUse()
                ageSlotsWithTheSketch()
            }
        } else {
            record(Self.key(of: hash), hit: true)
        }
    }

    /// Moves `member`, a hit in probation, to protected, and protected's least recently used
    /// entry back to probation if that makes protected overflow.
    private mutating func promote(_ member: Int32) {
        let demoted = links.withUnsafeLinks { link in
            probation.remove(member, link)
            protected.append(member, link)
            guard protected.count > protectedMaximum, protected.head >= 0 else { return Int32(-1) }
            let demoted = protected.head
            protected.remove(demoted, link)
            probation.append(demoted, link)
            return demoted
        }
        states.setRegion(WindowTinyLFUPolicy.protectedRegion, of: member)
        if demoted >= 0 { states.setRegion(WindowTinyLFUPolicy.probationRegion, of: demoted) }
    }

    /// A removal (not an eviction), for a policy used on its own: the key's pending uses reach
    /// the sketch through the tag the policy kept.
    @usableFromInline
    mutating func didRemove(_ slot: CacheSlot) {
        if let storedTags { addPendingUses(of: slot.rawValue, key: Int(storedTags.tag(of: slot.rawValue))) }
        detach(slot.rawValue)
    }

    /// A removal (not an eviction) inside a cache, of the entry whose key has tag `tag`: the
    /// key's pending uses reach the sketch, so that a key deleted or expired and stored again
    /// keeps its frequency.
    @usableFromInline
    mutating func didRemove(_ slot: CacheSlot, tag: UInt32) {
        addPendingUses(of: slot.rawValue, key: Int(tag))
        detach(slot.rawValue)
    }

    /// The next victim, for a policy used on its own: the duels read the tags the policy kept.
    @usableFromInline
    mutating func nextVictim(incomingHash: Int?) -> CacheSlot? {
        guard let storedTags else {
            preconditionFailure("WindowTinyLFUPolicy: inside a cache, victims come from nextVictim(incomingHash:tags:)")
        }
        return chooseVictim(incomingHash: incomingHash, tags: storedTags)
    }

    /// The next victim, inside a cache: the duels read the tags of the entries they compare.
    @usableFromInline
    mutating func nextVictim(incomingHash: Int?, tags: EntryTags) -> CacheSlot? {
        chooseVictim(incomingHash: incomingHash, tags: tags)
    }

    /// The next victim, reading the tags of the keys it compares from `tags`.
    private mutating func chooseVictim(incomingHash: Int?, tags: some SlotTagSource) -> CacheSlot? {
        if maximum == nil, trackedCount > 0 {
            sizeRegions(for: trackedCount)
            if sketch.ensureCapacity(trackedCount) { states.forgetUses() }
        }
        guard let incomingHash, let candidate = window.head.nonNegative else {
            // No new key to make room for: evict in plain order, main space first.
            let victim =
                probation.removeFirst(links: &links) ?? protected.removeFirst(links: &links)
                ?? window.removeFirst(links: &links)
            guard let victim else { return nil }
            addPendingUses(of: victim, key: Int(tags.tag(of: victim)))
            return CacheSlot(victim)
        }
        if adaptedHash != incomingHash {
            adaptWindow(toMissOf: incomingHash)
            adaptedHash = incomingHash
        }
        let candidateKey = Int(tags.tag(of: candidate))
        addPendingUses(of: candidate, key: candidateKey)
        guard let victim = probation.head.nonNegative ?? protected.head.nonNegative else {
            return CacheSlot(evict(candidate, key: candidateKey, fromWindow: true))
        }
        let victimKey = Int(tags.tag(of: victim))
        addPendingUses(of: victim, key: victimKey)
        if balancer != nil && window.count < windowMaximum {
            // The window is below its target: it grows, and the main space gives way.
            return CacheSlot(evict(victim, key: victimKey, fromWindow: false))
        }
        guard admits(candidate: candidateKey, over: victimKey) else {
            return CacheSlot(evict(candidate, key: candidateKey, fromWindow: true))
        }
        if window.count >= windowMaximum {
            window.remove(candidate, links: &links)
            move(candidate, to: WindowTinyLFUPolicy.probationRegion)
        }
        return CacheSlot(evict(victim, key: victimKey, fromWindow: false))
    }

    /// Probation from its least recently used entry, then protected, then the window: the order
    /// of `popItem()` and of evictions that make room for no new key. (When making room for a
    /// new key, the window's oldest entry goes first if it loses its duel.)
    @usableFromInline
    func slotsInEvictionOrder() -> [CacheSlot] {
        probation.slots(links: links) + protected.slots(links: links) + window.slots(links: links)
    }

    @usableFromInline
    mutating func removeAll() {
        links.removeAll()
        states.removeAll()
        agingsSeen = 0
        if storedTags != nil { storedTags = StoredTags() }
        window = SlotList()
        probation = SlotList()
        protected = SlotList()
        sketch.removeAll()
        adaptedHash = nil
        missedHash = nil
        if let maximum { sizeRegions(for: maximum) }
    }

    // MARK: - Admission

    /// Whether the candidate whose key is `candidate` (see ``key(of:)``) should replace the
    /// victim whose key is `victim` in the main space.
    mutating func admits(candidate: Int, over victim: Int) -> Bool {
        let candidateFrequency = sketch.frequency(of: candidate)
        if candidateFrequency > sketch.frequency(of: victim) { return true }
        guard candidateFrequency >= WindowTinyLFUPolicy.warmFrequency else { return false }
        return generator.next() & 127 == 0
    }

    /// Counts a request for `key` (see ``key(of:)``) in the sketch (sizing it once the cache is
    /// half full) and, with hill climbing, in the climber's sample.
    ///
    /// - Returns: The key's estimate afterwards.
    @discardableResult
    private mutating func record(_ key: Int, hit: Bool) -> Int {
        let limit = maximum ?? trackedCount
        if !sketch.isInitialized && trackedCount >= limit / 2 { sketch.ensureCapacity(limit) }
        let estimate = sketch.increment(key)
        ageSlotsWithTheSketch()
        guard climber != nil, let maximum else { return estimate }
        guard sketch.isInitialized else {
            climber?.discardSample()
            return estimate
        }
        climber?.record(hit: hit)
        if let amount = climber?.adjustment(sampleSize: sketch.sampleSize, maximum: maximum), amount != 0 {
            resizeWindow(by: amount)
        }
        return estimate
    }

    /// Ages the slots' pending uses and headroom when the sketch has aged since they last did.
    @inline(__always)
    private mutating func ageSlotsWithTheSketch() {
        guard sketch.agings != agingsSeen else { return }
        agingsSeen = sketch.agings
        states.age()
    }

    /// Adds the uses pending in `slot` to the counters of its key, `key`.
    @inline(__always)
    private mutating func addPendingUses(of slot: Int32, key: Int) {
        let pending = states.takePendingUses(of: slot)
        guard pending > 0 else { return }
        states.setEstimate(sketch.add(key, uses: pending), of: slot)
    }

    // MARK: - Regions

    /// Sizes the window at 1% of `maximum` (at least one entry) and protected at 80% of the rest,
    /// and starts the window's adaptation afresh.
    private mutating func sizeRegions(for maximum: Int) {
        setWindowMaximum(max(1, maximum - Int(0.99 * Double(maximum))), maximum: maximum)
        let adapts = self.maximum != nil
        balancer = adapts && sizing == .adaptive ? WindowBalancer(windowMaximum: windowMaximum, maximum: maximum) : nil
        climber = adapts && sizing == .hillClimbing ? HillClimber(maximum: maximum) : nil
    }

    /// Sets the window's limit and gives protected 80% of the rest.
    private mutating func setWindowMaximum(_ newMaximum: Int, maximum: Int) {
        windowMaximum = newMaximum
        protectedMaximum = Int(0.8 * Double(maximum - newMaximum))
        demoteProtectedOverflow()
    }

    /// Lets the balancer move the window's target after a miss on the key with `hash`.
    private mutating func adaptWindow(toMissOf hash: Int) {
        guard let maximum,
            let newMaximum = balancer?.windowMaximum(afterMissOf: Self.key(of: hash), windowMaximum: windowMaximum)
        else { return }
        setWindowMaximum(newMaximum, maximum: maximum)
    }

    /// Hill climbing's move: grows the window by up to `amount` entries taken from protected's
    /// share and moves main's least recently used entries into it (or, for a negative amount,
    /// shrinks it to no less than one entry and moves its oldest entries to probation).
    ///
    /// - Complexity: O(|`amount`|), once per sample of `10 × maximum` requests.
    private mutating func resizeWindow(by amount: Int) {
        guard let maximum else { return }
        if amount > 0 {
            let quota = min(amount, protectedMaximum)
            setWindowMaximum(windowMaximum + quota, maximum: maximum)
            for _ in 0..<quota {
                guard let member = probation.removeFirst(links: &links) ?? protected.removeFirst(links: &links) else {
                    break
                }
                move(member, to: WindowTinyLFUPolicy.windowRegion)
            }
        } else {
            let quota = min(-amount, windowMaximum - 1)
            setWindowMaximum(windowMaximum - quota, maximum: maximum)
            for _ in 0..<quota {
                guard let member = window.removeFirst(links: &links) else { break }
                move(member, to: WindowTinyLFUPolicy.probationRegion)
            }
        }
    }

    /// Moves protected's least recently used entries to probation while protected is over its share.
    private mutating func demoteProtectedOverflow() {
        while protected.count > protectedMaximum, let demoted = protected.removeFirst(links: &links) {
            move(demoted, to: WindowTinyLFUPolicy.probationRegion)
        }
    }

    /// Appends `member`, which is in no list, to `region`'s most recently used end.
    private mutating func move(_ member: Int32, to region: UInt8) {
        switch region {
        case WindowTinyLFUPolicy.windowRegion: window.append(member, links: &links)
        case WindowTinyLFUPolicy.probationRegion: probation.append(member, links: &links)
        default: protected.append(member, links: &links)
        }
        states.setRegion(region, of: member)
    }

    /// Takes `member` out of its region's list.
    private mutating func detach(_ member: Int32) {
        switch states.region(of: member) {
        case WindowTinyLFUPolicy.windowRegion: window.remove(member, links: &links)
        case WindowTinyLFUPolicy.probationRegion: probation.remove(member, links: &links)
        default: protected.remove(member, links: &links)
        }
    }

    /// Evicts `member`, whose key is `key` and whose pending uses are in the sketch, to make room
    /// for a new key, remembering the key for the balancer.
    private mutating func evict(_ member: Int32, key: Int, fromWindow: Bool) -> Int32 {
        detach(member)
        balancer?.remember(key, fromWindow: fromWindow, windowMaximum: windowMaximum)
        return member
    }
}

extension Int32 {
    /// The value, or `nil` when it is negative (a list's "no member").
    fileprivate var nonNegative: Int32? { self >= 0 ? self : nil }
}
