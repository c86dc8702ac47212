import CacheSimulation
import Foundation
import Testing

@Suite("Trace reader")
struct TraceReaderTests {
    /// A temporary file holding `bytes`, removed after `body`.
    @discardableResult
    func withFile<Result>(_ bytes: [UInt8], _ body: (String) throws -> Result) rethrows -> Result {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("cachesim-\(UInt64.random(in: 0 ... .max)).trace").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    @discardableResult
    func withText<Result>(_ text: String, _ body: (String) throws -> Result) rethrows -> Result {
        try withFile(Array(text.utf8), body)
    }

    /// `gzip.compress(b"7\n0\n18446744073709551615\n7\n", mtime=0)`.
    static let gzipped: [UInt8] = [
        0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x33, 0xE7, 0x32, 0xE0, 0x32, 0xB4, 0x30, 0x31,
        0x31, 0x33, 0x37, 0x31, 0x31, 0x30, 0x37, 0x36, 0x37, 0xB0, 0x34, 0x35, 0x35, 0x34, 0x33, 0x34, 0xE5, 0x32,
        0xE7, 0x02, 0x00, 0xA7, 0xB2, 0xEE, 0x91, 0x1B, 0x00, 0x00, 0x00,
    ]

    @Test func readsPlainText() throws {
        let keys = try withText("7\n0\n18446744073709551615\n7\n") { try TraceReader.readKeys(atPath: $0) }
        #expect(keys == [7, 0, .max, 7])
    }

    @Test func readsGzipWhateverTheName() throws {
        let keys = try withFile(TraceReaderTests.gzipped) { try TraceReader.readKeys(atPath: $0) }
        #expect(keys == [7, 0, .max, 7])
    }

    @Test func readsTheFirstKeysOnly() throws {
        #expect(try withText("1\n2\n3\nnot a key\n") { try TraceReader.readKeys(atPath: $0, limit: 3) } == [1, 2, 3])
        #expect(try withFile(TraceReaderTests.gzipped) { try TraceReader.readKeys(atPath: $0, limit: 2) } == [7, 0])
    }

    @Test func acceptsCRLFAndAMissingLastNewline() throws {
        let keys = try withText("1\r\n2\r\n3") { try TraceReader.readKeys(atPath: $0) }
        #expect(keys == [1, 2, 3])
    }

    @Test(arguments: [
        ("1\n2\nx3\n4\n", 3, "x3"),
        ("1\n\n2\n", 2, ""),
        ("1\n-2\n", 2, "-2"),
        ("1\n2 \n", 2, "2 "),
        ("18446744073709551616\n", 1, "18446744073709551616"),
        ("1\n2\r3\n", 2, "2\r3"),
    ])
    func reportsTheMalformedLine(text: String, line: Int, found: String) {
        withText(text) { path in
            #expect(throws: TraceError.malformedLine(path: path, line: line, text: found)) {
                try TraceReader.readKeys(atPath: path)
            }
        }
    }

    @Test func namesTheLineInItsMessage() {
        let error = TraceError.malformedLine(path: "t.txt", line: 12, text: "abc")
        #expect(
            error.description == "t.txt:12: expected one unsigned 64-bit integer in decimal per line, found \"abc\""
        )
    }

    @Test func refusesAnEmptyTrace() {
        withText("") { path in
            #expect(throws: TraceError.empty(path: path)) { try TraceReader.readKeys(atPath: path) }
        }
        withFile(
            [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x03, 0x00] + [UInt8](repeating: 0, count: 8)
        ) {
            path in
            #expect(throws: TraceError.empty(path: path)) { try TraceReader.readKeys(atPath: path) }
        }
    }

    @Test func refusesAMissingFile() {
        #expect(throws: TraceError.fileNotFound(path: "/nonexistent/trace.txt.gz")) {
            try TraceReader.readKeys(atPath: "/nonexistent/trace.txt.gz")
        }
    }

    @Test func reportsATruncatedGzipFile() {
        withFile(Array(TraceReaderTests.gzipped.prefix(30))) { path in
            do throws(TraceError) {
                _ = try TraceReader.readKeys(atPath: path)
                Issue.record("a truncated gzip file was read")
            } catch {
                guard case .decompressionFailed(let failedPath, let reason) = error else {
                    Issue.record("expected a decompression failure, got \(error)")
                    return
                }
                #expect(failedPath == path)
                #expect(reason.contains("unexpected end of file"), "\(reason)")
            }
        }
    }

    @Test(.enabled(if: TraceFiles.available, "the shared traces are not beside the repository"))
    func readsASharedTrace() throws {
        let keys = try TraceFiles.keys("lirs-gli")
        #expect(keys.count == 6_015)
        #expect(Workload(name: "lirs-gli", keys: keys).distinctKeyCount == 2_529)
    }
}
