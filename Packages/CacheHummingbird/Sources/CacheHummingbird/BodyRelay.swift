#if Hummingbird
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Hands the parts of a response body, as its writer produces them in a task of its own, to a
/// reader one at a time: the writer waits until the reader takes each part, so a body is never
/// read further ahead than the reader asks for.
final class BodyRelay: Sendable {
    /// One part of the body.
    enum Part: Sendable {
        /// Bytes.
        case bytes(ByteBuffer)
        /// The end, with its trailing headers.
        case end(HTTPFields?)
        /// The body's writer threw.
        case failed(any Error)
    }

    private struct State {
        var offer: (part: Part, writer: CheckedContinuation<Void, any Error>)?
        var reader: CheckedContinuation<Part, Never>?
        var isClosed = false
        var hasEnded = false
    }
    private let state = Mutex(State())
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Starts writing `body` into the relay, in a task of its own.
    init(_ body: ResponseBody) {
        let writing = Task { [self] in
            do {
                try await body.write(Writer(relay: self))
                try await send(.end(nil))
            } catch {
                try? await send(.failed(error))
            }
        }
        task.withLock { $0 = writing }
    }

    /// The next part; `.failed(CancellationError())` when the relay is closed.
    func next() async -> Part {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready: (Part, CheckedContinuation<Void, any Error>?)? = state.withLock { state in
                    if let offer = state.offer {
                        state.offer = nil
                        return (offer.part, offer.writer)
                    }
                    if state.isClosed { return (.failed(CancellationError()), nil) }
                    state.reader = continuation
                    return nil
                }
                if let (part, writer) = ready {
                    writer?.resume()
                    continuation.resume(returning: part)
                }
            }
        } onCancel: {
            close()
        }
    }

    /// Stops the relay: the body's writer is cancelled, and a waiting reader gets a failure.
    func close() {
        let (offer, reader) = state.withLock { state in
            state.isClosed = true
            defer {
                state.offer = nil
                state.reader = nil
            }
            return (state.offer, state.reader)
        }
        offer?.writer.resume(throwing: CancellationError())
        reader?.resume(returning: .failed(CancellationError()))
        task.withLock { $0 }?.cancel()
    }

    /// What ``send(_:)`` found.
    private enum Handover {
        case handed(CheckedContinuation<Part, Never>)
        case queued
        case dropped
        case closed
    }

    /// Hands `part` to the reader, waiting until it takes it; a part after the end is dropped.
    ///
    /// - Throws: `CancellationError` when the relay is closed.
    fileprivate func send(_ part: Part) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let handover: Handover = state.withLock { state in
                if state.isClosed { return .closed }
                if state.hasEnded { return .dropped }
                if case .bytes = part {} else { state.hasEnded = true }
                guard let reader = state.reader else {
                    state.offer = (part, continuation)
                    return .queued
                }
                state.reader = nil
                return .handed(reader)
            }
            switch handover {
            case .handed(let reader):
                reader.resume(returning: part)
                continuation.resume()
            case .queued: break
            case .dropped: continuation.resume()
            case .closed: continuation.resume(throwing: CancellationError())
            }
        }
    }

    private struct Writer: ResponseBodyWriter {
        let relay: BodyRelay

        mutating func write(_ buffer: ByteBuffer) async throws {
            try await relay.send(.bytes(buffer))
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
            try await relay.send(.end(trailingHeaders))
        }
    }
}
#endif
