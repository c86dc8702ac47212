import Foundation

/// Reads a trace: plain or gzip-compressed text, one request per line, its key the whole line or
/// one column of it (``TraceFormat``), such as the traces in `Packages/CacheSimulator/Traces`
/// (one unsigned 64-bit key in decimal per line).
///
/// Both kinds are streamed: the file (or the output of `gzip -dc`, for a file that starts with
/// gzip's magic bytes, whatever its name) is read a megabyte at a time and parsed as it comes,
/// so only the keys are kept. Decompressing in a `gzip` child process rather than in Swift keeps
/// the simulator free of a zlib dependency (no system library target, no headers to install) and
/// lets the decompression run on another core while this process parses; `gzip` is part of every
/// Linux and macOS installation.
public enum TraceReader {
    /// The keys of the trace at `path`.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - format: What a line holds; one key per line by default.
    ///   - limit: Stop after this many keys (the trace's first requests); `nil` reads them all.
    /// - Throws: ``TraceError`` for a missing or unreadable file, a line without a key (with its
    ///   number), a file that `gzip` cannot decompress, or an empty trace.
    /// - Complexity: O(*n*) for a file of *n* bytes.
    public static func readKeys(
        atPath path: String,
        format: TraceFormat = .lines,
        limit: Int? = nil
    ) throws(TraceError) -> [UInt64] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .fileNotFound(path: path)
        }
        let file: FileHandle
        do {
            file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        defer { try? file.close() }
        var parser = TraceParser(path: path, format: format, limit: limit ?? .max)
        let head = try read(file, upToCount: 2, path: path)
        if head.count == 2 && head[head.startIndex] == 0x1F && head[head.startIndex + 1] == 0x8B {
            try GzipProcess.decompress(path: path) { (chunk) throws(TraceError) -> Bool in
                try parser.consume(chunk)
                return !parser.isComplete
            }
        } else {
            try parser.consume(head)
            while !parser.isComplete {
                let chunk = try read(file, upToCount: 1 << 20, path: path)
                if chunk.isEmpty { break }
                try parser.consume(chunk)
            }
        }
        return try parser.finish()
    }

    private static func read(_ file: FileHandle, upToCount count: Int, path: String) throws(TraceError) -> Data {
        do {
            return try file.read(upToCount: count) ?? Data()
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }
}

extension TraceParser {
    /// Parses the next chunk of bytes.
    fileprivate mutating func consume(_ data: Data) throws(TraceError) {
        var failure: TraceError?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Void in
            do throws(TraceError) {
                try consume(bytes)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }
}
