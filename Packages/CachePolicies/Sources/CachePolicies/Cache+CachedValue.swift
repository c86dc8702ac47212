import CacheCore
import Synchronization

extension Cache {
    /// The live value for `key`, read as a hit (a use for the policy, a hit in ``stats``, a hit
    /// event); `nil` when there is none, with nothing counted or reported.
    ///
    /// The fast path of ``value(forKey:ttl:load:)``, whose slow path counts the miss.
    ///
    /// - Complexity: O(1) on average.
    @inlinable
    func cachedValue(forKey key: Key, hash: Int) -> Value? {
        if readsQuietly {
            if let quiet = storage.readQuietly(key, hash: hash, countingMiss: false) { return quiet }
        }
        return withStorage(at: timeIfExpiring()) { storage, _, events in
            storage.readIfPresent(key, hash: hash, events: &events)
        }
    }
}
