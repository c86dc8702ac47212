import CacheCore
import CachePolicies
import Memoization
import Testing

/// A type that memoizes its methods per instance, as cachetools' `cachedmethod` does.
final class Pricing: Sendable {
    let markup: Int
    let calls = CallCounter()
    private let quotes = MemoizationCache<ArgumentKey<String, Int>, Int>(maxSize: 16)
    private let remoteQuotes = MemoizationCache<String, Int>(maxSize: 16)

    init(markup: Int) { self.markup = markup }

    func quote(_ item: String, quantity: Int) -> Int {
        quotes.get(ArgumentKey(item, quantity)) {
            calls.record()
            return item.count * quantity + markup
        }
    }

    func remoteQuote(_ item: String) async -> Int {
        await remoteQuotes.value(forKey: item) { [self] in
            calls.record()
            await Task.yield()
            return item.count + markup
        }
    }

    func quoteInfo() -> CacheInfo { quotes.cacheInfo() }
    func quoteClear() { quotes.cacheClear() }
}

@Suite("Method memoization")
struct MethodMemoizationTests {
    @Test func eachInstanceHasItsOwnCache() {
        let retail = Pricing(markup: 100)
        let wholesale = Pricing(markup: 1)
        #expect(retail.quote("apple", quantity: 2) == 110)
        #expect(retail.quote("apple", quantity: 2) == 110)
        #expect(wholesale.quote("apple", quantity: 2) == 11)
        #expect(retail.quoteInfo() == CacheInfo(hits: 1, misses: 1, maxSize: 16, currentSize: 1))
        #expect(wholesale.quoteInfo() == CacheInfo(hits: 0, misses: 1, maxSize: 16, currentSize: 1))
        retail.quoteClear()
        #expect(retail.quoteInfo() == CacheInfo(hits: 0, misses: 0, maxSize: 16, currentSize: 0))
        #expect(wholesale.quoteInfo().currentSize == 1)
    }

    @Test func anInstanceWithMemoizedMethodsIsDeallocated() {
        weak var released: Pricing?
        do {
            let pricing = Pricing(markup: 5)
            released = pricing
            #expect(pricing.quote("pear", quantity: 3) == 17)
            #expect(pricing.quote("pear", quantity: 3) == 17)
        }
        #expect(released == nil)
    }

    @Test func anInstanceIsDeallocatedOnceItsAsyncComputationsFinish() async {
        weak var released: Pricing?
        do {
            let pricing = Pricing(markup: 5)
            released = pricing
            #expect(await pricing.remoteQuote("pear") == 9)
            #expect(await pricing.remoteQuote("pear") == 9)
            #expect(pricing.calls.count == 1)
        }
        // The computation's task holds the instance until the runtime has finished with the
        // task, which may be just after the caller resumes.
        for _ in 0..<1_000 where released != nil { await Task.yield() }
        #expect(released == nil)
    }

    @Test func aMemoizationCacheCanWrapACacheOfYourOwn() {
        let shared = Cache<String, Int>(name: "lengths", maxSize: 4, policy: .fifo)
        shared["preset"] = 99
        let lengths = MemoizationCache(shared)
        #expect(lengths.get("preset") { 0 } == 99)
        #expect(lengths.get("four") { 4 } == 4)
        #expect(shared["four"] == 4)
        #expect(lengths.cacheInfo() == CacheInfo(hits: 2, misses: 1, maxSize: 4, currentSize: 2))
        lengths.cacheClear()
        #expect(shared.isEmpty)
        #expect(shared.stats.hits == 0)
    }
}
