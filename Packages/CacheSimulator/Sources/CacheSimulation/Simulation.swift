import CachePolicies
import Dispatch
import Synchronization

/// Runs many replays — every workload × cache size × policy, and Belady's bound — spread over
/// worker threads.
///
/// Each replay is independent (its own `Cache`; the workloads are shared read-only), so they run
/// in parallel with no effect on each other's hit counts; only the throughput figures feel the
/// neighbours. Longer replays start first, so the workers finish together.
public struct Simulation: Sendable {
    /// One replay to run.
    public struct Job: Sendable {
        /// The workload's position in ``Simulation/workloads``.
        public var workload: Int
        /// The policy, or `nil` for Belady's bound.
        public var policy: CachePolicy?
        /// The cache's capacity in entries.
        public var capacity: Int
    }

    /// How far a run has got, for progress reports.
    public struct Progress: Sendable {
        /// Replays finished.
        public var completed: Int
        /// Replays in the run.
        public var total: Int
        /// The replay that just finished.
        public var latest: ReplayResult
    }

    /// The workloads replayed.
    public var workloads: [Workload]
    /// The replays, in the order results are reported: by workload, then capacity, then OPT
    /// first and the policies in the order given.
    public private(set) var jobs: [Job] = []

    /// Plans a replay of every workload at each of its capacities through every policy.
    ///
    /// - Parameters:
    ///   - workloads: The request streams.
    ///   - capacities: For each workload, its cache sizes in entries.
    ///   - policies: The policies to replay.
    ///   - includesOptimal: Whether to compute Belady's bound for each size too (never for a
    ///     workload with blind writes, where it does not hold).
    public init(workloads: [Workload], capacities: [[Int]], policies: [CachePolicy], includesOptimal: Bool) {
        precondition(capacities.count == workloads.count, "Simulation: one list of capacities per workload")
        self.workloads = workloads
        for (workload, sizes) in capacities.enumerated() {
            for capacity in sizes {
                if includesOptimal && workloads[workload].writes.isEmpty {
                    jobs.append(Job(workload: workload, policy: nil, capacity: capacity))
                }
                for policy in policies { jobs.append(Job(workload: workload, policy: policy, capacity: capacity)) }
            }
        }
    }

    /// Runs every replay on up to `concurrency` threads.
    ///
    /// - Parameters:
    ///   - concurrency: The number of replays at once; the machine's core count is the natural choice.
    ///   - progress: Called after each replay, on the thread that ran it.
    /// - Returns: One result per job, in the order of ``jobs``.
    public func run(
        concurrency: Int,
        progress: (@Sendable (Progress) -> Void)? = nil
    ) -> [ReplayResult] {
        let order = jobs.indices.sorted {
            workloads[jobs[$0].workload].requestCount > workloads[jobs[$1].workload].requestCount
        }
        let results = Mutex<[ReplayResult?]>(Array(repeating: nil, count: jobs.count))
        let nextJob = Atomic<Int>(0)
        let completed = Atomic<Int>(0)
        let total = jobs.count
        DispatchQueue.concurrentPerform(iterations: max(1, min(concurrency, total))) { _ in
            while true {
                let position = nextJob.wrappingAdd(1, ordering: .relaxed).oldValue
                guard position < total else { return }
                let index = order[position]
                let result = replay(jobs[index])
                results.withLock { $0[index] = result }
                let done = completed.wrappingAdd(1, ordering: .relaxed).newValue
                progress?(Progress(completed: done, total: total, latest: result))
            }
        }
        return results.withLock { $0.map { $0! } }
    }

    private func replay(_ job: Job) -> ReplayResult {
        let workload = workloads[job.workload]
        guard let policy = job.policy else { return OptimalReplay.run(workload, capacity: job.capacity) }
        return Replay.run(
            workload.keys,
            writes: workload.writes,
            policy: policy,
            capacity: job.capacity,
            workload: workload.name
        )
    }
}
