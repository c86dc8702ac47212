#if Redis
import NIOCore

/// A command on its way to the server, with the promise of its reply and the instant after
/// which waiting for the reply is given up.
struct RedisRequest: Sendable {
    let command: RedisCommand
    let promise: EventLoopPromise<RESPValue>
    let deadline: NIODeadline
}
#endif
