/// libFuzzer's entry point: decodes `size` bytes at `data` as a stream of replies, whole and in
/// reads of several sizes, on a 256 KiB stack, and stops the process (a finding) when the ways
/// disagree or the stack overflows.
///
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRESPDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let check = RESPDecoderFuzzCheck(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    onSmallStack(size: 256 * 1024) { check.run() }
    return 0
}
