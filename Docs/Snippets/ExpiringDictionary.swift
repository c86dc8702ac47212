// Python's expiringdict, on the cache engine: at most `maxLen` entries, each readable for
// `maxAgeSeconds` after it was written. Tests move a `ManualClock` instead of patching time.
import CacheCore
import ExpiringDictCompat

let clock = ManualClock()
// cache = ExpiringDict(max_len=50, max_age_seconds=25)
let cache = try ExpiringDict<String, String>(maxLen: 50, maxAgeSeconds: 25, clock: .manual(clock))
cache["key"] = "value"
clock.advance(by: .seconds(10))
let (value, age) = cache.get("key", withAge: true)  // ("value", 10.0)
let remaining = cache.ttl("key")  // 15.0
clock.advance(by: .seconds(15))
let expired = cache["key"]  // nil: expired
// snippet.hide
precondition(value == "value" && age == 10 && remaining == 15 && expired == nil)
