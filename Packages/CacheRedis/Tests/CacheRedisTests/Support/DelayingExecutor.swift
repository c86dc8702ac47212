#if Redis
import Dispatch

/// A task executor that runs each job a fixed delay after it is enqueued, one at a time: the
/// scheduling a task gets from a cooperative pool that is busy with other work.
final class DelayingExecutor: TaskExecutor {
    private let delay: DispatchTimeInterval
    private let queue = DispatchQueue(label: "DelayingExecutor")

    init(delay: Duration) {
        let (seconds, attoseconds) = delay.components
        self.delay = .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.asyncAfter(deadline: .now() + delay) {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
#endif
