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
        #expect(try withText("1\n2\n3\n\n") { try TraceReader.readKeys(atPath: $0, limit: 3) } == [1, 2, 3])
        #expect(try withFile(TraceReaderTests.gzipped) { try TraceReader.readKeys(atPath: $0, limit: 2) } == [7, 0])
    }

    @Test func acceptsCRLFAndAMissingLastNewline() throws {
        let keys = try withText("1\r\n2\r\n3") { try TraceReader.readKeys(atPath: $0) }
        #expect(keys == [1, 2, 3])
    }

    @Test func takesNumbersAsTheyAreAndHashesOtherText() throws {
        let keys = try withText("42\nuser:7\n  user:7\t\nUser:7\n-2\n18446744073709551616\n007\n") {
            try TraceReader.readKeys(atPath: $0)
        }
        #expect(keys.count == 7)
        #expect(keys[0] == 42)
        #expect(keys[1] == keys[2], "spaces and tabs around a key do not count")
        #expect(keys[1] != keys[3], "keys are case-sensitive")
        #expect(keys[6] == 7)
        // FNV-1a, 64 bits: the same in every process (unlike Swift's seeded Hasher).
        #expect(keys[1] == TraceFormat.key(of: Array("user:7".utf8)))
        #expect(TraceFormat.key(of: Array("a".utf8)) == 0xAF63_DC4C_8601_EC8C)
        #expect(keys[4] == TraceFormat.key(of: Array("-2".utf8)), "a sign makes it text")
        #expect(keys[5] == TraceFormat.key(of: Array("18446744073709551616".utf8)), "beyond UInt64 is text")
    }

    @Test func readsTheKeyColumnOfCSV() throws {
        // Twitter's cache-trace format: timestamp, key, key size, value size, client, operation, TTL.
        let twitter = """
            0,nz:u:eeW511W3dcH3de3d15ec,76,1,22,get,0
            0,nz:u:eeW511W3dcH3de3d15ec,76,1,22,get,0
            1,42,76,1,22,set,0
            2,nz:u:other,76,1,22,get,0

            """
        let keys = try withText(twitter) {
            try TraceReader.readKeys(atPath: $0, format: TraceFormat(keyColumn: 2))
        }
        #expect(keys == [TraceFormat.key(of: Array("nz:u:eeW511W3dcH3de3d15ec".utf8)), keys[0], 42, keys[3]])
        #expect(keys[3] != keys[0])
        let lastColumn = try withText("a;1\nb;2\r\nc; 3") {
            try TraceReader.readKeys(atPath: $0, format: TraceFormat(keyColumn: 2, delimiter: ";"))
        }
        #expect(lastColumn == [1, 2, 3])
        let firstColumn = try withText("key,size\n5,100\n6,200\n") {
            try TraceReader.readKeys(atPath: $0, format: TraceFormat(keyColumn: 1, skipsHeader: true))
        }
        #expect(firstColumn == [5, 6])
    }

    @Test(arguments: [
        ("1\n2\n\n4\n", 3, ""),
        ("1\n \t\n", 2, " \t"),
        ("\r\n", 1, ""),
    ])
    func reportsALineWithoutAKey(text: String, line: Int, found: String) {
        withText(text) { path in
            #expect(throws: TraceError.malformedLine(path: path, line: line, text: found)) {
                try TraceReader.readKeys(atPath: path)
            }
        }
    }

    @Test func reportsALineWithoutTheKeyColumn() {
        withText("1,a,x\n2,b\n3\n") { path in
            #expect(
                throws: TraceError.missingColumn(path: path, line: 3, column: 2, delimiter: ",", text: "3")
            ) {
                try TraceReader.readKeys(atPath: path, format: TraceFormat(keyColumn: 2))
            }
        }
        withText("1,,x\n") { path in
            #expect(
                throws: TraceError.missingColumn(path: path, line: 1, column: 2, delimiter: ",", text: "1,,x")
            ) {
                try TraceReader.readKeys(atPath: path, format: TraceFormat(keyColumn: 2))
            }
        }
    }

    @Test func namesTheLineInItsMessage() {
        #expect(
            TraceError.malformedLine(path: "t.txt", line: 12, text: "").description
                == "t.txt:12: expected a key (a number or any text) on each line, found \"\""
        )
        #expect(
            TraceError.missingColumn(path: "t.csv", line: 3, column: 2, delimiter: ",", text: "3").description
                == "t.csv:3: expected a key in column 2 of ','-separated fields, found \"3\""
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

    @Test
    func readsATraceOfTheRepository() throws {
        let keys = try TraceFiles.keys("lirs-gli")
        #expect(keys.count == 6_015)
        #expect(Workload(name: "lirs-gli", keys: keys).distinctKeyCount == 2_529)
    }
}
