import Memoization
import Testing

@Suite("ArgumentKey")
struct ArgumentKeyTests {
    @Test func keysAreEqualWhenEveryArgumentIs() {
        #expect(ArgumentKey(1, "a", true) == ArgumentKey(1, "a", true))
        #expect(ArgumentKey(1, "a", true) != ArgumentKey(1, "a", false))
        #expect(ArgumentKey(1, "23") != ArgumentKey(12, "3"))
        #expect(ArgumentKey() == ArgumentKey())
        #expect(ArgumentKey(1, "a").hashValue == ArgumentKey(1, "a").hashValue)
    }

    @Test func collidingHashesAreStillDifferentKeys() {
        let keys: Set = [ArgumentKey(CollidingKey(value: -1)), ArgumentKey(CollidingKey(value: -2))]
        #expect(keys.count == 2)
        #expect(ArgumentKey(CollidingKey(value: -1)).hashValue == ArgumentKey(CollidingKey(value: -2)).hashValue)
    }

    @Test func typedKeysCompareDynamicTypes() {
        let one: AnySendableHashable = 1
        let oneAsDouble: AnySendableHashable = 1.0
        #expect(one == oneAsDouble)
        #expect(ArgumentKey(one) == ArgumentKey(oneAsDouble))
        #expect(ArgumentKey(one, typed: true) != ArgumentKey(oneAsDouble, typed: true))
        #expect(ArgumentKey(one, typed: true) == ArgumentKey(AnySendableHashable(1), typed: true))
        #expect(ArgumentKey(one, typed: true) != ArgumentKey(one))
        let typedSet: Set = [ArgumentKey(one, typed: true), ArgumentKey(oneAsDouble, typed: true)]
        #expect(typedSet.count == 2)
    }

    @Test func wrappingTwiceKeepsTheInnerValue() {
        let inner: AnySendableHashable = "x"
        let outer = AnySendableHashable(inner)
        #expect(outer.base as? String == "x")
        #expect(outer.description == "x")
        #expect(AnySendableHashable(true) != AnySendableHashable(1))
    }
}
