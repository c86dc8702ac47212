#if canImport(Glibc)
import Glibc

/// Runs `body` to its end on a new thread whose stack is only `size` bytes, so that recursion
/// the input drives (a chain of a thousand attributes in a 4 KiB input) overflows it, where the
/// main thread's 8 MiB would need inputs far beyond libFuzzer's length limit.
///
/// - Parameters:
///   - size: The stack size in bytes; the decoder's legitimate depth (64 nested aggregates, and
///     `RESPValue`'s recursive description and equality over them) fits in far less.
///   - body: The work.
func onSmallStack(size: Int, _ body: @escaping () -> Void) {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, size)
    let context = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let created = pthread_create(
        &thread,
        &attributes,
        { context in
            let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
            // A stack of its own for signal handlers, so that libFuzzer's handler reports an
            // overflow of this one (and keeps the input) rather than the kernel ending the
            // process without a word.
            let signalStackSize = 64 * 1024
            let signalStack = UnsafeMutableRawPointer.allocate(byteCount: signalStackSize, alignment: 16)
            var alternate = stack_t(ss_sp: signalStack, ss_flags: 0, ss_size: signalStackSize)
            sigaltstack(&alternate, nil)
            box.body()
            var disabled = stack_t(ss_sp: nil, ss_flags: Int32(SS_DISABLE), ss_size: 0)
            sigaltstack(&disabled, nil)
            signalStack.deallocate()
            return nil
        },
        context
    )
    guard created == 0 else { fatalError("pthread_create failed: \(created)") }
    pthread_join(thread, nil)
}

/// The work of ``onSmallStack(size:_:)``, passed to the new thread.
private final class Box {
    /// The work.
    let body: () -> Void

    /// Boxes `body`.
    init(_ body: @escaping () -> Void) {
        self.body = body
    }
}
#else
/// Runs `body` on the current thread: the small stack is set up on Linux only, where CI fuzzes.
///
/// - Parameters:
///   - size: Unused here.
///   - body: The work.
func onSmallStack(size: Int, _ body: @escaping () -> Void) {
    body()
}
#endif
