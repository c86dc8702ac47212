// Updating: `compute` reads a key's value and stores or removes what a closure makes of it, in one
// step under the cache's lock.
import Caching

// snippet.count
let counters = Cache<String, Int>(name: "counters", maxSize: 10_000)
// A thousand concurrent increments: none is lost.
await withTaskGroup(of: Void.self) { group in
    for _ in 0..<1_000 {
        group.addTask { counters.compute("page-views") { ($0 ?? 0) + 1 } }
    }
}
// snippet.end

// snippet.remove
// A rate limit: each request takes a token; returning nil removes the emptied bucket.
let buckets = Cache<String, Int>(name: "rate-limits", maxSize: 10_000, defaultTTL: .minutes(1))
buckets["client-42"] = 2
func takeToken(_ client: String) -> Bool {
    var allowed = false
    buckets.compute(client) { tokens in
        guard let tokens, tokens > 0 else { return nil }
        allowed = true
        return tokens > 1 ? tokens - 1 : nil
    }
    return allowed
}
// snippet.end
// snippet.hide
precondition(counters.get("page-views") == 1_000)
precondition(takeToken("client-42") && takeToken("client-42") && !takeToken("client-42"))
precondition(!buckets.contains("client-42"))
