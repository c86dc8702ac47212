/// A ``MemoizationCache`` keyed by the arguments of calls to a function of argument types
/// `Argument…` that returns `Result`: what `@Memoized` stores for each function.
///
///     let distances = ArgumentCache<City, City, Int>(maxSize: 1_024)   // (City, City) -> Int
///     distances.get(ArgumentKey(paris, rome)) { planner.distance(paris, rome) }
public typealias ArgumentCache<each Argument: Hashable & Sendable, Result: Sendable> = MemoizationCache<
    ArgumentKey<repeat each Argument>, Result
>
